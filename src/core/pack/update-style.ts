// What a document with a previous draft asks the model for: `edits` to the
// draft (Converse tool use; every untouched byte stays as it was) or the whole
// document again (`rewrite`). A document without a draft (GENERATE) is always
// written whole; MAINTAIN makes no call.
import { parseChoice } from '../settings.js'
import type { DirectiveName } from './directive.js'

export type UpdateStyle = 'edits' | 'rewrite'
export const UPDATE_STYLES: readonly UpdateStyle[] = ['edits', 'rewrite']

/**
 * How one document's request is made: its directive under the `update-style`
 * setting. UPDATE, REFINE and REFRESH have a draft to edit; GENERATE has none.
 */
export function requestStyle(directive: DirectiveName, setting: UpdateStyle): UpdateStyle {
  return setting === 'edits' && (directive === 'UPDATE' || directive === 'REFINE' || directive === 'REFRESH')
    ? 'edits'
    : 'rewrite'
}

/**
 * The setting as typed ("input update-style", "--update-style").
 * @throws GraftError naming the label and the choices
 */
export function parseUpdateStyle(raw: string, label: string): UpdateStyle {
  return parseChoice(
    raw,
    UPDATE_STYLES,
    label,
    'edits: UPDATE, REFINE and REFRESH ask the model for edits to the previous draft (a whole-document rewrite only when they do not apply); rewrite: the model writes every document whole'
  )
}
