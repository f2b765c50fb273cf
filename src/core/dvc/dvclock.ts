// dvc.lock: read it (schema 2.0), compute fresh entries, and rewrite one
// stage's entry in DVC's own layout so the real `dvc status` agrees and every
// other stage stays byte-identical.
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml'
import { GraftError } from '../errors.js'
import { readRegularFile } from '../repo/safe-read.js'
import type { DvcLock, LockEntry, LockStage } from '../types.js'
import { Hasher } from './hash.js'
import { fastParseDvcLock } from './dvclock-fast.js'
import {
  applyEdits,
  inLineEndsOf,
  lineEnd,
  pairKey,
  parseYamlSource,
  removeBlockPairs,
  scalarString,
  type TextEdit,
  type YamlSource
} from '../yaml/source.js'
import { yamlKey, yamlValue } from '../yaml/emit-ruamel.js'
import { RUAMEL_BINARY } from '../yaml/plain.js'

const FILE = 'dvc.lock'
const SYNTAX_HINT = 'fix the syntax, or restore dvc.lock from git (`git checkout -- dvc.lock`) and run `dvc repro`'
const CORRUPT_HINT = 'restore dvc.lock from git, or regenerate it with `dvc repro` (DVC 3)'

export async function readDvcLock(root: string): Promise<DvcLock | undefined> {
  // One blocking read, not a round trip per chunk; never blocking on a FIFO, refusing a symlink as the resolver did.
  const text = readRegularFile(join(root, FILE), FILE, { noFollow: true })
  return text === undefined ? undefined : parseDvcLock(text)
}

export function parseDvcLock(text: string, file = FILE): DvcLock {
  return fastParseDvcLock(text) ?? parseDvcLockYaml(text, file)
}

/** The general reader (any YAML layout); parseDvcLock tries the fast one first. */
export function parseDvcLockYaml(text: string, file = FILE): DvcLock {
  const src = parseYamlSource(text, file, SYNTAX_HINT)
  const top = src.doc.contents
  const schema: unknown = isMap(top) ? top.get('schema') : undefined
  if (schema !== '2.0') {
    throw new GraftError({
      file,
      line: (isMap(top) ? src.lineOf(top.get('schema', true) as Node | undefined) : undefined) ?? 1,
      message: `${file} ${schema === undefined ? 'has no "schema" key' : `has schema ${JSON.stringify(schema)}`}: only DVC 3 lock files (schema '2.0') are supported; DVC 1 lock files are not`,
      hint: 'run `dvc repro` with DVC 3 to rewrite dvc.lock, and commit it'
    })
  }
  const stagesNode = (top as YAMLMap).get('stages', true)
  const stages = new Map<string, LockStage>()
  if (stagesNode === undefined || (isScalar(stagesNode) && stagesNode.value === null)) return { schema: '2.0', stages }
  if (!isMap(stagesNode)) throw corrupt(src, stagesNode as Node, '"stages" must be a mapping')
  for (const pair of stagesNode.items) {
    const name = pairKey(pair)
    stages.set(name, readLockStage(src, name, pair))
  }
  return { schema: '2.0', stages }
}

function readLockStage(src: YamlSource, name: string, pair: Pair): LockStage {
  const line = src.lineOf(pair.key as Node)
  const body = pair.value
  if (!isMap(body))
    throw new GraftError({ file: src.file, line, message: `stage "${name}" must be a mapping`, hint: CORRUPT_HINT })
  const cmdNode = body.get('cmd', true)
  let cmd = scalarString(cmdNode)
  if (cmd === undefined && isSeq(cmdNode)) cmd = cmdNode.items.map((i) => scalarString(i) ?? '').join('\n')
  if (cmd === undefined) {
    throw new GraftError({
      file: src.file,
      line: src.lineOf(cmdNode as Node) ?? line,
      message: `stage "${name}" has no cmd string`,
      hint: CORRUPT_HINT
    })
  }
  return { cmd, deps: readEntries(src, name, body, 'deps'), outs: readEntries(src, name, body, 'outs'), line }
}

function readEntries(src: YamlSource, stage: string, body: YAMLMap, key: 'deps' | 'outs'): LockEntry[] {
  const node = body.get(key, true)
  if (node === undefined || (isScalar(node) && node.value === null)) return []
  if (!isSeq(node)) throw corrupt(src, node as Node, `stage "${stage}": ${key} must be a list`)
  return node.items.map((item) => {
    if (!isMap(item)) throw corrupt(src, item as Node, `stage "${stage}": each entry of ${key} must be a mapping`)
    const path = scalarString(item.get('path', true))
    const md5Node = item.get('md5', true)
    // DVC's reader (ruamel) reads a plain 0b101… as a binary integer, and then fails: so does this one.
    // An entry without md5 is one DVC reads as of unknown hash: its file modified (or deleted when
    // gone). The empty md5 matches no file's.
    const md5 =
      md5Node === undefined
        ? ''
        : isScalar(md5Node) && md5Node.type === 'PLAIN' && RUAMEL_BINARY.test(String(md5Node.value))
          ? undefined
          : scalarString(md5Node)
    if (path === undefined || md5 === undefined) {
      throw corrupt(
        src,
        item,
        `stage "${stage}": an entry of ${key} has no ${path === undefined ? 'path' : 'md5'} string${path ? ` (${path})` : ''}`
      )
    }
    const hash = item.get('hash')
    if (hash !== undefined && hash !== 'md5') {
      throw corrupt(src, item, `stage "${stage}": ${path} uses hash ${JSON.stringify(hash)}; only md5 is supported`)
    }
    const entry: LockEntry = { path, ...(hash === 'md5' ? { hash } : {}), md5 }
    const size = item.get('size')
    const nfiles = item.get('nfiles')
    if (typeof size === 'number') entry.size = size
    if (typeof nfiles === 'number') entry.nfiles = nfiles
    if (item.get('isexec') === true) entry.isexec = true
    return entry
  })
}

/** A fresh entry for a file or directory under root, as `dvc repro` would write it. */
export async function lockEntryFor(
  root: string,
  path: string,
  legacy = false,
  hasher = new Hasher({ root })
): Promise<LockEntry> {
  const abs = join(root, path)
  const info = await stat(abs).catch(() => undefined)
  if (!info) {
    throw new GraftError({
      file: path,
      message: `${path} does not exist, so it has no hash for dvc.lock`,
      hint: 'create it, or remove it from the stage'
    })
  }
  const hash = legacy ? {} : { hash: 'md5' as const }
  if (info.isDirectory()) {
    const d = await hasher.dir(abs, legacy)
    return { path, ...hash, md5: d.md5, size: d.size, nfiles: d.nfiles }
  }
  const f = await hasher.file(abs, legacy)
  return { path, ...hash, md5: f.md5, size: f.size, ...(f.isexec ? { isexec: true } : {}) }
}

/**
 * dvc.lock text with stage `name` set to `stage` (added at the end when new),
 * every other byte kept. Throws a GraftError when the existing text is not a
 * valid DVC 3 lock file.
 */
export function setLockStage(existingText: string | undefined, name: string, stage: LockStage): string {
  return setLockStages(existingText, [[name, stage]])
}

/**
 * dvc.lock text with each named stage set: replaced where it stands, or added
 * at the end in the order given; every other byte kept, but line ends: the
 * result has the file's own style throughout (see inLineEndsOf). The text is read once
 * and the result read back once, however many stages a run renders.
 * @throws GraftError when the existing text is not a valid DVC 3 lock file.
 */
export function setLockStages(existingText: string | undefined, stages: Array<[string, LockStage]>): string {
  return inLineEndsOf(existingText, (lf) => setLockStagesLf(lf, stages))
}

function setLockStagesLf(existingText: string | undefined, stages: Array<[string, LockStage]>): string {
  const text = existingText === undefined || existingText.trim() === '' ? `schema: '2.0'\nstages:\n` : existingText
  const plain = fastParseDvcLock(text)
  const before = plain ?? parseDvcLockYaml(text) // refuse to edit a corrupt file
  const byName = new Map(stages)
  const result =
    (plain && spliceByLines(text, plain, byName)) ??
    [...byName].reduce((t, [name, stage]) => spliceStage(t, name, stage), text)
  assertReadsBack(result, byName, before)
  return result
}

/**
 * spliceStage for a lock in DVC's own layout (`lock` is fastParseDvcLock's
 * reading of `text`), for every stage of `stages` at once: there each stage
 * runs from its key's line to the next stage's key, the last one to the end
 * of the file, so line numbers are all the splice needs. The YAML tree
 * spliceStage builds costs about a second on a 1000-stage lock. Exported for
 * the test that holds the two splices together; undefined when `lock` has no
 * stages or a key is not where the reader said (spliceStage then does it).
 * A stage mapped to undefined is removed (nothing when it is not there).
 */
export function spliceByLines(
  text: string,
  lock: DvcLock,
  stages: Map<string, LockStage | undefined>
): string | undefined {
  const order = [...lock.stages]
  if (order.length === 0) return undefined
  const index = new Map(order.map(([name], i) => [name, i]))
  const lines: number[] = []
  for (const name of stages.keys()) {
    const i = index.get(name)
    if (i !== undefined) lines.push(order[i][1].line ?? 0, order[i + 1]?.[1].line ?? 0)
  }
  const starts = lineStarts(text, lines)
  const edits: TextEdit[] = []
  let appended = ''
  for (const [name, stage] of stages) {
    const block = stage ? stageBlock(name, stage, 2) : ''
    const i = index.get(name)
    if (i === undefined) {
      appended += block
      continue
    }
    const start = starts.get(order[i][1].line ?? 0)
    const next = order[i + 1]
    const end = next ? starts.get(next[1].line ?? 0) : text.length
    if (start === undefined || end === undefined || !text.startsWith(`  ${name}:\n`, start)) return undefined
    edits.push({ start, end, text: block })
  }
  const result = applyEdits(text, edits)
  return appended === '' ? result : `${withNewline(result)}${appended}`
}

/** 1-based line → the offset where it starts, for each of `lines` the text has (0 and lines past the end are left out). */
function lineStarts(text: string, lines: number[]): Map<number, number> {
  const found = new Map<number, number>()
  let line = 1
  let offset = 0
  for (const target of [...new Set(lines)].filter((l) => l > 0).sort((x, y) => x - y)) {
    for (; line < target; line++) {
      const nl = text.indexOf('\n', offset)
      if (nl < 0) return found
      offset = nl + 1
    }
    found.set(target, offset)
  }
  return found
}

/**
 * dvc.lock text without the entries of the named stages, every other byte
 * kept; names without an entry are ignored. A `stages:` left with none
 * becomes `stages: {}`.
 * @throws GraftError when the existing text is not a valid DVC 3 lock file.
 */
export function removeLockStages(existingText: string, names: string[]): string {
  return inLineEndsOf(existingText, (lf) => removeLockStagesLf(lf!, names))
}

function removeLockStagesLf(existingText: string, names: string[]): string {
  const plain = fastParseDvcLock(existingText)
  const before = plain ?? parseDvcLockYaml(existingText) // refuse to edit a corrupt file
  const gone = new Set(names)
  const kept = [...before.stages.keys()].filter((n) => !gone.has(n))
  if (kept.length === before.stages.size) return existingText
  const removed = new Map(names.map((n) => [n, undefined]))
  // DVC's layout, some stages left: cut by line numbers (a `stages:` left empty needs the tree's `{}`)
  const byLines = plain && kept.length > 0 ? spliceByLines(existingText, plain, removed) : undefined
  const result = byLines ?? removeByTree(existingText, gone)
  assertReadsBack(result, removed, before)
  return result
}

/** removeLockStages through the YAML tree (any layout). */
function removeByTree(existingText: string, gone: Set<string>): string {
  const top = parseYamlSource(existingText, FILE, SYNTAX_HINT).doc.contents as YAMLMap
  const stagesPair = top.items.find((p) => pairKey(p) === 'stages')
  const stages = stagesPair?.value
  if (!isMap(stages) || stages.items.length === 0) return existingText
  if (stages.flow) {
    throw new GraftError({
      file: FILE,
      message: 'the "stages" of dvc.lock are written in flow style ({...}), which this tool does not edit',
      hint: CORRUPT_HINT
    })
  }
  let result = removeBlockPairs(existingText, stages, gone)
  if (stages.items.every((p) => gone.has(pairKey(p)))) {
    const keyEnd = (stagesPair!.key as Node).range![1]
    const colon = result.indexOf(':', keyEnd)
    result = `${result.slice(0, colon + 1)} {}${result.slice(colon + 1)}`
  }
  return result
}

/** The general splice: where the YAML tree puts the stages (any layout). Exported for the test of spliceByLines. */
export function spliceStage(text: string, name: string, stage: LockStage): string {
  const top = parseYamlSource(text, FILE, SYNTAX_HINT).doc.contents as YAMLMap
  const stagesPair = top.items.find((p) => pairKey(p) === 'stages')
  if (!stagesPair) return `${withNewline(text)}stages:\n${stageBlock(name, stage, 2)}`
  const stages = stagesPair.value
  if (!isMap(stages) || stages.items.length === 0) {
    // `stages:` with nothing, or `stages: {}`: give it a block body.
    const keyEnd = (stagesPair.key as Node).range![1]
    return `${text.slice(0, keyEnd)}:\n${stageBlock(name, stage, 2)}${text.slice(lineEnd(text, keyEnd))}`
  }
  if (stages.flow) {
    throw new GraftError({
      file: FILE,
      message: 'the "stages" of dvc.lock are written in flow style ({...}), which this tool does not edit',
      hint: CORRUPT_HINT
    })
  }
  const firstKey = (stages.items[0].key as Node).range![0]
  const indent = firstKey - lineStart(text, firstKey)
  const block = stageBlock(name, stage, indent)
  const index = stages.items.findIndex((p) => pairKey(p) === name)
  if (index < 0) {
    const end = pairEnd(text, stages.items, stages.items.length - 1)
    return `${withNewline(text.slice(0, end))}${block}${text.slice(end)}`
  }
  const start = lineStart(text, (stages.items[index].key as Node).range![0])
  const end = pairEnd(text, stages.items, index)
  return `${text.slice(0, start)}${block}${text.slice(end)}`
}

/** Where pair `i` ends: the next key's line, or the end of the line holding its value's last character. */
function pairEnd(text: string, items: Pair[], i: number): number {
  if (i + 1 < items.length) return lineStart(text, (items[i + 1].key as Node).range![0])
  const value = items[i].value as Node | null
  const end = value?.range ? value.range[1] : (items[i].key as Node).range![1]
  return lineEnd(text, Math.max(end - 1, 0))
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

/** Offset just past the newline ending the line that holds `offset` (or the end of text). */
function withNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`
}

/** One stage in DVC's layout: cmd, deps, outs; entries sorted by path. */
function stageBlock(name: string, stage: LockStage, indent: number): string {
  const pad = ' '.repeat(indent)
  let out = `${pad}${yamlKey(name)}:\n`
  out += field(indent + 2, 'cmd', stage.cmd)
  for (const key of ['deps', 'outs'] as const) {
    const entries = sortEntries(stage[key])
    if (entries.length === 0) continue
    out += `${pad}  ${key}:\n`
    for (const e of entries) out += entryBlock(e, indent + 2)
  }
  return out
}

function entryBlock(e: LockEntry, indent: number): string {
  const inner = indent + 2
  let out = `${' '.repeat(indent)}- path:${yamlValue(e.path, indent + '- path:'.length, inner + 2)}\n`
  if (e.hash) out += `${' '.repeat(inner)}hash: md5\n`
  out += field(inner, 'md5', e.md5)
  if (e.size !== undefined) out += `${' '.repeat(inner)}size: ${e.size}\n`
  if (e.nfiles !== undefined) out += `${' '.repeat(inner)}nfiles: ${e.nfiles}\n`
  if (e.isexec) out += `${' '.repeat(inner)}isexec: true\n`
  return out
}

function field(indent: number, key: string, value: string): string {
  return `${' '.repeat(indent)}${key}:${yamlValue(value, indent + key.length + 1, indent + 2)}\n`
}

/** DVC sorts entries by path (Python: code point order; UTF-8 bytes sort the same). */
function sortEntries(entries: LockEntry[]): LockEntry[] {
  return [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)))
}

/**
 * Guards every edit of dvc.lock: each written stage must read back exactly as
 * given, each removed one (mapped to undefined) be gone, and every other stage
 * of `before` read back exactly as it was, in the same order.
 */
function assertReadsBack(text: string, stages: Map<string, LockStage | undefined>, before: DvcLock): void {
  const back = parseDvcLock(text).stages
  const canon = (s: LockStage): unknown => ({
    cmd: s.cmd,
    deps: sortEntries(s.deps).map(canonEntry),
    outs: sortEntries(s.outs).map(canonEntry)
  })
  for (const [name, stage] of stages) {
    const got = back.get(name)
    if (JSON.stringify(got && canon(got)) !== JSON.stringify(stage && canon(stage))) {
      throw new Error(`internal error: dvc.lock entry for ${name} does not read back as written`)
    }
  }
  const others = (lock: Map<string, LockStage>): string =>
    JSON.stringify([...lock].filter(([name]) => !stages.has(name)).map(([name, s]) => [name, canon(s)]))
  if (others(back) !== others(before.stages))
    throw new Error('internal error: writing dvc.lock changed the entries of other stages')
}

function canonEntry(e: LockEntry): unknown {
  return [e.path, e.hash, e.md5, e.size, e.nfiles, e.isexec === true]
}

function corrupt(src: YamlSource, node: Node | undefined, message: string): GraftError {
  return new GraftError({ file: src.file, line: src.lineOf(node), message, hint: CORRUPT_HINT })
}
