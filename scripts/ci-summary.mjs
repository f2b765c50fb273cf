// CI's closing line: `N passed, N failed` summed over jest's --json result
// files (and .ci/run's own checks, written in the same shape). A suite that
// failed to run counts as a failure: a test file whose environment check
// failed (files left behind, workflow commands in jest's output) and the run's
// global teardown (see __tests__/support/results-processor.mjs) are counted
// there. A result file jest never wrote (it crashed) is one failure. Exits 1
// when anything failed or nothing ran.
//
//   node scripts/ci-summary.mjs [--label NAME] RESULT.json…
import { readFileSync } from 'node:fs'

/** Passed and failed counts of jest --json results; an unreadable file is one failure. */
export function summarize(files) {
  let passed = 0
  let failed = 0
  let total = 0
  for (const file of files) {
    let r
    try {
      r = JSON.parse(readFileSync(file, 'utf8'))
    } catch {
      failed += 1 // jest crashed before writing its result
      continue
    }
    passed += r.numPassedTests
    failed += r.numFailedTests + r.numRuntimeErrorTestSuites
    total += r.numTotalTests
  }
  return { passed, failed, total }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2)
  const label = args[0] === '--label' ? `${args[1]}: ` : ''
  const files = args[0] === '--label' ? args.slice(2) : args
  const { passed, failed, total } = summarize(files)
  console.log(`${label}${passed} passed, ${failed} failed`)
  if (total === 0 || failed > 0) process.exit(1)
}
