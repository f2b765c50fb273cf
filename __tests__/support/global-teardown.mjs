// Fails the run when its temporary directory is not empty once every test
// file has ended (each file's own folder is checked and removed by
// environment.mjs, so what is here escaped that check: a crashed worker, a
// global setup, a process still running), or when something appeared in the
// watched places outside it. Prints what is left, removes the directory, and
// hands the failure to results-processor.mjs, which counts it in the result
// (jest's exit code and its --json output, which .ci/run's closing line reads).
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { RUN_TMPDIR_VAR, appearedSince, describeEntries, HOW_TO_CLEAN, run } from './hygiene.mjs'

export default function globalTeardown() {
  if (!run.tmpdir) return
  const lines = []
  const left = readdirSync(run.tmpdir)
  if (left.length > 0) {
    lines.push(`Left in the run's temporary directory ${run.tmpdir} (a folder named after a test file is that file's):`)
    for (const name of left) {
      let inside = []
      try {
        inside = readdirSync(join(run.tmpdir, name))
      } catch {
        // a file
      }
      // a test file's own folder (environment.mjs names it after the file): what is in it
      lines.push(
        ...(inside.length > 0 ? describeEntries(join(run.tmpdir, name), inside) : describeEntries(run.tmpdir, [name]))
      )
    }
  }
  const outside = appearedSince(run.watched)
  if (outside.length > 0) lines.push('Written outside the temporary directory during the run:', ...outside)
  rmSync(run.tmpdir, { recursive: true, force: true, maxRetries: 3 })
  if (run.savedTmpdir === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = run.savedTmpdir
  delete process.env[RUN_TMPDIR_VAR]
  run.tmpdir = undefined
  if (lines.length > 0) {
    run.leftovers = [...lines, HOW_TO_CLEAN]
    process.stderr.write(`\n✕ The test run did not leave the machine as it found it.\n${run.leftovers.join('\n')}\n\n`)
  }
}
