// GitHub shows 10 annotations of each kind per step and drops the rest without a word
// (actions/toolkit#734; bullfrogsec/bullfrog#3): warnings past the tenth are log lines, said to be warnings.
import { describe, expect, it } from '@jest/globals'
import { actionLog } from '../../src/action/report.js'
import { captureOutput } from '../support/capture.js'

const output = captureOutput()

describe('actionLog.warn', () => {
  it('12 warnings in one step: the first 10 are annotations, the other 2 log lines that say "Warning:"', () => {
    for (let i = 1; i <= 12; i++) actionLog.warn(`document ${i}: a warning`)
    const warnings = output.commands().filter((c) => c.startsWith('::warning::'))
    expect(warnings).toHaveLength(10)
    expect(warnings[9]).toBe('::warning::document 10: a warning')
    const lines = output.stdout.split('\n')
    expect(lines).toContain('Warning: document 11: a warning')
    expect(lines).toContain('Warning: document 12: a warning')
  })
})
