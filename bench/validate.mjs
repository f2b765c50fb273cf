#!/usr/bin/env node
// Benchmark: `graft-action validate --engine native` against `dvc status --json`
// on synthetic Graft repositories of 10, 100 and 1000 stages (5 deps of ~10 KB
// per stage, shared sparsely, a few stage→stage links), with a dvc.lock written
// in DVC's format and checked clean by the real dvc, then one source edited so a
// few stages are stale. Prints a Markdown table (median of 3 runs each).
//
//   node bench/validate.mjs [--sizes 10,100,1000] [--runs 3] [--cli dist/cli/index.js] [--keep]
//
// Needs `dvc` on PATH and the CLI bundle (npm run bundle cli).
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000' },
    runs: { type: 'string', default: '3' },
    cli: { type: 'string', default: join(projectRoot, 'dist/cli/index.js') },
    keep: { type: 'boolean', default: false }
  }
})
const sizes = args.sizes.split(',').map(Number)
const runs = Number(args.runs)
const cli = resolve(args.cli)

if (!existsSync(cli)) fail(`${cli} is missing: build it first (npm run bundle cli), or pass --cli <path>`)
const dvc = spawnSync('dvc', ['--version'], { encoding: 'utf8' })
if (dvc.status !== 0) fail('dvc is not on PATH: pip install "dvc==3.*" (or PATH=.venv-dvc/bin:$PATH)')

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_CONFIG_NOSYSTEM: '1'
}

const rows = []
for (const n of sizes) rows.push(benchOne(n))

console.log(`\nDVC ${dvc.stdout.trim()}, Node ${process.version}, median of ${runs} runs, fresh DVC site cache per run\n`)
console.log('| stages | native ms | dvc ms | ratio | same stale stages |')
console.log('|---:|---:|---:|---:|:---|')
for (const r of rows) {
  console.log(`| ${r.n} | ${r.native.toFixed(0)} | ${r.dvc.toFixed(0)} | ${(r.dvc / r.native).toFixed(1)}× | ${r.same ? 'yes' : 'NO'} (${r.detail}) |`)
}
if (rows.some((r) => !r.same)) process.exitCode = 1

// ---- one size ----------------------------------------------------------------

function benchOne(n) {
  const root = mkdtempSync(join(tmpdir(), `graft-bench-${n}-`))
  try {
    const edited = buildRepo(root, n)
    const dvcJson = () => JSON.parse(runDvcStatus(root).stdout)

    // The lock written here must be what DVC itself would accept as clean.
    const before = dvcJson()
    if (Object.keys(before).length !== 0) fail(`n=${n}: dvc status is not clean on the fresh lock: ${JSON.stringify(before).slice(0, 300)}`)
    writeFileSync(join(root, edited), `${'edited source '.repeat(700)}\n`)

    const dvcMs = median(times(() => runDvcStatus(root)))
    const nativeMs = median(times(() => runNative(root)))
    const dvcStages = Object.keys(dvcJson()).sort()
    const report = JSON.parse(runNative(root).stdout)
    // DVC reports only stages whose own deps changed; native adds what lies downstream.
    const direct = report.stale.filter((d) => d.reasons.some((r) => r.kind !== 'upstream-stale')).map((d) => d.stage).sort()
    const same = JSON.stringify(direct) === JSON.stringify(dvcStages) && dvcStages.length > 0
    const detail = `${dvcStages.length} direct, ${report.stale_stages.length - direct.length} downstream`
    process.stderr.write(`n=${n}: native ${nativeMs.toFixed(0)} ms, dvc ${dvcMs.toFixed(0)} ms, ${detail}\n`)
    if (!same) process.stderr.write(`  dvc: ${dvcStages.join(' ')}\n  native: ${direct.join(' ')}\n`)
    return { n, native: nativeMs, dvc: dvcMs, same, detail }
  } finally {
    if (args.keep) process.stderr.write(`kept ${root}\n`)
    else rmSync(root, { recursive: true, force: true })
  }
}

function runNative(root) {
  const r = spawnSync(process.execPath, [cli, 'validate', '--engine', 'native', '--json'], { cwd: root, encoding: 'utf8' })
  if (r.status !== 0) fail(`native validate failed (${r.status}): ${r.stderr}`)
  return r
}

function runDvcStatus(root) {
  const site = mkdtempSync(join(tmpdir(), 'graft-bench-site-'))
  try {
    const r = spawnSync('dvc', ['status', '--json'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DVC_NO_ANALYTICS: '1', DVC_SITE_CACHE_DIR: site }
    })
    if (r.status !== 0) fail(`dvc status failed (${r.status}): ${r.stderr}`)
    return r
  } finally {
    rmSync(site, { recursive: true, force: true })
  }
}

function times(fn) {
  const out = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    fn()
    out.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return out
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

// ---- the synthetic repository ------------------------------------------------

/** Builds the repository and returns the source to edit (used by a few stages). */
function buildRepo(root, n) {
  const random = prng(n)
  const poolSize = Math.max(10, n * 2)
  const files = new Map()
  const write = (rel, content) => {
    files.set(rel, content)
    mkdirSync(dirname(join(root, rel)), { recursive: true })
    writeFileSync(join(root, rel), content)
  }
  for (let k = 0; k < poolSize; k++) write(sourcePath(k), sourceText(k))

  const stages = []
  const users = new Map()
  for (let i = 0; i < n; i++) {
    const deps = new Set()
    while (deps.size < 5) deps.add(sourcePath(Math.floor(random() * poolSize)))
    const list = [...deps]
    // Every 10th stage reads an earlier stage's output: a shallow DAG.
    if (i >= 10 && i % 10 === 0) list[4] = outPath(i - 7)
    for (const d of list) users.set(d, (users.get(d) ?? 0) + 1)
    const prompt = `docs/part-${pad(i)}/doc-${pad(i)}.prompt.md`
    const name = `doc_${pad(i)}`
    write(prompt, `---\ndeps:\n${list.map((d) => `- ${d}\n`).join('')}---\nDescribe part ${i} for readers.\n`)
    stages.push({ name, prompt, out: outPath(i), deps: [prompt, ...list] })
  }
  for (const s of stages) {
    write(s.out, `<!-- Generated by Graft | model=bedrock-claude-v4.5-sonnet-us | sig=${sha256(s.prompt)} | rev=workspace | 2026-01-01 -->\n# ${s.name}\n\n${'Generated text. '.repeat(200)}\n`)
  }
  for (const s of stages) s.cmd = `bash scripts/render_llm.sh --prompt ${s.prompt} --out ${s.out} --name ${s.name}`
  write('dvc.yaml', dvcYaml(stages))
  write('dvc.lock', dvcLock(stages, files))
  write('.gitignore', '/.dvc/\n')
  mkdirSync(join(root, '.dvc'), { recursive: true })

  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root, env: GIT_ENV })
  execFileSync('git', ['add', '-A'], { cwd: root, env: GIT_ENV })
  execFileSync('git', ['commit', '-q', '-m', 'bench repository'], { cwd: root, env: GIT_ENV })

  // A source read by a few stages (2 or 3 when there is one), never a stage output.
  const candidates = [...users].filter(([p]) => p.startsWith('src/')).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
  return (candidates.find(([, c]) => c >= 2 && c <= 3) ?? candidates[candidates.length - 1])[0]
}

function dvcYaml(stages) {
  const out = ['# This file is generated by Graft from the *.prompt.md files.', '# Do not edit it by hand.', '', 'stages:']
  for (const s of stages) {
    out.push(`  ${s.name}:`, foldPlain('    cmd: ', s.cmd, 6), '    deps:')
    for (const d of s.deps) out.push(`    - ${d}`)
    out.push('    outs:', `    - ${s.out}:`, '        cache: false')
  }
  return out.join('\n') + '\n'
}

/** dvc.lock as DVC writes it: deps and outs sorted by path, each with hash, md5, size. */
function dvcLock(stages, files) {
  const entry = (p) => {
    const content = Buffer.from(files.get(p))
    return [`    - path: ${p}`, '      hash: md5', `      md5: ${md5(content)}`, `      size: ${content.length}`]
  }
  const out = ["schema: '2.0'", 'stages:']
  for (const s of stages) {
    out.push(`  ${s.name}:`, `    cmd: ${s.cmd}`, '    deps:')
    for (const d of [...s.deps].sort()) out.push(...entry(d))
    out.push('    outs:', ...entry(s.out))
  }
  return out.join('\n') + '\n'
}

function foldPlain(prefix, text, indent) {
  const words = text.split(' ')
  const lines = []
  let line = prefix + words[0]
  for (const w of words.slice(1)) {
    if (line.length > 80) {
      lines.push(line)
      line = ' '.repeat(indent) + w
    } else line += ' ' + w
  }
  lines.push(line)
  return lines.join('\n')
}

function sourcePath(k) {
  return `src/area-${pad(k % 37)}/source-${pad(k)}.md`
}

function outPath(i) {
  return `docs/part-${pad(i)}/doc-${pad(i)}.md`
}

/** ~10 KB of text that differs per file. */
function sourceText(k) {
  const line = `Source ${k}: the quick brown fox jumps over the lazy dog ${k * 7919}.\n`
  return `# Source ${k}\n\n${line.repeat(Math.ceil(10240 / line.length))}`
}

function pad(i) {
  return String(i).padStart(4, '0')
}

function prng(seed) {
  let s = (seed * 2654435761) >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 4294967296
  }
}

function md5(buf) {
  return createHash('md5').update(buf).digest('hex')
}

function sha256(text) {
  return createHash('sha256').update(text).digest('hex')
}

function fail(message) {
  process.stderr.write(`bench/validate: ${message}\n`)
  process.exit(1)
}
