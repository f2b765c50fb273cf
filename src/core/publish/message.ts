// The bot commit's message: a subject a reviewer can scan, one line per file
// with the directive that produced it, and trailers that tie the commit to the
// run that made it. The `Generated-by` trailer is what the loop guard reads.

/** Trailer key and value that mark a commit as the action's own regeneration. */
export const GENERATED_BY_TRAILER = 'Generated-by'
export const GENERATED_BY_VALUE = 'graft-action'
/** Subject pattern, for commits whose trailers were lost (e.g. squashed by hand). */
export const SUBJECT_PATTERN = /^docs: regenerate \d+ stale documents?$/

export interface CommitMessageInput {
  /** each regenerated output with its directive (GENERATE, UPDATE, MAINTAIN, …) */
  documents: { output: string; directive: string }[]
  /** pipeline files written alongside: dvc.lock, dvc.yaml */
  extraFiles: string[]
  /** the commit the workflow ran for */
  triggerSha: string
}

export function commitMessage({ documents, extraFiles, triggerSha }: CommitMessageInput): string {
  const n = documents.length
  const subject = `docs: regenerate ${n} stale document${n === 1 ? '' : 's'}`
  const lines = [
    ...documents.map((d) => `- ${d.output} (${d.directive})`),
    ...extraFiles.map((f) => `- ${f}`)
  ]
  const trailers = [`Triggered-by: ${triggerSha}`, `${GENERATED_BY_TRAILER}: ${GENERATED_BY_VALUE}`]
  const paragraphs = [subject, lines.join('\n'), trailers.join('\n')].filter((p) => p !== '')
  return `${paragraphs.join('\n\n')}\n`
}
