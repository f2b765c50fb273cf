// Entry point of the generate action (dist/generate/index.js).
import { runCommand } from './run-command.js'
import { startAction } from './start.js'

if (await startAction()) await runCommand('generate')
