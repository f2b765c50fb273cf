// Names that become YAML or commands (issue 19 §4): random stage names and
// paths, full of what YAML and a POSIX shell give a meaning (`<<`, `0o7`,
// `1_000`, `._`, `: `, ` #`, quotes, `$(…)`, backticks, spaces, unicode…),
// go through every writer of dvc.yaml and dvc.lock and must read back as the
// same strings in DVC's own reader (ruamel, run by the python of the real
// DVC) and in ours (the fast readers and the YAML ones); each stage's `cmd`
// must reach the program, through /bin/sh, as exactly those arguments.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { addStagesToDvcYaml, removeStagesFromDvcYaml, updateStagesDeps } from '../../../src/core/dvc/dvcyaml-write.js'
import { parseDvcYaml, parseDvcYamlFull } from '../../../src/core/dvc/dvcyaml.js'
import { parseDvcLock, parseDvcLockYaml, removeLockStages, setLockStages } from '../../../src/core/dvc/dvclock.js'
import { applyTemplate, graftStage } from '../../../src/core/pipeline/stages.js'
import { stageNameFor } from '../../../src/core/graft/prompts.js'
import type { LockStage, PromptFile, StageDef } from '../../../src/core/types.js'
import { requireDvc } from '../../support/graft-repo.js'
import { prng, pick, type Random } from '../../support/random.js'
import { ruamelRead, type Read } from '../../support/ruamel.js'

/** Pieces of names: YAML's indicators and implicit types, shell syntax, unicode, and plain text. */
const PIECES = [
  ...['<<', '?', '-', ':', ': ', '#', ' #', '!', '&', '*', '{', '}', '[', ']', '|', '>', '%', '@', '`', ',', '=', '~'],
  ...['null', 'Null', 'true', 'False', 'yes', 'no', 'on', 'off', 'y', 'n', '.inf', '-.inf', '.nan', '._', '.1e1'],
  ...['1', '0', '12', '0o7', '0x1F', '0b101', '1_000', '1:20', '1.5', '1e3', '+1', '2001-12-14', '2001-12-14 21:59:43'],
  ...['$(touch x)', '`touch y`', '$HOME', '${a}', ';', '&&', '|', '\\', "'", '"', "'\\''", '(', ')', '<', '>>', '^'],
  ...[
    ' ',
    '  ',
    '---',
    '...',
    '--',
    '\u00a0',
    'café',
    'cafe\u0301',
    'ß',
    '日本',
    '🙂',
    '\u2028',
    '\u0085',
    '\ufeff',
    '\u2029',
    '\u200b',
    '\ufffe',
    '\uffff',
    '\u{10ffff}',
    '\ue000',
    '\u00ad',
    '\u{e0041}'
  ],
  ...['docs', 'a', 'b', 'x.y', '_', '.', 'md', 'prompt']
]
const EDGE = [' ', '-', '?', ':', '#', '!', '&', '*', '<<', '.', '@', '%', '`', '|', '>', "'", '"', '~', '=']

function name(r: Random, pieces = 1 + Math.floor(r() * 4)): string {
  let text = Array.from({ length: pieces }, () => pick(r, PIECES)).join('')
  if (r() < 0.2) text = pick(r, EDGE) + text
  if (r() < 0.1) text = text + pick(r, EDGE)
  return text
}

/** A repository path of 1–3 random segments (no empty segment, none `.` or `..`, no `/` inside one). */
function path(r: Random, suffix = ''): string {
  const segments = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
    const s = name(r).replace(/\//g, '_')
    return s === '.' || s === '..' || s === '' ? `${s}x` : s
  })
  return segments.join('/') + suffix
}

function prompt(r: Random): PromptFile {
  const p = path(r, '.prompt.md')
  return {
    path: p,
    stageName: stageNameFor(p),
    deps: Array.from({ length: Math.floor(r() * 3) }, () => path(r)),
    out: r() < 0.5 ? p.replace(/\.prompt\.md$/, '.md') : path(r, '.md'),
    body: 'B\n'
  }
}

/** Each token alone as a stage name, an output and a dep: the issue's `out: "<<"`, and its kin. */
const TOKENS = [
  ...['<<', '=', '~', 'null', 'true', 'yes', 'off', '0o7', '0x1F', '0b101', '1_000', '1:20', '._', '.1e1', '.inf'],
  ...['2001-12-14', '-', '?', ':', '#', '!x', '&a', '*a', '{a}', '[a]', '|', '>', '%a', '@a', '`a`', ' a', 'a '],
  ...['---', '...', "'", '"', '$(touch x)', 'a: b', 'a #b'],
  // keys of 128 characters and more are explicit (`? key`) in PyYAML's layout; past 1024 no implicit key reads at all
  ...[`${'long words '.repeat(13)}end`, Array.from({ length: 6 }, (_, i) => `${i}${'d'.repeat(200)}`).join('/')]
]
function tokenPrompts(): PromptFile[] {
  return TOKENS.map((t, i) => ({
    path: `${t}.prompt.md`,
    stageName: stageNameFor(`${t}.prompt.md`),
    deps: [t, `src/${t}`],
    out: i % 2 === 0 ? t : `docs/${t}`,
    body: ''
  }))
}

/** Prompts with distinct stage names and outputs. */
function prompts(r: Random, n: number): PromptFile[] {
  const seen = new Set<string>()
  const out: PromptFile[] = []
  while (out.length < n) {
    const p = prompt(r)
    if (seen.has(p.stageName) || seen.has(`out:${p.out}`)) continue
    seen.add(p.stageName)
    seen.add(`out:${p.out}`)
    out.push(p)
  }
  return out
}

/** What DVC should read for a stage of dvc.yaml. */
function expectedYamlStage(s: StageDef): Read {
  return {
    cmd: s.cmd,
    deps: s.deps,
    outs: s.outs.map((o) => (o.cache ? o.path : { [o.path]: { cache: 'false-bool' } }))
  }
}

/** ruamel reads `cache: false` as a bool: mark it, so the rest must be strings. */
function withCacheFlag(read: Read): Read {
  if (Array.isArray(read)) return read.map(withCacheFlag)
  if (typeof read === 'object' && read !== null && !('notAString' in read && Object.keys(read).length === 1)) {
    const out: Record<string, Read> = {}
    for (const [k, v] of Object.entries(read))
      Object.defineProperty(out, k, {
        value:
          k === 'cache' && typeof v === 'object' && 'notAString' in v && /^bool: False$/.test(String(v.notAString))
            ? 'false-bool'
            : withCacheFlag(v),
        enumerable: true
      })
    return out
  }
  return read
}

function lockEntry(p: string, r: Random): LockStage['deps'][number] {
  return { path: p, hash: 'md5', md5: r() < 0.1 ? '0b1010' : 'd41d8cd98f00b204e9800998ecf8427e', size: 0 }
}

/** dvc.lock as DVC reads it: entries as strings but `size` (an int), which is left out here. */
function lockRead(read: Read, names: string[]): Read {
  const stages = (read as { stages?: Record<string, Read> }).stages ?? {}
  const out: Record<string, Read> = {}
  for (const n of names) {
    const s = stages[n] as Record<string, Read> | undefined
    const strip = (list: Read | undefined): Read =>
      Array.isArray(list) ? list.map((e) => ({ ...(e as Record<string, Read>), size: 'int' })) : (list ?? [])
    Object.defineProperty(out, n, {
      value: s && { cmd: s.cmd, deps: strip(s.deps), outs: strip(s.outs) },
      enumerable: true
    })
  }
  return out
}

describe('every YAML writer, read back by ruamel (DVC) and by our readers', () => {
  beforeAll(() => void requireDvc())

  it('dvc.yaml: new files, stages added, deps rewritten, stages removed (300 random stages)', async () => {
    const r = prng(19)
    const texts: string[] = []
    const expected: Array<Record<string, Read>> = []
    const existing =
      '# comment kept\nstages:\n  keep:\n    cmd: bash scripts/render_llm.sh --prompt docs/keep.prompt.md --out docs/keep.md --name keep\n' +
      '    deps:\n    - docs/keep.prompt.md\n    outs:\n    - docs/keep.md:\n        cache: false\n'
    const keep = {
      cmd: 'bash scripts/render_llm.sh --prompt docs/keep.prompt.md --out docs/keep.md --name keep',
      deps: ['docs/keep.prompt.md'],
      outs: [{ 'docs/keep.md': { cache: 'false-bool' } }]
    }
    const tokens = tokenPrompts()
    for (let round = 0; round < 60 + tokens.length / 5; round++) {
      const ps = round < tokens.length / 5 ? tokens.slice(round * 5, round * 5 + 5) : prompts(r, 5)
      const stages = ps.map((p) => graftStage(p))
      const fresh = addStagesToDvcYaml(undefined, stages)
      const added = addStagesToDvcYaml(existing, stages)
      const moved = stages.map((s) => ({ ...s, deps: [s.deps[0], ...Array.from({ length: 2 }, () => path(r))] }))
      const rewritten = updateStagesDeps(added, moved)
      const removed = removeStagesFromDvcYaml(rewritten, [stages[0].name])
      const want = (list: StageDef[], withKeep: boolean): Record<string, Read> => {
        const out: Record<string, Read> = withKeep ? { keep } : {}
        for (const s of list) Object.defineProperty(out, s.name, { value: expectedYamlStage(s), enumerable: true })
        return out
      }
      texts.push(fresh, added, rewritten, removed)
      expected.push(want(stages, false), want(stages, true), want(moved, true), want(moved.slice(1), true))
    }
    const read = await ruamelRead(texts)
    texts.forEach((text, i) => {
      for (const loader of ['safe', 'rt'] as const) {
        const got = withCacheFlag(read[i][loader]) as { stages?: Read }
        expect({ text, stages: got.stages }).toEqual({ text, stages: expected[i] })
      }
      for (const reader of [parseDvcYaml, parseDvcYamlFull]) {
        const ours: Record<string, Read> = {}
        for (const s of reader(text).stages)
          Object.defineProperty(ours, s.name, {
            value: expectedYamlStage(s),
            enumerable: true
          })
        expect({ text, stages: ours }).toEqual({ text, stages: expected[i] })
      }
    })
  }, 120_000)

  it('dvc.lock: entries set and removed (300 random stages, 5 at a time)', async () => {
    const r = prng(23)
    const texts: string[] = []
    const expected: Record<string, Read>[] = []
    let lock =
      "schema: '2.0'\nstages:\n  keep:\n    cmd: k\n    deps:\n    - path: a\n      hash: md5\n      md5: d41d8cd98f00b204e9800998ecf8427e\n      size: 0\n"
    const all = new Map<string, LockStage>([
      [
        'keep',
        { cmd: 'k', deps: [{ path: 'a', hash: 'md5', md5: 'd41d8cd98f00b204e9800998ecf8427e', size: 0 }], outs: [] }
      ]
    ])
    const tokens = tokenPrompts()
    for (let round = 0; round < 60 + tokens.length / 5; round++) {
      const ps = round < tokens.length / 5 ? tokens.slice(round * 5, round * 5 + 5) : prompts(r, 5)
      const stages: [string, LockStage][] = ps.map((p) => [
        p.stageName,
        { cmd: graftStage(p).cmd, deps: [p.path, ...p.deps].map((d) => lockEntry(d, r)), outs: [lockEntry(p.out, r)] }
      ])
      lock = setLockStages(lock, stages)
      for (const [n, s] of stages) all.set(n, s)
      // the file stays small (the YAML tree the odd names need costs time): all but `keep` and this round's go
      const gone = [...all.keys()].filter((n) => n !== 'keep' && !stages.some(([s]) => s === n))
      if (gone.length > 0) {
        lock = removeLockStages(lock, gone)
        for (const n of gone) all.delete(n)
      }
      const want: Record<string, Read> = {}
      const entry = (e: LockStage['deps'][number]): Read => ({ path: e.path, hash: 'md5', md5: e.md5, size: 'int' })
      // DVC's order: entries sorted by path (code points, as UTF-8 bytes sort)
      const sorted = (list: LockStage['deps']): Read =>
        [...list].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path))).map(entry)
      for (const [n, s] of all)
        Object.defineProperty(want, n, {
          value: { cmd: s.cmd, deps: sorted(s.deps), outs: sorted(s.outs) },
          enumerable: true
        })
      texts.push(lock)
      expected.push(want)
    }
    const read = await ruamelRead(texts)
    texts.forEach((text, i) => {
      const names = Object.keys(expected[i])
      for (const loader of ['safe', 'rt'] as const) {
        const stages = lockRead(read[i][loader], names)
        expect({ loader, text, stages }).toEqual({ loader, text, stages: expected[i] })
      }
      for (const reader of [parseDvcLock, parseDvcLockYaml]) {
        const ours: Record<string, Read> = {}
        for (const [n, s] of reader(text).stages) {
          const entry = (e: LockStage['deps'][number]): Read => ({ path: e.path, hash: 'md5', md5: e.md5, size: 'int' })
          Object.defineProperty(ours, n, {
            value: { cmd: s.cmd, deps: s.deps.map(entry), outs: s.outs.map(entry) },
            enumerable: true
          })
        }
        expect({ reader: reader.name, text, stages: ours }).toEqual({ reader: reader.name, text, stages: expected[i] })
      }
    })
  }, 120_000)
})

describe("each stage's cmd, run by /bin/sh", () => {
  /** The arguments /bin/sh passes to the program for `cmd` (which must start with `prefix`), run in an empty folder. */
  function argv(cmd: string, prefix: string): { args: string[]; sideEffects: string[] } {
    expect(cmd.startsWith(prefix)).toBe(true)
    const dir = mkdtempSync(join(tmpdir(), 'graft-sh-'))
    try {
      const out = execFileSync('/bin/sh', ['-c', `set -- ${cmd.slice(prefix.length)}\nprintf '%s\\0' "$@"`], {
        cwd: dir,
        env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent' }
      }).toString()
      return { args: out.split('\0').slice(0, -1), sideEffects: readdirSync(dir) }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  const asArg = (p: string): string => (p.startsWith('-') ? `./${p}` : p)

  it("Graft's command passes every path and name as one literal argument (300 random prompts)", () => {
    const r = prng(29)
    for (const p of prompts(r, 300).filter((x) => !/[\u0000-\u001f]/.test(x.path + x.out))) {
      const { args, sideEffects } = argv(graftStage(p).cmd, 'bash scripts/render_llm.sh ')
      expect({ p: p.path, args, sideEffects }).toEqual({
        p: p.path,
        args: ['--prompt', asArg(p.path), '--out', asArg(p.out), '--name', p.stageName],
        sideEffects: []
      })
    }
  })

  it('a learnt template keeps its own quoting, and each value is quoted for it', () => {
    const r = prng(31)
    // [template, the arguments it must give]; a quote opened before the placeholder counts too:
    // `"--out={out}"` is inside double quotes, where a bare-quoted '…' would be literal and $(…) would run
    const templates: [string, (p: PromptFile) => string[]][] = [
      [
        'python tools/render.py --prompt={prompt} "{out}" --stage \'{name}\'',
        (p) => [`--prompt=${asArg(p.path)}`, asArg(p.out), '--stage', p.stageName]
      ],
      ['python tools/render.py {prompt} {out} {name}', (p) => [asArg(p.path), asArg(p.out), p.stageName]],
      [
        'python tools/render.py "--prompt={prompt}" \'--out={out}\' --name="[{name}]"',
        (p) => [`--prompt=${asArg(p.path)}`, `--out=${asArg(p.out)}`, `--name=[${p.stageName}]`]
      ],
      ['python tools/render.py "a\\"b {prompt}" \\"{out}', (p) => [`a"b ${asArg(p.path)}`, `"${asArg(p.out)}`]]
    ]
    for (const p of prompts(r, 200)) {
      for (const [template, want] of templates) {
        const { args, sideEffects } = argv(applyTemplate(template, p), 'python tools/render.py ')
        expect({ p: p.path, template, args, sideEffects }).toEqual({
          p: p.path,
          template,
          args: want(p),
          sideEffects: []
        })
      }
    }
  })

  it('names Graft writes unquoted stay byte for byte', () => {
    const p: PromptFile = {
      path: 'docs/api.v2/how-it-works.prompt.md',
      stageName: 'how_it_works',
      deps: [],
      out: 'docs/api.v2/how-it-works.md',
      body: ''
    }
    expect(graftStage(p).cmd).toBe(
      'bash scripts/render_llm.sh --prompt docs/api.v2/how-it-works.prompt.md --out docs/api.v2/how-it-works.md --name how_it_works'
    )
    const odd = { ...p, path: 'docs/$(touch x) a.prompt.md', out: '-x.md', stageName: '$(touch x) a' }
    expect(graftStage(odd).cmd).toBe(
      "bash scripts/render_llm.sh --prompt 'docs/$(touch x) a.prompt.md' --out ./-x.md --name '$(touch x) a'"
    )
  })
})
