// The pack step: baseline → changes → directive → the packed prompt.
export { findBaseline, type Baseline, type BaselineOptions, type BaselineStage } from './baseline.js'
export { detectChanges, type ChangeInput, type ChangeSet, type Override } from './changes.js'
export { decideDirective, directiveLine, type Directive, type DirectiveName } from './directive.js'
export { packPrompt, type PackInput } from './packed-prompt.js'
export { SYSTEM_TEXT } from './system-text.js'
export type { DeepenStep } from './shallow.js'
