// DVC's own YAML reader, for tests of what the writers emit: the python of
// the real DVC's environment loads each text with ruamel.yaml, as DVC loads
// dvc.yaml and dvc.lock (`YAML(typ='safe')`, and the round-trip loader DVC
// uses to update files), and says what each value is.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { requireDvc } from './graft-repo.js'

const READER = `
import json, sys
from ruamel.yaml import YAML

def typed(x):
    if isinstance(x, dict):
        return {"map": [[typed(k), typed(v)] for k, v in x.items()]}
    if isinstance(x, list):
        return {"list": [typed(v) for v in x]}
    if isinstance(x, str):
        return {"str": str(x)}
    return {"other": type(x).__name__, "repr": repr(x)}

out = []
for text in json.load(sys.stdin):
    row = {}
    for typ in ("safe", "rt"):
        try:
            row[typ] = typed(YAML(typ=typ).load(text))
        except Exception as e:
            row[typ] = {"error": type(e).__name__ + ": " + str(e)[:300]}
    out.append(row)
json.dump(out, sys.stdout)
`

/** What ruamel read: strings, lists and mappings as JSON; anything else (a number, a merge, an error) as a marker that equals no string. */
export type Read = string | Read[] | { [key: string]: Read } | { notAString: string }

interface Typed {
  map?: [Typed, Typed][]
  list?: Typed[]
  str?: string
  other?: string
  repr?: string
  error?: string
}

function untype(t: Typed): Read {
  if (t.str !== undefined) return t.str
  if (t.list) return t.list.map(untype)
  if (t.map) {
    const out: Record<string, Read> = {}
    for (const [k, v] of t.map) {
      const key = untype(k)
      if (typeof key !== 'string') return { notAString: `a key ${JSON.stringify(key)}` }
      Object.defineProperty(out, key, { value: untype(v), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return { notAString: t.error ?? `${t.other}: ${t.repr}` }
}

/** The python DVC runs on: its script's `#!` line (a pip-installed `dvc` is such a script), else the one beside it. */
export function dvcPython(): string {
  const dvc = requireDvc()
  const first = readFileSync(dvc, 'utf8').slice(0, 400).split('\n')[0]
  return first.startsWith('#!') && !first.includes(' ') ? first.slice(2) : join(dirname(dvc), 'python')
}

/** Each text as ruamel's safe and round-trip loaders read it. */
export async function ruamelRead(texts: string[]): Promise<{ safe: Read; rt: Read }[]> {
  const rows = (await runPython(READER, texts)) as { safe: Typed; rt: Typed }[]
  return rows.map((r) => ({ safe: untype(r.safe), rt: untype(r.rt) }))
}

/** Each text as PyYAML's safe_load reads it: Graft's reader of a prompt's frontmatter. */
export async function pyyamlRead(texts: string[]): Promise<Read[]> {
  const script = READER.replace(
    'for typ in ("safe", "rt"):\n        try:\n            row[typ] = typed(YAML(typ=typ).load(text))',
    'for typ in ("safe",):\n        try:\n            import yaml\n            row[typ] = typed(yaml.safe_load(text))'
  )
  if (script === READER) throw new Error('pyyamlRead: the reader script changed')
  const rows = (await runPython(script, texts)) as { safe: Typed }[]
  return rows.map((r) => untype(r.safe))
}

/** Each value as Graft's generator writes it: PyYAML's `safe_dump(value, sort_keys=False)`. */
export async function pyyamlDump(values: unknown[]): Promise<string[]> {
  const script =
    'import json, sys, yaml\njson.dump([yaml.safe_dump(v, sort_keys=False) for v in json.load(sys.stdin)], sys.stdout)'
  return (await runPython(script, values)) as string[]
}

function runPython(script: string, input: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = execFile(dvcPython(), ['-c', script], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`python reader failed: ${stderr || error.message}`))
      resolve(JSON.parse(stdout))
    })
    child.stdin!.end(JSON.stringify(input))
  })
}
