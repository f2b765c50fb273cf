// The files dvc.yaml makes DVC read: deps and outs (metrics and plots too) as
// dvc.yaml writes them (a URL dep would make DVC reach the network), `vars:` files (at the top and
// in a stage), params files (a stage's `params:`, the default params.yaml), and
// the folder a stage's `wdir:` moves its paths to. DVC reads
// whatever they name — an absolute path or `../..` reaches any file of the
// runner, and its values then appear as dep paths in the report (a stage dep
// written `${key}`), or its lines in DVC's error when it does not parse. Each
// goes through the resolver as a repository dep before DVC starts; YAML ones
// are measured for alias bombs (DVC would expand them without end). A path
// written with `${…}` (a foreach item, a matrix value, a vars key) is checked
// for every value it can take (interpolation.ts), as if written out.
import { join, posix } from 'node:path'
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type YAMLMap } from 'yaml'
import type { Problem } from '../errors.js'
import { lstatOrUndefined } from '../repo/kinds.js'
import { isSameOrInside } from '../repo/names.js'
import { type RepoPathChecker } from '../repo/resolver.js'
import { readRegularFile } from '../repo/safe-read.js'
import { pairKey, refuseYamlBombs, scalarString, type YamlSource } from '../yaml/source.js'
import { DVCIGNORE } from './dvcignore.js'
import { stageBody } from './dvcyaml.js'
import { backtrackingRules, treeShape, type TreeShape } from './dvcignore-cost.js'
import { expand, isTemplate, loopValues, toData, type Scope } from './interpolation.js'

/** A file (or folder) dvc.yaml makes DVC read, and where dvc.yaml names it. */
interface FileRef {
  /** as written */
  written: string
  /** the folder it is relative to ('' for dvc.yaml's own) */
  wdir: string
  line?: number
  /** what names it: "vars", "params of stage train", "wdir of stage train" */
  what: string
  /** a dep or out: a folder's entries are checked too, as DVC hashes them */
  tree?: boolean
  /** the `${…}` template `written` is one value of (shown in messages beside it) */
  template?: string
}

/** DVC's default params file, read from each stage's wdir when present. */
const DEFAULT_PARAMS = 'params.yaml'
const HINT =
  'name files inside the repository with paths relative to dvc.yaml (no absolute path, no `..` leaving the repository, no symlink out of it)'

/**
 * Every vars/params file and wdir folder dvc.yaml (parsed as `src`) makes DVC
 * read, checked with `paths`; YAML files among them are read and measured.
 * @returns the problems, each naming dvc.yaml and the line (or the file read)
 */
export function paramsFileProblems(written: YamlSource, paths: RepoPathChecker): Problem[] {
  const src = { ...written, doc: withAliasesResolved(written.doc) }
  const problems: Problem[] = []
  const folders = new Set<string>()
  const trees = new Set<string>()
  for (const ref of fileRefs(src, paths, problems)) {
    const problem = refProblem(ref, paths)
    if (problem) problems.push(problem)
    else {
      foldersOnTheWay(refPath(ref)).forEach((f) => folders.add(f))
      if (ref.tree) trees.add(refPath(ref))
    }
  }
  problems.push(...dvcignoreProblems(folders, trees, paths))
  return problems
}

/**
 * The folders DVC reads a `.dvcignore` in for one path: every folder from the
 * root down to it, and the path itself (a folder dep, a wdir). DVC opens each
 * (dvc/ignore.py builds its rules folder by folder), following a symlink, and
 * quotes a line that is no valid pattern whole in its error.
 */
function foldersOnTheWay(rel: string): string[] {
  const parts = rel === '.' ? [] : rel.split('/')
  return parts.map((_, i) => parts.slice(0, i + 1).join('/')).concat('')
}

/**
 * Each `.dvcignore` in `folders`: a plain file of the repository, whose rules
 * DVC can match in bounded time over the folder deps (`trees`) below it.
 */
function dvcignoreProblems(folders: Set<string>, trees: Set<string>, paths: RepoPathChecker): Problem[] {
  const shapes = new Map<string, TreeShape>()
  const shapeOf = (tree: string): TreeShape => {
    if (!shapes.has(tree)) shapes.set(tree, treeShape(paths.root, tree))
    return shapes.get(tree)!
  }
  return [...folders].sort().flatMap((folder) => {
    const file = folder ? `${folder}/${DVCIGNORE}` : DVCIGNORE
    // what is there, a dangling symlink included (a file's own path is no folder: nothing)
    if (!lstatOrUndefined(join(paths.root, file))) return []
    const problem = paths.check(file, 'dep')
    if (problem)
      return [{ file, message: `refusing to run DVC: ${problem}`, hint: `make ${file} a plain file in the repository` }]
    const abs = paths.regularFile(file, 'dep')
    const text = abs ? (readRegularFile(abs, file) ?? '') : ''
    // only a `**` before more of the pattern backtracks
    if (!text.includes('**/')) return []
    const below = [...trees].filter((tree) => folder === '' || isSameOrInside(folder, tree))
    return backtrackingRules(file, text, below.map(shapeOf))
  })
}

/**
 * A copy of `doc` with each alias (`*name`) replaced by a copy of what it
 * names, keeping its lines: DVC reads the value, so every walker below sees
 * it where the alias stands (a foreach item, a deps entry, a merged mapping).
 * Alias bombs were refused by the one YAML reader before this.
 */
function withAliasesResolved<D extends Document>(doc: D): D {
  const copy = doc.clone() as D
  visit(copy, {
    Alias(_, alias) {
      const target = alias.resolve(copy)
      return target ? (target.clone() as Node) : undefined
    }
  })
  return copy
}

/** A ref's path from the repository root, normalised. */
function refPath(ref: FileRef): string {
  return posix.normalize(posix.join(ref.wdir, ref.written.replace(/\\/g, '/')))
}

/** What one stage's paths are read with: where dvc.yaml is, the checker, and the `${…}` context. */
interface StageContext {
  src: YamlSource
  paths: RepoPathChecker
  scope: Scope
  problems: Problem[]
}

function fileRefs(src: YamlSource, paths: RepoPathChecker, problems: Problem[]): FileRef[] {
  const top = src.doc.contents
  if (!isMap(top)) return []
  const refs: FileRef[] = [{ written: DEFAULT_PARAMS, wdir: '', what: 'the default params file' }]
  refs.push(...varsRefs(src, top.get('vars', true), '', 'vars'))
  // top-level params: the params files `dvc params diff` and experiments read
  refs.push(...listRefs(src, top.get('params', true), '', 'params'))
  const stages = top.get('stages', true)
  if (!isMap(stages)) return refs
  // DVC's context: params.yaml, then the vars of dvc.yaml
  const scope = withVars({ sources: [] }, [DEFAULT_PARAMS], paths, '')
  const global = withVars(scope, top.get('vars', true), paths, '')
  for (const pair of stages.items) {
    const name = pairKey(pair)
    // merge keys merged, as DVC merges them (a path merged in is read too)
    const body = stageBody(src, name, pair.value)
    if (!body) continue
    // foreach: the stage is its `do:` template; matrix: the body itself
    const kind = body.has('foreach') ? 'foreach' : body.has('matrix') ? 'matrix' : undefined
    const template = kind === 'foreach' ? stageBody(src, name, body.get('do', true)) : body
    if (!template) continue
    let stageScope = global
    if (kind) {
      const loop = loopValues(body.get(kind, true), global, kind)
      if ('problem' in loop) {
        problems.push({
          file: src.file,
          line: src.lineOf(body.get(kind, true) as Node),
          message: `refusing to run DVC: the ${kind} of stage ${name}: ${loop.problem}`,
          hint: HINT
        })
        continue
      }
      stageScope = { ...global, loop }
    }
    refs.push(...stageRefs({ src, paths, scope: stageScope, problems }, name, template))
  }
  return refs
}

/**
 * `scope` with the vars `node` lists (files relative to `wdir`, inline
 * mappings) as further sources. A file that is not a plain YAML or JSON file
 * of the repository is not read here (its own check speaks for it): a key
 * only it could hold makes a template uncheckable.
 */
function withVars(scope: Scope, node: unknown, paths: RepoPathChecker, wdir: string): Scope {
  const items = Array.isArray(node) ? node : isSeq(node) ? node.items : []
  const sources = [...scope.sources]
  let opaque = scope.opaque
  for (const item of items) {
    const text = typeof item === 'string' ? item : scalarString(item)
    if (text === undefined) {
      if (isMap(item)) sources.push(toData(item))
      continue
    }
    const [file, keys] = [text.split(':')[0], text.split(':')[1]]
    const rel = posix.normalize(posix.join(wdir, file.replace(/\\/g, '/')))
    const data = readVarsFile(rel, paths)
    if (data === 'unread') opaque ??= rel
    if (data === undefined || data === 'unread') continue
    const wanted = keys ? keys.split(',').filter(Boolean) : undefined
    sources.push(wanted ? Object.fromEntries(wanted.map((k) => [k, (data as Record<string, unknown>)[k]])) : data)
  }
  return { ...scope, sources, opaque }
}

/**
 * A vars file's data, when it is a YAML or JSON file of the repository that
 * parses; `unread` for a file of the repository in another format (TOML,
 * Python), whose keys are not known here; undefined otherwise (a file the
 * resolver refuses or that does not parse: DVC never gets to fill a path).
 */
function readVarsFile(rel: string, paths: RepoPathChecker): unknown {
  if (/^[\w+.-]+:\/\//.test(rel) || posix.isAbsolute(rel)) return undefined
  const abs = paths.regularFile(rel, 'dep')
  if (!abs) return undefined
  if (!/\.(ya?ml|json)$/i.test(rel)) return 'unread'
  try {
    const text = readRegularFile(abs, rel) ?? ''
    refuseYamlBombs(text, rel, '')
    const doc = parseDocument(text)
    if (doc.errors.length > 0) return undefined
    const data = toData(withAliasesResolved(doc).contents) // `key: *far` is the value it names
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? data : undefined
  } catch {
    return undefined
  }
}

function stageRefs(context: StageContext, name: string, body: YAMLMap): FileRef[] {
  const { src, problems } = context
  const refs: FileRef[] = []
  const wdirNode = body.get('wdir', true) as Node | undefined
  let wdir = ''
  if (wdirNode !== undefined) {
    const written = scalarString(wdirNode)
    const line = src.lineOf(wdirNode)
    if (written === undefined || written.includes('${')) {
      problems.push({
        file: src.file,
        line,
        message: `refusing to run DVC: the wdir of stage ${name} ${written === undefined ? 'is not a path' : 'is written with ${…}'}, so where DVC would read its files cannot be checked before it runs`,
        hint: 'write wdir as a plain folder path inside the repository'
      })
      return refs
    }
    refs.push({ written, wdir: '', line, what: `the wdir of stage ${name}` })
    wdir = written
  }
  refs.push(...varsRefs(src, body.get('vars', true), wdir, `the vars of stage ${name}`))
  const stage = { ...context, scope: withVars(context.scope, body.get('vars', true), context.paths, wdir) }
  // deps and outs as dvc.yaml writes them (a prompt's stage too: DVC reads dvc.yaml's, not the prompt's);
  // metrics and plots are outs too: DVC hashes them (opens each file) like any other
  for (const field of ['deps', 'outs', 'metrics', 'plots'])
    refs.push(...pathRefs(stage, body.get(field, true), wdir, `the ${field} of stage ${name}`))
  const params = body.get('params', true)
  if (isSeq(params)) {
    for (const item of params.items) {
      if (isScalar(item)) {
        refs.push({
          written: DEFAULT_PARAMS,
          wdir,
          line: src.lineOf(item as Node),
          what: `the params of stage ${name}`
        })
      } else if (isMap(item)) {
        for (const p of item.items)
          refs.push({ written: pairKey(p), wdir, line: src.lineOf(p.key as Node), what: `the params of stage ${name}` })
      }
    }
  }
  return refs
}

/** `vars:` items: a file path with optional `:key,key` (inline mappings name no file). */
function varsRefs(src: YamlSource, node: unknown, wdir: string, what: string): FileRef[] {
  if (!isSeq(node)) return []
  return node.items.flatMap((item) => {
    const text = scalarString(item)
    if (text === undefined) return []
    return [{ written: text.split(':')[0], wdir, line: src.lineOf(item as Node), what }]
  })
}

/**
 * deps or outs: plain paths, or `{path: {options}}` mappings; one written
 * with `${…}` (or the whole list, `deps: ${files}`) stands for every path its
 * values make (interpolation.ts), each checked as if written out.
 */
function pathRefs(context: StageContext, node: unknown, wdir: string, what: string): FileRef[] {
  const { src, scope, problems } = context
  const whole = scalarString(node)
  const written =
    whole !== undefined && isTemplate(whole)
      ? [{ written: whole, wdir, line: src.lineOf(node as Node), what }]
      : listRefs(src, node, wdir, what)
  return written.flatMap((ref) => {
    if (!isTemplate(ref.written)) return [{ ...ref, tree: true }]
    const found = expand(ref.written, scope)
    if ('problem' in found) {
      problems.push({
        file: src.file,
        line: ref.line,
        message: `refusing to run DVC: ${what} names ${ref.written}: ${found.problem}`,
        hint: HINT
      })
      return []
    }
    return found.values
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .map((v) => (typeof v === 'string' ? v : isRecord(v) ? Object.keys(v)[0] : undefined))
      .filter((v): v is string => v !== undefined)
      .map((value) => ({ ...ref, written: value, template: ref.written, tree: true }))
  })
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function listRefs(src: YamlSource, node: unknown, wdir: string, what: string): FileRef[] {
  if (!isSeq(node)) return []
  return node.items.flatMap((item) => {
    const text = scalarString(item) ?? (isMap(item) && item.items.length > 0 ? pairKey(item.items[0]) : undefined)
    return text === undefined ? [] : [{ written: text, wdir, line: src.lineOf(item as Node), what }]
  })
}

function refProblem(ref: FileRef, paths: RepoPathChecker): Problem | undefined {
  const at = { file: 'dvc.yaml', line: ref.line, hint: HINT }
  const written = ref.written
  // a value of a `${…}` template is shown with it: the template is what the user wrote
  const shown = ref.template ? `${ref.template} (= ${written})` : written
  if (
    /^[\w+.-]+:\/\//.test(written) ||
    posix.isAbsolute(written) ||
    /^[A-Za-z]:[\\/]/.test(written) ||
    written.startsWith('~')
  )
    return { ...at, message: `refusing to run DVC: ${ref.what} names ${shown}, outside the repository` }
  // DVC interpolates a params file's name from vars, and parses the file it names (its error quotes the lines)
  if (written.includes('${'))
    return {
      ...at,
      message: `refusing to run DVC: ${ref.what} names a file with \${…} (${written}): which file DVC would read cannot be checked before it runs`
    }
  const rel = refPath(ref)
  const problem = paths.check(rel, 'dep') ?? (ref.tree ? paths.checkTree(rel) : undefined)
  if (problem) return { ...at, message: `refusing to run DVC: ${ref.what} names ${shown}: ${problem}` }
  if (!/\.ya?ml$/i.test(rel)) return undefined
  const abs = paths.regularFile(rel, 'dep')
  if (!abs) return undefined
  try {
    refuseYamlBombs(readRegularFile(abs, rel) ?? '', rel, `fix ${rel}; DVC reads it for ${ref.what}`)
  } catch (error) {
    const p = (error as { problems?: Problem[] }).problems?.[0]
    if (!p) throw error
    return { ...p, message: `refusing to run DVC: ${p.message}` }
  }
  return undefined
}
