// Benchmark (not a test): what an UPDATE costs in edit mode against the
// whole-document baseline, through the real CLI bundle and the real AWS SDK
// against the loopback Bedrock server.
//
//   node bench/updates.mjs [--ttft-ms 800] [--tokens-per-second 60] [--sizes 1000,4000,16000]
//
// The loopback plays a model with a stated speed: the first token after
// --ttft-ms (default 0.8 s), then --tokens-per-second output tokens per second
// (default 60), and a stated price: Claude Sonnet 4.5's on-demand list price,
// $3 per million input tokens and $15 per million output tokens. Tokens are
// the loopback's count: 4 characters per token, of the request body (input)
// and of the reply's text or tool input (output).
//
// Each size is a synthetic document of about that many tokens, generated from
// one source file; then one line of the source changes (a default timeout,
// 30 → 45 seconds), so the right answer changes one sentence. The loopback
// answers as a careful model would: in edit mode the edits that change that
// sentence (reply.document's careful edits), in rewrite mode the whole
// document with that sentence changed. The fallback run answers edit mode
// with an edit whose old_text is not in the draft, then the whole document.
//
// Printed per size and style: output and input tokens, the document's wall
// time (its "done in" line) and the run's, dollars, and the ratios to rewrite;
// then the targets (at ~4,000 tokens edits ≤ 1/10 of rewrite's output
// tokens and ≤ 1/5 of its wall time; at ~16,000 tokens ≤ 1/30 of the output tokens).
import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { GIT_ENV } from './synthetic-repo.mjs'

const project = fileURLToPath(new URL('..', import.meta.url))
const { values: opts } = parseArgs({
  options: {
    'ttft-ms': { type: 'string', default: '800' },
    'tokens-per-second': { type: 'string', default: '60' },
    sizes: { type: 'string', default: '1000,4000,16000' },
    cli: { type: 'string' }
  }
})
const TTFT_MS = Number(opts['ttft-ms'])
const TOKENS_PER_SECOND = Number(opts['tokens-per-second'])
const SIZES = opts.sizes.split(',').map(Number)
const PRICE = { input: 3, output: 15 } // dollars per million tokens: Claude Sonnet 4.5, on-demand list price
const cli = opts.cli ?? join(project, 'dist/cli/index.js')
/** streamed in pieces of this many tokens, one piece every 1000 × 15 / TOKENS_PER_SECOND ms */
const PIECE_TOKENS = 15

const serverBundle = mkdtempSync(join(tmpdir(), 'graft-bench-server-'))
execFileSync(
  'npx',
  ['ncc', 'build', join(project, '__tests__/support/bedrock-server.ts'), '-o', serverBundle, '--quiet'],
  { cwd: project, stdio: 'inherit' }
)
const { BedrockServer, reply, bedrockTestEnv, carefulEdits, isEditRequest, shownDraft } = await import(
  pathToFileURL(join(serverBundle, 'index.js')).href
)
/** the CLI's HOME (no ~/.aws): bedrockTestEnv makes its own only inside jest */
const home = mkdtempSync(join(tmpdir(), 'graft-bench-home-'))

const FACT_BEFORE = 'Jobs time out after 30 seconds unless the queue sets its own limit.'
const FACT_AFTER = 'Jobs time out after 45 seconds unless the queue sets its own limit.'

/** A Markdown document of about `tokens` tokens (4 characters each), the fact sentence in its middle. */
function syntheticDocument(tokens) {
  const words = ['worker', 'queue', 'broker', 'job', 'retry', 'schedule', 'result', 'backend', 'lease', 'batch']
  const verbs = ['keeps', 'hands', 'records', 'checks', 'moves', 'holds', 'drops', 'sends']
  let seed = tokens
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const pick = (xs) => xs[Math.floor(next() * xs.length)]
  const sentence = (i) =>
    `The ${pick(words)} ${pick(verbs)} each ${pick(words)} for the ${pick(words)} ${i % 3 === 0 ? 'before it retries' : 'in order'}.`
  const parts = ['# Operations guide', '']
  let section = 0
  let i = 0
  while (parts.join('\n').length < tokens * 4) {
    if (i % 6 === 0) parts.push(`## Part ${++section}`, '')
    parts.push(Array.from({ length: 5 }, () => sentence(i++)).join(' '), '')
  }
  const middle = Math.floor(parts.length / 2) & ~1
  parts.splice(middle, 0, `${sentence(i)} ${FACT_BEFORE} ${sentence(i + 1)}`, '')
  return `${parts.join('\n').trimEnd()}\n`
}

const run = (args, env) =>
  promisify(execFile)(process.execPath, [cli, ...args], { env, maxBuffer: 256 * 1024 * 1024 }).catch((e) => e)

/** A repository whose guide was generated from the facts, committed; then one fact line changed and committed. */
async function buildRepo(tokens) {
  const root = mkdtempSync(join(tmpdir(), `graft-bench-updates-${tokens}-`))
  const git = (...args) => execFileSync('git', args, { cwd: root, env: GIT_ENV, stdio: 'pipe' })
  mkdirSync(join(root, 'sources'))
  mkdirSync(join(root, 'docs'))
  const facts = [
    '# Facts',
    '',
    '- Workers pull jobs from one queue.',
    `- ${FACT_BEFORE}`,
    '- Results are kept for a day.'
  ]
  writeFileSync(join(root, 'sources/facts.md'), `${facts.join('\n')}\n`)
  writeFileSync(
    join(root, 'docs/guide.prompt.md'),
    '---\ndeps:\n  - sources/facts.md\nmax_tokens: 64000\n---\nWrite the operations guide from the facts.\n'
  )
  writeFileSync(join(root, '.gitignore'), '/.dvc/\n')
  git('init', '-q', '-b', 'main')
  git('add', '-A')
  git('commit', '-q', '-m', 'facts and prompt')
  const document = syntheticDocument(tokens)
  const server = await new BedrockServer().start()
  server.onRequest(() => reply.text(document))
  const first = await run(['generate', '--engine', 'native', '-C', root], {
    ...process.env,
    ...bedrockTestEnv(server.url, home)
  })
  await server.close()
  if (first.code) throw new Error(`generating the first draft failed: ${first.stderr}`)
  git('add', '-A')
  git('commit', '-q', '-m', 'the guide, generated')
  writeFileSync(join(root, 'sources/facts.md'), `${facts.join('\n').replace(FACT_BEFORE, FACT_AFTER)}\n`)
  git('commit', '-q', '-am', 'facts: the timeout is 45 seconds')
  return { root, document, target: document.replace(FACT_BEFORE, FACT_AFTER) }
}

/** The model's reply at the stated speed: first token after TTFT, then TOKENS_PER_SECOND. */
function atSpeed(kind, payload) {
  const tokens = Math.ceil(payload.length / 4)
  const chunks = Math.max(1, Math.ceil(tokens / PIECE_TOKENS))
  const chunkDelayMs = Math.round((1000 * PIECE_TOKENS) / TOKENS_PER_SECOND)
  const answer =
    kind === 'tool'
      ? reply.toolInput(payload, { chunks, chunkDelayMs, outputTokens: tokens })
      : reply.text(payload, { chunks, chunkDelayMs, outputTokens: tokens })
  // the first piece also waits one chunkDelay: take it off the time to the first token
  return reply.latency(Math.max(0, TTFT_MS - chunkDelayMs), answer)
}

/** One generate run in `style`; `fail`: the edits name text the draft does not hold (the fallback). */
async function measure({ root, target }, style, fail = false) {
  execFileSync('git', ['reset', '-q', '--hard', 'HEAD'], { cwd: root, env: GIT_ENV })
  const server = await new BedrockServer().start()
  server.onRequest((req) => {
    if (!isEditRequest(req)) return atSpeed('text', target)
    const edits = fail
      ? [{ old_text: 'Jobs time out after 30 seconds unless the broker sets its own limit.', new_text: FACT_AFTER }]
      : carefulEdits(shownDraft(req), target)
    return atSpeed('tool', JSON.stringify({ edits }))
  })
  const started = process.hrtime.bigint()
  const r = await run(['generate', '--engine', 'native', '--update-style', style, '-C', root], {
    ...process.env,
    ...bedrockTestEnv(server.url, home)
  })
  const runMs = Number(process.hrtime.bigint() - started) / 1e6
  await server.close()
  if (r.code) throw new Error(`generate (${style}) failed: ${r.stderr}`)
  const [, input, output] = /Tokens: (\d+) input, (\d+) output/.exec(r.stdout).map(Number)
  const docMs = Number(/docs\/guide\.md: done in ([\d.]+) s/.exec(r.stderr)[1]) * 1000
  const written = readFileSync(join(root, 'docs/guide.md'), 'utf8')
  const right = written.slice(written.indexOf('\n') + 1) === target
  const change = /; (\+\d+ −\d+ of \d+ lines), ([^\n]+)/.exec(r.stdout)
  return {
    style: fail ? 'edits→rewrite (fallback)' : style,
    input,
    output,
    docMs,
    runMs,
    dollars: (input * PRICE.input + output * PRICE.output) / 1e6,
    right,
    calls: server.requests.length,
    change: change ? `${change[1]}, ${change[2]}` : ''
  }
}

const rows = []
try {
  for (const size of SIZES) {
    const repo = await buildRepo(size)
    try {
      const rewrite = await measure(repo, 'rewrite')
      const edits = await measure(repo, 'edits')
      const fallback = await measure(repo, 'edits', true)
      for (const r of [rewrite, edits, fallback]) {
        rows.push({ size, docTokens: Math.ceil(repo.document.length / 4), ...r, base: rewrite })
        process.stderr.write(
          `~${size} tokens, ${r.style}: ${r.output} output tokens, ${(r.docMs / 1000).toFixed(1)} s\n`
        )
      }
    } finally {
      rmSync(repo.root, { recursive: true, force: true })
    }
  }
} finally {
  rmSync(serverBundle, { recursive: true, force: true })
  rmSync(home, { recursive: true, force: true })
}

const ratio = (a, b) => (b === 0 ? '—' : `${(a / b).toFixed(3)}`)
console.log(
  `\nOne changed source line (one sentence to change); model: first token after ${TTFT_MS / 1000} s, then ${TOKENS_PER_SECOND} output tokens/s; ` +
    `price $${PRICE.input} / $${PRICE.output} per million input / output tokens (Claude Sonnet 4.5 list price); ` +
    `tokens = 4 characters; Node ${process.version}, ${cpus().length} cores\n`
)
console.log(
  '| document | style | calls | output tokens | input tokens | document wall time | run wall time | dollars | output ÷ rewrite | time ÷ rewrite | dollars ÷ rewrite | change | text right |'
)
console.log('| ---: | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- | :--- |')
for (const r of rows) {
  console.log(
    `| ~${r.docTokens} tokens | ${r.style} | ${r.calls} | ${r.output} | ${r.input} | ${(r.docMs / 1000).toFixed(1)} s | ${(r.runMs / 1000).toFixed(1)} s | $${r.dollars.toFixed(4)} | ${ratio(r.output, r.base.output)} | ${ratio(r.docMs, r.base.docMs)} | ${ratio(r.dollars, r.base.dollars)} | ${r.change} | ${r.right ? 'yes' : 'NO'} |`
  )
}
const at = (size, style) => rows.find((r) => r.size === size && r.style === style)
const targets = []
if (SIZES.includes(4000)) {
  const e = at(4000, 'edits')
  targets.push([`~4,000 tokens: edits output ≤ 1/10 of rewrite's`, e.output / e.base.output, 1 / 10])
  targets.push([`~4,000 tokens: edits wall time ≤ 1/5 of rewrite's`, e.docMs / e.base.docMs, 1 / 5])
}
if (SIZES.includes(16000)) {
  const e = at(16000, 'edits')
  targets.push([`~16,000 tokens: edits output ≤ 1/30 of rewrite's`, e.output / e.base.output, 1 / 30])
}
if (targets.length > 0) {
  console.log('\n| target | measured | limit | met |')
  console.log('| :--- | ---: | ---: | :--- |')
  for (const [what, got, limit] of targets)
    console.log(`| ${what} | ${got.toFixed(4)} | ${limit.toFixed(4)} | ${got <= limit ? 'yes' : 'NO'} |`)
}
if (rows.some((r) => !r.right)) process.exitCode = 1
