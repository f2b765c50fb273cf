// Runs a bundled entrypoint (dist/<name>/index.js) exactly as a GitHub runner
// would: inputs as INPUT_* variables, outputs and summary through files. The
// runner's folders (HOME, RUNNER_TEMP, the tool cache) are a scratch folder of
// the test file; TMPDIR stays the test file's, so whatever the action leaves
// in os.tmpdir() fails the file (environment.mjs).
import { execFile, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { scratchDir } from './scratch.js'

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The Node that runs the bundles: this one, or GRAFT_TEST_NODE (CI runs the end-to-end suites on Node 24 too). */
export const BUNDLE_NODE = process.env.GRAFT_TEST_NODE || process.execPath

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** the run was killed at `timeoutMs` (it had not ended by itself) */
  timedOut: boolean
}

export interface ActionRunOptions {
  workspace: string
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
  event?: { name: string; payload: unknown }
  /** kill the run (SIGKILL) when it has not ended after this long: for tests that prove a run ends */
  timeoutMs?: number
  /** the action's process, as soon as it started: for tests that signal it (a cancelled run) */
  onStart?: (child: ChildProcess) => void
}

/** Parses the GITHUB_OUTPUT file format (`name<<DELIM\nvalue\nDELIM`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (m) {
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
      out[m[1]] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      out[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return out
}

export function runAction(entry: string, options: ActionRunOptions): Promise<ActionRun> {
  const scratch = scratchDir('graft-runner')
  const outputFile = join(scratch, 'output')
  const summaryFile = join(scratch, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    TMPDIR: tmpdir(),
    HOME: join(scratch, 'home'),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: join(scratch, 'temp'),
    RUNNER_TOOL_CACHE: join(scratch, 'toolcache'),
    AWS_EC2_METADATA_DISABLED: 'true',
    GIT_CONFIG_NOSYSTEM: '1'
  }
  if (options.event) {
    const eventPath = join(scratch, 'event.json')
    writeFileSync(eventPath, JSON.stringify(options.event.payload))
    env.GITHUB_EVENT_NAME = options.event.name
    env.GITHUB_EVENT_PATH = eventPath
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }
  const script = join(PROJECT_ROOT, 'dist', entry, 'index.js')
  if (!existsSync(script)) throw new Error(`${script} is missing: run npm run bundle`)
  return new Promise((resolvePromise) => {
    const child = execFile(
      BUNDLE_NODE,
      [script],
      { cwd: options.workspace, env, maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolvePromise({
          code,
          stdout,
          stderr,
          outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
          summary: readFileSync(summaryFile, 'utf8'),
          timedOut: error?.killed === true && error.signal === 'SIGKILL'
        })
      }
    )
    options.onStart?.(child)
  })
}

/** A fork's pull request event (someone/docs-fork into acme/docs, #7) at `headSha`: the action validates only. */
export function forkPullRequest(headSha: string): { name: string; payload: unknown } {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        state: 'open',
        head: { ref: 'feature', sha: headSha, repo: { full_name: 'someone/docs-fork' } },
        base: { ref: 'main', repo: { full_name: 'acme/docs' } }
      },
      repository: { full_name: 'acme/docs' }
    }
  }
}
