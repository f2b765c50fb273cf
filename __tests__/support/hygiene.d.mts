// Types of hygiene.mjs (plain JavaScript, loaded untransformed by jest) for the tests that use it.
export const PROJECT_ROOT: string
export const RUN_TMPDIR_VAR: string
export function workflowCommandLines(text: string): string[]
export function defang(text: string): string
export function productionPrefixes(): Map<string, string[]>
