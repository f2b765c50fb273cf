// What changed for one document since its baseline: the sources, the prompt's
// instructions, and what the previous draft was. Read-only: nothing on disk moves.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff'
import { isAbsolute, posix } from 'node:path'
import type { Git } from '../io/git.js'
import { GraftError } from '../errors.js'
import { RepoPathChecker } from '../repo/resolver.js'
import type { Baseline } from './baseline.js'
import { stripLeadingHeaders } from './header-rev.js'
import { promptBody } from './prompt-body.js'
import { sourceDiff, type Override, type SourceLimit } from './source-diff.js'

export type { Override } from './source-diff.js'

export interface ChangeInput {
  /** the prompt file, repository-relative */
  promptPath: string
  /** the prompt's current body (after the frontmatter) */
  body: string
  /** the prompt's frontmatter deps (the prompt itself is ignored if listed) */
  deps: string[]
  /** the output path, repository-relative */
  output: string
  baseline: Baseline
  /** deps rewritten earlier in this run (upstream outputs): their new text */
  overrides?: Map<string, Override>
  /** how much source text the document may read (default: MAX_SOURCE_BYTES) */
  sourceLimit?: Omit<SourceLimit, 'promptPath'>
  /**
   * the previous draft is the output as it is on disk, not as committed: a
   * hand-edited document regenerated from the hand-edited text (an edit not yet
   * committed, at a terminal, is that text too)
   */
  draftOnDisk?: boolean
}

export interface ChangeSet {
  /** unified diff since the baseline, or the deps' whole text (see sourcesChanged) */
  sourceDiff: string
  sourcesChanged: boolean
  /** diff of the prompt body, when it changed and had an earlier, non-empty version */
  promptDiff?: string
  promptChanged: boolean
  /** the output as committed at HEAD, without its header line; absent when none or empty */
  previousDraft?: string
}

export async function detectChanges(git: Git, input: ChangeInput): Promise<ChangeSet> {
  const deps = input.deps.filter((d) => d !== input.promptPath)
  refuseOutsidePaths(input.promptPath, deps)
  const previousDraft = await committedDraft(git, input.output, input.draftOnDisk)
  // Without a previous draft there is nothing the diff could be applied to: the model writes
  // the document from the sources, so it is shown their whole text (as for a never-generated one).
  const source = await sourceDiff(
    git,
    deps,
    previousDraft === undefined ? undefined : input.baseline.rev,
    input.overrides,
    input.sourceLimit && { ...input.sourceLimit, promptPath: input.promptPath }
  )
  const prompt = await promptChange(git, input)
  return {
    sourceDiff: source.text,
    sourcesChanged: source.changed,
    ...prompt,
    ...(previousDraft === undefined ? {} : { previousDraft })
  }
}

/** Git refuses such paths, and the model must never be shown files from outside the repository. */
function refuseOutsidePaths(promptPath: string, deps: string[]): void {
  const outside = deps.filter((d) => isAbsolute(d) || posix.normalize(d.replace(/\\/g, '/')).split('/')[0] === '..')
  if (outside.length === 0) return
  throw new GraftError(
    outside.map((dep) => ({
      file: promptPath,
      message: `dep ${dep} is outside the repository`,
      hint: 'list deps as paths relative to the repository root, inside it'
    }))
  )
}

/**
 * The body at the baseline against the body now, both trimmed: frontmatter-only
 * edits (model, deps) are not instructions. A prompt that did not exist at the
 * baseline counts as unchanged, as in Graft.
 */
async function promptChange(git: Git, input: ChangeInput): Promise<Pick<ChangeSet, 'promptChanged' | 'promptDiff'>> {
  const before = input.baseline.rev ? await git.show(input.baseline.rev, input.promptPath) : undefined
  if (before === undefined) return { promptChanged: false }
  const old = promptBody(before).trim()
  const now = input.body.trim()
  if (old === now) return { promptChanged: false }
  if (old === '') return { promptChanged: true }
  const diff = createTwoFilesPatch(
    `a/${input.promptPath}`,
    `b/${input.promptPath}`,
    `${old}\n`,
    `${now}\n`,
    undefined,
    undefined,
    {
      context: 3,
      headerOptions: FILE_HEADERS_ONLY
    }
  )
  return { promptChanged: true, promptDiff: diff }
}

/**
 * The output at HEAD (the working tree's only with `onDisk`, read through the
 * resolver) minus its leading Graft header lines;
 * undefined when nothing else is left. Graft writes the header twice when the model
 * returns only a header line (Graft's own docs/configuration.md at c3e6db5 holds two
 * header lines and nothing else): such a file is no draft.
 */
async function committedDraft(git: Git, output: string, onDisk = false): Promise<string | undefined> {
  const text = onDisk ? new RepoPathChecker(git.cwd).readText(output, 'output') : await git.show('HEAD', output)
  if (text === undefined) return undefined
  const draft = stripLeadingHeaders(text)
  return draft.trim() === '' ? undefined : draft
}
