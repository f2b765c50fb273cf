// Fixture of hygiene.test.ts: a file that writes past its own temporary
// directory, into the run's and into the runner user's cache, where only the
// run's global teardown can see it.
import { expect, test } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

test('writes outside its own folder', () => {
  const run = process.env.GRAFT_TEST_RUN_TMPDIR ?? ''
  expect(run).not.toBe('')
  writeFileSync(join(run, 'stray-file'), 'x')
  const cache = join(process.env.HOME ?? '', '.cache', 'graft-action', 'render')
  mkdirSync(cache, { recursive: true })
  writeFileSync(join(cache, 'left.md'), 'x')
})
