// A fast reader for the common shape of a prompt's frontmatter: comment and
// blank lines, `deps:` with one `- path` per line, and one-line `out`,
// `model`, `max_tokens`, `temperature`. Anything else (other keys, quotes,
// flow style, folded values, a value the checks would refuse, …) returns
// undefined and the caller uses the YAML parser, which owns every error:
// this reader only ever returns what the full reader would.
import { lexicalPathProblem, normalizeRepoPath } from '../repo/names.js'
import { isSafePlain } from '../yaml/plain.js'
import type { Frontmatter } from '../types.js'

export type Keys = Omit<Frontmatter, 'body'>

const IGNORABLE = /^ *(?:#.*)?$/
const KEY = /^(deps|out|model|max_tokens|temperature):(?: (.*))?$/
const ITEM = /^( *)- (.*)$/
const POSITIVE_INT = /^[1-9][0-9]{0,14}$/
const UNIT_NUMBER = /^(?:0|1|0\.[0-9]{1,15}|1\.0{1,15})$/

/**
 * The keys of a frontmatter block (the text between the `---` lines, starting
 * with the newline that ends line 1), or undefined when it is not plain.
 */
export function fastReadFrontmatter(raw: string): Keys | undefined {
  if (/[\r\t\uFEFF\\]/.test(raw)) return undefined // a backslash: the full reader refuses it
  const lines = raw.split('\n')
  const result: Keys = { deps: [], lines: { deps: [] } }
  const seen = new Set<string>()
  let i = 0
  const skip = (): void => {
    while (i < lines.length && IGNORABLE.test(lines[i])) i++
  }
  for (skip(); i < lines.length; skip()) {
    const m = KEY.exec(lines[i])
    if (!m || seen.has(m[1])) return undefined
    const [, key, value] = m
    seen.add(key)
    const line = i + 1 // raw line 0 is the rest of the file's line 1
    i++
    if (key === 'deps') {
      if (value !== undefined) return undefined
      skip()
      let indent: number | undefined
      for (let item = ITEM.exec(lines[i] ?? ''); item; skip(), item = ITEM.exec(lines[i] ?? '')) {
        if (indent !== undefined && item[1].length !== indent) return undefined
        indent = item[1].length
        if (!isSafePlain(item[2], 'yaml-1.1') || lexicalPathProblem(item[2], 'dep')) return undefined
        result.deps.push(normalizeRepoPath(item[2]))
        result.lines.deps.push(i + 1)
        i++
      }
    } else if (value === undefined || !readValue(result, key, value, line)) {
      return undefined
    }
  }
  return result
}

/** One `key: value` line into the result; false when the full reader must judge it. */
function readValue(result: Keys, key: string, value: string, line: number): boolean {
  if (key === 'max_tokens' || key === 'temperature') {
    if (!(key === 'max_tokens' ? POSITIVE_INT : UNIT_NUMBER).test(value)) return false
    if (key === 'max_tokens') {
      result.maxTokens = Number(value)
      result.lines.maxTokens = line
    } else result.temperature = Number(value)
    return true
  }
  if (!isSafePlain(value, 'yaml-1.1')) return false
  if (key === 'model') {
    result.model = value
    result.lines.model = line
    return true
  }
  if (lexicalPathProblem(value, 'output')) return false
  result.out = normalizeRepoPath(value)
  result.lines.out = line
  return true
}
