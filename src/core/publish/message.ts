// The bot commit's message: a subject a reviewer can scan, one line per file
// with the directive that produced it, and trailers that tie the commit to the
// run that made it. The `Generated-by` trailer is what the loop guard reads.
// File names are the repository's: an output named `fixes #12.md` or
// `@org/team.md` must not close issue 12 when the commit lands, reference it,
// or mention anyone, so their references are broken (core/references.ts).
import { breakReferences } from '../references.js'

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
}

export function commitMessage({ documents, extraFiles, triggerSha }: CommitMessageInput): string {
  const subject = `docs: regenerate ${countWords(documents)}`
  const lines = [
    ...documents.map((d) => `- ${breakReferences(d.output)} (${d.directive})`),
    ...extraFiles.map((f) => `- ${breakReferences(f)}`)
  ]
  const trailers = [`Triggered-by: ${triggerSha}`, `${GENERATED_BY_TRAILER}: ${GENERATED_BY_VALUE}`]
  const paragraphs = [subject, lines.join('\n'), trailers.join('\n')].filter((p) => p !== '')
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
