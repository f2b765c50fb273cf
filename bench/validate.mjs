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
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildRepo } from './synthetic-repo.mjs'

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

function fail(message) {
  process.stderr.write(`bench/validate: ${message}\n`)
  process.exit(1)
}
