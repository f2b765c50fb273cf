// The local demo: copy the sample Graft repository into a temporary git
// repository, edit a source, then show what validate and a dry-run generate
// say. Uses the committed CLI bundle; needs no credentials and no network.
// Plain text when its output is not a terminal.
import { execFileSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { styleText } from 'node:util'

const project = fileURLToPath(new URL('..', import.meta.url))
const cli = join(project, 'dist', 'cli', 'index.js')
const repo = mkdtempSync(join(tmpdir(), 'graft-demo-'))

const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' })
// Bold on a terminal, plain when piped (styleText checks the stream, NO_COLOR and FORCE_COLOR).
const bold = (text) => (typeof styleText === 'function' ? styleText('bold', text, { stream: process.stdout }) : text)
const step = (title) => process.stdout.write(`\n${bold(`▶ ${title}`)}\n`)
const graft = (...args) => execFileSync(process.execPath, [cli, ...args, '-C', repo], { stdio: 'inherit' })

step(`Copying examples/docs-site into ${repo}`)
cpSync(join(project, 'examples', 'docs-site'), repo, { recursive: true })
git('init', '-q', '-b', 'main')
git('config', 'user.name', 'Demo')
git('config', 'user.email', 'demo@example.com')
git('add', '-A')
git('commit', '-q', '-m', 'docs-site, as last generated')

step('Validate on a fresh checkout: everything is up to date')
graft('validate', '--engine', 'native')

step('A developer documents a new API call in sources/api.md and commits it')
appendFileSync(join(repo, 'sources', 'api.md'), '- `queue.cancel(job_id)` cancels a queued job; running jobs finish.\n')
git('commit', '-q', '-am', 'api: document queue.cancel')

step('Validate: which documents are stale now, and why')
graft('validate', '--engine', 'native')

step('Generate, dry run: the directive and packed prompt of each document, no model call')
graft('generate', '--dry-run', '--engine', 'native')

const hasAws = process.env.AWS_ACCESS_KEY_ID || process.env.AWS_PROFILE || process.env.AWS_WEB_IDENTITY_TOKEN_FILE
step('Next')
process.stdout.write(
  hasAws
    ? `AWS credentials found: render for real with\n  node ${cli} generate -C ${repo}\n`
    : `With AWS credentials for Bedrock in the environment, render for real with\n  node ${cli} generate -C ${repo}\n`
)
process.stdout.write(`See one document's packed prompt with\n  node ${cli} pack docs/overview.md -C ${repo}\n`)
process.stdout.write(`\nThe demo repository stays at ${repo} for you to explore; remove it with\n  rm -rf ${repo}\n`)
