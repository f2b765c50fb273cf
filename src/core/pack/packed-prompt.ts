// The one text the model receives, in Graft's section layout: SYSTEM, CHANGE
// ANALYSIS, then the USER part with the draft, the source diff and the
// instructions between BEGIN/END markers.
import type { ChangeSet } from './changes.js'
import { directiveLine, type Directive, type DirectiveName } from './directive.js'
import { EDITS_SYSTEM_TEXT, SYSTEM_TEXT } from './system-text.js'
import type { UpdateStyle } from './update-style.js'

export interface PackInput {
  /** the prompt's current body */
  body: string
  changes: ChangeSet
  /** a decision from decideDirective (its line is used as is), or just the word (standard line) */
  directive: Directive | DirectiveName
  /** the standing instructions; defaults to the project's own for `style` */
  system?: string
  /** what the model is asked to reply: the whole document (default) or edits to the previous draft */
  style?: UpdateStyle
}

export function packPrompt(input: PackInput): string {
  const { changes, directive } = input
  const body = input.body.trim()
  const sections = [
    `SYSTEM:\n${input.system ?? (input.style === 'edits' ? EDITS_SYSTEM_TEXT : SYSTEM_TEXT)}`,
    changeAnalysis(changes, directive),
    `USER:\n${block('PREVIOUS DRAFT', changes.previousDraft ?? '')}`,
    block('SOURCE DIFF', changes.sourceDiff)
  ]
  if (changes.promptChanged && changes.promptDiff) {
    sections.push(block('PROMPT DIFF', changes.promptDiff), block('CURRENT INSTRUCTIONS', body))
  } else {
    sections.push(block('INSTRUCTIONS', body))
  }
  return `${sections.join('\n\n')}\n`
}

function changeAnalysis(changes: ChangeSet, directive: Directive | DirectiveName): string {
  const line = typeof directive === 'string' ? directiveLine(directive) : directive.line
  return [
    'CHANGE ANALYSIS:',
    `- Source files: ${changes.sourcesChanged ? 'CHANGED' : 'NO CHANGES'}`,
    `- Prompt instructions: ${changes.promptChanged ? 'CHANGED' : 'NO CHANGES'}`,
    `- Previous draft: ${changes.previousDraft ? 'EXISTS' : 'NONE'}`,
    `- Action required: ${line}`
  ].join('\n')
}

/** A marked block; a trailing line break (LF or CRLF) of the content is not doubled before the END marker. */
function block(name: string, content: string): string {
  const text = content.replace(/\r?\n$/, '')
  return `---BEGIN ${name}---\n${text}\n---END ${name}---`
}
