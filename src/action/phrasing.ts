// The core's messages in a workflow author's terms: settings are the action's
// inputs, history and working tree come from the checkout step.
import { relative, sep } from 'node:path'
import type { Phrasing } from '../core/phrasing.js'

export const actionPhrasing: Phrasing = {
  setting: (name, value) => (value === undefined ? `the \`${name}\` input` : `\`${name}: ${value}\``),
  folder: (dir, top) => `\`working-directory: ${relative(top, dir).split(sep).join('/') || '.'}\``,
  fullHistory:
    'check out with `fetch-depth: 0` (actions/checkout), or give the action a `token` that may read the repository',
  workingTree: 'check the repository out first (actions/checkout)',
  regenerate: "run the action's generate"
}
