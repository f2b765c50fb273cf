// Everything the action shows the user: step outputs, the job summary, and
// annotations on the files that need fixing.
import * as core from '@actions/core'
import { GraftError } from '../core/errors.js'
import { annotationPath } from './inputs.js'
import { escapeLog, type Log } from '../core/log.js'
import type { StaleDocument } from '../core/types.js'
import type { LeftStale } from '../core/generate/left-stale.js'
import { leftStaleMarkdown } from './markdown.js'
import { stat } from 'node:fs/promises'
import { annotationTitle, code, fit, own, summaryBytes, text, type Block, type Markdown } from './gfm.js'

export function setStaleOutputs(stale: StaleDocument[]): void {
  core.setOutput('is_stale', stale.length > 0 ? 'true' : 'false')
  core.setOutput('stale_files', JSON.stringify(stale.flatMap((d) => d.outputs)))
  core.setOutput('stale_stages', JSON.stringify(stale.map((d) => d.stage)))
}

/**
 * What a targeted run leaves stale outside its targets: the `left_stale`
 * output, a warning naming each document, and a summary section. Says
 * nothing (and outputs `[]`) when it leaves nothing.
 */
export async function reportLeftStale(left: LeftStale[], after: 'validate' | 'generate'): Promise<void> {
  core.setOutput('left_stale', JSON.stringify(left.flatMap((d) => d.outputs)))
  if (left.length === 0) return
  const list = left.map((d) => `${d.outputs.join(', ')} (${d.why})`).join('; ')
  annotate(
    'warning',
    `${left.length} document(s) outside the targets ${after === 'generate' ? 'are stale after this run' : 'are stale'}: ${list}. ` +
      'Run without targets, or with `downstream: include`, to bring them up to date.',
    { title: 'Documents left stale' }
  )
  await writeSummary(leftStaleMarkdown(left))
}

/** Where an annotation points, and its title. */
export interface AnnotationPlace {
  title: string
  file?: string
  line?: number
}

/**
 * GitHub shows 10 annotations of each level per step (and 50 per job); the
 * rest are dropped without a word (actions/toolkit#734).
 */
export const ANNOTATIONS_PER_STEP = 10

/**
 * Of those, what a list of annotations (stale documents, a failure's
 * problems) may take: the rest stays for the action's own lines that come
 * after it (the step's failure, "Pull-request comment skipped").
 */
const LIST_ANNOTATIONS = ANNOTATIONS_PER_STEP - 2

const annotated = { error: 0, warning: 0, notice: 0 }

/**
 * An annotation. Its message goes through the log's escaper, its title is
 * plain text (one visible line, through the renderer's annotationTitle;
 * @actions/core escapes both for the workflow command), its file a repository
 * path shown relative to the workspace.
 */
export function annotate(level: 'error' | 'warning' | 'notice', message: string, where: AnnotationPlace): void {
  annotated[level]++
  core[level](escapeLog(message), {
    file: annotationPath(where.file),
    startLine: where.line,
    title: annotationTitle(where.title)
  })
}

/**
 * Annotations of one kind, as many as GitHub shows: when they do not all fit
 * in what is left of the step's ANNOTATIONS_PER_STEP, the last place shown
 * says how many more there are and where (`more(n)`), and those are printed
 * to the log as plain lines, each with its file and line.
 */
export function annotateAll(
  level: 'error' | 'warning' | 'notice',
  items: readonly { message: string; where: AnnotationPlace }[],
  more: (left: number) => { message: string; title: string }
): void {
  const room = Math.max(0, LIST_ANNOTATIONS - annotated[level])
  const shown = items.length <= room ? items.length : Math.max(0, room - 1)
  items.slice(0, shown).forEach((a) => annotate(level, a.message, a.where))
  const rest = items.slice(shown)
  if (rest.length === 0) return
  if (room > 0) {
    const m = more(rest.length)
    annotate(level, m.message, { title: m.title })
  }
  for (const a of rest) {
    const at = a.where.file ? `${annotationPath(a.where.file)}${a.where.line ? `:${a.where.line}` : ''}: ` : ''
    actionLog.info(`${a.where.title}: ${at}${a.message}`)
  }
}

/**
 * The runner drops a step's summary whole when it is over 1 MiB: everything
 * the action writes stays under this, with a margin.
 */
export const SUMMARY_MAX_BYTES = 960 * 1024

let summaryFailed = false

/**
 * Appends a section to the job summary, shortened to fit what is left of
 * SUMMARY_MAX_BYTES (measured in bytes, as the runner does): a section with
 * rows may take half of what is left, so the sections after it (the generate
 * table after the stale table, the publishing lines, a failure) still fit.
 * The summary is a courtesy: a file the step may not write (a self-hosted
 * runner's container job with another user, a folder gone) is said once, as a
 * warning, and never fails the run; the report is in the log and outputs.
 */
export async function writeSummary(section: Markdown | readonly Block[]): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file || summaryFailed) return
  const used = await stat(file).then(
    (s) => s.size,
    () => 0
  )
  const blocks = typeof section === 'string' ? [section] : section
  const room = SUMMARY_MAX_BYTES - used - 1
  if (room < 256) return
  const limit = blocks.some((b) => typeof b === 'object') ? Math.floor(room / 2) : room
  try {
    await core.summary.addRaw(fit(blocks, limit, summaryBytes), true).write()
  } catch (error) {
    summaryFailed = true
    core.summary.emptyBuffer()
    actionLog.warn(
      `The job summary could not be written (${(error as Error).message.split('\n')[0]}); the report is in this log and the step's outputs.`
    )
  }
}

/** Reports a failure: one annotation per problem, a summary, and a failed step. */
export async function reportFailure(error: unknown): Promise<void> {
  if (error instanceof GraftError) {
    annotateAll(
      'error',
      error.problems.map((p) => ({
        message: p.hint ? `${p.message}\nWhat to do: ${p.hint}` : p.message,
        where: { file: p.file, line: p.line, title: 'graft-action' }
      })),
      (n) => ({
        message: `${n} more problem(s) are not shown as annotations (GitHub shows ${ANNOTATIONS_PER_STEP} per step): this step's log and the job summary list them`,
        title: 'graft-action'
      })
    )
    await writeSummary(failureSummary(error.problems)).catch(() => undefined)
    core.setFailed(`${error.problems.length} problem(s) must be fixed (see the annotations above)`)
    return
  }
  const message = error instanceof Error ? error.message : String(error)
  core.setFailed(escapeLog(message))
}

/** The failure's problems as a list (file and line as code, message and hint as text), shortened to fit. */
export function failureSummary(problems: GraftError['problems']): Block[] {
  return [
    {
      head: own`### ❌ Graft: ${problems.length} problem(s)\n`,
      rows: problems.map((p) => {
        const where = p.file ? own`${code(`${p.file}${p.line ? `:${p.line}` : ''}`)}: ` : own``
        const hint = p.hint ? own` — ${text(p.hint)}` : own``
        return own`- ${where}${text(p.message)}${hint}`
      }),
      more: (n) => own`- _… and ${n} more (see the annotations and the log)._`
    }
  ]
}

/** Maps the core's Log onto the Actions log. */
export const actionLog: Log = {
  // Every line the action prints goes through escapeLog: repository content can never form a workflow command.
  info: (m: string) => core.info(escapeLog(m)),
  // warnings past what GitHub shows stay in the log, said to be warnings
  warn: (m: string) =>
    ++annotated.warning <= ANNOTATIONS_PER_STEP ? core.warning(escapeLog(m)) : core.info(escapeLog(`Warning: ${m}`)),
  group: <T>(name: string, fn: () => Promise<T>) => core.group(escapeLog(name), fn)
}
