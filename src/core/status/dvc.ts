// Engine "dvc": asks the real `dvc status --json` and reads its answer into a
// PipelineStatus. DVC needs a `.dvc/` folder, and Graft repositories ignore it
// (a fresh clone has none), so a scratch one is made for the run and removed
// afterwards; whatever DVC adds inside an existing `.dvc/` is removed too.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { run, type RunResult } from '../io/exec.js'
import { GraftError, type Problem } from '../errors.js'
import type { PathState, PipelineStatus, StageStatus } from '../types.js'
import { setting } from '../phrasing.js'

export interface DvcStatusOptions {
  /** the dvc executable; `dvc` (found on PATH) when absent */
  dvcPath?: string
  /** environment for DVC; process.env when absent */
  env?: NodeJS.ProcessEnv
}

const INSTALL_HINT = 'install DVC 3 (pip install "dvc==3.*"), put it on PATH, or use engine "native"'

export async function dvcStatus(root: string, options: DvcStatusOptions = {}): Promise<PipelineStatus> {
  const dvcPath = options.dvcPath ?? 'dvc'
  const env = options.env ?? process.env
  const siteCache = env.DVC_SITE_CACHE_DIR ? undefined : mkdtempSync(join(tmpdir(), 'graft-dvc-site-'))
  const workspace = prepareDvcDir(root)
  try {
    const result = await runDvc(dvcPath, ['status', '--json'], root, {
      ...env,
      DVC_NO_ANALYTICS: '1',
      ...(siteCache ? { DVC_SITE_CACHE_DIR: siteCache } : {})
    })
    if (result.code !== 0) throw dvcFailure(root, result)
    return parseDvcStatusJson(result.stdout)
  } finally {
    workspace.restore()
    if (siteCache) rmSync(siteCache, { recursive: true, force: true })
  }
}

/** `dvc --version`, e.g. "3.67.1". */
export async function dvcVersion(dvcPath = 'dvc'): Promise<string> {
  const result = await runDvc(dvcPath, ['--version'], process.cwd(), { ...process.env, DVC_NO_ANALYTICS: '1' })
  if (result.code !== 0) {
    throw new GraftError({ message: `${dvcPath} --version failed: ${firstLine(result)}`, hint: INSTALL_HINT })
  }
  return result.stdout.trim()
}

/** Reads what `dvc status --json` prints. Keys (`sub/dvc.yaml:name`, `name@key`) are kept as-is. */
export function parseDvcStatusJson(stdout: string): PipelineStatus {
  let data: unknown
  try {
    data = JSON.parse(stdout)
  } catch {
    throw new GraftError({
      message: `dvc status --json printed something that is not JSON: ${stdout.trim().slice(0, 200)}`,
      hint: 'run `dvc status --json` in the repository to see what DVC says'
    })
  }
  if (!isRecord(data)) {
    throw new GraftError({ message: 'dvc status --json did not print a JSON object', hint: 'use DVC 3' })
  }
  const status: PipelineStatus = new Map()
  for (const [stage, items] of Object.entries(data)) {
    status.set(stage, stageStatus(Array.isArray(items) ? items : []))
  }
  return status
}

function stageStatus(items: unknown[]): StageStatus {
  const s: StageStatus = { changedDeps: {}, changedOuts: {}, changedCommand: false, alwaysChanged: false }
  for (const item of items) {
    if (item === 'changed command') s.changedCommand = true
    else if (item === 'always changed') s.alwaysChanged = true
    else if (isRecord(item)) {
      Object.assign(s.changedDeps, pathStates(item['changed deps']))
      Object.assign(s.changedOuts, pathStates(item['changed outs']))
    }
    // Anything else ("changed checksum" of .dvc files) leaves the stage reported, without detail.
  }
  return s
}

function pathStates(value: unknown): Record<string, PathState> {
  const out: Record<string, PathState> = {}
  if (!isRecord(value)) return out
  for (const [path, state] of Object.entries(value)) {
    // A params file maps to {key: state}; the file as a whole counts as modified.
    out[path] = typeof state === 'string' ? (state as PathState) : 'modified'
  }
  return out
}

// ---- the .dvc/ folder DVC insists on ------------------------------------

interface DvcWorkspace {
  restore(): void
}

/**
 * Makes sure `<root>/.dvc` exists. A scratch folder is removed whole afterwards;
 * in an existing one, only the entries DVC added (at its top and in tmp/) go.
 */
function prepareDvcDir(root: string): DvcWorkspace {
  const dir = join(root, '.dvc')
  if (!existsSync(dir)) {
    mkdirSync(dir)
    // Outside git, DVC refuses to run unless told there is no SCM.
    if (!insideGitWorkTree(root)) writeFileSync(join(dir, 'config'), '[core]\n    no_scm = true\n')
    return { restore: () => rmSync(dir, { recursive: true, force: true }) }
  }
  const before = { top: entries(dir), tmp: entries(join(dir, 'tmp')) }
  return {
    restore: () => {
      const tmpExisted = before.top.has('tmp')
      for (const name of entries(dir)) {
        if (!before.top.has(name)) rmSync(join(dir, name), { recursive: true, force: true })
      }
      if (!tmpExisted) return
      for (const name of entries(join(dir, 'tmp'))) {
        if (!before.tmp.has(name)) rmSync(join(dir, 'tmp', name), { recursive: true, force: true })
      }
    }
  }
}

function entries(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir))
  } catch {
    return new Set()
  }
}

/** A `.git` (folder or file) in root or above: no subprocess needed. */
function insideGitWorkTree(root: string): boolean {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return true
    if (dirname(dir) === dir) return false
  }
}

// ---- running DVC and reading its failures --------------------------------

async function runDvc(dvcPath: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  try {
    return await run(dvcPath, args, { cwd, env, allowFailure: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new GraftError({ message: `DVC was not found (${dvcPath})`, hint: INSTALL_HINT })
    }
    throw error
  }
}

/** What each documented DVC exit code means, and what to do about it. */
const EXIT_MEANINGS: Record<number, { meaning: string; hint: string; file?: string }> = {
  253: {
    meaning: 'DVC says this is not a DVC repository',
    get hint() {
      return `point ${setting('working-directory')} at the folder that holds dvc.yaml`
    }
  },
  251: {
    meaning: 'DVC configuration error',
    file: '.dvc/config',
    hint: 'fix or remove .dvc/config and .dvc/config.local (a Graft repository needs no DVC config)'
  },
  254: {
    meaning: 'DVC rejected the arguments of `dvc status --json`',
    hint: 'this DVC is too old or too new; install DVC 3 (pip install "dvc==3.*") or use engine "native"'
  },
  255: {
    meaning: 'DVC failed',
    hint: 'if another DVC process holds the repository lock, wait for it; if none runs, delete .dvc/tmp/lock'
  }
}

function dvcFailure(root: string, result: RunResult): GraftError {
  const text = dvcMessage(result)
  const known = EXIT_MEANINGS[result.code]
  if (known) {
    return new GraftError({
      message: `${known.meaning} (exit ${result.code}): ${text}`,
      file: known.file,
      hint: known.hint
    })
  }
  return new GraftError(
    syntaxProblem(text) ?? {
      message: `dvc status failed (exit ${result.code}) in ${root}: ${text}`,
      hint: 'run `dvc status` in the repository to see the full error'
    }
  )
}

/** `'./dvc.yaml' is invalid.` / `'sub/dvc.lock' validation failed.` → file and first line number. */
function syntaxProblem(text: string): Problem | undefined {
  const file = /'(?:\.\/)?([^']+\.(?:yaml|lock))' (?:is invalid|validation failed)/.exec(text)?.[1]
  if (!file) return undefined
  const line = /\bline (\d+)/.exec(text)?.[1]
  return {
    file,
    line: line ? Number(line) : undefined,
    message: `DVC cannot read ${file}: ${text}`,
    hint: file.endsWith('.lock')
      ? `fix ${file} or restore it from git (git checkout -- ${file})`
      : `fix the YAML of ${file} (regenerate it from the prompts if it is Graft's)`
  }
}

/** DVC's stderr without "ERROR:" prefixes, code excerpts and blank lines, on one line. */
function dvcMessage(result: RunResult): string {
  const lines = (result.stderr || result.stdout)
    .split('\n')
    .map((l) => l.replace(/^ERROR:\s*/, '').trimEnd())
    .filter((l) => l.trim() !== '' && !/^\s*\d+(\s|$)/.test(l))
  return lines.join(' ').replace(/\s+/g, ' ').trim() || `no message (exit ${result.code})`
}

function firstLine(result: RunResult): string {
  return (result.stderr || result.stdout).trim().split('\n')[0] ?? ''
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
