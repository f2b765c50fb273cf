// Entry point of the validate action (dist/validate/index.js).
import { readValidateInputs } from './inputs.js'
import { reportFailure } from './report.js'
import { failIfStale, runValidate } from './run-validate.js'
import { endRun } from './run-end.js'

try {
  const inputs = readValidateInputs()
  failIfStale(await runValidate(inputs), inputs.failOnStale)
} catch (error) {
  await reportFailure(error)
}
endRun()
