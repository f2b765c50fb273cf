// Fixture of hygiene.test.ts: a file that leaves two folders in its temporary
// directory, one made by hand, one named as the code under test names its own.
import { expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

test('makes folders and forgets them', () => {
  const forgotten = mkdtempSync(join(tmpdir(), 'forgotten-'))
  mkdirSync(join(forgotten, 'inside'))
  mkdirSync(join(tmpdir(), 'graft-index-Ab12Cd'))
  expect(forgotten).toContain(tmpdir())
})
