// Prompt files: find `*.prompt.md`, read their frontmatter the way Graft does,
// and check the set as a whole (names, outputs, deps) before anything runs.
import { posix } from 'node:path'
import { GraftError, throwIfProblems, type Problem } from '../errors.js'
import { CONTROL, isSameOrInside, normalizeRepoPath, PIPELINE_FILES, sameFileKey } from '../repo/names.js'
import { RepoPathChecker } from '../repo/resolver.js'
import { shellPath } from '../shell-word.js'
import { parseFrontmatter } from './frontmatter.js'
import { modelIdFor, resolveModel } from './models.js'
import type { Frontmatter } from '../types.js'
import type { PromptFile } from '../types.js'

const SUFFIX = '.prompt.md'
const SKIPPED_DIRS = ['node_modules', '.git']

export function isPromptPath(path: string): boolean {
  if (!path.endsWith(SUFFIX)) return false // most files: no split needed
  const segments = path.split('/')
  const base = segments[segments.length - 1]
  return base.endsWith(SUFFIX) && base !== SUFFIX && !segments.some((s) => SKIPPED_DIRS.includes(s))
}

/**
 * Graft's base name: the file name without `.md`, every `.prompt` removed
 * (Graft uses `stem.replace(".prompt", "")`, so `a.prompt.md` → `a`).
 */
function graftBase(promptPath: string): string {
  return posix.basename(promptPath).slice(0, -'.md'.length).split('.prompt').join('')
}

/** `docs/how-it-works.prompt.md` → `how_it_works` */
export function stageNameFor(promptPath: string): string {
  return graftBase(promptPath).replace(/-/g, '_')
}

/** Frontmatter `out` (already repository-relative), else the same folder with `.md`. */
export function outputPathFor(promptPath: string, out?: string): string {
  if (out !== undefined) return out
  const dir = posix.dirname(promptPath)
  const name = `${graftBase(promptPath)}.md`
  return dir === '.' ? name : `${dir}/${name}`
}

/** A prompt with the lines its paths were declared on (for cross-prompt problems). */
export interface ParsedPrompt {
  prompt: PromptFile
  lines: Frontmatter['lines']
}

/** Parses one prompt file; throws a GraftError naming the file and line. */
export function parsePrompt(path: string, text: string): PromptFile {
  return parsePromptWithLines(path, text).prompt
}

export function parsePromptWithLines(path: string, text: string): ParsedPrompt {
  const fm = parseFrontmatter(path, text)
  const prompt: PromptFile = {
    path,
    stageName: stageNameFor(path),
    deps: fm.deps,
    out: outputPathFor(path, fm.out),
    body: fm.body
  }
  if (fm.model !== undefined) prompt.model = fm.model
  if (fm.lines.model !== undefined) prompt.modelLine = fm.lines.model
  if (fm.deps.length > 0) prompt.depLines = fm.lines.deps
  if (fm.maxTokens !== undefined) prompt.maxTokens = fm.maxTokens
  if (fm.lines.maxTokens !== undefined) prompt.maxTokensLine = fm.lines.maxTokens
  if (fm.lines.out !== undefined) prompt.outLine = fm.lines.out
  const repeated = repeatedDeps(path, fm.deps, fm.lines.deps)
  if (repeated.length > 0) prompt.repeatedDeps = repeated
  if (fm.temperature !== undefined) prompt.temperature = fm.temperature
  return { prompt, lines: fm.lines }
}

/** Deps listed before (or the prompt itself), with their lines. */
function repeatedDeps(
  path: string,
  deps: string[],
  lines: Array<number | undefined>
): NonNullable<PromptFile['repeatedDeps']> {
  if (deps.length === 0) return []
  const first = new Map<string, number | undefined>([[path, undefined]])
  const repeated: NonNullable<PromptFile['repeatedDeps']> = []
  deps.forEach((dep, i) => {
    if (first.has(dep)) repeated.push({ dep, line: lines[i], firstLine: first.get(dep) })
    else first.set(dep, lines[i])
  })
  return repeated
}

/** Graft sorts `pathlib.Path`s: by path segments, not by the whole string. */
export function comparePromptPaths(a: string, b: string): number {
  return compareSegments(a.split('/'), b.split('/'))
}

function compareSegments(sa: string[], sb: string[]): number {
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) return sa[i] < sb[i] ? -1 : 1
  }
  return sa.length - sb.length
}

/** Prompt paths in Graft's order, each split once (not once per comparison). */
function sortPromptPaths(paths: string[]): string[] {
  return paths
    .map((path) => ({ path, segments: path.split('/') }))
    .sort((a, b) => compareSegments(a.segments, b.segments))
    .map((p) => p.path)
}

/**
 * Reads and checks every prompt among `files` (the repository's file list).
 * Collects every problem across all prompts and throws them as one GraftError.
 */
export async function discoverPrompts(
  root: string,
  files: string[],
  checker = new RepoPathChecker(root)
): Promise<PromptFile[]> {
  const paths = sortPromptPaths(files.filter(isPromptPath))
  const problems: Problem[] = []
  const parsed: ParsedPrompt[] = []
  for (const path of paths) {
    if (path.includes('\\')) {
      // the resolver reads `\` as a folder separator: the file would never be read; its stage name breaks DVC anyway
      problems.push(stageNameProblem(path, stageNameFor(path)))
      continue
    }
    try {
      // Through the resolver: a prompt symlinked to /proc/self/environ or
      // .git/config is refused, never read. Blocking reads: prompts are small,
      // and a thread-pool round trip per file costs more than the read itself.
      const text = checker.readText(path, 'prompt')
      if (text !== undefined) parsed.push(parsePromptWithLines(path, text))
    } catch (e) {
      if (!(e instanceof GraftError)) throw e
      problems.push(...e.problems)
    }
  }
  problems.push(...checkModels(parsed))
  problems.push(...checkNames(parsed), ...checkOutputs(checker, parsed, files), ...checkDeps(checker, parsed))
  throwIfProblems(problems)
  return parsed.map((p) => p.prompt)
}

/**
 * Each prompt's `model:`, at its line: a name this action cannot call (a typo
 * in an alias) fails validate, so the pull-request check catches it before a
 * generate would. A model name goes into logs and requests: control characters
 * are refused too.
 */
function checkModels(parsed: ParsedPrompt[]): Problem[] {
  const problems: Problem[] = []
  for (const { prompt } of parsed) {
    if (prompt.model === undefined) continue
    const at = { file: prompt.path, line: prompt.modelLine }
    if (CONTROL.test(prompt.model)) {
      problems.push({
        ...at,
        message: `model ${JSON.stringify(prompt.model)} holds a control character (a line break, tab, …)`,
        hint: 'write the model alias or Bedrock id on one line, e.g. `model: bedrock-claude-v4.5-sonnet-us`'
      })
    } else if (modelIdFor(prompt.model) === undefined) {
      try {
        resolveModel(prompt.model, at)
      } catch (error) {
        if (!(error instanceof GraftError)) throw error
        problems.push(...error.problems)
      }
    }
  }
  return problems
}

/**
 * The characters that break a stage name written into dvc.yaml, as the real
 * DVC 3.67 behaves (`dvc status`, `dvc repro NAME`, `dvc commit NAME`, tried
 * on every ASCII punctuation mark, spaces, leading `-`, `.`, unicode and
 * control characters; __tests__/core/graft/stage-names.test.ts replays them):
 * - `@` makes DVC read the stage as a foreach/matrix entry: `dvc status`
 *   refuses the whole dvc.yaml ("Stage 'a@b' not found inside 'dvc.yaml' file");
 * - `:` splits a target into file and name (`dvc.yaml:a:b` is stage `b` of
 *   file `dvc.yaml:a`): no target reaches the stage, so `dvc repro NAME` and
 *   `dvc commit NAME` fail; only a name that ends with `:` escapes (its name
 *   part is empty, so DVC takes the whole target as the name), but for `:`
 *   alone, which DVC reads as every stage of dvc.yaml;
 * - `\` becomes `/` in a target: the same, the stage cannot be named.
 * Everything else works as Graft names it (`api.v2`, `notes [v2]`, `a=b`,
 * spaces, `$`, quotes, `*`, unicode…): `dvc stage add` refuses punctuation,
 * but that rule is only its own; stages written into dvc.yaml, as Graft writes
 * them, run. A name starting with `-` is reached as `dvc.yaml:-name` (see
 * shell.ts's dvcTarget), and Graft turns every `-` into `_` anyway.
 */
const NOT_IN_STAGE_NAMES = /[@:\\]/g

/** What each refused character does to DVC, for the message. */
const BREAKS: Record<string, string> = {
  '@': '`@` makes DVC read it as a foreach entry and refuse the whole dvc.yaml',
  ':': '`:` splits a DVC target into file and stage, so `dvc repro`, `dvc commit` and the like cannot name the stage',
  '\\': 'a backslash becomes `/` in a DVC target, so no command can name the stage'
}

/** The characters of `name` that break DVC, each once. */
export function invalidStageNameChars(name: string): string[] {
  const found = new Set(name.match(NOT_IN_STAGE_NAMES) ?? [])
  if (name.endsWith(':') && name !== ':') found.delete(':') // DVC then reads the whole target as the name
  return [...found]
}

/** The problem with a prompt whose stage name holds characters that break DVC. */
function stageNameProblem(path: string, stageName: string): Problem {
  const bad = invalidStageNameChars(stageName)
  return {
    file: path,
    line: 1,
    message: `the file name gives the stage name ${stageName}, which holds ${bad.join(' ')}: ${bad.map((c) => BREAKS[c]).join('; ')}`,
    hint: `rename the prompt file without ${bad.join(' ')} (e.g. ${path.slice(0, path.lastIndexOf('/') + 1)}${graftBase(path).replace(NOT_IN_STAGE_NAMES, '-')}.prompt.md)`
  }
}

function checkNames(parsed: ParsedPrompt[]): Problem[] {
  const problems: Problem[] = []
  const byName = new Map<string, string>()
  for (const { prompt } of parsed) {
    if (invalidStageNameChars(prompt.stageName).length > 0) {
      problems.push(stageNameProblem(prompt.path, prompt.stageName))
      continue
    }
    const first = byName.get(prompt.stageName)
    if (first === undefined) {
      byName.set(prompt.stageName, prompt.path)
      continue
    }
    problems.push({
      file: prompt.path,
      message: `${first} and ${prompt.path} both make the stage ${prompt.stageName}; Graft's generator would silently drop one of them`,
      hint: 'rename one of the two prompt files'
    })
  }
  return problems
}

/** What to do about an output path the resolver refused, by what is wrong with it. */
function outputHint(out: string, problem: string): string {
  if (problem === `${out} is a folder, not a file`)
    return `remove or rename the folder ${out}, or set \`out\` in the prompt's frontmatter to a file path`
  const under = / cannot exist: (.+) is a file, not a folder$/.exec(problem)
  if (under) return `set \`out\` to a path that does not lie under the file ${under[1]}`
  return 'set `out` to a path inside the repository'
}

/** What to do about a dep path the resolver refused. */
function depHint(problem: string): string {
  const under = / cannot exist: (.+) is a file, not a folder$/.exec(problem)
  if (under) return `fix the dep's path: ${under[1]} is a file, so nothing lies under it`
  return 'list paths inside the repository only'
}

/**
 * `files` (the repository's files, as git lists them) by sameFileKey, for the
 * keys asked only: an output's key is looked up among the files of its
 * folder, each folded once.
 */
function filesByKey(files: string[], keys: Set<string>): Map<string, string[]> {
  const folders = new Set([...keys].map((k) => k.slice(0, k.lastIndexOf('/') + 1)))
  const folderKeys = new Map<string, boolean>() // a folder's spelling → whether an output's folder folds to it
  const found = new Map<string, string[]>()
  for (const file of files) {
    const spelling = file.slice(0, file.lastIndexOf('/') + 1)
    let wanted = folderKeys.get(spelling)
    if (wanted === undefined) folderKeys.set(spelling, (wanted = folders.has(sameFileKey(spelling))))
    if (!wanted) continue
    const key = sameFileKey(file)
    if (keys.has(key)) found.set(key, [...(found.get(key) ?? []), file])
  }
  return found
}

function checkOutputs(paths: RepoPathChecker, parsed: ParsedPrompt[], files: string[] = []): Problem[] {
  const problems: Problem[] = []
  const promptPaths = new Set(parsed.map((p) => p.prompt.path))
  const byOut = new Map<string, { prompt: string; out: string }>()
  // a file already there under another spelling of the output: one file to macOS or Windows (dvc.yaml and
  // dvc.lock in any spelling are refused by the resolver's lexical rules, also before they exist)
  const existing = filesByKey(files, new Set(parsed.map((p) => sameFileKey(p.prompt.out))))
  const outputs = new Set(parsed.map((p) => p.prompt.out))
  for (const { prompt, lines } of parsed) {
    const at = { file: prompt.path, line: lines.out }
    const unsafe = paths.check(prompt.out, 'output')
    if (unsafe) {
      problems.push({ ...at, message: `output ${prompt.out}: ${unsafe}`, hint: outputHint(prompt.out, unsafe) })
      continue
    }
    if (promptPaths.has(prompt.out)) {
      problems.push({
        ...at,
        message: `output ${prompt.out} is a prompt file`,
        hint: 'set `out` to a .md file that is not a prompt'
      })
    }
    const key = sameFileKey(prompt.out)
    const other = existing.get(key)?.find((f) => f !== prompt.out && !outputs.has(f))
    if (other !== undefined && !byOut.has(key)) {
      problems.push({
        ...at,
        message: `output ${prompt.out} and the file ${other} differ only in letter case, Unicode normalisation or trailing dots and spaces: they are one file on macOS or Windows, where writing the document would overwrite ${other}`,
        hint: `set \`out\` to a name of its own, or rename ${other}`
      })
      continue
    }
    const first = byOut.get(key)
    if (first !== undefined) {
      problems.push({
        ...at,
        message:
          first.out === prompt.out
            ? `${first.prompt} and ${prompt.path} both write ${prompt.out}`
            : `${first.prompt} and ${prompt.path} both write ${prompt.out}: ${first.out} and ${prompt.out} differ only in letter case, Unicode normalisation or trailing dots and spaces, so they are one file on macOS or Windows (in a checkout there, one document would overwrite the other)`,
        hint: 'give one of them another `out` (or rename it)'
      })
    } else {
      byOut.set(key, { prompt: prompt.path, out: prompt.out })
    }
  }
  return problems
}

/**
 * The `.dvc` file that tracks `dep` or a folder holding it (`data.csv.dvc`,
 * `data.dvc` for `data/x.csv`), when there is one: the data lives in DVC's
 * cache and remote, so a checkout has only the `.dvc` file until `dvc pull`.
 */
function dvcTracker(paths: RepoPathChecker, dep: string): string | undefined {
  const segments = normalizeRepoPath(dep).split('/')
  for (let n = segments.length; n > 0; n--) {
    const tracker = `${segments.slice(0, n).join('/')}.dvc`
    if (paths.check(tracker, 'dep') === undefined && paths.exists(tracker)) return tracker
  }
  return undefined
}

function checkDeps(paths: RepoPathChecker, parsed: ParsedPrompt[]): Problem[] {
  const problems: Problem[] = []
  const made = madeByPrompts(parsed.map((p) => p.prompt.out))
  for (const { prompt, lines } of parsed) {
    // An indexed loop: this runs once per dep of every prompt, before any JIT.
    for (let i = 0; i < prompt.deps.length; i++) {
      const dep = prompt.deps[i]
      const own = ownFileProblem(dep, prompt)
      if (own) {
        problems.push({ file: prompt.path, line: lines.deps[i], ...own })
        continue
      }
      const unsafe = paths.check(dep, 'dep') ?? paths.checkTree(dep)
      if (unsafe) {
        problems.push({
          file: prompt.path,
          line: lines.deps[i],
          message: `dep ${dep}: ${unsafe}`,
          hint: depHint(unsafe)
        })
      } else if (!made.has(dep) && !paths.exists(dep)) {
        const tracker = dvcTracker(paths, dep)
        problems.push({
          file: prompt.path,
          line: lines.deps[i],
          ...(tracker
            ? {
                message: `${dep} (required by ${prompt.path}) is not in this checkout: DVC tracks it (${tracker}), and DVC-tracked data is not in git`,
                hint: `fetch it before this step: \`dvc pull ${shellPath(tracker)}\` with your DVC remote's credentials`
              }
            : {
                message: `${dep} (required by ${prompt.path}) does not exist`,
                hint: 'create it, fix the path, or remove it from `deps`'
              })
        })
      }
    }
  }
  return problems
}

/**
 * A dep no stage can have, or undefined: dvc.yaml and dvc.lock (and the root
 * folder holding them) change with every run, so the document would be stale
 * again forever; the prompt's own output, or a folder holding it, makes the
 * stage read what it writes.
 */
function ownFileProblem(dep: string, prompt: PromptFile): Omit<Problem, 'file' | 'line'> | undefined {
  if (dep === '.') {
    return {
      message: `dep . is the repository root (the folder holding dvc.yaml and dvc.lock; \`./\` is the same): DVC would hash the whole repository, dvc.lock and ${prompt.out} included, which every run rewrites, so ${prompt.out} would be stale again after every run`,
      hint: 'remove . from `deps`, and list the folders or files the document is about instead (e.g. `src`, `docs/api.md`)'
    }
  }
  if (PIPELINE_FILES.has(dep)) {
    return {
      message: `dep ${dep} is the pipeline's own ${dep}: every run rewrites it, so ${prompt.out} would be stale again after every run`,
      hint: `remove ${dep} from \`deps\` (list the source files or folders the document is about)`
    }
  }
  if (isSameOrInside(dep, prompt.out)) {
    return {
      message:
        dep === prompt.out
          ? `dep ${dep} is the prompt's own output: the document would read what it writes`
          : `the prompt's output ${prompt.out} lies inside its dep ${dep}: the document would read what it writes`,
      hint:
        dep === prompt.out
          ? `remove ${dep} from \`deps\`, or set \`out\` to another file`
          : `set \`out\` to a path outside ${dep}, or list the files of ${dep} the document needs`
    }
  }
  return undefined
}

/**
 * Deps that need not exist yet: an output some prompt writes, or a folder
 * holding one (as `dir` or `dir/`), so each dep is one set look-up.
 */
function madeByPrompts(outputs: string[]): Set<string> {
  const made = new Set<string>()
  for (const out of outputs) {
    made.add(out)
    for (let i = out.indexOf('/'); i >= 0; i = out.indexOf('/', i + 1)) {
      made.add(out.slice(0, i))
      made.add(out.slice(0, i + 1))
    }
  }
  return made
}
