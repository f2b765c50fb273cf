// How the core's messages name what the user can change. One core serves two
// adapters: in a workflow a setting is an action input (`concurrency: 2`), in a
// terminal a command-line option (--concurrency 2); a missing history is fixed
// in the checkout step there and with git here. Each entry point installs its
// adapter's phrasing once, before it runs anything, and every message the core
// builds from then on speaks the user's own terms. Until one is installed (the
// core's own unit tests), settings are named bare.

/** The settings a user can change, by their action input names (the CLI's options share most of them). */
export type SettingName =
  | 'aws-region'
  | 'concurrency'
  | 'downstream'
  | 'engine'
  | 'force'
  | 'hand-edits'
  | 'max-cost-usd'
  | 'max-documents'
  | 'max-input-tokens'
  | 'max-output-tokens'
  | 'max-tokens'
  | 'model'
  | 'model-prices'
  | 'targets'
  | 'timeout-minutes'
  | 'working-directory'

export interface Phrasing {
  /**
   * A setting, with the value to give it when there is one: the action says
   * "the `concurrency` input" or "`engine: dvc`", the CLI "--concurrency" or "--engine dvc".
   */
  setting(name: SettingName, value?: string): string
  /** The run's folder set to `dir` (absolute), inside the git work tree whose top is `top`. */
  folder(dir: string, top: string): string
  /** How to give a shallow clone the history it lacks. */
  readonly fullHistory: string
  /** How to get a git working tree to run in. */
  readonly workingTree: string
  /** How to regenerate the documents (and bring dvc.yaml in line): the action's generate, or the CLI's. */
  readonly regenerate: string
}

/** Settings named as they are, for code that runs without an adapter. */
export const barePhrasing: Phrasing = {
  setting: (name, value) => (value === undefined ? name : `${name} ${value}`),
  folder: (dir) => `working-directory to ${dir}`,
  fullHistory: 'fetch the full history of the clone',
  workingTree: 'run it in a git clone with a working tree',
  regenerate: "run the action's generate"
}

let current: Phrasing = barePhrasing

/** Installs the adapter's phrasing; each entry point calls it once, first. */
export function usePhrasing(phrasing: Phrasing): void {
  current = phrasing
}

/** The phrasing in force: build messages with it when they are made, never at import time. */
export function phrasing(): Phrasing {
  return current
}

/** `name` (with `value`) as the user sets it here. */
export function setting(name: SettingName, value?: string): string {
  return current.setting(name, value)
}
