// The job summary is built to fit the runner's 1 MiB (measured in bytes): every
// section of a big run (the stale table, the generate table, the publishing
// lines, a failure) fits, each table shortened with its most important rows first.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { failureSummary, SUMMARY_MAX_BYTES, writeSummary } from '../../src/action/report.js'
import { generateBlocks, validateSummary } from '../../src/action/markdown.js'
import { own } from '../../src/action/gfm.js'
import type { StaleDocument } from '../../src/core/types.js'
import { hazards, tables, visibleText } from '../support/gfm-judge.js'

describe('writeSummary', () => {
  let dir: string
  let saved: string | undefined
  // one file for the suite: @actions/core's summary keeps the path it first read
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'graft-summary-'))
    saved = process.env.GITHUB_STEP_SUMMARY
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary.md')
  })
  beforeEach(() => writeFileSync(process.env.GITHUB_STEP_SUMMARY!, ''))
  afterAll(() => {
    if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY
    else process.env.GITHUB_STEP_SUMMARY = saved
    rmSync(dir, { recursive: true, force: true })
  })
  const summary = () => readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')

  it.each([1200, 6000])(
    '%i documents, stale then generated, then publishing lines and a failure: under 1 MiB, every section there',
    async (n) => {
      const stale: StaleDocument[] = Array.from({ length: n }, (_, i) => ({
        stage: `stage_${i}`,
        outputs: [`docs/a-long-folder-name/${i}/document-with-a-long-name-${i}.md`],
        reasons: [{ kind: 'changed-dep', path: `src/${i}.ts`, text: `dep src/${i}.ts modified` }]
      }))
      await writeSummary(validateSummary({ stale, engine: 'native', checked: n, targeted: false }))
      const rows = stale.map((d, i) => ({
        output: d.outputs[0],
        directive: 'UPDATE',
        reasons: [d.reasons[0].text],
        inputTokens: 1000,
        outputTokens: 100,
        ms: 1000,
        cached: false,
        rendered: i % 2 === 0,
        promptChars: 5000,
        modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        costUsd: 0.0045
      }))
      await writeSummary([own`### 📝 Graft generate\n`, ...generateBlocks(rows, false)])
      await writeSummary(own`\nPushed 0123abc to \`main\`.\n`)
      await writeSummary(
        failureSummary(Array.from({ length: n }, (_, i) => ({ file: `docs/${i}.prompt.md`, message: `problem ${i}` })))
      )
      const text = summary()
      console.log(`${n} documents: summary ${Buffer.byteLength(text)} bytes`)
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES)
      expect(hazards(text, { emphasis: true, blocks: ['heading', 'list', 'listItem'] })).toEqual([])
      const [staleTable, generateTable] = tables(text)
      expect(staleTable.length).toBeGreaterThan(100)
      expect(generateTable.length).toBeGreaterThan(100)
      // regenerated documents first
      const outcomes = generateTable.slice(1, -1).map((r) => r[6])
      expect(outcomes.lastIndexOf('rendered')).toBeLessThan(outcomes.indexOf('kept (no call)') >>> 0)
      const shown = visibleText(text)
      const left = n - (staleTable.length - 1)
      if (left > 0) expect(shown).toContain(`… and ${left} more (see the log).`)
      else expect(shown).not.toContain('more (see the log)')
      expect(shown).toContain('Pushed 0123abc to main.')
      expect(shown).toContain(`Graft: ${n} problem(s)`)
      // every problem fits after 1,200 documents; after 6,000 the list is shortened too
      expect(/… and \d+ more \(see the annotations and the log\)\./.test(shown)).toBe(n === 6000)
    }
  )
})
