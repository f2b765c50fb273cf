// Fixture of hygiene.test.ts (run by a jest of its own, not by the suite): a
// file that keeps to the rules. Its folders come from the helpers, and the
// action's output is captured: it passes, and leaves nothing.
import * as core from '@actions/core'
import { expect, test } from '@jest/globals'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname } from 'node:path'
import { captureOutput } from '../../support/capture.js'
import { TestRepo } from '../../support/repo.js'
import { scratchDir } from '../../support/scratch.js'

const output = captureOutput()

test('its temporary directory is its own, and the helpers make their folders there', () => {
  expect(basename(tmpdir())).toMatch(/^project_hygiene-fixtures_clean\.fixture\.ts-/)
  const dir = scratchDir('graft-kept-until-the-end')
  const repo = TestRepo.create({ 'a.md': 'a\n' })
  repo.commit('a')
  const origin = repo.addOrigin()
  for (const path of [dir, repo.root, origin]) {
    expect(existsSync(path)).toBe(true)
    expect(dirname(path)).toBe(tmpdir())
  }
})

test("the action's workflow commands stay in the test's buffer", () => {
  core.setSecret('hunter2')
  core.error('broken', { file: 'a.md' })
  expect(output.commands()).toEqual(['::add-mask::hunter2', '::error file=a.md::broken'])
})
