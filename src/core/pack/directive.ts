// Which of Graft's five actions the model must take, from what changed.

import type { ChangeSet } from './changes.js'

export type DirectiveName = 'GENERATE' | 'UPDATE' | 'REFINE' | 'REFRESH' | 'MAINTAIN'

export interface Directive {
  directive: DirectiveName
  /** the word, then a short reason in parentheses: the CHANGE ANALYSIS "Action required" line */
  line: string
}

const REASONS: Record<DirectiveName, string> = {
  GENERATE: 'no previous draft; write the document from the sources',
  UPDATE: 'sources changed, instructions did not; carry the source changes into the draft',
  REFINE: 'instructions changed, sources did not; apply the instruction changes to the draft',
  REFRESH: 'sources and instructions both changed; apply both to the draft',
  MAINTAIN: 'nothing changed; return the previous draft unchanged'
}

type Evidence = Pick<ChangeSet, 'sourcesChanged' | 'promptChanged' | 'previousDraft'>

export function decideDirective(changes: Evidence): Directive {
  const directive = pick(changes)
  return { directive, line: directiveLine(directive) }
}

/** The standard "Action required" line for a directive. */
export function directiveLine(directive: DirectiveName): string {
  return `${directive} (${REASONS[directive]})`
}

function pick(changes: Evidence): DirectiveName {
  if (!changes.previousDraft?.trim()) return 'GENERATE'
  if (changes.sourcesChanged && changes.promptChanged) return 'REFRESH'
  if (changes.promptChanged) return 'REFINE'
  if (changes.sourcesChanged) return 'UPDATE'
  return 'MAINTAIN'
}
