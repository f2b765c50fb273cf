// Counts a failure of the run's global teardown (global-teardown.mjs: files
// left behind) in jest's result: one failed suite, so the exit code, the
// --json output and .ci/run's closing line "N passed, N failed" all say so.
import { addResult, buildFailureTestResult } from '@jest/test-result'
import { join } from 'node:path'
import { PROJECT_ROOT, run } from './hygiene.mjs'

export default function resultsProcessor(results) {
  if (run.leftovers.length === 0) return results
  const message = `The test run left files behind:\n${run.leftovers.join('\n')}`
  const error = new Error(message)
  error.stack = message
  const result = buildFailureTestResult(join(PROJECT_ROOT, '__tests__', 'support', 'global-teardown.mjs'), error)
  result.failureMessage = message
  addResult(results, result)
  results.numTotalTestSuites += 1
  results.success = false
  run.leftovers = []
  return results
}
