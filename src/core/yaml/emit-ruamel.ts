// Writes YAML scalars the way DVC's YAML library (ruamel.yaml, block style,
// width 80) writes them in dvc.lock: plain when the text would read back as
// the same string, else single-quoted, else double-quoted; long plain and
// single-quoted values fold at spaces near column 80. Matching it byte for
// byte keeps the diffs of dvc.lock small and reviewable.

import { parseDocument } from 'yaml'
import { plainIsString } from './plain.js'

const WIDTH = 80

const WS = new Set(['\0', ' ', '\t', '\r', '\n', '\x85', '\u2028', '\u2029'])
const BREAKS = new Set(['\n', '\x85', '\u2028', '\u2029'])

type Style = 'plain' | 'single' | 'double'

/**
 * The text that follows `key:` for a string value: a space, then the scalar.
 * `column` is where the colon ends; `indent` is where folded lines start.
 */
export function yamlValue(value: string, column: number, indent: number): string {
  const chars = [...value]
  const style = chooseStyle(value, chars, false)
  const text =
    style === 'plain' ? writePlain(chars, column, indent) : style === 'single' ? writeSingle(chars, column, indent) : ''
  // ruamel can fold after a run of spaces (or keep a leading no-break space),
  // which does not read back as the same string; then DVC itself would see a
  // changed command. Double quotes always read back exactly.
  return text && readsBackAs(text, value) ? text : ` ${writeDouble(chars)}`
}

function readsBackAs(text: string, value: string): boolean {
  const doc = parseDocument(`k:${text}\n`)
  return doc.errors.length === 0 && doc.get('k') === value
}

/** A mapping key as ruamel writes it (never folded). */
export function yamlKey(value: string): string {
  const chars = [...value]
  const style = chooseStyle(value, chars, true)
  if (style === 'plain') return value
  if (style === 'single') return `'${value.replaceAll("'", "''")}'`
  return writeDouble(chars)
}

/** Whether `value`, written plain on one line, reads back as this same string. */
export function isPlainString(value: string): boolean {
  return chooseStyle(value, [...value], true) === 'plain'
}

function chooseStyle(value: string, chars: string[], asKey: boolean): Style {
  const a = analyze(chars)
  const resolvesToString = plainIsString(value)
  if (resolvesToString && a.blockPlain && !(asKey && (chars.length === 0 || a.multiline))) return 'plain'
  // Any line break (NEL, LS and PS are breaks to ruamel, not to the `yaml` package) is escaped in double quotes:
  // raw inside single quotes, ruamel folds it into a space.
  if (value.includes("'") || /[\n\r\x85\u2028\u2029]/.test(value)) return 'double'
  return a.singleQuoted && !(asKey && a.multiline) ? 'single' : 'double'
}

interface Analysis {
  blockPlain: boolean
  singleQuoted: boolean
  multiline: boolean
}

function analyze(chars: string[]): Analysis {
  const n = chars.length
  if (n === 0) return { blockPlain: true, singleQuoted: true, multiline: false }
  const text = chars.join('')
  let indicators = text.startsWith('---') || text.startsWith('...')
  let lineBreaks = false
  let special = false
  let leadingOrTrailing = false
  let breakSpace = false
  let spaceBreak = false
  let prevSpace = false
  let prevBreak = false
  for (let i = 0; i < n; i++) {
    const ch = chars[i]
    const precededByWs = i === 0 || WS.has(chars[i - 1])
    const followedByWs = i + 1 >= n || WS.has(chars[i + 1])
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) indicators = true
      if ((ch === '?' || ch === ':' || ch === '-') && followedByWs) indicators = true
    } else if ((ch === ':' && followedByWs) || (ch === '#' && precededByWs)) {
      indicators = true
    }
    if (BREAKS.has(ch)) lineBreaks = true
    if (!(ch === '\n' || (ch >= ' ' && ch <= '~')) && !isPrintableUnicode(ch)) special = true
    if (ch === ' ') {
      if (i === 0 || i === n - 1) leadingOrTrailing = true
      if (prevBreak) breakSpace = true
      prevSpace = true
      prevBreak = false
    } else if (BREAKS.has(ch)) {
      if (i === 0 || i === n - 1) leadingOrTrailing = true
      if (prevSpace) spaceBreak = true
      prevSpace = false
      prevBreak = true
    } else {
      prevSpace = prevBreak = false
    }
  }
  const blockPlain = !leadingOrTrailing && !breakSpace && !special && !spaceBreak && !lineBreaks && !indicators
  const singleQuoted = !breakSpace && !special && !spaceBreak
  return { blockPlain, singleQuoted, multiline: lineBreaks }
}

function isPrintableUnicode(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0
  return (
    c !== 0xfeff &&
    (c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff))
  )
}

/** ruamel's plain writer: a space at or past the width becomes a line break; a word that would overflow starts a new line. */
function writePlain(chars: string[], column: number, indent: number): string {
  const out = new Writer(column, indent)
  out.write(' ')
  let spaces = false
  let start = 0
  for (let end = 0; end <= chars.length; end++) {
    const ch = end < chars.length ? chars[end] : undefined
    if (spaces) {
      if (ch !== ' ') {
        if (start + 1 === end && out.column >= WIDTH) out.newline()
        else out.write(chars.slice(start, end).join(''))
        start = end
      }
    } else if (ch === undefined || ch === ' ') {
      const word = chars.slice(start, end)
      if (word.length + out.column > WIDTH && out.column > indent) out.newline()
      out.write(word.join(''))
      start = end
    }
    if (ch !== undefined) spaces = ch === ' '
  }
  return out.text
}

/** ruamel's single-quoted writer: `'` doubled, a lone inner space past the width becomes a line break. */
function writeSingle(chars: string[], column: number, indent: number): string {
  const out = new Writer(column, indent)
  out.write(" '")
  let spaces = false
  let start = 0
  for (let end = 0; end <= chars.length; end++) {
    const ch = end < chars.length ? chars[end] : undefined
    if (spaces) {
      if (ch !== ' ') {
        if (start + 1 === end && out.column > WIDTH && start !== 0 && end !== chars.length) out.newline()
        else out.write(chars.slice(start, end).join(''))
        start = end
      }
    } else if ((ch === undefined || ch === ' ' || ch === "'") && start < end) {
      out.write(chars.slice(start, end).join(''))
      start = end
    }
    if (ch === "'") {
      out.write("''")
      start = end + 1
    }
    if (ch !== undefined) spaces = ch === ' '
  }
  out.write("'")
  return out.text
}

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xa0': '_',
  '\u2028': 'L',
  '\u2029': 'P'
}

/** `value` double-quoted with ruamel's escapes, on one line: reads back as `value` in every YAML reader. */
export function yamlDoubleQuoted(value: string): string {
  return writeDouble([...value])
}

/** Double-quoted with ruamel's escapes, on one line (ruamel may fold it; both read back the same). */
function writeDouble(chars: string[]): string {
  let out = '"'
  for (const ch of chars) {
    const c = ch.codePointAt(0) ?? 0
    const plain =
      (c >= 0x20 && c <= 0x7e && ch !== '"' && ch !== '\\') ||
      (isPrintableUnicode(ch) && c !== 0x85 && c !== 0x2028 && c !== 0x2029)
    if (plain) out += ch
    else if (ESCAPES[ch] !== undefined) out += `\\${ESCAPES[ch]}`
    else if (c <= 0xff) out += `\\x${hex(c, 2)}`
    else if (c <= 0xffff) out += `\\u${hex(c, 4)}`
    else out += `\\U${hex(c, 8)}`
  }
  return `${out}"`
}

function hex(c: number, width: number): string {
  return c.toString(16).toUpperCase().padStart(width, '0')
}

/** Tracks the output column the way the emitter does (in code points). */
class Writer {
  text = ''

  constructor(
    public column: number,
    private readonly indent: number
  ) {}

  write(data: string): void {
    this.text += data
    this.column += [...data].length
  }

  newline(): void {
    this.text += `\n${' '.repeat(this.indent)}`
    this.column = this.indent
  }
}
