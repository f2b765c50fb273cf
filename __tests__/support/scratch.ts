// Scratch folders for tests: a fresh folder under the test file's own
// temporary directory, removed when the file has run (after its afterAll
// hooks). Every helper that makes a folder makes it here, so a test cannot
// forget to remove it; what else is left in the temporary directory when the
// file ends fails the file (see environment.mjs).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** What environment.mjs puts on the test's global object: it removes what is registered. */
interface ScratchRegistry {
  add(path: string): void
}

const REGISTRY = '__graftScratch'

function registry(): ScratchRegistry {
  const found = (globalThis as Record<string, unknown>)[REGISTRY] as ScratchRegistry | undefined
  if (!found) {
    throw new Error(
      'scratchDir() needs the test environment in __tests__/support/environment.mjs ' +
        "(jest.config.js sets it as every project's testEnvironment)"
    )
  }
  return found
}

/** A new empty folder `<tmpdir>/<prefix>-XXXXXX`, removed after the test file. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`))
  registry().add(dir)
  return dir
}
