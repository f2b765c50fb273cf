// The bot commit's message: a subject a reviewer can scan, one line per file
// with the directive that produced it, and trailers that tie the commit to the
// run that made it. The `Generated-by` trailer is what the loop guard reads.
// File names are the repository's: an output named `fixes #12.md` or
// `@org/team.md` must not close issue 12 when the commit lands, reference it,
// or mention anyone, so their references are broken (core/references.ts); and
// a character that hides or reorders what a reviewer reads (a bidi override,
// a line separator) is shown as an escape, as everywhere repository text is shown.
import { inertLine } from '../references.js'

/** Trailer key and value that mark a commit as the action's own regeneration. */
export const GENERATED_BY_TRAILER = 'Generated-by'
export const GENERATED_BY_VALUE = 'graft-action'
export interface CommitMessageInput {
  /** each regenerated output with its directive (GENERATE, UPDATE, MAINTAIN, …); `forced` when it was not stale */
  documents: { output: string; directive: string; forced?: boolean }[]
  /** pipeline files written alongside: dvc.lock, dvc.yaml */
  extraFiles: string[]
  /** the commit the workflow ran for */
  triggerSha: string
  /** what changed in dvc.yaml to bring it in line with the prompts (a stage removed, added…), in words */
  pipelineChanges?: string[]
}

export function commitMessage({ documents, extraFiles, triggerSha, pipelineChanges = [] }: CommitMessageInput): string {
  const subject =
    documents.length === 0 && pipelineChanges.length > 0
      ? 'docs: bring dvc.yaml and dvc.lock in line with the prompts'
      : `docs: regenerate ${countWords(documents)}`
  const lines = [
    ...documents.map((d) => `- ${inertLine(d.output)} (${d.directive})`),
    ...extraFiles.map((f) => `- ${inertLine(f)}`)
  ]
  // the changes name stages and prompts: repository text, whose references are broken as the files' are
  const pipeline =
    pipelineChanges.length > 0
      ? ['dvc.yaml brought in line with the prompts:', ...pipelineChanges.map((c) => `- ${inertLine(c)}`)].join('\n')
      : ''
  const trailers = [`Triggered-by: ${triggerSha}`, `${GENERATED_BY_TRAILER}: ${GENERATED_BY_VALUE}`]
  const paragraphs = [subject, lines.join('\n'), pipeline, trailers.join('\n')].filter((p) => p !== '')
  return `${paragraphs.join('\n\n')}\n`
}

/** "2 stale documents", "1 document (forced)", "3 documents (2 stale, 1 forced)": a forced document was not stale. */
function countWords(documents: { forced?: boolean }[]): string {
  const n = documents.length
  const forced = documents.filter((d) => d.forced).length
  const noun = `document${n === 1 ? '' : 's'}`
  if (forced === 0) return `${n} stale ${noun}`
  if (forced === n) return `${n} ${noun} (forced)`
  return `${n} ${noun} (${n - forced} stale, ${forced} forced)`
}
