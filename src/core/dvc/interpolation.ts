// What a `${…}` in dvc.yaml can stand for, worked out before DVC runs. DVC
// fills a dep, out, metrics or plots path written `data/${name}` from its
// parametrization context: the default params.yaml, the `vars:` of dvc.yaml and
// of the stage (files and inline values), and a `foreach:` item or `matrix:`
// combination. A value there may name any file of the runner (`/etc/…`,
// `../../…`, a FIFO that never ends), which DVC would open and hash before its
// report could be checked. So every value a template can take is computed
// here, from the same sources DVC reads, and each resulting path goes through
// the resolver like a path written out. This is a superset of what DVC
// resolves (every value a key has in any source, every combination of a
// loop), never less; what cannot be worked out (a key no readable source
// holds, too many combinations) is refused rather than guessed.
import { isMap, isScalar, isSeq, type Node } from 'yaml'

/** `${inner}`, not escaped with a backslash (DVC's KEYCRE). */
const EXPRESSION = /(?<!\\)\$\{(.*?)\}/

/** Paths one template may stand for at most, before it is refused as uncheckable. */
const MAX_VALUES = 1000

/** A name → the values it may take, from one source of DVC's context. */
export type Values = Map<string, unknown[]>

export interface Scope {
  /** the parametrization context's sources (params.yaml, vars files, inline vars), as plain data */
  sources: unknown[]
  /** a vars file DVC reads that is not read here (TOML, Python): a key none of `sources` holds may be there */
  opaque?: string
  /** `item` and `key` of a foreach, `item` of a matrix: every value they take */
  loop?: Values
}

export type Expansion = { values: unknown[] } | { problem: string }

/** Whether `text` holds a `${…}` DVC would fill. */
export function isTemplate(text: string): boolean {
  return EXPRESSION.test(text)
}

/**
 * Every value `template` can take in `scope`: a string with each `${…}`
 * replaced (every combination), or, for a template that is one `${…}` alone,
 * the value itself (a list stays a list, as DVC keeps it).
 */
export function expand(template: string, scope: Scope): Expansion {
  const matches = [...template.matchAll(new RegExp(EXPRESSION.source, 'g'))]
  if (matches.length === 0) return { values: [template] }
  const choices: unknown[][] = []
  for (const match of matches) {
    const key = match[1].trim()
    const found = lookup(key, scope)
    if ('problem' in found) return found
    choices.push(found.values)
  }
  if (matches.length === 1 && matches[0][0] === template) return { values: choices[0] }
  let results = ['']
  let at = 0
  for (const [i, match] of matches.entries()) {
    const before = template.slice(at, match.index)
    const scalars = choices[i].filter(isScalarValue).map(String)
    if (results.length * scalars.length > MAX_VALUES)
      return { problem: `it stands for more than ${MAX_VALUES} paths, too many to check before DVC runs` }
    results = results.flatMap((r) => scalars.map((s) => `${r}${before}${s}`))
    at = match.index + match[0].length
  }
  return { values: results.map((r) => `${r}${template.slice(at)}`) }
}

/** The values of a loop's items: a list's elements, a mapping's values (and its keys as `key`). */
export function loopValues(node: unknown, scope: Scope, kind: 'foreach' | 'matrix'): Values | { problem: string } {
  if (kind === 'foreach') {
    const items = collectionOf(node, scope)
    if ('problem' in items) return items
    return new Map([
      ['item', items.values],
      ['key', items.keys]
    ])
  }
  // matrix: name → list of values (or a `${…}` list); `item.<name>` takes each
  if (!isMap(node)) return new Map()
  const byName = new Map<string, unknown[]>()
  for (const pair of node.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
    const items = collectionOf(pair.value, scope)
    if ('problem' in items) return items
    byName.set(name, items.values)
  }
  // `item` is one combination: as candidates, one record of every value each name takes
  const item = Object.fromEntries([...byName].map(([name, values]) => [name, new Alternatives(values)]))
  return new Map<string, unknown[]>([['item', [item]]])
}

/** Several values one name may take in a matrix combination. */
class Alternatives {
  constructor(readonly values: unknown[]) {}
}

function collectionOf(node: unknown, scope: Scope): { values: unknown[]; keys: unknown[] } | { problem: string } {
  const text = isScalar(node) && typeof node.value === 'string' ? node.value : undefined
  let data: unknown
  if (text !== undefined && isTemplate(text)) {
    const found = expand(text, scope)
    if ('problem' in found) return found
    data = found.values.length === 1 ? found.values[0] : found.values.flatMap((v) => (Array.isArray(v) ? v : [v]))
  } else {
    data = toData(node)
  }
  if (Array.isArray(data)) return { values: data, keys: data.map((_, i) => i) }
  if (isRecord(data)) return { values: Object.values(data), keys: Object.keys(data) }
  return { values: [], keys: [] }
}

/** `a.b[0].c` → every value it reaches in any source (or loop name). */
function lookup(key: string, scope: Scope): Expansion {
  const parts = key
    .replace(/\[([^\]]*)\]/g, '.$1')
    .split('.')
    .map((p) => p.trim())
  if (parts.some((p) => p === '')) return { problem: `\${${key}} is not a name DVC reads` }
  const [root, ...rest] = parts
  const starts = scope.loop?.has(root)
    ? scope.loop.get(root)!
    : scope.sources.flatMap((s) => (isRecord(s) && root in s ? [s[root]] : []))
  if (starts.length === 0) {
    if (scope.opaque)
      return {
        problem: `\${${key}} may come from ${scope.opaque}, which the action does not read, so the path it makes cannot be checked before DVC runs`
      }
    return { values: [] } // DVC fails on a name it cannot find, before it reads any path
  }
  let values = starts
  for (const part of rest) values = values.flatMap((v) => step(v, part))
  return { values: values.flatMap((v) => (v instanceof Alternatives ? v.values : [v])) }
}

function step(value: unknown, part: string): unknown[] {
  if (value instanceof Alternatives) return value.values.flatMap((v) => step(v, part))
  if (Array.isArray(value)) return /^\d+$/.test(part) && Number(part) < value.length ? [value[Number(part)]] : []
  if (isRecord(value) && part in value) return [value[part]]
  return []
}

function isScalarValue(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v)
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Alternatives)
}

/** A parsed YAML node as plain data (scalars, lists, mappings). */
export function toData(node: unknown): unknown {
  if (isMap(node)) {
    const own: [string, unknown][] = []
    const merged: unknown[] = []
    for (const p of node.items) {
      const key = isScalar(p.key) ? String(p.key.value) : String(p.key)
      // `<<: {…}` or `<<: [{…}, …]` (aliases resolved beforehand): keys merged in as DVC's reader merges them
      if (key === '<<' && isScalar(p.key) && p.key.type === 'PLAIN') merged.push(toData(p.value as Node))
      else own.push([key, toData(p.value as Node)])
    }
    const data: Record<string, unknown> = Object.fromEntries(own)
    for (const source of merged.flatMap((m) => (Array.isArray(m) ? m : [m])))
      if (isRecord(source)) for (const [k, v] of Object.entries(source)) if (!(k in data)) data[k] = v
    return data
  }
  if (isSeq(node)) return node.items.map((i) => toData(i))
  if (isScalar(node)) return node.value
  return undefined
}
