// The rolling pull request's title: plain text to GitHub, built from the branch's name.
import { describe, expect, it } from '@jest/globals'
import { rollingPullRequestTitle } from '../../src/action/publish.js'

describe('rollingPullRequestTitle', () => {
  it("shows a bidi override or line separator of the branch's name as an escape, and breaks its references", () => {
    // git refuses control characters in a branch name, not these: U+202E reorders the title a reviewer reads
    const title = rollingPullRequestTitle('release/\u202eniam\u2028fixes #12')
    expect(title).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u2028\u2029]/)
    expect(title).toContain('release/\\u202eniam\\u2028fixes #\u200b12')
  })
})
