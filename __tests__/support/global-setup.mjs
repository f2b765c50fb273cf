// The run's temporary directory: a fresh folder that TMPDIR names for the
// whole run (jest's workers and every subprocess inherit it; each test file
// gets its own folder inside, see environment.mjs). global-teardown.mjs fails
// the run when anything is left in it, or in the places outside it that the
// code writes to (hygiene.mjs, watchedPaths). Plain JavaScript: jest loads
// global hooks untransformed.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RUN_TMPDIR_VAR, run, snapshotPaths, watchedPaths } from './hygiene.mjs'

export default function globalSetup() {
  run.savedTmpdir = process.env.TMPDIR
  run.tmpdir = mkdtempSync(join(tmpdir(), 'graft-jest-run-'))
  run.watched = snapshotPaths(watchedPaths())
  run.leftovers = []
  process.env.TMPDIR = run.tmpdir
  process.env[RUN_TMPDIR_VAR] = run.tmpdir
  // When the suite itself runs in GitHub Actions, GITHUB_WORKSPACE is this project's checkout, where
  // .ci/run puts the tests' DVC (.venv-dvc/bin): the code under test takes no program from inside the
  // workspace (io/which.ts), so the suite's processes run as outside a workflow; each test that runs the
  // action gives it a workspace of its own (support/action-runner.ts).
  delete process.env.GITHUB_WORKSPACE
}
