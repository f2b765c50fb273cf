// Everything the action shows the user: step outputs, the job summary, and
// annotations on the files that need fixing.
import * as core from '@actions/core'
import { GraftError } from '../core/errors.js'
import { annotationPath } from './inputs.js'
import { escapeLog, type Log } from '../core/log.js'
import type { StaleDocument } from '../core/types.js'
import type { LeftStale } from '../core/generate/left-stale.js'
import { leftStaleMarkdown } from './markdown.js'

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
  core.warning(
    escapeLog(
      `${left.length} document(s) outside the targets ${after === 'generate' ? 'are stale after this run' : 'are stale'}: ${list}. ` +
        'Run without targets, or with `downstream: include`, to bring them up to date.'
    ),
    { title: 'Documents left stale' }
  )
  await writeSummary(leftStaleMarkdown(left))
}

export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(markdown, true).write()
}

/** Reports a failure: one annotation per problem, a summary, and a failed step. */
export async function reportFailure(error: unknown): Promise<void> {
  if (error instanceof GraftError) {
    for (const p of error.problems) {
      const text = p.hint ? `${p.message}\nWhat to do: ${p.hint}` : p.message
      core.error(text, { file: annotationPath(p.file), startLine: p.line, title: 'graft-action' })
    }
    await writeSummary(
      `### ❌ Graft: ${error.problems.length} problem(s)\n\n` +
        error.problems
          .map(
            (p) =>
              `- ${p.file ? `\`${p.file}${p.line ? `:${p.line}` : ''}\`: ` : ''}${p.message}${p.hint ? ` — ${p.hint}` : ''}`
          )
          .join('\n') +
        '\n'
    ).catch(() => undefined)
    core.setFailed(`${error.problems.length} problem(s) must be fixed (see the annotations above)`)
    return
  }
  const message = error instanceof Error ? error.message : String(error)
  core.setFailed(message)
}

/** Maps the core's Log onto the Actions log. */
export const actionLog: Log = {
  // Every line the action prints goes through escapeLog: repository content can never form a workflow command.
  info: (m: string) => core.info(escapeLog(m)),
  warn: (m: string) => core.warning(escapeLog(m)),
  group: <T>(name: string, fn: () => Promise<T>) => core.group(escapeLog(name), fn)
}
