#!/usr/bin/env node
// Benchmark: what each fast YAML reader layer is worth. For dvc.yaml, dvc.lock
// and the prompts' frontmatter at 10, 100 and 1000 stages, each layer reads the
// same text in a fresh process (median of --runs processes): the full YAML
// reader, the production fast reader, and the fast reader's layers alone
// (sticky-regex "blocks", then "lines"). Each reader's result is checked
// against the full reader's. Two layouts per file: the one Graft and DVC write
// (where "blocks" answers), and a legal variant only "lines" (or the full
// reader) takes, which is what the "lines" layer exists for.
//
//   node bench/readers.mjs [--sizes 10,100,1000] [--runs 5] [--keep]
//
// A layer pays for itself when "fast" beats "full" by more than the layer's
// own cost on the layouts it is there for.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const project = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false }
  }
})
const sizes = args.sizes.split(',').map(Number)
const runs = Number(args.runs)

const bundle = mkdtempSync(join(tmpdir(), 'graft-bench-readers-'))
execFileSync(
  'npx',
  ['ncc', 'build', join(project, 'bench/readers-entry.ts'), '-o', bundle, '--transpile-only', '--quiet'],
  {
    cwd: project,
    stdio: 'inherit'
  }
)
const entry = join(bundle, 'index.js')

/** format → layout → layers measured on it (the first is the reference) */
const PLAN = {
  'dvc.yaml': { graft: ['full', 'fast', 'blocks', 'lines'], variant: ['full', 'fast', 'lines'] },
  'dvc.lock': { dvc: ['full', 'fast', 'blocks', 'lines'], variant: ['full', 'fast', 'lines'] },
  frontmatter: { graft: ['full', 'fast'] }
}

const rows = []
let disagreements = 0
try {
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `graft-bench-readers-${n}-`))
    try {
      const files = writeInputs(dir, n)
      for (const [format, layouts] of Object.entries(PLAN)) {
        for (const [layout, layers] of Object.entries(layouts)) {
          const inputs = files[format][layout]
          const measured = {}
          for (const layer of layers) measured[layer] = measure(format, layer, inputs)
          const reference = measured.full.digest
          for (const layer of layers) {
            const m = measured[layer]
            const agrees = m.refused || m.digest === reference
            if (!agrees) disagreements++
            rows.push({ n, format, layout, layer, ...m, agrees, fullMs: measured.full.loadAndReadMs })
          }
        }
      }
    } finally {
      if (args.keep) process.stderr.write(`kept ${dir}\n`)
      else rmSync(dir, { recursive: true, force: true })
    }
  }
} finally {
  rmSync(bundle, { recursive: true, force: true })
}

console.log(
  `\nNode ${process.version}, ${cpus().length} cores, median of ${runs} fresh processes; "load+read" = import the layer's module and read once\n`
)
console.log('| stages | file | layout | layer | load+read ms | read ms | ÷ full | result |')
console.log('|---:|:---|:---|:---|---:|---:|---:|:---|')
for (const r of rows) {
  const verdict = r.refused ? 'refused (falls through)' : r.agrees ? 'same as full' : 'DIFFERS'
  console.log(
    `| ${r.n} | ${r.format} | ${r.layout} | ${r.layer} | ${r.loadAndReadMs.toFixed(2)} | ${r.readMs.toFixed(2)} | ${(r.loadAndReadMs / r.fullMs).toFixed(2)} | ${verdict} |`
  )
}
if (disagreements > 0) {
  console.error(`${disagreements} reader result(s) differ from the full reader`)
  process.exitCode = 1
}

function measure(format, layer, inputs) {
  const samples = []
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [entry, format, layer, ...inputs], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024
    })
    if (r.status !== 0) throw new Error(`${format} ${layer} failed: ${r.stderr}`)
    samples.push(JSON.parse(r.stdout))
  }
  const med = (key) => [...samples.map((s) => s[key])].sort((a, b) => a - b)[Math.floor(samples.length / 2)]
  return {
    loadAndReadMs: med('loadAndReadMs'),
    readMs: med('readMs'),
    refused: samples[0].refused,
    digest: samples[0].digest
  }
}

// ---- inputs ------------------------------------------------------------------

function writeInputs(dir, n) {
  const write = (rel, text) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true })
    writeFileSync(join(dir, rel), text)
    return join(dir, rel)
  }
  const stages = []
  const prompts = []
  for (let i = 0; i < n; i++) {
    const deps = [0, 1, 2, 3, 4].map(
      (k) => `src/area-${pad((i + k) % 37)}/source-${pad((i * 5 + k) % (2 * n + 10))}.md`
    )
    if (i >= 10 && i % 10 === 0) deps[4] = outPath(i - 7)
    const prompt = `docs/part-${pad(i)}/doc-${pad(i)}.prompt.md`
    const name = `doc_${pad(i)}`
    prompts.push(
      write(
        prompt,
        `---\n# sources\ndeps:\n${deps.map((d) => `- ${d}\n`).join('')}model: bedrock-claude-v4.5-sonnet-us\n---\nDescribe part ${i}.\n`
      )
    )
    stages.push({
      name,
      prompt,
      out: outPath(i),
      deps: [prompt, ...deps],
      cmd: `bash scripts/render_llm.sh --prompt ${prompt} --out ${outPath(i)} --name ${name}`
    })
  }
  return {
    'dvc.yaml': {
      graft: [write('graft/dvc.yaml', dvcYaml(stages, false))],
      variant: [write('variant/dvc.yaml', dvcYaml(stages, true))]
    },
    'dvc.lock': {
      dvc: [write('dvc/dvc.lock', dvcLock(stages, false))],
      variant: [write('variant/dvc.lock', dvcLock(stages, true))]
    },
    frontmatter: { graft: prompts }
  }
}

/** Graft's layout; the variant indents by 4 and puts outs before deps (legal YAML, same stages). */
function dvcYaml(stages, variant) {
  const out = [
    '# This file is generated by Graft from the *.prompt.md files.',
    '# Do not edit it by hand.',
    '',
    'stages:'
  ]
  const i = variant ? '    ' : '  '
  for (const s of stages) {
    const deps = [`${i}  deps:`, ...s.deps.map((d) => `${i}  - ${d}`)]
    const outs = [`${i}  outs:`, `${i}  - ${s.out}:`, `${i}      cache: false`]
    out.push(`${i}${s.name}:`, `${i}  cmd: ${s.cmd}`, ...(variant ? [...outs, ...deps] : [...deps, ...outs]))
  }
  return out.join('\n') + '\n'
}

/** DVC's layout; the variant gives each entry's keys in another order (size before md5). */
function dvcLock(stages, variant) {
  const entry = (p) => {
    const md5 = createHash('md5').update(p).digest('hex')
    const size = `      size: ${1000 + p.length}`
    return variant
      ? [`    - path: ${p}`, size, '      hash: md5', `      md5: ${md5}`]
      : [`    - path: ${p}`, '      hash: md5', `      md5: ${md5}`, size]
  }
  const out = ["schema: '2.0'", 'stages:']
  for (const s of stages) {
    out.push(`  ${s.name}:`, `    cmd: ${s.cmd}`, '    deps:')
    for (const d of [...s.deps].sort()) out.push(...entry(d))
    out.push('    outs:', ...entry(s.out))
  }
  return out.join('\n') + '\n'
}

function outPath(i) {
  return `docs/part-${pad(i)}/doc-${pad(i)}.md`
}

function pad(i) {
  return String(i).padStart(4, '0')
}
