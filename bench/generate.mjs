// Benchmark (not a test): a 20-document, 3-level DAG rendered against the
// loopback Bedrock server with a fixed latency per call. Prints the wall time
// for concurrency 1 and 4 beside the DAG's critical path and the lower bound
// for that concurrency, max(critical path, ceil(N / concurrency) calls).
//
//   node bench/generate.mjs [latency-ms]   (default 400; concurrency 1, 4, and one per document)
//
// Quota mode: the loopback server admits at most K requests at once and
// answers ThrottlingException beyond (as Bedrock does past an account's
// quota); --documents independent documents, --latency ms per admitted call.
// Prints, for a fixed concurrency of 8 and for the adaptive limiter (also
// started at 8): wall time, throttled requests, retries, and the lower bound
// ceil(documents / K) × latency (no schedule can do better with K slots); and
// a reference run at exactly K with no quota (the lower bound plus the run's
// fixed costs: Node's start, validate, packing).
// The client's real backoff (5 s, 15 s, 45 s) applies.
//
//   node bench/generate.mjs --quota 4 [--documents 48] [--latency 2000]
//
// Scale mode: generate in the synthetic repository bench/validate.mjs uses
// (--stages stages, 5 sources each, dvc.lock in DVC's layout) with --documents
// prompts edited, against the loopback server answering at once, so what is
// left is what the runner itself spends per document (packing, hashing, the
// dvc.lock and dvc.yaml bookkeeping). The reference, timed first on the same
// repository: the CLI's validate, the fixed cost every run pays.
//
//   node bench/generate.mjs --stages 1000 [--documents 48]
//
// --cli <path> measures another build of the CLI (default dist/cli/index.js).
//
// It bundles the test suite's loopback server with ncc on the fly, so the
// benchmark and the tests share one Bedrock stand-in.
import { execFile, execFileSync } from 'node:child_process'
import { parseArgs, promisify } from 'node:util'
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { GIT_ENV, buildRepo as buildSyntheticRepo, promptPath } from './synthetic-repo.mjs'

const project = fileURLToPath(new URL('..', import.meta.url))
const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quota: { type: 'string' },
    stages: { type: 'string' },
    cli: { type: 'string' },
    documents: { type: 'string', default: '48' },
    latency: { type: 'string' }
  }
})
const latency = Number(opts.latency ?? positionals[0] ?? (opts.quota ? 2000 : 400))
const cli = opts.cli ?? join(project, 'dist/cli/index.js')
const LEVELS = [10, 6, 4] // documents per level: 20 in all

const serverBundle = mkdtempSync(join(tmpdir(), 'graft-bench-server-'))
execFileSync(
  'npx',
  ['ncc', 'build', join(project, '__tests__/support/bedrock-server.ts'), '-o', serverBundle, '--quiet'],
  {
    cwd: project,
    stdio: 'inherit'
  }
)
const { BedrockServer, reply, bedrockTestEnv } = await import(pathToFileURL(join(serverBundle, 'index.js')).href)
/** The SDK's environment for the loopback server, with a HOME that goes with the server bundle's folder. */
const benchHome = join(serverBundle, 'home')
mkdirSync(benchHome)
const sdkEnv = (url) => bedrockTestEnv(url, benchHome)

if (opts.quota) {
  await quotaMode(Number(opts.quota), Number(opts.documents))
  rmSync(serverBundle, { recursive: true, force: true })
  process.exit(0)
}
if (opts.stages) {
  await scaleMode(Number(opts.stages), Number(opts.documents))
  rmSync(serverBundle, { recursive: true, force: true })
  process.exit(0)
}

/** A fresh Graft repository: sources, 20 prompts in 3 levels (or `flat` independent ones), no outputs yet. */
function buildRepo(flat = 0) {
  const root = mkdtempSync(join(tmpdir(), 'graft-bench-gen-'))
  const write = (rel, text) => {
    mkdirSync(join(root, rel, '..'), { recursive: true })
    writeFileSync(join(root, rel), text)
  }
  let previous = []
  for (let i = 0; i < flat; i++) {
    write(`sources/s${i}.md`, `# Source ${i}\n\n${'Some facts. '.repeat(50)}\n`)
    write(`docs/doc${i}.prompt.md`, `---\ndeps:\n  - sources/s${i}.md\n---\nWrite document ${i}.\n`)
  }
  ;(flat ? [] : LEVELS).forEach((count, level) => {
    const current = []
    for (let i = 0; i < count; i++) {
      const name = `l${level + 1}-doc${i}`
      let deps
      if (level === 0) {
        deps = [`sources/s${i}.md`, `sources/s${(i + 1) % count}.md`]
        write(`sources/s${i}.md`, `# Source ${i}\n\n${'Some facts. '.repeat(50)}\n`)
      } else {
        deps = [previous[i % previous.length], previous[(i + 1) % previous.length]]
      }
      write(
        `docs/${name}.prompt.md`,
        `---\ndeps:\n${deps.map((d) => `  - ${d}`).join('\n')}\n---\nWrite document ${name}.\n`
      )
      current.push(`docs/${name}.md`)
    }
    previous = current
  })
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: 'pipe' })
  git('init', '-q', '-b', 'main')
  git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'add', '-A')
  git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'sources and prompts')
  return root
}

async function timeRun(concurrency) {
  const server = await new BedrockServer().start()
  server.onRequest(() => reply.latency(latency, reply.text('# A document\n\nWith some text.\n')))
  const root = buildRepo()
  const started = process.hrtime.bigint()
  // asynchronous: the loopback server lives in this process and must keep answering
  await promisify(execFile)(
    process.execPath,
    [cli, 'generate', '--engine', 'native', '--concurrency', String(concurrency), '-C', root],
    { env: { ...process.env, ...sdkEnv(server.url) } }
  )
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const calls = server.requests.length
  await server.close()
  rmSync(root, { recursive: true, force: true })
  return { ms, calls }
}

/** Quota mode: fixed concurrency 8 against the adaptive limiter, K requests admitted at once. */
async function quotaMode(k, documents) {
  const help = await promisify(execFile)(process.execPath, [cli, 'generate', '--help'])
  const canFix = help.stdout.includes('--fixed-concurrency')
  const runs = [
    // what any limiter could at best do here, fixed costs (start, validate, packing) included
    { label: `reference: ${k} at once, no quota`, args: ['--concurrency', String(k)], noQuota: true },
    { label: 'fixed 8', args: ['--concurrency', '8', ...(canFix ? ['--fixed-concurrency'] : [])] },
    ...(canFix ? [{ label: 'adaptive (up to 8)', args: ['--concurrency', '8'] }] : [])
  ]
  if (!canFix)
    process.stderr.write('this CLI has no --fixed-concurrency: it is fixed-concurrency only; measuring that\n')
  const bound = Math.ceil(documents / k) * latency
  const rows = []
  for (const run of runs) {
    const server = await new BedrockServer().start()
    if (!run.noQuota) server.quota({ concurrent: k })
    server.onRequest(() => reply.latency(latency, reply.text('# A document\n\nWith some text.\n')))
    const root = buildRepo(documents)
    const started = process.hrtime.bigint()
    let failed = ''
    try {
      await promisify(execFile)(process.execPath, [cli, 'generate', '--engine', 'native', ...run.args, '-C', root], {
        env: { ...process.env, ...sdkEnv(server.url) },
        maxBuffer: 64 * 1024 * 1024
      })
    } catch (error) {
      failed = (String(error.stderr ?? error.message).match(/Bedrock kept throttling[^\n]*/) ?? [
        'the run failed'
      ])[0].slice(0, 80)
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    rows.push({ ...run, ms, ...server.stats, requests: server.requests.length, failed })
    process.stderr.write(
      `${run.label}: ${(ms / 1000).toFixed(1)} s, ${server.stats.throttled} throttled, ${server.stats.retries} retries${failed ? `, FAILED: ${failed}` : ''}\n`
    )
    await server.close()
    rmSync(root, { recursive: true, force: true })
  }
  console.log(
    `\n${documents} independent documents, ${latency} ms per admitted call, server admits ${k} at once; Node ${process.version}, ${cpus().length} cores\n`
  )
  const reference = rows[0].ms
  console.log(
    '| limiter | wall time | lower bound | ratio to it | ratio to the reference | requests | throttled | retries | peak served at once | outcome |'
  )
  console.log('| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- |')
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${(r.ms / 1000).toFixed(1)} s | ${(bound / 1000).toFixed(1)} s | ${(r.ms / bound).toFixed(2)}× | ${(r.ms / reference).toFixed(2)}× | ${r.requests} | ${r.throttled} | ${r.retries} | ${r.peakOpen} | ${r.failed ? `failed: ${r.failed}` : 'ok'} |`
    )
  }
}

/** Scale mode: the runner's own time per document in a repository of `stages` stages, the model's time taken away. */
async function scaleMode(stages, documents) {
  const root = mkdtempSync(join(tmpdir(), `graft-bench-scale-${stages}-`))
  const run = (args, env = process.env) =>
    promisify(execFile)(process.execPath, [cli, ...args, '--engine', 'native', '-C', root], {
      env,
      maxBuffer: 256 * 1024 * 1024
    })
  try {
    buildSyntheticRepo(root, stages)
    const count = Math.min(documents, stages)
    // spread over the pipeline: prompts edited, so each document is re-rendered from its current text
    for (let i = 0; i < count; i++)
      appendFileSync(join(root, promptPath(Math.floor((i * stages) / count))), `\nAlso cover point ${i}.\n`)
    execFileSync('git', ['-c', 'gc.auto=0', 'commit', '-q', '-am', 'edit prompts'], { cwd: root, env: GIT_ENV })
    let started = process.hrtime.bigint()
    await run(['validate'])
    const validateMs = Number(process.hrtime.bigint() - started) / 1e6
    const server = await new BedrockServer().start()
    server.onRequest(() => reply.text('# A document\n\nWith some text.\n'))
    started = process.hrtime.bigint()
    await run(['generate', '--concurrency', '4'], { ...process.env, ...sdkEnv(server.url) })
    const generateMs = Number(process.hrtime.bigint() - started) / 1e6
    const calls = server.requests.length
    await server.close()
    console.log(
      `\n${stages} stages, ${count} prompts edited, model answering at once; Node ${process.version}, ${cpus().length} cores\n`
    )
    console.log('| stages | documents rendered | validate (reference) | generate | generate − validate, per document |')
    console.log('| ---: | ---: | ---: | ---: | ---: |')
    console.log(
      `| ${stages} | ${calls} | ${(validateMs / 1000).toFixed(2)} s | ${(generateMs / 1000).toFixed(2)} s | ${((generateMs - validateMs) / calls).toFixed(0)} ms |`
    )
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 })
  }
}

const total = LEVELS.reduce((a, b) => a + b, 0)
const criticalPath = LEVELS.length * latency
// No schedule with c renders in flight can beat the critical path, nor ceil(N/c) rounds of calls.
const bestFor = (c) => Math.max(criticalPath, Math.ceil(total / c) * latency)
const rows = []
for (const c of [1, 4, total]) {
  const { ms, calls } = await timeRun(c)
  rows.push({ c, ms, calls })
}
rmSync(serverBundle, { recursive: true, force: true })

console.log(`\n${total} documents in ${LEVELS.length} levels (${LEVELS.join(' / ')}), ${latency} ms per model call\n`)
console.log(
  '| concurrency | calls | wall time | critical path | ratio to critical path | lower bound for this concurrency | ratio to it |'
)
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const { c, ms, calls } of rows) {
  const best = bestFor(c)
  console.log(
    `| ${c} | ${calls} | ${(ms / 1000).toFixed(2)} s | ${(criticalPath / 1000).toFixed(2)} s | ${(ms / criticalPath).toFixed(2)}× | ${(best / 1000).toFixed(2)} s | ${(ms / best).toFixed(2)}× |`
  )
}
