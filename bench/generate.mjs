// Benchmark (not a test): a 20-document, 3-level DAG rendered against the
// loopback Bedrock server with a fixed latency per call. Prints the wall time
// for concurrency 1 and 4 beside the DAG's critical path and the lower bound
// for that concurrency, max(critical path, ceil(N / concurrency) calls).
//
//   node bench/generate.mjs [latency-ms]   (default 400; concurrency 1, 4, and one per document)
//
// It bundles the test suite's loopback server with ncc on the fly, so the
// benchmark and the tests share one Bedrock stand-in.
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const project = fileURLToPath(new URL('..', import.meta.url))
const latency = Number(process.argv[2] ?? 400)
const LEVELS = [10, 6, 4] // documents per level: 20 in all

const serverBundle = mkdtempSync(join(tmpdir(), 'graft-bench-server-'))
execFileSync('npx', ['ncc', 'build', join(project, '__tests__/support/bedrock-server.ts'), '-o', serverBundle, '--quiet'], {
  cwd: project,
  stdio: 'inherit'
})
const { BedrockServer, reply, bedrockTestEnv } = await import(pathToFileURL(join(serverBundle, 'index.js')).href)

/** A fresh Graft repository: sources, 20 prompts in 3 levels, no outputs yet. */
function buildRepo() {
  const root = mkdtempSync(join(tmpdir(), 'graft-bench-gen-'))
  const write = (rel, text) => {
    mkdirSync(join(root, rel, '..'), { recursive: true })
    writeFileSync(join(root, rel), text)
  }
  let previous = []
  LEVELS.forEach((count, level) => {
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
      write(`docs/${name}.prompt.md`, `---\ndeps:\n${deps.map((d) => `  - ${d}`).join('\n')}\n---\nWrite document ${name}.\n`)
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
    [join(project, 'dist/cli/index.js'), 'generate', '--engine', 'native', '--concurrency', String(concurrency), '-C', root],
    { env: { ...process.env, ...bedrockTestEnv(server.url) } }
  )
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const calls = server.requests.length
  await server.close()
  rmSync(root, { recursive: true, force: true })
  return { ms, calls }
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
console.log('| concurrency | calls | wall time | critical path | ratio to critical path | lower bound for this concurrency | ratio to it |')
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const { c, ms, calls } of rows) {
  const best = bestFor(c)
  console.log(
    `| ${c} | ${calls} | ${(ms / 1000).toFixed(2)} s | ${(criticalPath / 1000).toFixed(2)} s | ${(ms / criticalPath).toFixed(2)}× | ${(best / 1000).toFixed(2)} s | ${(ms / best).toFixed(2)}× |`
  )
}
