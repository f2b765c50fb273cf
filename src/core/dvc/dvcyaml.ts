// Reads dvc.yaml into plain stage definitions. Errors DVC itself would refuse
// become GraftErrors with file and line; valid features the native engine
// does not model are listed in `unsupported`, so the caller can choose DVC.
import { join, posix } from 'node:path'
import { isAlias, isMap, isSeq, isScalar, visit, YAMLMap, type Node, type Pair } from 'yaml'
import { GraftError } from '../errors.js'
import { readRegularFile } from '../repo/safe-read.js'
import { fastParseDvcYaml } from './dvcyaml-fast.js'
import { pairKey, parseYamlSource, scalarString, type YamlSource } from '../yaml/source.js'
import type { DvcYaml, StageDef, StageOut } from '../types.js'

const SYNTAX_HINT = 'fix the syntax; DVC would refuse this file too'
const SCHEMA_HINT =
  'fix dvc.yaml to follow DVC 3 pipeline syntax (https://dvc.org/doc/user-guide/project-structure/dvcyaml-files)'

/** Top-level keys that do not change how `dvc status` judges stages. */
const INERT_TOP_KEYS = new Set(['stages', 'plots', 'params', 'metrics', 'artifacts', 'datasets'])
/** Stage keys the native engine models (or that do not change a verdict). */
const MODELLED_STAGE_KEYS = new Set(['cmd', 'deps', 'outs', 'always_changed', 'desc', 'meta', 'frozen'])
/** Out options that do not change a `cache: false` out's verdict. */
const INERT_OUT_KEYS = new Set(['cache', 'persist', 'desc', 'type', 'labels', 'meta', 'remote', 'push'])

export async function readDvcYaml(root: string): Promise<DvcYaml | undefined> {
  const text = await readIfPresent(join(root, 'dvc.yaml'))
  return text === undefined ? undefined : parseDvcYaml(text)
}

export function parseDvcYaml(text: string, file = 'dvc.yaml'): DvcYaml {
  return fastParseDvcYaml(text) ?? parseDvcYamlFull(text, file)
}

/** The general reader (any YAML layout, every error); parseDvcYaml tries the fast one first. */
export function parseDvcYamlFull(text: string, file = 'dvc.yaml'): DvcYaml {
  const src = parseYamlSource(text, file, SYNTAX_HINT)
  const top = src.doc.contents
  if (top === null || (isScalar(top) && top.value === null)) return { stages: [], unsupported: [] }
  if (!isMap(top)) throw schemaError(src, top, `${file} must be a mapping with a "stages" key`)

  const unsupported: string[] = []
  for (const pair of top.items) {
    const key = pairKey(pair)
    if (key === 'vars') unsupported.push('vars at the top level')
    else if (!INERT_TOP_KEYS.has(key)) unsupported.push(`unknown top-level key "${key}"`)
  }
  const stagesNode = top.get('stages', true)
  if (stagesNode === undefined || stagesNode === null || (isScalar(stagesNode) && stagesNode.value === null)) {
    return { stages: [], unsupported }
  }
  if (!isMap(stagesNode)) throw schemaError(src, stagesNode, '"stages" must be a mapping of stage names to stages')

  const stages = stagesNode.items.map((pair) => readStage(src, pair, unsupported))
  return { stages, unsupported }
}

function readStage(src: YamlSource, pair: Pair, unsupported: string[]): StageDef {
  const name = pairKey(pair)
  const line = src.lineOf(pair.key as Node)
  if (!isMap(pair.value))
    throw new GraftError({ file: src.file, line, message: `stage "${name}" must be a mapping`, hint: SCHEMA_HINT })
  const body = withMergedKeys(src, name, pair.value)
  const note = (what: string): void => void unsupported.push(`${what} in stage ${name}`)

  if (body.has('foreach') || body.has('matrix')) {
    const loop = body.has('foreach') ? 'foreach' : 'matrix'
    note(loop)
    // each item's flags: a foreach stage's `do:` holds them, a matrix stage's own body
    const each = loop === 'foreach' ? stageBody(src, name, body.get('do', true)) : body
    const flag = (key: string): boolean => isMap(each) && each.get(key) === true
    const wdir = isMap(each) ? each.get('wdir') : undefined
    return {
      name,
      cmd: '',
      deps: [],
      outs: [],
      line,
      loop,
      // the items' paths in dvc.lock are written inside it (see inWdir)
      ...(typeof wdir === 'string' ? { wdir } : {}),
      ...(flag('always_changed') ? { alwaysChanged: true } : {}),
      ...(flag('frozen') ? { frozen: true } : {})
    }
  }
  for (const p of body.items) {
    const key = pairKey(p)
    if (key === 'params' || key === 'vars' || key === 'wdir' || key === 'metrics' || key === 'plots') note(key)
    else if (!MODELLED_STAGE_KEYS.has(key)) note(`unknown key "${key}"`)
  }
  if (hasInterpolation(body)) note('${...} interpolation')

  const cmd = readCmd(src, name, body, line, note)
  const fromWdir = inWdir(body.get('wdir'))
  const deps = stringList(src, name, body, 'deps').map((d) => fromWdir(checkPath(d, 'dep', note)))
  const outs = readOuts(src, name, body, note).map((o) => ({ ...o, path: fromWdir(o.path) }))
  const alwaysChanged = body.get('always_changed') === true
  const frozen = body.get('frozen') === true
  // `params: []` (or empty) records no values in dvc.lock (checked with the real DVC 3): nothing to refuse
  const paramsNode = body.get('params', true)
  const params =
    body.has('params') && !(isSeq(paramsNode) && paramsNode.items.length === 0) && !isNullScalar(paramsNode)
  return {
    name,
    cmd,
    deps,
    outs,
    line,
    ...(alwaysChanged ? { alwaysChanged } : {}),
    ...(frozen ? { frozen } : {}),
    ...(params ? { params } : {})
  }
}

/**
 * A stage body (or a foreach stage's `do:`) as DVC reads it: an alias
 * resolved, its merge keys merged; undefined when not a mapping. Everything
 * that reads a stage's paths reads them from this (params-files.ts too).
 */
export function stageBody(src: YamlSource, name: string, node: unknown): YAMLMap | undefined {
  const value = isAlias(node) ? node.resolve(src.doc) : node
  return isMap(value) ? withMergedKeys(src, name, value) : undefined
}

/**
 * A stage's mapping with its YAML merge keys (`<<: *shared`, `<<: [*a, *b]`)
 * resolved as DVC's reader (ruamel) resolves them: the keys of each merged
 * mapping that the stage does not set itself, the first merged mapping winning.
 * The `yaml` package reads `<<` as a plain key under YAML 1.2, which left a
 * stage whose deps come from a merge with none (stale forever, where DVC
 * calls it clean).
 */
function withMergedKeys(src: YamlSource, name: string, body: YAMLMap): YAMLMap {
  const merges = body.items.filter((p) => isScalar(p.key) && p.key.value === '<<')
  if (merges.length === 0) return body
  const items = body.items.filter((p) => !merges.includes(p))
  const keys = new Set(items.map(pairKey))
  for (const merge of merges) {
    const value = merge.value as Node | null
    for (const source of isSeq(value) ? value.items : [value]) {
      const node = isAlias(source) ? source.resolve(src.doc) : source
      if (!isMap(node))
        throw schemaError(src, (source ?? merge.key) as Node, `stage "${name}": a merge key (<<) must merge mappings`)
      for (const p of node.items) {
        if (keys.has(pairKey(p))) continue
        keys.add(pairKey(p))
        items.push(p)
      }
    }
  }
  const merged = new YAMLMap()
  merged.items = items
  merged.range = body.range
  return merged
}

function readCmd(
  src: YamlSource,
  name: string,
  body: YAMLMap,
  line: number | undefined,
  note: (w: string) => void
): string {
  const node = body.get('cmd', true)
  if (node === undefined) {
    throw new GraftError({
      file: src.file,
      line,
      message: `stage "${name}" has no cmd`,
      hint: 'give the stage a cmd; DVC requires one'
    })
  }
  if (isSeq(node)) {
    note('cmd as a list')
    return node.items.map((i) => scalarString(i) ?? '').join('\n')
  }
  const cmd = scalarString(node)
  if (cmd === undefined) throw schemaError(src, node, `the cmd of stage "${name}" must be a string`)
  return cmd
}

function readOuts(src: YamlSource, name: string, body: YAMLMap, note: (w: string) => void): StageOut[] {
  const node = body.get('outs', true)
  if (node === undefined || (isScalar(node) && node.value === null)) return []
  if (!isSeq(node)) throw listError(src, name, 'outs', node)
  return node.items.map((item) => {
    const plain = scalarString(item)
    if (plain !== undefined) {
      note(`cached out ${plain} (outs are cached unless "cache: false")`)
      return { path: checkPath(plain, 'out', note), cache: true }
    }
    if (!isMap(item) || item.items.length !== 1) {
      throw schemaError(src, item as Node, `stage "${name}": each out must be a path or a {path: {options}} mapping`)
    }
    const path = pairKey(item.items[0])
    const options = item.items[0].value
    if (options !== null && !isMap(options)) {
      throw schemaError(src, item as Node, `stage "${name}": the options of out ${path} must be a mapping`)
    }
    const cache = !isMap(options) || options.get('cache') !== false
    if (cache) note(`cached out ${path} (outs are cached unless "cache: false")`)
    for (const p of isMap(options) ? options.items : []) {
      if (!INERT_OUT_KEYS.has(pairKey(p))) note(`out option "${pairKey(p)}" of ${path}`)
    }
    return { path: checkPath(path, 'out', note), cache }
  })
}

function stringList(src: YamlSource, name: string, body: YAMLMap, key: string): string[] {
  const node = body.get(key, true)
  if (node === undefined || (isScalar(node) && node.value === null)) return []
  if (!isSeq(node)) throw listError(src, name, key, node)
  return node.items.map((item) => {
    const value = scalarString(item)
    if (value === undefined)
      throw schemaError(src, item as Node, `stage "${name}": each entry of ${key} must be a path string`)
    return value
  })
}

/**
 * A stage's paths as paths of the repository: DVC reads a stage's deps and
 * outs relative to its `wdir` (`wdir: sub`, `outs: [made.txt]` writes
 * sub/made.txt), so a document reading sub/made.txt is downstream of that
 * stage. Paths that are not plain relative paths (URLs, absolute, `${…}`),
 * and a `wdir` written with `${…}`, stay as written (noted as not modelled).
 * dvc.lock writes a stage's paths as dvc.yaml does, inside the same `wdir`.
 */
export function inWdir(wdir: unknown): (path: string) => string {
  if (typeof wdir !== 'string' || wdir.includes('${') || posix.normalize(wdir) === '.') return (path) => path
  return (path) =>
    path.includes('://') || path.includes('${') || posix.isAbsolute(path)
      ? path
      : posix.normalize(posix.join(wdir, path))
}

/** Paths the native engine cannot resolve in the work tree (URLs, absolute, outside the repo). */
function checkPath(path: string, kind: string, note: (w: string) => void): string {
  const normal = posix.normalize(path)
  if (path.includes('://') || posix.isAbsolute(path) || normal === '..' || normal.startsWith('../')) {
    note(`${kind} ${path} outside the repository`)
  }
  return path
}

function hasInterpolation(body: YAMLMap): boolean {
  let found = false
  visit(body, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes('${')) {
        found = true
        return visit.BREAK
      }
    }
  })
  return found
}

function listError(src: YamlSource, name: string, key: string, node: unknown): GraftError {
  return schemaError(src, node as Node, `stage "${name}": ${key} must be a list`)
}

function schemaError(src: YamlSource, node: Node | null | undefined, message: string): GraftError {
  return new GraftError({ file: src.file, line: src.lineOf(node), message, hint: SCHEMA_HINT })
}

async function readIfPresent(abs: string): Promise<string | undefined> {
  // One blocking read (the promise version reads a large file in chunks, each a thread-pool round
  // trip) that never blocks on a FIFO, and refuses a symlink as the resolver did before it.
  return readRegularFile(abs, 'dvc.yaml', { noFollow: true })
}

function isNullScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null
}
