// The one line-numbered YAML parse (dvc.yaml, dvc.lock, frontmatter, the
// dvc.yaml writer): it keeps node positions, so every error can name the line
// a user must fix.
import {
  LineCounter,
  parseDocument,
  isAlias,
  isCollection,
  isPair,
  isScalar,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type ParsedNode,
  type YAMLMap
} from 'yaml'
import { GraftError } from '../errors.js'
import { pyyamlTags } from './plain.js'

export interface YamlSource {
  file: string
  doc: Document.Parsed
  /** 1-based line of a node (or of the file's start when the node is absent) */
  lineOf(node: Node | null | undefined): number | undefined
  /** 1-based line and column of a character offset */
  linePos(offset: number): { line: number; col: number }
}

export interface YamlSourceOptions {
  /** how the error names the text (default: the file name) */
  subject?: string
  /** YAML 1.1 where the text is read by PyYAML (Graft's frontmatter); default 1.2 */
  version?: '1.1' | '1.2'
}

/**
 * Parses YAML text. Duplicate keys are errors, as in DVC's and PyYAML's readers.
 * @throws GraftError naming `file`, the line and column, with `hint`, on a syntax error.
 */
export function parseYamlSource(text: string, file: string, hint: string, options: YamlSourceOptions = {}): YamlSource {
  const { source, lineCounter } = parse(text, file, hint, options)
  const { doc } = source
  const error = doc.errors[0]
  if (error) {
    const pos = lineCounter.linePos(error.pos[0])
    // The parser gives up on very deep nesting with the engine's own words
    // ("Maximum call stack size exceeded"); say what it means instead.
    if (/call stack/i.test(error.message)) {
      throw new GraftError({
        file,
        line: pos.line,
        message: `${options.subject ?? file} nests lists or mappings too deeply to read (line ${pos.line}, column ${pos.col})`,
        hint: `remove the nesting: nothing in ${options.subject ?? file} needs more than a few levels; ${hint}`
      })
    }
    throw new GraftError({
      file,
      line: pos.line,
      message: `${options.subject ?? file} is not valid YAML (line ${pos.line}, column ${pos.col}): ${firstLine(error.message)}`,
      hint
    })
  }
  refuseAliasBombs(source, options.subject ?? file, hint)
  return source
}

/**
 * For a YAML file another program reads (DVC's vars and params files): refuses
 * what would make that reader run without end — a file too large for the
 * general reader, an alias bomb — and leaves syntax errors to that reader.
 * @throws GraftError naming `file` (and the alias's line)
 */
export function refuseYamlBombs(text: string, file: string, hint: string): void {
  const { source } = parse(text, file, hint, {})
  if (source.doc.errors.length === 0) refuseAliasBombs(source, file, hint)
}

function parse(
  text: string,
  file: string,
  hint: string,
  options: YamlSourceOptions
): { source: YamlSource; lineCounter: LineCounter } {
  refuseOversized(text, file, options.subject ?? file, hint)
  const lineCounter = new LineCounter()
  // uniqueKeys: DVC's YAML reader also refuses a key given twice (two stages, one name).
  const version = options.version ?? '1.2'
  const doc = parseDocument(loneCrAsLf(text), {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    version,
    // YAML 1.1 is PyYAML's (Graft's frontmatter): plain scalars resolve as it resolves them
    ...(version === '1.1' ? { customTags: pyyamlTags } : {})
  })
  const lineOf = (node: Node | null | undefined): number | undefined => {
    const range = (node as ParsedNode | null | undefined)?.range
    return range ? lineCounter.linePos(range[0]).line : undefined
  }
  return { source: { file, doc, lineOf, linePos: (offset) => lineCounter.linePos(offset) }, lineCounter }
}

/**
 * The largest text the general reader takes. It keeps every node with its
 * position, about 35 times the text's size in memory (a 50 MB dvc.lock in
 * flow style took 1.8 GB); the fast readers take DVC's and Graft's own block
 * layouts at any size, so only a file far larger than any real one comes here.
 */
export const YAML_SOURCE_MAX_BYTES = 16 * 1024 * 1024

function refuseOversized(text: string, file: string, subject: string, hint: string): void {
  if (text.length <= YAML_SOURCE_MAX_BYTES) return
  const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(0)} MB`
  throw new GraftError({
    file,
    message: `${subject} is ${mb(Buffer.byteLength(text))} in a YAML layout only the general reader takes (flow style, anchors, comments…), and that reader stops at ${mb(YAML_SOURCE_MAX_BYTES)}: reading it would take gigabytes of memory`,
    hint: `write it in block style (as DVC and Graft write their files), or make it smaller; ${hint}`
  })
}

/**
 * Aliases may repeat a node, and aliases of aliases multiply: a few lines
 * (`b: [*a, *a, …]`, `c: [*b, *b, …]`) stand for millions of nodes, which
 * DVC's reader (and anything that walks the data) expands without end. The
 * whole document is measured, every key (not only those the action reads),
 * as a reader would expand it; more than this many nodes is refused.
 */
export const YAML_MAX_EXPANDED_NODES = 100_000

function refuseAliasBombs(src: YamlSource, subject: string, hint: string): void {
  const { doc } = src
  if (!hasAlias(doc.contents)) return
  const sizes = new Map<Node, number>()
  const expanding = new Set<Node>()
  let worst: { alias: Alias; size: number } | undefined
  // Nodes as a reader expands them; an alias counts as what it stands for.
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = node.resolve(doc)
      if (!target) return 1
      // an alias inside its own anchor stands for an endless tree
      const n = expanding.has(target) ? Number.POSITIVE_INFINITY : size(target)
      if (!worst || n > worst.size) worst = { alias: node, size: n }
      return n
    }
    if (isPair(node)) return size(node.key) + size(node.value)
    if (!isCollection(node)) return 1
    const known = sizes.get(node)
    if (known !== undefined) return known
    expanding.add(node)
    let n = 1
    for (const item of node.items) {
      n += size(item)
      if (n > YAML_MAX_EXPANDED_NODES) break
    }
    expanding.delete(node)
    sizes.set(node, n)
    return n
  }
  const total = size(doc.contents)
  if (total <= YAML_MAX_EXPANDED_NODES || !worst) return
  throw new GraftError({
    file: src.file,
    line: src.lineOf(worst.alias),
    message: `${subject} uses YAML aliases (*name) that expand to ${Number.isFinite(total) ? `more than ${YAML_MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes` : 'themselves, without end'}: an alias bomb, which DVC would spend hours or all memory reading`,
    hint: `write the values out, or use fewer aliases of aliases; ${hint}`
  })
}

/** Whether any alias is in the tree (the common file has none, and is not measured). */
function hasAlias(node: unknown): boolean {
  if (isAlias(node)) return true
  if (isPair(node)) return hasAlias(node.key) || hasAlias(node.value)
  return isCollection(node) && node.items.some(hasAlias)
}

/** A mapping pair's key as text. */
export function pairKey(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
}

/** The offset just past the line break that ends the line holding `offset` (or the text's end). */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset)
  return nl < 0 ? text.length : nl + 1
}

/** The string value of a scalar node, or undefined for anything else. */
export function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim()
}

/**
 * `text` without the pairs of the block mapping `map` whose keys are in `keys`:
 * each cut from the start of its key's line to the end of the line holding its
 * value's last character, so comments and blank lines between pairs stay.
 * `map` must come from parsing `text`. Keys not in the map are ignored.
 */
export function removeBlockPairs(text: string, map: YAMLMap, keys: ReadonlySet<string>): string {
  const cuts: Array<[number, number]> = []
  for (const pair of map.items) {
    if (!keys.has(pairKey(pair))) continue
    const keyRange = (pair.key as Node).range!
    const start = text.lastIndexOf('\n', keyRange[0] - 1) + 1
    const valueRange = (pair.value as Node | null)?.range
    const last = valueRange ? valueRange[0] + text.slice(valueRange[0], valueRange[1]).trimEnd().length : keyRange[1]
    cuts.push([start, lineEnd(text, Math.max(last - 1, start))])
  }
  let out = text
  for (const [start, end] of cuts.reverse()) out = out.slice(0, start) + out.slice(end)
  return out
}

/** A change to a text: the characters from `start` to `end` become `text`. */
export interface TextEdit {
  start: number
  end: number
  text: string
}

/** `text` with every edit applied (they must not overlap), in one pass however many there are. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const parts: string[] = []
  let at = 0
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    parts.push(text.slice(at, e.start), e.text)
    at = e.end
  }
  parts.push(text.slice(at))
  return parts.join('')
}

/**
 * Edits `text` in one line-ending style, and gives the result in the style of
 * the file: the style most of its lines end with — CRLF (a file committed from
 * a Windows editor, or with core.autocrlf), CR alone (classic Mac OS; YAML,
 * and so DVC's reader, takes a lone CR for a line break too), else LF. Every
 * line of the result ends the same way, also the lines `edit` adds and any
 * stray line of another style (DVC itself rewrites a whole file LF on Linux;
 * keeping the file's own style keeps the diff to the lines that changed). YAML
 * reads the three alike, inside scalars too, so no value changes. `edit` sees
 * LF only; a new file (`text` undefined) is LF.
 */
export function inLineEndsOf(text: string | undefined, edit: (lf: string | undefined) => string): string {
  if (text === undefined || !text.includes('\r')) return edit(text)
  const crlf = text.split('\r\n').length - 1
  const cr = text.split('\r').length - 1 - crlf
  const lf = text.split('\n').length - 1 - crlf
  const result = edit(text.replace(/\r\n?/g, '\n'))
  if (crlf > lf && crlf >= cr) return result.replace(/\n/g, '\r\n')
  return cr > lf && cr > crlf ? result.replace(/\n/g, '\r') : result
}

/**
 * `text` with each lone CR (one not before a LF) made a LF: YAML counts a
 * lone CR as a line break (ruamel, DVC's reader, does), the `yaml` package
 * does not (it would read a CR-only dvc.yaml as one line). Same length, so
 * offsets and line numbers stay those of the file.
 */
export function loneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text
}
