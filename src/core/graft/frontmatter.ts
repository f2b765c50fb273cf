// A prompt's YAML frontmatter, read the way Graft reads it: the file must start
// with a line `---` and the block ends at the first line `---` (LF endings, as
// Graft's regular expression demands). A block gray-matter would close
// elsewhere is refused; the `yaml` package parses it so every problem names
// the line in the prompt file.
import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml'
import { GraftError, throwIfProblems, type Problem } from '../errors.js'
import { lexicalPathProblem, normalizeRepoPath } from '../repo/names.js'
import { fastReadFrontmatter } from './frontmatter-fast.js'
import { parseYamlSource } from '../yaml/source.js'
import type { Frontmatter } from '../types.js'

/** Graft's own split (scripts/generate_dvc.py, pack_prompt.py). */
const GRAFT_FRONTMATTER = /^---\n([\s\S]*?)\n---\n/
const OPENING = '---\n'
const CLOSING = '\n---\n'
const GLOB_CHARS = /[*?[]/

/** Parses the frontmatter of `text`; throws a GraftError listing every problem found. */
export function parseFrontmatter(file: string, text: string): Frontmatter {
  return parseWith(file, text, true)
}

/** parseFrontmatter with the YAML parser only (the fast reader is held to it in tests). */
export function parseFrontmatterFull(file: string, text: string): Frontmatter {
  return parseWith(file, text, false)
}

function parseWith(file: string, text: string, fast: boolean): Frontmatter {
  const block = splitFrontmatter(file, text)
  if (!block) return { deps: [], body: text, lines: { deps: [] } }
  const keys = fast ? fastReadFrontmatter(block.raw) : undefined
  if (keys) return { ...keys, body: block.body }
  // The raw block starts right after the opening `---`, with the newline that
  // ends line 1: YAML line numbers are then the file's line numbers.
  const src = parseYamlSource(block.raw, file, 'fix the YAML between the two `---` lines', {
    subject: 'the frontmatter',
    version: '1.1'
  })
  return { ...readKeys(file, src.doc, (offset) => src.linePos(offset).line), body: block.body }
}

interface Block {
  raw: string
  body: string
}

/**
 * The frontmatter block and the body after it, or undefined when the file has
 * none. A block gray-matter would read otherwise than Graft is an error: the
 * two must not disagree about a prompt's deps. `raw` starts with the newline
 * that ends line 1, so YAML line numbers are the file's.
 */
function splitFrontmatter(file: string, text: string): Block | undefined {
  const graft = GRAFT_FRONTMATTER.exec(text)
  if (!graft) {
    const problem = unreadFrontmatter(text)
    if (problem) throw new GraftError({ file, line: 1, ...problem })
    return undefined
  }
  // gray-matter (as other tools read prompts) closes the block at the first
  // `\n---` after the opening line, even with more text on that line, where
  // Graft needs `---` alone. They agree exactly when the block holds no `\n---`
  // (the split test holds this rule to gray-matter itself); otherwise the file
  // is refused: the two must not disagree about a prompt's deps.
  const close = graft[0].length - CLOSING.length
  const raw = text.slice(OPENING.length - 1, close)
  if (raw.includes('\n---')) {
    throw new GraftError({
      file,
      line: 1,
      message: 'the frontmatter delimiters are ambiguous (a line starting with `---` inside the frontmatter?)',
      hint: 'close the frontmatter with a line holding exactly `---` and use no other line starting with `---` inside it'
    })
  }
  return { raw, body: text.slice(graft[0].length) }
}

/** Why a file that opens like frontmatter is not read as frontmatter by Graft. */
function unreadFrontmatter(text: string): Omit<Problem, 'file' | 'line'> | undefined {
  if (text.startsWith('\uFEFF---')) {
    return {
      message:
        'the file starts with a UTF-8 byte order mark (BOM) before the frontmatter, which Graft does not read: its deps would be ignored',
      hint: 'save the file as UTF-8 without BOM (in VS Code: "Save with Encoding" → UTF-8; or `sed -i \'1s/^\\xEF\\xBB\\xBF//\' FILE`)'
    }
  }
  if (text.startsWith('---\r\n')) {
    return {
      message: 'the frontmatter has Windows (CRLF) line endings, which Graft does not read: its deps would be ignored',
      hint: 'convert the file to LF line endings (e.g. a .gitattributes line `*.prompt.md text eol=lf`)'
    }
  }
  // `---\n---\n` (an empty block) is no frontmatter to Graft either: harmless.
  if (!text.startsWith('---\n') || text.startsWith('---\n---\n')) return undefined
  if (/\n---$/.test(text)) {
    return {
      message: 'the closing `---` is the last line and has no newline after it',
      hint: 'end the file with a newline'
    }
  }
  return {
    message: 'the frontmatter opened on line 1 is never closed',
    hint: 'add a line `---` after the frontmatter'
  }
}

type LineAt = (offset: number) => number

function readKeys(file: string, doc: Document.Parsed, lineAt: LineAt): Omit<Frontmatter, 'body'> {
  const problems: Problem[] = []
  const result: Omit<Frontmatter, 'body'> = { deps: [], lines: { deps: [] } }
  const root = doc.contents
  if (root === null || (isScalar(root) && root.value === null)) return result
  if (!isMap(root)) {
    throw new GraftError({
      file,
      line: lineOf(root, lineAt),
      message: 'the frontmatter is not a mapping of keys to values',
      hint: 'write it as `key: value` lines, e.g. `deps:` followed by `- path` items'
    })
  }
  const fail = (pair: Pair, message: string, hint: string, node: unknown = pair.key): void => {
    problems.push({ file, line: lineOf(node, lineAt), message, hint })
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined
    const value = pair.value
    const plain = isScalar(value) ? value.value : value
    if (plain === null || plain === undefined) continue // `key:` with no value: Graft treats it as absent
    switch (key) {
      case 'deps':
        readDeps(pair, result, fail, lineAt)
        break
      case 'out':
        if (typeof plain !== 'string') {
          fail(pair, '`out` must be a path (a string)', 'write `out: docs/name.md`')
        } else {
          const problem = plain.includes('\\') ? undefined : lexicalPathProblem(plain, 'output')
          if (plain.includes('\\'))
            fail(
              pair,
              backslashProblem('out', plain),
              `write the path with forward slashes: ${plain.replace(/\\/g, '/')}`,
              value
            )
          else if (problem)
            fail(pair, `out ${problem}`, 'set `out` to a path inside the repository, relative to its root', value)
          else {
            result.out = normalizeRepoPath(plain)
            result.lines.out = lineOf(value, lineAt)
          }
        }
        break
      case 'model':
        if (typeof plain !== 'string')
          fail(pair, '`model` must be a string', 'write a model alias, e.g. `model: bedrock-claude-v4.5-sonnet-us`')
        else {
          result.model = plain
          result.lines.model = lineOf(value, lineAt)
        }
        break
      case 'max_tokens':
        if (typeof plain !== 'number' || !Number.isInteger(plain) || plain <= 0) {
          fail(
            pair,
            `\`max_tokens\` must be a positive integer, not ${JSON.stringify(plain)}`,
            'write e.g. `max_tokens: 16000`'
          )
        } else {
          result.maxTokens = plain
          result.lines.maxTokens = lineOf(value, lineAt)
        }
        break
      case 'temperature':
        if (typeof plain !== 'number' || !(plain >= 0 && plain <= 1)) {
          fail(
            pair,
            `\`temperature\` must be a number from 0 to 1, not ${JSON.stringify(plain)}`,
            'write e.g. `temperature: 0.7`'
          )
        } else result.temperature = plain
        break
    }
  }
  throwIfProblems(problems)
  return result
}

type Fail = (pair: Pair, message: string, hint: string, node?: unknown) => void

function readDeps(pair: Pair, result: Omit<Frontmatter, 'body'>, fail: Fail, lineAt: LineAt): void {
  const listHint = 'write `deps:` followed by one `- path/to/file` line per dependency'
  if (!isSeq(pair.value)) {
    fail(pair, '`deps` must be a list of paths', listHint)
    return
  }
  for (const item of pair.value.items) {
    const value = isScalar(item) ? item.value : undefined
    if (typeof value !== 'string') {
      fail(
        pair,
        `\`deps\` must be a list of paths; item ${JSON.stringify(isScalar(item) ? item.value : String(item))} is not a string`,
        `${listHint} (quote values YAML reads as numbers or booleans)`
      )
      continue
    }
    if (GLOB_CHARS.test(value)) {
      fail(
        pair,
        `dep ${value} contains a glob character`,
        'Graft does not expand globs; list the files, or name the directory',
        item
      )
      continue
    }
    if (value.includes('\\')) {
      fail(
        pair,
        backslashProblem('dep', value),
        `write the path with forward slashes: ${value.replace(/\\/g, '/')}`,
        item
      )
      continue
    }
    const root = rootDepProblem(value)
    if (root) {
      fail(pair, root, ROOT_DEP_HINT, item)
      continue
    }
    const problem = lexicalPathProblem(value, 'dep')
    if (problem) {
      fail(pair, `dep ${problem}`, 'list paths inside the repository, relative to its root', item)
      continue
    }
    result.deps.push(normalizeRepoPath(value))
    result.lines.deps.push(lineOf(item, lineAt))
  }
}

/** What to do about a dep that names a root. */
const ROOT_DEP_HINT =
  'list the folders or files the document is about instead, relative to the repository root (e.g. `src` or `docs/api.md`)'

/**
 * The empty dep and `/`: neither is a path in the repository (`.` and `./`,
 * the repository root itself, are refused with the other deps no stage can
 * have, in prompts.ts).
 */
function rootDepProblem(dep: string): string | undefined {
  if (dep.trim() === '')
    return 'dep "" is empty: DVC stops with an unexpected error on an empty dep (to it, an empty path is the repository root, which cannot be a dep: it holds dvc.yaml and dvc.lock)'
  if (/^\/+$/.test(dep))
    return `dep ${dep} is the root of the file system, not a path in the repository (deps are relative to the repository root); and the repository root (.) cannot be a dep either: it holds dvc.yaml and dvc.lock, which every run rewrites`
  return undefined
}

/**
 * A path with a backslash is not normalised: DVC on Linux (GitHub's runners)
 * reads `\\` as part of a file name, so `sources\\api.md` is a file of that
 * name at the root, which is not there.
 */
function backslashProblem(key: 'dep' | 'out', path: string): string {
  const literal =
    "DVC on Linux (as on GitHub's runners) reads a backslash as part of a file name, not as a folder separator"
  return key === 'dep'
    ? `dep ${path} does not exist: ${literal}, so it looks for one file named \`${path}\``
    : `out ${path}: ${literal}, so it would expect one file named \`${path}\``
}

function lineOf(node: unknown, lineAt: LineAt): number | undefined {
  const range = (node as Node | null | undefined)?.range
  return range ? lineAt(range[0]) : undefined
}
