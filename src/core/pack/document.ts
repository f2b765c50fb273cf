// One document's packed prompt: baseline → changes → directive → the text
// the model is shown. Shared by generate and the CLI's `pack`.
import type { Git } from '../io/git.js'
import type { Log } from '../log.js'
import type { PromptFile } from '../types.js'
import { LazyFetchError } from '../io/git.js'
import { findBaseline, unreadable, type Baseline } from './baseline.js'
import { detectChanges, type ChangeSet } from './changes.js'
import { decideDirective, type DirectiveName } from './directive.js'
import { packPrompt } from './packed-prompt.js'
import type { Override, SourceLimit } from './source-diff.js'
import { requestStyle, type UpdateStyle } from './update-style.js'

/** The stage and prompt a packed prompt is made for (a planned document fits). */
export interface PackTarget {
  stage: { name: string }
  prompt: PromptFile
}

export interface PackedDocument {
  baseline: Baseline
  changes: ChangeSet
  directive: DirectiveName
  line: string
  /** what `packed` asks for: edits to the previous draft, or the whole document */
  style: UpdateStyle
  packed: string
  /** the prompt body, for packing the same document in the other style */
  body: string
}

/** What the model is shown for one document: baseline → changes → directive → packed prompt. */
export async function packDocument(
  git: Git,
  doc: PackTarget,
  options: {
    overrides?: Map<string, Override>
    force: boolean
    log: Log
    baselineRev?: string
    /**
     * the baseline found when this document was packed before in the same run
     * (packed again once an upstream was rewritten): used as it is, and not
     * announced again
     */
    baseline?: Baseline
    /** REFRESH whatever changed, with this reason (a hand-edited document under `hand-edits: regenerate`) */
    refresh?: string
    /** how much source text the document may read (the run's budget) */
    sourceLimit?: Omit<SourceLimit, 'promptPath'>
    /** the document was edited by hand: its previous draft is the text on disk, committed or not */
    draftOnDisk?: boolean
    /** the `update-style` setting (default rewrite: the whole document) */
    updateStyle?: UpdateStyle
  }
): Promise<PackedDocument> {
  const output = doc.prompt.out
  let baseline = options.baseline ?? (await findAndAnnounce(git, doc, options))
  const changesSince = (since: Baseline): Promise<ChangeSet> =>
    detectChanges(git, {
      promptPath: doc.prompt.path,
      body: doc.prompt.body,
      deps: doc.prompt.deps,
      output,
      baseline: since,
      overrides: options.overrides,
      sourceLimit: options.sourceLimit,
      draftOnDisk: options.draftOnDisk
    })
  let changes: ChangeSet
  try {
    changes = await changesSince(baseline)
  } catch (error) {
    // A partial clone could not fetch the baseline's contents: the full current sources, said plainly.
    if (!(error instanceof LazyFetchError) || !baseline.rev) throw error
    baseline = unreadable(output, error)
    options.log.warn(`${output}: ${baseline.note}`)
    changes = await changesSince(baseline)
  }
  let { directive, line } = decideDirective(changes)
  if (options.refresh && directive !== 'GENERATE') {
    directive = 'REFRESH'
    line = `REFRESH (${options.refresh})`
  } else if (directive === 'MAINTAIN' && options.force) {
    // A forced run asks for a fresh text even though nothing changed.
    directive = 'REFRESH'
    line = 'REFRESH (forced: rewrite from the current sources and instructions)'
  }
  const style = requestStyle(directive, options.updateStyle ?? 'rewrite')
  const packed = packPrompt({ body: doc.prompt.body, changes, directive: { directive, line }, style })
  return { baseline, changes, directive, line, style, packed, body: doc.prompt.body }
}

/** The same document packed for a whole-document rewrite (the fallback when edits do not apply). */
export function packedForRewrite(doc: PackedDocument): PackedDocument {
  if (doc.style === 'rewrite') return doc
  const { body, changes, directive, line } = doc
  return { ...doc, style: 'rewrite', packed: packPrompt({ body, changes, directive: { directive, line } }) }
}

/** The document's baseline, its note (why it is what it is) logged once, when it is found. */
async function findAndAnnounce(
  git: Git,
  doc: PackTarget,
  options: { log: Log; baselineRev?: string }
): Promise<Baseline> {
  const output = doc.prompt.out
  const baseline: Baseline = options.baselineRev
    ? {
        rev: options.baselineRev,
        source: 'output',
        note: `diffing against ${options.baselineRev.slice(0, 12)}, the tree this run generated from before the rebase`
      }
    : await findBaseline(git, { output, name: doc.stage.name })
  // a note that names the document already reads as a sentence of its own
  const note = baseline.note?.startsWith(output) ? baseline.note : `${output}: ${baseline.note}`
  if (baseline.note && baseline.degraded) options.log.warn(note)
  else if (baseline.note) options.log.info(note)
  return baseline
}
