// A fast reader for dvc.lock files in the exact layout DVC writes, because the
// general YAML parser dominates validate on large lock files (bench/readers.mjs
// measures both): sticky regular expressions over whole stages and entries first, a line
// reader for the rest of DVC's layout (folded values, other key orders).
// Anything outside that layout (comments, quotes beyond '…', params, flow
// style, CRLF, …) returns undefined and the caller uses the YAML parser, so
// both always agree.
import { isPlainString } from '../yaml/emit-ruamel.js'
import { IMPLICIT_KEY_MAX, isSafePlain, RUAMEL_BINARY } from '../yaml/plain.js'
import type { DvcLock, LockEntry, LockStage } from '../types.js'

const STAGE = /^ {2}([^ ].*):$/
const FIELD = /^( {4}| {6}|( {4}- ))([a-z0-9]+):(?: (.*))?$/
const CONTINUATION = /^ {6}([^ ].*)$/
const ENTRY_CONTINUATION = /^ {8}([^ ].*)$/
/** A continuation line starting like this would not continue a plain scalar. */
const INDICATOR_START = /^(#|[-?:]( |$))/
const COUNT = /^(0|[1-9][0-9]{0,14})$/
/**
 * An md5 as DVC writes it (32 hex digits, `.dir` after a folder's) holding a
 * hex letter other than `e`: YAML 1.2's core schema reads it as this string,
 * never as a number (only digits and one `e` make a number) nor null or bool
 * (ruamel's binary integers, `0b` and binary digits, are declined before).
 */
const PLAIN_MD5 = /^(?=[0-9a-f]*[a-df])[0-9a-f]{32}(?:\.dir)?$/
/**
 * What String#trim strips but YAML keeps (YAML's white space is only space
 * and tab), and \r: a file holding any of these is left to the YAML reader.
 */
const NOT_YAML_WHITE = /[\r\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/

/** One entry's raw values as read, before typing. */
interface Draft {
  path?: string
  hash?: string
  md5?: string
  size?: string
  nfiles?: string
  isexec?: string
}
const DRAFT_KEYS = new Set(['path', 'hash', 'md5', 'size', 'nfiles', 'isexec'])

const HEAD = "schema: '2.0'\nstages:\n"
/** A stage's key, its `cmd:` line and the cmd's continuation lines. */
const STAGE_BLOCK = /  ([^ \n][^\n]*):\n    cmd: ([^\n]*)\n((?:      [^ \n][^\n]*\n)*)/y
const LIST_KEY = /    (deps|outs):\n/y
/** One entry, its keys in DVC's order, one line each. */
const ENTRY_BLOCK =
  /    - path: ([^\n]*)\n(      hash: md5\n)?      md5: ([^\n]*)\n(?:      size: ([^\n]*)\n)?(?:      nfiles: ([^\n]*)\n)?(      isexec: true\n)?/y

/** The lock file, or undefined when the text is not in DVC's plain layout. */
export function fastParseDvcLock(text: string): DvcLock | undefined {
  if (NOT_YAML_WHITE.test(text) || !text.startsWith(HEAD)) return undefined
  const plain = new Map<string, boolean>()
  return lockByBlocks(text, plain) ?? lockByLines(text, plain)
}

/**
 * The common case in one pass of sticky regular expressions (several times
 * faster than line by line before the JIT warms up): stages and entries in
 * DVC's own order, one value per line. Undefined for anything else; when it
 * returns a lock, lockByLines returns the same (tests hold the two together).
 * Exported for those tests; `text` has passed fastParseDvcLock's checks.
 */
export function lockByBlocks(text: string, plain = new Map<string, boolean>()): DvcLock | undefined {
  const stages = new Map<string, LockStage>()
  let at = HEAD.length
  let line = 3 // of the next stage key
  while (at < text.length) {
    STAGE_BLOCK.lastIndex = at
    const m = STAGE_BLOCK.exec(text)
    if (!m) return undefined
    const name = m[1]
    if (!isPlainKey(name, plain) || stages.has(name)) return undefined
    const more = m[3] === '' ? [] : m[3].slice(0, -1).split('\n')
    if (more.some((l) => INDICATOR_START.test(l.trimStart()))) return undefined
    const cmd = joinFolded(m[2], more)
    if (!isPlain(cmd, plain)) return undefined
    const stage: LockStage = { cmd, deps: [], outs: [], line }
    stages.set(name, stage)
    at = STAGE_BLOCK.lastIndex
    line += 2 + more.length
    for (const key of ['deps', 'outs'] as const) {
      LIST_KEY.lastIndex = at
      const k = LIST_KEY.exec(text)
      if (!k || k[1] !== key) continue
      at = LIST_KEY.lastIndex
      line++
      for (let e = readEntry(text, at); e; e = readEntry(text, at)) {
        const entry = toEntry(e.draft, plain)
        if (!entry) return undefined
        stage[key].push(entry)
        at = e.end
        line += e.lines
      }
    }
  }
  return { schema: '2.0', stages }
}

/** The entry starting at `at` in DVC's layout, as raw values; undefined when there is none. */
function readEntry(text: string, at: number): { draft: Draft; end: number; lines: number } | undefined {
  ENTRY_BLOCK.lastIndex = at
  const e = ENTRY_BLOCK.exec(text)
  if (!e) return undefined
  const draft: Draft = { path: oneLine(e[1]), md5: oneLine(e[3]) }
  if (e[2] !== undefined) draft.hash = 'md5'
  if (e[4] !== undefined) draft.size = oneLine(e[4])
  if (e[5] !== undefined) draft.nfiles = oneLine(e[5])
  if (e[6] !== undefined) draft.isexec = 'true'
  const lines =
    2 +
    (e[2] !== undefined ? 1 : 0) +
    (e[4] !== undefined ? 1 : 0) +
    (e[5] !== undefined ? 1 : 0) +
    (e[6] !== undefined ? 1 : 0)
  return { draft, end: ENTRY_BLOCK.lastIndex, lines }
}

/**
 * Any DVC-layout lock file, line by line (keys of an entry in any order,
 * values folded over lines). Exported for the tests of lockByBlocks; `text`
 * has passed fastParseDvcLock's checks.
 */
export function lockByLines(text: string, plain = new Map<string, boolean>()): DvcLock | undefined {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  const stages = new Map<string, LockStage>()
  let stage: LockStage | undefined
  let list: LockEntry[] | undefined
  let entry: Draft | undefined
  /** the list keys the current stage has given */
  const lists = new Set<string>()
  const end = { i: 0 }
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i]
    const stageMatch = STAGE.exec(line)
    if (stageMatch) {
      if (!finishEntry(entry, list, plain) || (stage && stage.cmd === undefined)) return undefined
      entry = undefined
      const name = stageMatch[1]
      if (!isPlainKey(name, plain) || stages.has(name)) return undefined
      stage = { cmd: undefined as unknown as string, deps: [], outs: [], line: i + 1 }
      list = undefined
      lists.clear()
      stages.set(name, stage)
      continue
    }
    const m = FIELD.exec(line)
    if (!m || !stage) return undefined
    const dash = m[2] !== undefined
    const key = m[3]
    const rawValue = m[4]
    if (m[1] === '    ' && !dash) {
      if (!finishEntry(entry, list, plain)) return undefined
      entry = undefined
      if (key === 'cmd' && rawValue !== undefined && stage.cmd === undefined && list === undefined) {
        const cmd = folded(lines, i, rawValue, CONTINUATION, end)
        if (!isPlain(cmd, plain)) return undefined
        stage.cmd = cmd
        i = end.i
      } else if ((key === 'deps' || key === 'outs') && rawValue === undefined && stage.cmd !== undefined) {
        // A key given twice is a YAML error; deps after outs is not DVC's layout.
        if (lists.has(key) || (key === 'deps' && lists.has('outs'))) return undefined
        lists.add(key)
        list = key === 'deps' ? stage.deps : stage.outs
      } else {
        return undefined
      }
      continue
    }
    if (!list || rawValue === undefined) return undefined
    if (dash) {
      if (key !== 'path' || !finishEntry(entry, list, plain)) return undefined
      entry = {}
    }
    // Any other key makes the YAML reader's entry differ: leave the file to it.
    if (!entry || !DRAFT_KEYS.has(key) || entry[key as keyof Draft] !== undefined) return undefined
    entry[key as keyof Draft] = folded(lines, i, rawValue, ENTRY_CONTINUATION, end)
    i = end.i
  }
  if (!finishEntry(entry, list, plain) || (stage && stage.cmd === undefined)) return undefined
  return { schema: '2.0', stages }
}

/** Adds the entry being read (if any) to the list; false when it is not plain. */
function finishEntry(entry: Draft | undefined, list: LockEntry[] | undefined, plain: Map<string, boolean>): boolean {
  if (!entry) return true
  const e = toEntry(entry, plain)
  if (!e || !list) return false
  list.push(e)
  return true
}

/**
 * A plain scalar folded over lines (DVC folds near column 80, and puts a
 * long word on a line of its own): lines joined by one space. Sets `end.i`
 * to the index of its last line.
 */
function folded(lines: string[], i: number, first: string, continuation: RegExp, end: { i: number }): string {
  const more: string[] = []
  while (i + 1 < lines.length && continuation.test(lines[i + 1]) && !INDICATOR_START.test(lines[i + 1].trimStart()))
    more.push(lines[++i])
  end.i = i
  return joinFolded(first, more)
}

/** A value's first line and its continuation lines, as YAML joins a plain scalar: trimmed, one space between. */
function joinFolded(first: string, more: string[]): string {
  let value = first.trim() === '' ? undefined : first.trimEnd()
  for (const line of more) {
    const part = line.trim()
    value = value === undefined ? part : `${value} ${part}`
  }
  return value ?? ''
}

/** A one-line value as joinFolded reads it. */
function oneLine(raw: string): string {
  return raw.trim() === '' ? '' : raw.trimEnd()
}

/** One entry's raw values, checked the way the YAML reader would type them. */
function toEntry(raw: Draft, plain: Map<string, boolean>): LockEntry | undefined {
  const path = scalar(raw.path, plain)
  // Nearly every md5 settles on its shape; each is unique, so remembering it would only cost.
  if (raw.md5 !== undefined && RUAMEL_BINARY.test(raw.md5)) return undefined // the YAML reader refuses it, as DVC fails on it
  const md5 = raw.md5 !== undefined && PLAIN_MD5.test(raw.md5) ? raw.md5 : scalar(raw.md5, plain)
  if (path === undefined || md5 === undefined) return undefined
  if (raw.hash !== undefined && raw.hash !== 'md5') return undefined
  if (raw.isexec !== undefined && raw.isexec !== 'true') return undefined
  if ((raw.size !== undefined && !COUNT.test(raw.size)) || (raw.nfiles !== undefined && !COUNT.test(raw.nfiles)))
    return undefined
  // Same key order as the YAML reader builds.
  const e: LockEntry = raw.hash === undefined ? { path, md5 } : { path, hash: 'md5', md5 }
  if (raw.size !== undefined) e.size = Number(raw.size)
  if (raw.nfiles !== undefined) e.nfiles = Number(raw.nfiles)
  if (raw.isexec !== undefined) e.isexec = true
  return e
}

/** A one-line plain or simple single-quoted string; undefined when unsure. */
function scalar(raw: string | undefined, plain: Map<string, boolean>): string | undefined {
  if (raw === undefined) return undefined
  if (raw.charCodeAt(0) === 0x27) {
    const quoted = /^'([^']*)'$/.exec(raw)
    if (quoted) return quoted[1]
  }
  return isPlain(raw, plain) ? raw : undefined
}

/** Reads back as this string when written plain as a key (see isSafePlainKey for the length rule). */
function isPlainKey(value: string, seen: Map<string, boolean>): boolean {
  return value.length <= IMPLICIT_KEY_MAX && isPlain(value, seen)
}

/** Reads back as this string when written plain: the cheap test first, then ruamel's rules; remembered per file. */
function isPlain(value: string, seen: Map<string, boolean>): boolean {
  let known = seen.get(value)
  if (known === undefined) {
    known = isSafePlain(value, 'core') || isPlainString(value)
    seen.set(value, known)
  }
  return known
}
