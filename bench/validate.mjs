#!/usr/bin/env node
// Benchmark: native validate, through the CLI and through the action entry
// (dist/validate/index.js with a runner's environment: INPUT_*, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, RUNNER_TEMP, …), against `dvc status --json` and against
// the floor: a bare Node process that reads and md5s every file dvc.lock
// records (deps and outs, each once) — the work no engine can skip. Synthetic
// Graft repositories of 10, 100, 1000 and 10,000 stages (5 deps of ~10 KB per
// stage, shared sparsely, a few stage→stage links), with a dvc.lock written in
// DVC's format and checked clean by the real dvc, then one source edited so a
// few stages are stale. Prints a Markdown table (median of --runs runs each)
// and each process's peak resident memory (one extra, untimed run with a
// preload that reports process.resourceUsage().maxRSS at exit).
//
//   node bench/validate.mjs [--sizes 10,100,1000,10000] [--runs 3] [--dvc-max 1000]
//                           [--cli dist/cli/index.js] [--action dist/validate/index.js] [--keep]
//
// dvc runs only up to --dvc-max stages (10,000 stages take it minutes).
// Needs `dvc` on PATH and the bundles (npm run bundle).
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000,10000' },
    runs: { type: 'string', default: '3' },
    'dvc-max': { type: 'string', default: '1000' },
    cli: { type: 'string', default: join(projectRoot, 'dist/cli/index.js') },
    action: { type: 'string', default: join(projectRoot, 'dist/validate/index.js') },
    keep: { type: 'boolean', default: false }
  }
})
const sizes = args.sizes.split(',').map(Number)
const runs = Number(args.runs)
const dvcMax = Number(args['dvc-max'])
const cli = resolve(args.cli)
const actionEntry = resolve(args.action)

if (!existsSync(cli)) fail(`${cli} is missing: build it first (npm run bundle cli), or pass --cli <path>`)
if (!existsSync(actionEntry))
  fail(`${actionEntry} is missing: build it first (npm run bundle validate), or pass --action <path>`)
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

// Scratch space outside every bench repository: the floor's script, file lists, the RSS preload.
const scratch = mkdtempSync(join(tmpdir(), 'graft-bench-scratch-'))
const floorScript = join(scratch, 'floor.cjs')
writeFileSync(
  floorScript,
  [
    "const { readFileSync } = require('node:fs')",
    "const { createHash } = require('node:crypto')",
    "const files = readFileSync(process.argv[2], 'utf8').split('\\n').filter(Boolean)",
    'let bytes = 0',
    "for (const f of files) { const b = readFileSync(f); bytes += b.length; createHash('md5').update(b).digest('hex') }",
    'process.stdout.write(String(bytes))'
  ].join('\n')
)
const rssPreload = join(scratch, 'rss.cjs')
writeFileSync(
  rssPreload,
  "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)))\n"
)

const rows = []
try {
  for (const n of sizes) rows.push(benchOne(n))
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

const ms = (x) => (x === undefined ? '—' : x.toFixed(0))
const times_ = (x, floor) => (x === undefined ? '—' : `${(x / floor).toFixed(2)}×`)
const mb = (kb) => (kb === undefined ? '—' : `${(kb / 1024).toFixed(0)}`)
console.log(
  `\nDVC ${dvc.stdout.trim()}, Node ${process.version}, ${cpus().length} cores, median of ${runs} runs, fresh DVC site cache per run\n`
)
console.log(
  '| stages | dep+out MB | floor ms | CLI ms | CLI ÷ floor | action entry ms | action ÷ floor | dvc ms | dvc ÷ action | RSS MB floor / CLI / action | same stale stages |'
)
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|')
for (const r of rows) {
  console.log(
    `| ${r.n} | ${(r.bytes / 1e6).toFixed(1)} | ${ms(r.floor)} | ${ms(r.cli)} | ${times_(r.cli, r.floor)} | ${ms(r.action)} | ${times_(r.action, r.floor)} | ` +
      `${ms(r.dvc)} | ${r.dvc === undefined ? '—' : `${(r.dvc / r.action).toFixed(1)}×`} | ${mb(r.rss.floor)} / ${mb(r.rss.cli)} / ${mb(r.rss.action)} | ` +
      `${r.same ? 'yes' : 'NO'} (${r.detail}) |`
  )
}
if (rows.some((r) => !r.same)) process.exitCode = 1

// ---- one size ----------------------------------------------------------------

function benchOne(n) {
  const root = mkdtempSync(join(tmpdir(), `graft-bench-${n}-`))
  try {
    const { edited, recorded } = buildRepo(root, n)
    const withDvc = n <= dvcMax
    const dvcJson = () => JSON.parse(runDvcStatus(root).stdout)

    // The lock written here must be what DVC itself would accept as clean.
    if (withDvc) {
      const before = dvcJson()
      if (Object.keys(before).length !== 0)
        fail(`n=${n}: dvc status is not clean on the fresh lock: ${JSON.stringify(before).slice(0, 300)}`)
    }
    writeFileSync(join(root, edited), `${'edited source '.repeat(700)}\n`)
    const list = join(scratch, `files-${n}.txt`)
    writeFileSync(list, recorded.map((p) => join(root, p)).join('\n') + '\n')

    // Interleaved, so a burst of load from other processes on the machine hits every engine alike.
    const samples = { floor: [], cli: [], action: [], dvc: [] }
    let bytes = 0
    for (let i = 0; i < runs; i++) {
      samples.floor.push(timed(() => (bytes = Number(runFloor(list).stdout))))
      samples.cli.push(timed(() => runNative(root)))
      samples.action.push(timed(() => runActionEntry(root)))
      if (withDvc) samples.dvc.push(timed(() => runDvcStatus(root)))
    }
    const floorMs = median(samples.floor)
    const cliMs = median(samples.cli)
    const actionMs = median(samples.action)
    const dvcMs = withDvc ? median(samples.dvc) : undefined
    const rss = {
      floor: rssOf((env) => runFloor(list, env)),
      cli: rssOf((env) => runNative(root, env)),
      action: rssOf((env) => runActionEntry(root, env))
    }

    const report = JSON.parse(runNative(root).stdout)
    // DVC reports only stages whose own deps changed; native adds what lies downstream.
    const direct = report.stale
      .filter((d) => d.reasons.some((r) => r.kind !== 'upstream-stale'))
      .map((d) => d.stage)
      .sort()
    const viaAction = JSON.parse(runActionEntry(root).outputs.stale_stages ?? '[]')
    const dvcStages = withDvc ? Object.keys(dvcJson()).sort() : direct
    const same =
      JSON.stringify(direct) === JSON.stringify(dvcStages) &&
      JSON.stringify(viaAction) === JSON.stringify(report.stale_stages) &&
      dvcStages.length > 0
    const detail = `${direct.length} direct, ${report.stale_stages.length - direct.length} downstream${withDvc ? '' : ', dvc not run'}`
    process.stderr.write(
      `n=${n}: floor ${floorMs.toFixed(0)} ms, CLI ${cliMs.toFixed(0)} ms, action ${actionMs.toFixed(0)} ms, dvc ${dvcMs?.toFixed(0) ?? '—'} ms, ${detail}\n`
    )
    if (!same)
      process.stderr.write(
        `  dvc: ${dvcStages.join(' ')}\n  native: ${direct.join(' ')}\n  action: ${viaAction.join(' ')}\n`
      )
    return { n, bytes, floor: floorMs, cli: cliMs, action: actionMs, dvc: dvcMs, rss, same, detail }
  } finally {
    if (args.keep) process.stderr.write(`kept ${root}\n`)
    else rmSync(root, { recursive: true, force: true, maxRetries: 3 })
  }
}

function runNative(root, env = process.env) {
  const r = spawnSync(process.execPath, [cli, 'validate', '--engine', 'native', '--json'], {
    cwd: root,
    encoding: 'utf8',
    env,
    maxBuffer: 256 * 1024 * 1024
  })
  if (r.status !== 0) fail(`native validate failed (${r.status}): ${r.stderr}`)
  return r
}

/** The floor: read and md5 every file in `list`, nothing else. */
function runFloor(list, env = process.env) {
  const r = spawnSync(process.execPath, [floorScript, list], { encoding: 'utf8', env })
  if (r.status !== 0) fail(`floor failed (${r.status}): ${r.stderr}`)
  return r
}

/** dist/validate/index.js as a runner starts it: inputs as INPUT_*, outputs and summary through files. */
function runActionEntry(root, extraEnv = {}) {
  const runner = mkdtempSync(join(scratch, 'runner-'))
  try {
    const output = join(runner, 'output')
    const summary = join(runner, 'summary')
    writeFileSync(output, '')
    writeFileSync(summary, '')
    const env = {
      PATH: process.env.PATH,
      HOME: join(runner, 'home'),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: root,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REPOSITORY: 'bench/bench',
      GITHUB_SHA: '0'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_TEMP: join(runner, 'temp'),
      RUNNER_TOOL_CACHE: join(runner, 'toolcache'),
      'INPUT_WORKING-DIRECTORY': '.',
      INPUT_ENGINE: 'native',
      INPUT_TARGETS: '',
      'INPUT_FAIL-ON-STALE': 'false',
      INPUT_CACHE: 'true',
      'INPUT_DVC-VERSION': '3.*',
      ...extraEnv
    }
    const r = spawnSync(process.execPath, [actionEntry], {
      cwd: root,
      encoding: 'utf8',
      env,
      maxBuffer: 256 * 1024 * 1024
    })
    if (r.status !== 0) fail(`action entry failed (${r.status}): ${r.stdout.slice(-2000)}${r.stderr}`)
    return { ...r, outputs: parseOutputFile(readFileSync(output, 'utf8')) }
  } finally {
    rmSync(runner, { recursive: true, force: true })
  }
}

/** Peak resident memory (KB) of one untimed run, reported by the process itself at exit. */
function rssOf(run) {
  const file = join(scratch, 'rss')
  rmSync(file, { force: true })
  const preload = `--require=${rssPreload}`
  run({ ...process.env, BENCH_RSS_FILE: file, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${preload}`.trim() })
  return existsSync(file) ? Number(readFileSync(file, 'utf8')) : undefined
}

/** The GITHUB_OUTPUT file format (`name<<DELIM\nvalue\nDELIM`, or `name=value`). */
function parseOutputFile(text) {
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (m) {
      const value = []
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
      out[m[1]] = value.join('\n')
    } else if (lines[i].includes('='))
      out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1)
  }
  return out
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

function timed(fn) {
  const start = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - start) / 1e6
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
    write(
      s.out,
      `<!-- Generated by Graft | model=bedrock-claude-v4.5-sonnet-us | sig=${sha256(s.prompt)} | rev=workspace | 2026-01-01 -->\n# ${s.name}\n\n${'Generated text. '.repeat(200)}\n`
    )
  }
  for (const s of stages) s.cmd = `bash scripts/render_llm.sh --prompt ${s.prompt} --out ${s.out} --name ${s.name}`
  write('dvc.yaml', dvcYaml(stages))
  write('dvc.lock', dvcLock(stages, files))
  write('.gitignore', '/.dvc/\n')
  mkdirSync(join(root, '.dvc'), { recursive: true })

  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root, env: GIT_ENV })
  execFileSync('git', ['add', '-A'], { cwd: root, env: GIT_ENV })
  // No background `git gc --auto`: it would write into .git while the engines are timed.
  execFileSync('git', ['-c', 'gc.auto=0', '-c', 'maintenance.auto=false', 'commit', '-q', '-m', 'bench repository'], {
    cwd: root,
    env: GIT_ENV
  })
  // The repository's hundreds of MB go to disk now, not during the timed runs.
  spawnSync('sync')

  // A source read by a few stages (2 or 3 when there is one), never a stage output.
  const candidates = [...users]
    .filter(([p]) => p.startsWith('src/'))
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
  const edited = (candidates.find(([, c]) => c >= 2 && c <= 3) ?? candidates[candidates.length - 1])[0]
  // Every file dvc.lock records (deps and outs), each once: what the floor reads.
  const recorded = [...new Set(stages.flatMap((s) => [...s.deps, s.out]))]
  return { edited, recorded }
}

function dvcYaml(stages) {
  const out = [
    '# This file is generated by Graft from the *.prompt.md files.',
    '# Do not edit it by hand.',
    '',
    'stages:'
  ]
  for (const s of stages) {
    out.push(`  ${s.name}:`, foldPlain('    cmd: ', s.cmd, 6), '    deps:')
    for (const d of s.deps) out.push(`    - ${d}`)
    out.push('    outs:', `    - ${s.out}:`, '        cache: false')
  }
  return out.join('\n') + '\n'
}

/**
 * An md5 as DVC's YAML writer puts it: quoted when YAML 1.2 would read it as a
 * number (all digits, or digits-e-digits: about one hash in 10^6, so one
 * 10,000-stage repository in twenty has one).
 */
function md5Scalar(hex) {
  return /^[0-9]+(?:[eE][0-9]+)?$/.test(hex) ? `'${hex}'` : hex
}

/** dvc.lock as DVC writes it: deps and outs sorted by path, each with hash, md5, size. */
function dvcLock(stages, files) {
  const entry = (p) => {
    const content = Buffer.from(files.get(p))
    return [
      `    - path: ${p}`,
      '      hash: md5',
      `      md5: ${md5Scalar(md5(content))}`,
      `      size: ${content.length}`
    ]
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
