// Entry point of the root action (dist/main/index.js): command = auto | validate | generate.
import { getChoice } from './inputs.js'
import { reportFailure } from './report.js'
import { runCommand } from './run-command.js'
import { startAction } from './start.js'

let command: 'auto' | 'validate' | 'generate' | undefined
if (await startAction()) {
  try {
    command = getChoice('command', ['auto', 'validate', 'generate'] as const, 'auto')
  } catch (error) {
    await reportFailure(error)
  }
}
if (command) await runCommand(command)
