// A fast reader for dvc.yaml in the layout Graft (and graft-action) write:
// comment header, `stages:`, and per stage `cmd` (a plain scalar, possibly
// folded), `deps` (plain paths), `outs` (`- path:` with `cache: false`),
// optionally `always_changed`; it pays where the YAML parser dominates
// validate's time (bench/readers.mjs measures both). Sticky regular
// expressions over whole stages in Graft's exact layout first, a line reader
// for other indentations and key orders.
// Anything else (quotes, flow style, other keys, cached
// outs, CRLF, odd indentation, …) returns undefined and the caller uses the
// full parser, which also owns every error message and every `unsupported`
// note: this reader only ever returns what the full parser would.
import { posix } from 'node:path'
import { isSafePlain, isSafePlainKey, isSafePlainLine } from '../yaml/plain.js'
import type { DvcYaml, StageDef, StageOut } from '../types.js'

const IGNORABLE = /^ *(?:#.*)?$/
const STAGE_KEY = /^( +)([^ #].*):$/
const BODY_KEY = /^( +)(cmd|deps|outs|always_changed):(?: (.*))?$/
const ITEM = /^( *)- (.*)$/
const CACHE_FALSE = /^( +)cache: false$/
const DOTDOT_SEGMENT = /(?:^|\/)\.\.(?:\/|$)/

/** Lines of the text with a cursor; `undefined` past the end. */
class Lines {
  private readonly lines: string[]
  i = 0

  constructor(text: string) {
    this.lines = text.split('\n')
    if (this.lines.at(-1) === '') this.lines.pop()
  }

  /** The next line that is neither blank nor a comment (the cursor moves to it). */
  next(): string | undefined {
    while (this.i < this.lines.length && IGNORABLE.test(this.lines[this.i])) this.i++
    return this.lines[this.i]
  }

  /** The line right after the cursor, blank or not. */
  following(): string | undefined {
    return this.lines[this.i + 1]
  }
}

/** Comment and blank lines (as IGNORABLE reads them), then `stages:`. */
const PREAMBLE = /(?: *(?:#[^\n\u2028\u2029]*)?\n)*stages:\n/y
/** A stage as Graft writes it: key, `cmd:` and its continuation lines, `deps:`. */
const STAGE_HEAD = /  ([^ #\n][^\n]*):\n    cmd: ([^\n]*)\n((?: {5,}[^ \n][^\n]*\n)*)    deps:\n/y
const DEP = /    - ([^\n]*)\n/y
const OUTS = /    outs:\n/y
const OUT = /    - ([^\n]*):\n {8}cache: false\n/y
const ALWAYS_CHANGED = /    always_changed: (true|false)\n/y

/** dvc.yaml's stages, or undefined when the text is not in the plain layout. */
export function fastParseDvcYaml(text: string): DvcYaml | undefined {
  if (/[\r\t\uFEFF]/.test(text)) return undefined
  return dvcYamlByBlocks(text) ?? dvcYamlByLines(text)
}

/**
 * Graft's own layout (stage keys at 2 spaces, `cmd`, `deps`, `outs` with
 * `cache: false`, `always_changed`, in that order; no comments between
 * stages) by sticky regular expressions. Undefined for anything else; when
 * it returns stages, dvcYamlByLines returns the same (tests hold the two
 * together). Exported for those tests; `text` has passed fastParseDvcYaml's check.
 */
export function dvcYamlByBlocks(text: string): DvcYaml | undefined {
  PREAMBLE.lastIndex = 0
  if (!PREAMBLE.exec(text)) return undefined
  let at = PREAMBLE.lastIndex
  let line = lineCount(text, at) + 1
  const stages: StageDef[] = []
  const names = new Set<string>()
  while (at < text.length) {
    STAGE_HEAD.lastIndex = at
    const m = STAGE_HEAD.exec(text)
    if (!m) return undefined
    const name = m[1]
    if (!isSafePlainKey(name, 'core') || names.has(name)) return undefined
    names.add(name)
    const more =
      m[3] === ''
        ? []
        : m[3]
            .slice(0, -1)
            .split('\n')
            .map((l) => l.slice(indentOf(l)))
    if (!isSafePlainLine(m[2]) || !more.every(isSafePlainLine)) return undefined
    const cmd = [m[2], ...more].join(' ')
    if (!isSafePlain(cmd, 'core')) return undefined
    const stage: StageDef = { name, cmd, deps: [], outs: [], line }
    at = STAGE_HEAD.lastIndex
    line += 3 + more.length
    for (let d = sticky(DEP, text, at); d; d = sticky(DEP, text, at)) {
      if (!isSafePlain(d[1], 'core') || !insideRepo(d[1])) return undefined
      stage.deps.push(d[1])
      at = DEP.lastIndex
      line++
    }
    if (sticky(OUTS, text, at)) {
      at = OUTS.lastIndex
      line++
      for (let o = sticky(OUT, text, at); o; o = sticky(OUT, text, at)) {
        if (!isSafePlainKey(o[1], 'core') || !insideRepo(o[1])) return undefined
        stage.outs.push({ path: o[1], cache: false })
        at = OUT.lastIndex
        line += 2
      }
    }
    const a = sticky(ALWAYS_CHANGED, text, at)
    if (a) {
      if (a[1] === 'true') stage.alwaysChanged = true
      at = ALWAYS_CHANGED.lastIndex
      line++
    }
    stages.push(stage)
  }
  return { stages, unsupported: [] }
}

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at
  return re.exec(text)
}

/** Lines that end before `at`. */
function lineCount(text: string, at: number): number {
  let n = 0
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) n++
  return n
}

/** Any plain layout, line by line. Exported for the tests of dvcYamlByBlocks. */
export function dvcYamlByLines(text: string): DvcYaml | undefined {
  const lines = new Lines(text)
  const first = lines.next()
  if (first === undefined) return { stages: [], unsupported: [] }
  if (first !== 'stages:') return undefined
  lines.i++
  const stages: StageDef[] = []
  const names = new Set<string>()
  let stageIndent: number | undefined
  for (let line = lines.next(); line !== undefined; line = lines.next()) {
    const m = STAGE_KEY.exec(line)
    if (!m || (stageIndent !== undefined && m[1].length !== stageIndent)) return undefined
    stageIndent = m[1].length
    const name = m[2]
    if (!isSafePlainKey(name, 'core') || names.has(name)) return undefined
    names.add(name)
    const stage = readStage(lines, name, stageIndent)
    if (!stage) return undefined
    stages.push(stage)
  }
  return { stages, unsupported: [] }
}

/** One stage's body; the cursor is on the stage's key and ends past its last line. */
function readStage(lines: Lines, name: string, stageIndent: number): StageDef | undefined {
  const line = lines.i + 1
  lines.i++
  let cmd: string | undefined
  let deps: string[] | undefined
  let outs: StageOut[] | undefined
  let alwaysChanged: boolean | undefined
  let keyIndent: number | undefined
  for (let text = lines.next(); text !== undefined; text = lines.next()) {
    if (indentOf(text) <= stageIndent) break
    const m = BODY_KEY.exec(text)
    if (!m || (keyIndent !== undefined && m[1].length !== keyIndent)) return undefined
    keyIndent = m[1].length
    const [, , key, value] = m
    if (key === 'cmd') {
      if (cmd !== undefined || value === undefined) return undefined
      cmd = readFolded(lines, value, keyIndent)
      if (cmd === undefined) return undefined
    } else if (key === 'deps') {
      if (deps !== undefined || value !== undefined) return undefined
      deps = readDeps(lines, keyIndent)
      if (deps === undefined) return undefined
    } else if (key === 'outs') {
      if (outs !== undefined || value !== undefined) return undefined
      outs = readOuts(lines, keyIndent)
      if (outs === undefined) return undefined
    } else {
      if (alwaysChanged !== undefined || (value !== 'true' && value !== 'false')) return undefined
      alwaysChanged = value === 'true'
      lines.i++
    }
  }
  if (cmd === undefined) return undefined
  return { name, cmd, deps: deps ?? [], outs: outs ?? [], line, ...(alwaysChanged ? { alwaysChanged } : {}) }
}

/**
 * A plain scalar whose first line is `first` (the cursor is on it), folded
 * over the lines right below that are indented past its key: lines joined
 * by single spaces. A blank or comment line ends it.
 */
function readFolded(lines: Lines, first: string, keyIndent: number): string | undefined {
  if (!isSafePlainLine(first)) return undefined
  const parts = [first]
  for (let text = lines.following(); text !== undefined; text = lines.following()) {
    const indent = indentOf(text)
    if (indent <= keyIndent) break
    const trimmed = text.slice(indent)
    if (!isSafePlainLine(trimmed)) break
    parts.push(trimmed)
    lines.i++
  }
  lines.i++
  const value = parts.join(' ')
  return isSafePlain(value, 'core') ? value : undefined
}

function readDeps(lines: Lines, keyIndent: number): string[] | undefined {
  lines.i++
  const deps: string[] = []
  let itemIndent: number | undefined
  for (let text = lines.next(); text !== undefined; text = lines.next()) {
    const m = ITEM.exec(text)
    if (!m || m[1].length < keyIndent) break
    if (itemIndent !== undefined && m[1].length !== itemIndent) return undefined
    itemIndent = m[1].length
    if (!isSafePlain(m[2], 'core') || !insideRepo(m[2])) return undefined
    deps.push(m[2])
    lines.i++
  }
  return deps
}

/** `- path:` items, each with exactly `cache: false` on the next line. */
function readOuts(lines: Lines, keyIndent: number): StageOut[] | undefined {
  lines.i++
  const outs: StageOut[] = []
  let itemIndent: number | undefined
  for (let text = lines.next(); text !== undefined; text = lines.next()) {
    const m = ITEM.exec(text)
    if (!m || m[1].length < keyIndent) break
    if (itemIndent !== undefined && m[1].length !== itemIndent) return undefined
    itemIndent = m[1].length
    const key = m[2]
    if (!key.endsWith(':')) return undefined
    const path = key.slice(0, -1)
    if (!isSafePlainKey(path, 'core') || !insideRepo(path)) return undefined
    lines.i++
    const option = lines.next()
    const c = option === undefined ? null : CACHE_FALSE.exec(option)
    if (!c || c[1].length <= itemIndent + 2) return undefined
    outs.push({ path, cache: false })
    lines.i++
  }
  return outs
}

/** The paths the full reader would note as outside the repository are left to it. */
function insideRepo(path: string): boolean {
  if (posix.isAbsolute(path)) return false
  if (!DOTDOT_SEGMENT.test(path)) return true // only a `..` segment can normalise to `..`
  const normal = posix.normalize(path)
  return normal !== '..' && !normal.startsWith('../')
}

/** Leading spaces (the text holds no tabs). */
function indentOf(text: string): number {
  let i = 0
  while (text.charCodeAt(i) === 0x20) i++
  return i
}
