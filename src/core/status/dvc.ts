// Engine "dvc": asks the real `dvc status --json dvc.yaml` and reads its answer
// into a PipelineStatus. DVC runs on content a pull request shapes, so before
// it starts, everything of the repository it reads or writes passes the one
// resolver, and what fails is refused naming the file and line:
// - dvc.yaml and dvc.lock (plain files, read by our own readers first, which
//   refuse what DVC would choke on: an alias bomb anywhere, a file too large);
// - the vars and params files and wdir folders dvc.yaml names (dvc/params-files.ts);
// - `.dvc/`, where DVC reads its config and writes its locks (dvc/dvc-dir.ts),
//   and the root `.dvcignore`.
// DVC is asked about the root dvc.yaml only: other dvc.yaml and .dvc files
// of the repository are not read (no stage of theirs is a document's).
// It runs through the one DVC runner (io/dvc.ts: time limit, no secret in its
// environment, its own state in a scratch folder). What it prints is shown
// only escaped and short, and a path it reports outside the repository (a
// `${…}` value) is never shown.
import { lstatSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { isMap, type Node } from 'yaml'
import { escapeLog } from '../log.js'
import { checkDvcDir, useDvcDir } from '../dvc/dvc-dir.js'
import { fastParseDvcLock } from '../dvc/dvclock-fast.js'
import { paramsFileProblems } from '../dvc/params-files.js'
import { GraftError, throwIfProblems, type Problem } from '../errors.js'
import { dvcVersion as runnerDvcVersion, runDvc, DVC_INSTALL_HINT } from '../io/dvc.js'
import type { RunResult } from '../io/exec.js'
import { Git } from '../io/git.js'
import { CONTROL, normalizeRepoPath } from '../repo/names.js'
import { RepoPathChecker } from '../repo/resolver.js'
import type { PathState, PipelineStatus, StageStatus } from '../types.js'
import { pairKey, parseYamlSource, refuseYamlBombs, type YamlSource } from '../yaml/source.js'
import { setting } from '../phrasing.js'

export interface DvcStatusOptions {
  /** the dvc executable; `dvc` (found on PATH) when absent */
  dvcPath?: string
  /** stop DVC after this long (default: DEFAULT_DVC_TIME_LIMIT_MINUTES) */
  timeoutMs?: number
}

/** The DVC file DVC is asked about. */
const TARGET = 'dvc.yaml'
/** Lines of DVC's own words a message quotes at most, and characters. */
const QUOTED_LINES = 3
const QUOTED_CHARS = 400

export async function dvcStatus(root: string, options: DvcStatusOptions = {}): Promise<PipelineStatus> {
  const stageLines = await checkDvcInputs(root)
  const workspace = useDvcDir(root)
  try {
    const result = await runDvc(options.dvcPath ?? 'dvc', ['status', '--json', TARGET], {
      cwd: root,
      timeoutMs: options.timeoutMs
    })
    if (result.code !== 0) throw dvcFailure(result)
    return refuseOutsidePaths(parseDvcStatusJson(result.stdout), stageLines)
  } finally {
    workspace.restore()
  }
}

/** `dvc --version`, e.g. "3.67.1". */
export const dvcVersion = runnerDvcVersion

/**
 * Everything of the repository DVC will read or write, checked before it
 * starts. Returns each stage's line in dvc.yaml, for later messages.
 * @throws GraftError naming the file and line of each refusal
 */
async function checkDvcInputs(root: string): Promise<Map<string, number | undefined>> {
  const paths = new RepoPathChecker(root)
  const problems: Problem[] = []
  for (const file of [TARGET, 'dvc.lock']) {
    const problem = paths.check(file, 'pipeline')
    if (problem)
      problems.push({
        file,
        message: `refusing to run DVC: ${problem}`,
        hint: `make ${file} a plain file in the repository`
      })
  }
  throwIfProblems(problems)
  const text = paths.readText(TARGET, 'pipeline')
  if (text === undefined)
    throw new GraftError({
      file: TARGET,
      message: 'there is no dvc.yaml for DVC to check',
      hint: 'run generate once, or dvc repro'
    })
  const src = parseYamlSource(text, TARGET, 'fix the YAML of dvc.yaml; DVC would refuse it too')
  const lock = paths.readText('dvc.lock', 'pipeline')
  // DVC's own layout (the fast reader's) holds no alias; any other is measured
  if (lock !== undefined && !fastParseDvcLock(lock))
    refuseYamlBombs(lock, 'dvc.lock', 'fix dvc.lock, or restore it from git')
  problems.push(...paramsFileProblems(src, paths))
  if (lstatOrUndefined(join(root, '.dvcignore'))) {
    const problem = paths.check('.dvcignore', 'dep')
    if (problem)
      problems.push({
        file: '.dvcignore',
        message: `refusing to run DVC: ${problem}`,
        hint: 'make .dvcignore a plain file in the repository'
      })
  }
  throwIfProblems(problems)
  await checkDvcDir(root, paths, new Git(root))
  return stageLinesOf(src)
}

function stageLinesOf(src: YamlSource): Map<string, number | undefined> {
  const lines = new Map<string, number | undefined>()
  const top = src.doc.contents
  const stages = isMap(top) ? top.get('stages', true) : undefined
  if (isMap(stages)) for (const pair of stages.items) lines.set(pairKey(pair), src.lineOf(pair.key as Node))
  return lines
}

/** Reads what `dvc status --json` prints. Keys (`name@key` of foreach stages) are kept as-is. */
export function parseDvcStatusJson(stdout: string): PipelineStatus {
  let data: unknown
  try {
    data = JSON.parse(stdout)
  } catch {
    throw new GraftError({
      message: `dvc status --json printed something that is not JSON: ${quote(stdout)}`,
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

/**
 * A dep or out DVC reports outside the repository: a literal one, and every
 * value of a `${…}` one, were refused before DVC ran (dvc/params-files.ts), so
 * this is the last line should DVC resolve something that check did not
 * foresee: refused, naming the stage, and its path never shown.
 */
function refuseOutsidePaths(status: PipelineStatus, stageLines: Map<string, number | undefined>): PipelineStatus {
  const problems: Problem[] = []
  for (const [stage, s] of status) {
    const outside = [...Object.keys(s.changedDeps), ...Object.keys(s.changedOuts)].filter((p) => !isRepositoryPath(p))
    if (outside.length === 0) continue
    problems.push({
      file: TARGET,
      line: stageLines.get(stage.split('@')[0]),
      message: `DVC reports ${outside.length} path(s) of stage ${stage} outside the repository (not shown: a \${…} value names them)`,
      hint: 'deps and outs must be repository paths: fix the vars value the stage interpolates'
    })
  }
  throwIfProblems(problems)
  return status
}

/** A relative path that stays inside the repository: what the report may print. */
function isRepositoryPath(path: string): boolean {
  if (path.includes('://') || CONTROL.test(path)) return false
  if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\')) return false
  const normal = normalizeRepoPath(path)
  return normal !== '..' && !normal.startsWith('../')
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

// ---- reading DVC's failures --------------------------------------------------

/** What each documented DVC exit code means, and what to do about it. */
const EXIT_MEANINGS: Record<number, { meaning: string; hint: string | ((said: string) => string); file?: string }> = {
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
    hint: `this DVC is too old or too new; ${DVC_INSTALL_HINT}`
  },
  255: {
    meaning: 'DVC failed',
    // DVC's catch-all: what to do depends on what it said
    hint: (said) =>
      /maximum recursion depth/i.test(said)
        ? 'a folder dep nests folders deeper than DVC can walk (about 900 levels: Python stops there): flatten the folder, or use engine "native"'
        : /\block\b/i.test(said)
          ? 'if another DVC process holds the repository lock, wait for it; if none runs, delete .dvc/tmp/lock'
          : 'run `dvc status` in the repository to see the full error'
  }
}

function dvcFailure(result: RunResult): GraftError {
  const text = quote(dvcMessage(result))
  const known = EXIT_MEANINGS[result.code]
  if (known) {
    return new GraftError({
      message: `${known.meaning} (exit ${result.code}): ${text}`,
      file: known.file,
      hint: typeof known.hint === 'string' ? known.hint : known.hint(text)
    })
  }
  return new GraftError(
    syntaxProblem(text) ?? {
      message: `dvc status failed (exit ${result.code}): ${text}`,
      hint: 'run `dvc status` in the repository to see the full error'
    }
  )
}

/** `'./dvc.yaml' is invalid.` / `'dvc.lock' validation failed.` → file and first line number. */
function syntaxProblem(text: string): Problem | undefined {
  const file = /'(?:\.\/)?([^']+\.(?:yaml|lock))' (?:is invalid|validation failed)/.exec(text)?.[1]
  if (!file || (file !== TARGET && file !== 'dvc.lock')) return undefined
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

/**
 * DVC's own sentences from its stderr, on one line: without "ERROR:"
 * prefixes, blank lines, and every indented line — DVC indents what it quotes
 * from a file (a YAML error's excerpt and caret, a numbered code frame), and
 * a file may hold anything.
 */
function dvcMessage(result: RunResult): string {
  const lines = (result.stderr || result.stdout)
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\s/.test(l) && !/^\d+\s/.test(l) && !DVC_FOOTER.test(l))
    .map((l) => l.replace(/^ERROR:\s*/, '').trimEnd())
  return lines.join(' ').replace(/\s+/g, ' ').trim() || `no message (exit ${result.code})`
}

/** The line DVC ends every unexpected error with: a support link, nothing about this run. */
const DVC_FOOTER = /^Having any troubles\?/

/**
 * DVC's words as a message may quote them: the first few lines, cut short,
 * escaped like every log line (no workflow command, no control character).
 */
function quote(text: string): string {
  const lines = text.trim().split('\n').slice(0, QUOTED_LINES).join('\n')
  const short = lines.length > QUOTED_CHARS ? `${lines.slice(0, QUOTED_CHARS)}…` : lines
  return escapeLog(short)
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function lstatOrUndefined(abs: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(abs, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}
