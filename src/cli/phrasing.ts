// The core's messages in the terms of a person at a terminal: settings are
// command-line options, history and working tree come from git.
import type { Phrasing, SettingName } from '../core/phrasing.js'

/** Options whose name differs from the action input's. */
const OPTION: Partial<Record<SettingName, string>> = { 'aws-region': '--region', 'working-directory': '-C' }

export const cliPhrasing: Phrasing = {
  setting: (name, value) => {
    if (name === 'targets')
      return value === undefined ? 'targets (output paths or stage names after the command)' : `the target ${value}`
    const option = OPTION[name] ?? `--${name}`
    return value === undefined ? option : `${option} ${value}`
  },
  folder: (dir) => `-C ${dir}`,
  fullHistory: 'fetch the full history (git fetch --unshallow)',
  workingTree: 'run it inside a git clone',
  regenerate: 'run graft-action generate'
}
