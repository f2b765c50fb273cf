// `graft-action validate`: the same verdicts as the action, in a terminal.
import { resolve } from 'node:path'
import { describeEngine, documentsChecked, validate } from '../core/validate/validate.js'
import { parseDownstream, parseEngineChoice } from '../core/settings.js'
import { DEFAULT_DOWNSTREAM, DEFAULT_HAND_EDITS } from '../core/defaults.js'
import { leftStale } from '../core/generate/left-stale.js'
import { printLeftStale } from './terminal-log.js'
import { parseHandEditPolicy } from '../core/validate/hand-edits.js'
import { dvcOnPath } from './dvc-locator.js'
import { parseTargetList } from '../core/pipeline/targets.js'
import { asUsage, parseCommandLine } from './args.js'
import { terminalLog } from './terminal-log.js'
import { COMMON_ROWS, helpPage } from './help.js'
import { out } from './style.js'
import { jsonOutput } from './json-output.js'
import { escapeLog } from '../core/log.js'

export const validateHelp = (): string =>
  helpPage({
    usage: 'graft-action validate [options] [targets...]',
    about: 'Reports which generated documents are stale, and why.',
    sections: [
      {
        heading: 'Options',
        rows: [
          ['--engine <auto|native|dvc>', 'staleness engine (default auto: dvc when on PATH, else native)'],
          ['--json', 'print a JSON report on stdout (on failure too: the problems)'],
          ['--fail-on-stale', 'exit with status 1 when anything is stale'],
          [
            '--downstream <include|report>',
            'with targets: also check what reads them (include, the default),\nor only the targets (report)'
          ],
          [
            '--hand-edits <keep|regenerate|fail>',
            'a document edited by hand: fail exits with status 1 naming each one;\nkeep and regenerate report it as stale (default keep)'
          ],
          ...COMMON_ROWS
        ]
      }
    ]
  })

export async function validateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine<{
    engine: string
    json: boolean
    'fail-on-stale': boolean
    downstream: string
    'hand-edits': string
    cwd: string
    help: boolean
  }>('validate', argv, {
    engine: { type: 'string', default: 'auto' },
    json: { type: 'boolean', default: false },
    'fail-on-stale': { type: 'boolean', default: false },
    downstream: { type: 'string', default: DEFAULT_DOWNSTREAM },
    'hand-edits': { type: 'string', default: DEFAULT_HAND_EDITS },
    cwd: { type: 'string', short: 'C', default: '.' }
  })
  if (values.help) {
    process.stdout.write(validateHelp())
    return 0
  }
  const engine = asUsage(() => parseEngineChoice(values.engine, '--engine'))
  const downstream = asUsage(() => parseDownstream(values.downstream, '--downstream'))
  const handEdits = asUsage(() => parseHandEditPolicy(values['hand-edits'], '--hand-edits'))
  const report = await validate({
    handEdits,
    root: resolve(values.cwd),
    engine,
    targets: positionals.flatMap((p) => parseTargetList(p)),
    downstream,
    log: terminalLog(values.json),
    dvc: dvcOnPath
  })
  if (values.json) {
    process.stdout.write(
      jsonOutput({
        ok: true,
        engine: report.engine,
        is_stale: report.stale.length > 0,
        stale_files: report.stale.flatMap((d) => d.outputs),
        stale_stages: report.stale.map((d) => d.stage),
        left_stale: leftStale(report, []).flatMap((d) => d.outputs),
        problems: [],
        stale: report.stale
      })
    )
  } else if (report.stale.length === 0) {
    process.stdout.write(
      `${out.ok(`All ${documentsChecked(report)} document(s) are up to date`)} (${describeEngine(report.engine)}).\n`
    )
  } else {
    process.stdout.write(
      `${out.stale(`${report.stale.length} stale document(s)`)} (${describeEngine(report.engine)}):\n`
    )
    for (const d of report.stale) {
      process.stdout.write(`  ${out.bold(escapeLog(d.outputs.join(', ')))}  ${out.dim(`[${escapeLog(d.stage)}]`)}\n`)
      for (const r of d.reasons) process.stdout.write(`      - ${escapeLog(r.text)}\n`)
    }
  }
  if (!values.json) printLeftStale(leftStale(report, []), 'are stale')
  return values['fail-on-stale'] && report.stale.length > 0 ? 1 : 0
}
