// Entry point of the generate action (dist/generate/index.js).
import { runCommand } from './run-command.js'

await runCommand('generate')
