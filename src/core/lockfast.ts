// A fast reader for dvc.lock files in the exact layout DVC writes. The general
// YAML parser needs ~0.3 s for a 1000-stage lock file; this needs a few ms.
// Anything outside that layout (comments, quotes beyond '…', params, flow
// style, CRLF, …) returns undefined and the caller uses the YAML parser, so
// both always agree.
import { isPlainString } from './yamlemit.js'
import { isSafePlain } from './yamlplain.js'
import type { DvcLock, LockEntry, LockStage } from './lockfile.js'

const STAGE = /^ {2}([^ ].*):$/
const FIELD = /^( {4}| {6}|( {4}- ))([a-z0-9]+):(?: (.*))?$/
const CONTINUATION = /^ {6}([^ ].*)$/
const ENTRY_CONTINUATION = /^ {8}([^ ].*)$/
/** A continuation line starting like this would not continue a plain scalar. */
const INDICATOR_START = /^(#|[-?:]( |$))/

/** The lock file, or undefined when the text is not in DVC's plain layout. */
export function fastParseDvcLock(text: string): DvcLock | undefined {
  if (text.includes('\r') || !text.startsWith("schema: '2.0'\nstages:\n")) return undefined
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  const stages = new Map<string, LockStage>()
  let stage: LockStage | undefined
  let list: LockEntry[] | undefined
  let entry: Record<string, string> | undefined
  const finishEntry = (): boolean => {
    if (!entry) return true
    const e = toEntry(entry)
    entry = undefined
    if (!e || !list) return false
    list.push(e)
    return true
  }
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i]
    const stageMatch = STAGE.exec(line)
    if (stageMatch) {
      if (!finishEntry() || (stage && stage.cmd === undefined)) return undefined
      const name = stageMatch[1]
      if (!isPlain(name) || stages.has(name)) return undefined
      stage = { cmd: undefined as unknown as string, deps: [], outs: [], line: i + 1 }
      list = undefined
      stages.set(name, stage)
      continue
    }
    const m = FIELD.exec(line)
    if (!m || !stage) return undefined
    const [, indent, dash, key, rawValue] = m
    if (indent === '    ' && !dash) {
      if (!finishEntry()) return undefined
      if (key === 'cmd' && rawValue !== undefined && stage.cmd === undefined && list === undefined) {
        const [cmd, next] = folded(lines, i, rawValue, CONTINUATION)
        if (!isPlain(cmd)) return undefined
        stage.cmd = cmd
        i = next
      } else if ((key === 'deps' || key === 'outs') && rawValue === undefined && stage.cmd !== undefined) {
        if (list === (key === 'deps' ? stage.deps : stage.outs) || (key === 'deps' && stage.outs.length > 0)) return undefined
        list = key === 'deps' ? stage.deps : stage.outs
      } else {
        return undefined
      }
      continue
    }
    if (!list || rawValue === undefined) return undefined
    if (dash) {
      if (key !== 'path' || !finishEntry()) return undefined
      entry = {}
    }
    if (!entry || key in entry) return undefined
    const [value, next] = folded(lines, i, rawValue, ENTRY_CONTINUATION)
    entry[key] = value
    i = next
  }
  if (!finishEntry() || (stage && stage.cmd === undefined)) return undefined
  return { schema: '2.0', stages }
}

/**
 * A plain scalar folded over lines (DVC folds near column 80, and puts a
 * long word on a line of its own): lines joined by one space. Returns the
 * text and the index of its last line.
 */
function folded(lines: string[], i: number, first: string, continuation: RegExp): [string, number] {
  const parts = first.trim() === '' ? [] : [first.trimEnd()]
  while (i + 1 < lines.length && continuation.test(lines[i + 1]) && !INDICATOR_START.test(lines[i + 1].trimStart())) {
    parts.push(lines[++i].trim())
  }
  return [parts.join(' '), i]
}

/** One entry's raw values, checked the way the YAML reader would type them. */
function toEntry(raw: Record<string, string>): LockEntry | undefined {
  const path = scalar(raw.path)
  const md5 = scalar(raw.md5)
  if (path === undefined || md5 === undefined) return undefined
  const e: LockEntry = { path, md5 }
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'path' || key === 'md5') continue
    if (key === 'hash' && value === 'md5') e.hash = 'md5'
    else if ((key === 'size' || key === 'nfiles') && /^(0|[1-9][0-9]{0,14})$/.test(value)) e[key] = Number(value)
    else if (key === 'isexec' && value === 'true') e.isexec = true
    else return undefined
  }
  // Same key order as the YAML reader builds.
  return { path: e.path, ...(e.hash ? { hash: e.hash } : {}), md5: e.md5, ...pick(e) }
}

function pick(e: LockEntry): Partial<LockEntry> {
  const out: Partial<LockEntry> = {}
  if (e.size !== undefined) out.size = e.size
  if (e.nfiles !== undefined) out.nfiles = e.nfiles
  if (e.isexec) out.isexec = true
  return out
}

/** A one-line plain or simple single-quoted string; undefined when unsure. */
function scalar(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  const quoted = /^'([^']*)'$/.exec(raw)
  if (quoted) return quoted[1]
  return isPlain(raw) ? raw : undefined
}

/** Reads back as this string when written plain: the cheap test first, then ruamel's rules. */
function isPlain(value: string): boolean {
  return isSafePlain(value, 'core') || isPlainString(value)
}
