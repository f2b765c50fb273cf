// One command of the action from inputs to outputs: validate, generate, or
// auto (validate, then generate when something is stale).
import * as core from '@actions/core'
import { readGenerateInputs, readValidateInputs } from './inputs.js'
import { reportFailure } from './report.js'
import { failIfStale, runValidate } from './run-validate.js'
import { runGenerate } from './run-generate.js'

export async function runCommand(command: 'auto' | 'validate' | 'generate'): Promise<void> {
  try {
    if (command === 'validate') {
      const inputs = readValidateInputs()
      failIfStale(await runValidate(inputs), inputs.failOnStale)
      return
    }
    const inputs = readGenerateInputs()
    const report = await runValidate(inputs)
    if (report.stale.length === 0 && !inputs.force) {
      core.setOutput('generated_files', '[]')
      core.info('Every targeted document is up to date: nothing to generate.')
      return
    }
    await runGenerate(inputs, report)
  } catch (error) {
    await reportFailure(error)
  }
}
