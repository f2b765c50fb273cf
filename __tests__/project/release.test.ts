// The release script (scripts/release.mjs, what .github/workflows/release.yml
// runs on a pushed vX.Y.Z tag), run on a project clone with a bare origin and
// the loopback GitHub API: the tag checks refuse a bad tag, a version mismatch,
// a missing or undated CHANGELOG section, a tag that is not the checked-out
// commit and a dist/ that differs from the fresh build, each saying what to do;
// a dry run writes nothing; publishing creates the release with the CHANGELOG
// section and moves the major tag, and never moves it back to an older release.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../support/action-runner.js'
import { GitHubServer } from '../support/github-server.js'
import { GIT_ENV, TestRepo } from '../support/repo.js'

const SCRIPT = join(PROJECT_ROOT, 'scripts', 'release.mjs')
const REPOSITORY = 'acme/graft-action'
const BUNDLE = 'dist/cli/index.js'

interface Run {
  code: number
  stdout: string
  stderr: string
}

const changelog = (sections: string): string =>
  `# Changelog\n\nReleases are tagged vX.Y.Z; v1 follows the newest v1 release.\n\n${sections}`
const SECTION_123 = '## 1.2.3 — 2026-12-01\n\n- validate: faster\n- generate: clearer errors\n\n'
const SECTION_122 = '## 1.2.2 — 2026-11-01\n\n- a fix\n\n'

describe('scripts/release.mjs', () => {
  let project: TestRepo
  let origin: string
  let github: GitHubServer

  beforeEach(async () => {
    project = TestRepo.create(
      {
        'package.json': `${JSON.stringify({ name: 'graft-action', version: '1.2.3' }, null, 2)}\n`,
        'CHANGELOG.md': changelog(SECTION_123 + SECTION_122),
        [BUNDLE]: 'console.log("bundle")\n'
      },
      'graft-release-'
    )
    project.commit('release 1.2.3')
    origin = project.addOrigin()
    github = await GitHubServer.start()
    github.addRepository(REPOSITORY, origin)
  })
  afterEach(async () => {
    await github.close()
    project.cleanup()
    new TestRepo(origin).cleanup()
  })

  function release(...args: string[]): Promise<Run> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [SCRIPT, ...args],
        {
          cwd: project.root,
          env: {
            ...process.env,
            ...GIT_ENV,
            GITHUB_API_URL: github.url,
            GITHUB_REPOSITORY: REPOSITORY,
            GITHUB_TOKEN: 'ghs_release'
          }
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
      )
    })
  }

  /** Tags HEAD and pushes the tag, as a maintainer does. */
  function tag(name: string): string {
    project.git('tag', name)
    project.git('push', '-q', 'origin', `refs/tags/${name}`)
    return project.head()
  }
  const originTag = (name: string): string =>
    new TestRepo(origin).git('rev-parse', '--verify', '--quiet', `refs/tags/${name}^{commit}`).trim()

  describe('check refuses, saying what to do', () => {
    it.each([
      ['1.2.3', /"1\.2\.3" is not a release tag: releases are tagged vMAJOR\.MINOR\.PATCH/],
      ['v1.2', /"v1\.2" is not a release tag/],
      ['v1.2.3-rc.1', /is not a release tag/]
    ])('a tag that is not vX.Y.Z: %s', async (name, said) => {
      const r = await release('check', name)
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(said)
    })

    it('a tag whose version package.json does not have', async () => {
      tag('v1.2.4')
      const r = await release('check', 'v1.2.4')
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('the tag says 1.2.4 but package.json says 1.2.3')
      expect(r.stderr).toContain('npm version 1.2.4 --no-git-tag-version')
    })

    it('a version CHANGELOG.md has no section for, or marks unreleased', async () => {
      project.write({ 'CHANGELOG.md': changelog(SECTION_122) })
      project.commit('changelog without 1.2.3')
      tag('v1.2.3')
      const missing = await release('check', 'v1.2.3')
      expect(missing.code).toBe(1)
      expect(missing.stderr).toContain('CHANGELOG.md has no section for 1.2.3')

      project.write({ 'CHANGELOG.md': changelog('## 1.2.3 — unreleased\n\n- soon\n\n' + SECTION_122) })
      const unreleased = await release('check', 'v1.2.3')
      expect(unreleased.code).toBe(1)
      expect(unreleased.stderr).toContain('CHANGELOG.md still marks 1.2.3 unreleased')
    })

    it('a tag that is not the checked-out commit', async () => {
      const tagged = tag('v1.2.3')
      project.write({ 'notes.txt': 'later\n' })
      project.commit('a later commit')
      const r = await release('check', 'v1.2.3')
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(`v1.2.3 is ${tagged.slice(0, 12)}, but the checked-out commit is`)
    })

    it('a dist/ that differs from the fresh build (a changed bundle, a new chunk)', async () => {
      tag('v1.2.3')
      // what `npm run bundle` leaves when the committed dist/ was built from other sources
      project.write({ [BUNDLE]: 'console.log("rebuilt")\n', [BUNDLE.replace('index.js', '12.index.js')]: 'x\n' })
      const r = await release('check', 'v1.2.3')
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('dist/ differs from a fresh build of the tagged sources')
      expect(r.stderr).toContain(BUNDLE)
      expect(r.stderr).toContain('npm ci && npm run bundle')
    })
  })

  it('check passes a consistent tag; notes print its CHANGELOG section', async () => {
    tag('v1.2.3')
    const r = await release('check', 'v1.2.3')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('dist/ matches the fresh build')
    const notes = await release('notes', '1.2.3')
    expect(notes.stdout).toBe('- validate: faster\n- generate: clearer errors\n')
  })

  it('publish --dry-run: says what it would create and move, and writes nothing', async () => {
    project.git('tag', 'v1', 'HEAD~0')
    project.git('push', '-q', 'origin', 'refs/tags/v1')
    const before = originTag('v1')
    project.write({ 'CHANGELOG.md': changelog('## 1.2.4 — 2026-12-05\n\n- one more fix\n\n' + SECTION_123) })
    project.write({ 'package.json': `${JSON.stringify({ name: 'graft-action', version: '1.2.4' }, null, 2)}\n` })
    project.commit('release 1.2.4')
    const sha = tag('v1.2.4')
    const r = await release('publish', 'v1.2.4', '--dry-run')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Would create the release v1.2.4')
    expect(r.stdout).toContain('  - one more fix')
    expect(r.stdout).toContain(`Would move v1 from ${before.slice(0, 12)} to v1.2.4 (${sha.slice(0, 12)})`)
    expect(github.requests.every((q) => q.method === 'GET')).toBe(true)
    expect(github.releases).toEqual([])
    expect(originTag('v1')).toBe(before)
  })

  it('publish: the release with its CHANGELOG section, the major tag created, then moved; a re-run changes nothing', async () => {
    const first = tag('v1.2.3')
    const r = await release('publish', 'v1.2.3')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(github.releases).toEqual([
      expect.objectContaining({
        repository: REPOSITORY,
        tag_name: 'v1.2.3',
        name: 'v1.2.3',
        body: '- validate: faster\n- generate: clearer errors',
        target_sha: first
      })
    ])
    expect(originTag('v1')).toBe(first)
    expect(github.requests.every((q) => q.authorization === 'Bearer ghs_release')).toBe(true)

    project.write({ 'CHANGELOG.md': changelog('## 1.3.0 — 2026-12-06\n\n- update styles\n\n' + SECTION_123) })
    project.write({ 'package.json': `${JSON.stringify({ name: 'graft-action', version: '1.3.0' }, null, 2)}\n` })
    project.commit('release 1.3.0')
    const second = tag('v1.3.0')
    expect((await release('publish', 'v1.3.0')).stdout).toContain(
      `Moved v1 from ${first.slice(0, 12)} to v1.3.0 (${second.slice(0, 12)})`
    )
    expect(originTag('v1')).toBe(second)

    const again = await release('publish', 'v1.3.0')
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('The release v1.3.0 exists already: left as it is.')
    expect(again.stdout).toContain('v1 is at v1.3.0')
    expect(github.releases).toHaveLength(2)
    expect(originTag('v1')).toBe(second)
  })

  it('publish of an older patch (v1.2.4 after v1.3.0) releases it but leaves v1 on the newest', async () => {
    project.write({ 'package.json': `${JSON.stringify({ name: 'graft-action', version: '1.3.0' }, null, 2)}\n` })
    project.write({ 'CHANGELOG.md': changelog('## 1.3.0 — 2026-12-06\n\n- update styles\n\n' + SECTION_123) })
    project.commit('release 1.3.0')
    const newest = tag('v1.3.0')
    expect((await release('publish', 'v1.3.0')).code).toBe(0)
    // a fix on the 1.2 line, tagged on another commit
    project.git('checkout', '-q', '-b', 'release-1.2', 'HEAD~1')
    project.write({ 'package.json': `${JSON.stringify({ name: 'graft-action', version: '1.2.4' }, null, 2)}\n` })
    project.write({ 'CHANGELOG.md': changelog('## 1.2.4 — 2026-12-07\n\n- a backported fix\n\n' + SECTION_123) })
    project.commit('release 1.2.4')
    tag('v1.2.4')
    const r = await release('publish', 'v1.2.4')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('v1 stays where it is: v1.3.0 is newer than v1.2.4.')
    expect(github.releases.map((x) => x.tag_name)).toEqual(['v1.3.0', 'v1.2.4'])
    expect(originTag('v1')).toBe(newest)
  })
})
