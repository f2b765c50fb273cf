// Race check for the publish loop (not a unit test): 50 rounds of "another
// developer pushes while the bot is between its commit and its push", plus a
// third clone pushing at the same moment as the bot. Every developer commit
// must survive, and each round's bot commit must land exactly once, with the
// remote only ever fast-forwarded. Prints `N/N ok`, exits non-zero otherwise.
//
// Mode `api`: the bot publishes through GraphQL createCommitOnBranch on the
// loopback GitHub server (the test suite's, applied to the same bare origin):
// an `expectedHeadOid` mismatch is the branch moving, answered by the same
// fetch-replay-retry. Every developer commit must survive and the round's bot
// commit land exactly once, made by the API.
//
// Usage: node bench/race.mjs [rounds] [git|api]
// The TypeScript sources are transpiled on the fly into a temp folder.
import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import ts from 'typescript'

const project = fileURLToPath(new URL('..', import.meta.url))
const rounds = Number(process.argv[2] ?? 50)
const mode = process.argv[3] ?? 'git'
if (mode !== 'git' && mode !== 'api') throw new Error(`mode must be git or api, got ${mode}`)
const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' }
const bot = { name: 'graft-bot[bot]', email: 'graft-bot[bot]@users.noreply.github.com' }

/** Transpiles `entries` and every relative import they reach; returns the output folder. */
function transpile(entries) {
  const out = mkdtempSync(join(tmpdir(), 'graft-race-build-'))
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n')
  const seen = new Set()
  const visit = (file) => {
    if (seen.has(file)) return
    seen.add(file)
    const source = readFileSync(file, 'utf8')
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 }
    }).outputText
    const target = join(out, relative(project, file)).replace(/\.ts$/, '.js')
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, js)
    for (const [, spec] of source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) visit(join(dirname(file), `${spec}.ts`))
  }
  entries.forEach((e) => visit(join(project, e)))
  return out
}

const sh = (cwd, ...args) => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8', stdio: 'pipe' })
const shAsync = promisify(execFile)

function clone(bare, name) {
  const dir = mkdtempSync(join(tmpdir(), `graft-race-${name}-`))
  sh(dir, 'clone', '-q', bare, '.')
  sh(dir, 'config', 'user.name', name)
  sh(dir, 'config', 'user.email', `${name}@example.com`)
  sh(dir, 'config', 'commit.gpgsign', 'false')
  return dir
}

/** Developer B pushes at the same time as the bot, pulling and retrying until it lands. */
async function racingPush(dir, round) {
  writeFileSync(join(dir, `b-${round}.txt`), `${round}\n`)
  sh(dir, 'add', '-A')
  sh(dir, 'commit', '-q', '-m', `dev B ${round}`)
  for (let i = 0; i < 20; i++) {
    try {
      await shAsync('git', ['push', '-q', 'origin', 'HEAD:main'], { cwd: dir, env: ENV })
      return
    } catch {
      await shAsync('git', ['pull', '-q', '--rebase', 'origin', 'main'], { cwd: dir, env: ENV })
    }
  }
  throw new Error(`dev B could not push in round ${round}`)
}

const build = transpile([
  'src/core/publish/push.ts',
  'src/core/publish/api-commit.ts',
  'src/core/publish/message.ts',
  'src/core/log.ts',
  '__tests__/support/github-server.ts'
])
const load = (p) => import(pathToFileURL(join(build, p)).href)
const { Git } = await load('src/core/io/git.js')
const { commitFiles } = await load('src/core/publish/commit.js')
const { pushWithRebase } = await load('src/core/publish/push.js')
const { commitViaApi } = await load('src/core/publish/api-commit.js')
const { commitMessage } = await load('src/core/publish/message.js')
const { silentLog } = await load('src/core/log.js')
const { GitHubServer } = await load('__tests__/support/github-server.js')

/** The core's CommitApi over plain fetch (the action's adapter uses Octokit; the bench needs no bundle). */
function fetchCommitApi(url) {
  const query =
    'mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }'
  return {
    async createCommitOnBranch(r) {
      const input = {
        branch: { repositoryNameWithOwner: r.repository, branchName: r.branch },
        message: { headline: r.headline, body: r.body },
        fileChanges: { additions: r.additions },
        expectedHeadOid: r.expectedHeadOid
      }
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { input } })
      })
      const body = await res.json()
      if (body.data?.createCommitOnBranch) return { ok: true, oid: body.data.createCommitOnBranch.commit.oid }
      const error = body.errors?.[0] ?? { message: `HTTP ${res.status}` }
      return { ok: false, kind: error.type === 'STALE_DATA' ? 'moved' : 'refused', message: error.message }
    }
  }
}

const bare = mkdtempSync(join(tmpdir(), 'graft-race-origin-'))
sh(bare, 'init', '-q', '--bare', '-b', 'main')
const seed = clone(bare, 'seed')
writeFileSync(join(seed, 'docs.md'), 'v0\n')
sh(seed, 'add', '-A')
sh(seed, 'commit', '-q', '-m', 'seed')
sh(seed, 'push', '-q', 'origin', 'HEAD:main')
const ours = clone(bare, 'runner')
const devA = clone(bare, 'devA')
const devB = clone(bare, 'devB')
const git = new Git(ours, ENV)
const github = mode === 'api' ? await GitHubServer.start() : undefined
github?.addRepository('acme/docs', bare)
const api = github ? fetchCommitApi(github.url) : undefined

const failures = []
const attempts = new Map()
for (let round = 1; round <= rounds; round++) {
  try {
    const before = sh(bare, 'rev-parse', 'main').trim()
    writeFileSync(join(ours, 'docs.md'), `v${round}\n`)
    const message = commitMessage({
      documents: [{ output: 'docs.md', directive: 'UPDATE' }],
      extraFiles: [],
      triggerSha: before
    })
    if (!(await commitFiles(git, { paths: ['docs.md'], identity: bot, message }))) throw new Error('no bot commit')

    // Developer A lands a commit between the bot's commit and its push.
    sh(devA, 'pull', '-q', '--rebase', 'origin', 'main')
    writeFileSync(join(devA, `a-${round}.txt`), `${round}\n`)
    sh(devA, 'add', '-A')
    sh(devA, 'commit', '-q', '-m', `dev A ${round}`)
    sh(devA, 'push', '-q', 'origin', 'HEAD:main')
    sh(devB, 'pull', '-q', '--rebase', 'origin', 'main')

    // Developer B pushes while the bot pushes.
    const publishing =
      mode === 'api'
        ? commitViaApi(git, {
            branch: 'main',
            log: silentLog,
            maxAttempts: 6,
            api,
            repository: 'acme/docs',
            allowedPaths: () => new Set(['docs.md'])
          })
        : pushWithRebase(git, { branch: 'main', log: silentLog, maxAttempts: 6 })
    const [result] = await Promise.all([publishing, racingPush(devB, round)])
    const after = sh(bare, 'rev-parse', 'main').trim()
    attempts.set(result.attempts, (attempts.get(result.attempts) ?? 0) + 1)

    const problems = []
    if (!result.pushed) problems.push('bot commit not pushed')
    try {
      sh(bare, 'merge-base', '--is-ancestor', before, after)
    } catch {
      problems.push('origin history was rewritten')
    }
    const subjects = sh(bare, 'log', '--format=%s', `${before}..main`).trim().split('\n')
    const botCommits = subjects.filter((s) => s.startsWith('docs: regenerate'))
    if (botCommits.length !== 1) problems.push(`bot commits this round: ${botCommits.length}`)
    for (const dev of [`dev A ${round}`, `dev B ${round}`]) {
      if (subjects.filter((s) => s === dev).length !== 1) problems.push(`${dev} missing or duplicated`)
    }
    for (const file of [`a-${round}.txt`, `b-${round}.txt`]) {
      if (sh(bare, 'show', `main:${file}`) !== `${round}\n`) problems.push(`${file} lost`)
    }
    if (sh(bare, 'show', 'main:docs.md') !== `v${round}\n`) problems.push('bot change lost')
    if (mode === 'api' && result.pushed && !github.apiCommits.some((c) => c.sha === result.sha))
      problems.push('bot commit not made by the API')
    if (problems.length > 0) failures.push(`round ${round}: ${problems.join('; ')}`)
  } catch (error) {
    failures.push(`round ${round}: ${error.message}`)
    // Bring the runner back in line with origin for the next round.
    sh(ours, 'fetch', '-q', 'origin')
    sh(ours, 'reset', '-q', '--hard', 'origin/main')
  }
  // The runner starts each round from origin, as a fresh workflow run would.
  sh(ours, 'fetch', '-q', 'origin')
  sh(ours, 'reset', '-q', '--hard', 'origin/main')
}

await github?.close()
for (const dir of [bare, seed, ours, devA, devB, build]) rmSync(dir, { recursive: true, force: true })
for (const f of failures) console.log(f)
const spread = [...attempts].sort(([a], [b]) => a - b).map(([n, count]) => `${count}× ${n}`)
console.log(`push attempts per round: ${spread.join(', ')}`)
console.log(`mode ${mode}: ${rounds - failures.length}/${rounds} ok`)
process.exit(failures.length === 0 ? 0 : 1)
