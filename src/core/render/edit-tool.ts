// The one tool of edit mode: `edit_document`, whose input is the list of edits
// to the previous draft. The request forces it (toolChoice), so the reply is
// structured data, never prose to parse. Reading its input is strict: anything
// but a list of {old_text, new_text} string pairs is refused with the reason.
import type { Edit } from './edits.js'
import { RenderError, errorFacts, type CallContext, type ErrorFacts } from './errors.js'

export const EDIT_TOOL_NAME = 'edit_document'

/**
 * Stop reasons Bedrock gives a tool call the model botched (the SDK's
 * StopReason): like a reply cut off, edits that cannot be applied.
 */
export const MALFORMED_STOPS: ReadonlySet<string> = new Set(['malformed_tool_use', 'malformed_model_output'])

/** A tool as Converse declares it (toolSpec). */
export interface ToolSpec {
  name: string
  description: string
  /** JSON Schema of the tool's input */
  schema: Record<string, unknown>
}

export const EDIT_TOOL: ToolSpec = {
  name: EDIT_TOOL_NAME,
  description:
    'Apply edits to the previous draft of the document. Each old_text is copied exactly from the previous draft ' +
    'and occurs there exactly once; the edits do not overlap; an empty list means the draft is already right.',
  schema: {
    type: 'object',
    properties: {
      edits: {
        type: 'array',
        description: 'The edits, in order; empty when the previous draft needs no change.',
        items: {
          type: 'object',
          properties: {
            old_text: {
              type: 'string',
              description:
                'Text copied exactly from the previous draft (every character, whitespace and line breaks included), long enough to occur there exactly once.'
            },
            new_text: { type: 'string', description: 'What replaces old_text (empty to delete it).' }
          },
          required: ['old_text', 'new_text']
        }
      }
    },
    required: ['edits']
  }
}

/**
 * The characters a tool adds to a request (its name, description and schema as
 * JSON), which Bedrock counts as input: where a call's tokens are counted from
 * characters, and reserved before it, they count with the prompt's.
 */
export function toolChars(tool: ToolSpec | undefined): number {
  return tool === undefined ? 0 : JSON.stringify([tool.name, tool.description, tool.schema]).length
}

export type EditsRead = { ok: true; edits: Edit[] } | { ok: false; reason: string }

/**
 * The edits in the tool's input (the JSON text the stream delivered in pieces).
 * `edits` given as a JSON string holding the list is read as that list (models
 * sometimes encode a nested value so); any other shape is refused.
 */
export function readEdits(input: string): EditsRead {
  let value: unknown
  try {
    value = JSON.parse(input)
  } catch (error) {
    // where it broke, never the model's text itself (it reaches logs and comments)
    const message = (error as Error).message
    const at = /position (\d+)/.exec(message)?.[1]
    const where = at ? ` (at character ${at})` : /end of JSON/i.test(message) ? ' (it ends early)' : ''
    return { ok: false, reason: `the ${EDIT_TOOL_NAME} input is not valid JSON${where}` }
  }
  let list = (value as { edits?: unknown } | null)?.edits
  if (typeof list === 'string') {
    try {
      list = JSON.parse(list)
    } catch {
      // reported below as not a list
    }
  }
  if (typeof value !== 'object' || value === null || !Array.isArray(list))
    return { ok: false, reason: `the ${EDIT_TOOL_NAME} input has no list of edits` }
  const edits: Edit[] = []
  for (const [i, item] of list.entries()) {
    const pair = item as { old_text?: unknown; new_text?: unknown } | null
    if (
      typeof pair !== 'object' ||
      pair === null ||
      typeof pair.old_text !== 'string' ||
      typeof pair.new_text !== 'string'
    )
      return { ok: false, reason: `edit ${i + 1} is not an {old_text, new_text} pair of strings` }
    edits.push({ oldText: pair.old_text, newText: pair.new_text })
  }
  return { ok: true, edits }
}

/**
 * Bedrock refused the request because the model takes no tools (a
 * ValidationException that names tool use, e.g. "This model doesn't support
 * tool use in streaming mode." or "…doesn't support the toolConfig.toolChoice.tool field").
 */
export function refusesToolUse(f: ErrorFacts): boolean {
  return f.name === 'ValidationException' && /\btool/i.test(f.message)
}

/** The model cannot be asked for edits: the caller rewrites the whole document instead. */
export class ToolUseRefused extends RenderError {
  /** Bedrock's own words */
  readonly said: string

  constructor(cause: unknown, context: CallContext, attempts: number) {
    const f = errorFacts(cause)
    super(
      'fatal',
      context,
      `Bedrock refused tool use for this model (${f.name}: ${f.message})`,
      'set `update-style: rewrite` for this model, or use a Claude model, which takes tools',
      f.requestId,
      attempts,
      'document'
    )
    this.name = 'ToolUseRefused'
    this.said = f.message
  }
}
