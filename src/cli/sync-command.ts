// `graft-action sync`: dvc.yaml (and dvc.lock) brought in line with the prompts,
// as Graft's own sync does. The rules live in the core (pipeline/sync.ts); this
// prints what changed, or with --check what would, and exits 1 if anything would.
import { resolve } from 'node:path'
import { escapeLog } from '../core/log.js'
import { describeSyncChange, planSync, writeSync } from '../core/pipeline/sync.js'
import { parseCommandLine } from './args.js'
import { COMMON_ROWS, helpPage } from './help.js'

/** A change in words, its repository names (prompts, stages) through the log's escaper: they reach a terminal or a CI log. */
const describe = (c: Parameters<typeof describeSyncChange>[0], mood: 'would' | 'did'): string =>
  escapeLog(describeSyncChange(c, mood))

export const syncHelp = (): string =>
  helpPage({
    usage: 'graft-action sync [options]',
    about:
      'Rewrites dvc.yaml from the *.prompt.md files: a stage for each new prompt (in\n' +
      "the repository's own command template), the deps of each prompt's stage as its\n" +
      'frontmatter says, and no stage - and no dvc.lock entry - for a prompt that is\n' +
      'gone. Everything else in both files stays as written. Calls no model.',
    sections: [
      {
        heading: 'Options',
        rows: [['--check', 'write nothing; list what would change and exit 1 if anything would'], ...COMMON_ROWS]
      }
    ]
  })

export async function syncCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandLine<{ check: boolean; cwd: string; help: boolean }>('sync', argv, {
    check: { type: 'boolean', default: false },
    cwd: { type: 'string', short: 'C', default: '.' }
  })
  if (values.help) {
    process.stdout.write(syncHelp())
    return 0
  }
  const root = resolve(values.cwd)
  const plan = await planSync(root)
  if (plan.changes.length === 0) {
    process.stdout.write('dvc.yaml is in sync with the prompts; nothing to change.\n')
    return 0
  }
  if (values.check) {
    process.stdout.write('dvc.yaml is out of sync with the prompts; "graft-action sync" would:\n')
    for (const c of plan.changes) process.stdout.write(`  ${describe(c, 'would')}\n`)
    return 1
  }
  await writeSync(root, plan)
  for (const c of plan.changes) process.stdout.write(`${describe(c, 'did')}\n`)
  process.stdout.write(`Wrote ${plan.files.map((f) => f.path).join(' and ')}.\n`)
  return 0
}
