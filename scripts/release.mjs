// Cutting a release: what .github/workflows/release.yml runs on a pushed vX.Y.Z
// tag, and what a maintainer can run by hand first (publish --dry-run writes nothing).
//
//   node scripts/release.mjs check <tag>
//       refuses, saying what to do, a tag that is not vMAJOR.MINOR.PATCH, one
//       package.json does not name, one CHANGELOG.md has no dated section for,
//       one that is not the checked-out commit, and a dist/ that differs from
//       what is committed (run it after `npm run bundle`: the fresh build)
//   node scripts/release.mjs notes <version>
//       prints that version's CHANGELOG.md section (the release's body; dated or not)
//   node scripts/release.mjs publish <tag> [--dry-run]
//       creates the GitHub release for the tag, its body the CHANGELOG section
//       (left as it is when it exists: a re-run), and moves the major tag (v1)
//       to the tagged commit unless a newer v1.x.y exists; through the REST API
//       at GITHUB_API_URL for GITHUB_REPOSITORY with GITHUB_TOKEN (or GH_TOKEN)
//
// Run in the project's root (the current directory). Exit status 1 on a refusal.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const TAG = /^v(\d+)\.(\d+)\.(\d+)$/

class Refusal extends Error {}

const refuse = (message) => {
  throw new Refusal(message)
}

const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

/** The version a vX.Y.Z tag names, or a refusal. */
function versionOf(tag) {
  if (!TAG.test(tag ?? ''))
    refuse(`"${tag ?? ''}" is not a release tag: releases are tagged vMAJOR.MINOR.PATCH, e.g. v1.2.3`)
  return tag.slice(1)
}

/** CHANGELOG.md's sections: `## X.Y.Z — date` headings and the text under each. */
function changelogSections(text) {
  const sections = new Map()
  let current
  for (const line of text.split('\n')) {
    const heading = /^## (\d+\.\d+\.\d+)\b(.*)$/.exec(line)
    if (heading) {
      current = { version: heading[1], title: heading[2].trim(), lines: [] }
      sections.set(heading[1], current)
    } else if (/^## /.test(line)) current = undefined
    else current?.lines.push(line)
  }
  return sections
}

/** The version's CHANGELOG section, with a body (and dated, when `dated`); else a refusal. */
function releaseNotes(version, { dated = true } = {}) {
  const section = changelogSections(readFileSync('CHANGELOG.md', 'utf8')).get(version)
  if (!section)
    refuse(
      `CHANGELOG.md has no section for ${version}: add "## ${version} — <date>" with what changed, commit, and tag again`
    )
  if (dated && /unreleased/i.test(section.title))
    refuse(
      `CHANGELOG.md still marks ${version} unreleased: give its heading the release date ("## ${version} — YYYY-MM-DD")`
    )
  const body = section.lines.join('\n').trim()
  if (body === '') refuse(`CHANGELOG.md's section for ${version} is empty: say what changed`)
  return body
}

function check(tag) {
  const version = versionOf(tag)
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')).version
  if (pkg !== version)
    refuse(
      `the tag says ${version} but package.json says ${pkg}: set the version (npm version ${version} --no-git-tag-version), commit, and tag that commit`
    )
  const notes = releaseNotes(version)
  let tagged
  try {
    tagged = git('rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`)
  } catch {
    refuse(`the tag ${tag} is not in this clone: fetch it (git fetch origin tag ${tag})`)
  }
  const head = git('rev-parse', 'HEAD')
  if (tagged !== head)
    refuse(`${tag} is ${tagged.slice(0, 12)}, but the checked-out commit is ${head.slice(0, 12)}: check out the tag`)
  const dist = git('status', '--porcelain', '--untracked-files=all', '--', 'dist')
  if (dist !== '')
    refuse(
      `dist/ differs from a fresh build of the tagged sources:\n${dist}\n` +
        'run "npm ci && npm run bundle", commit dist/, and release that commit under a new version (a pushed tag is not reused)'
    )
  console.log(
    `${tag}: the tag names package.json's version, CHANGELOG.md has its section (${notes.split('\n').length} lines), ` +
      `the tag is the checked-out commit ${head.slice(0, 12)}, and dist/ matches the fresh build`
  )
}

/** The REST API of GITHUB_REPOSITORY at GITHUB_API_URL, as GITHUB_TOKEN. */
function githubApi() {
  const base = (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '')
  const repository = process.env.GITHUB_REPOSITORY || refuse('GITHUB_REPOSITORY (owner/name) is not set')
  const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN
  return async (method, path, body) => {
    const res = await fetch(`${base}/repos/${repository}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {})
      },
      body: body ? JSON.stringify(body) : undefined
    })
    const text = await res.text()
    const json = text ? JSON.parse(text) : undefined
    if (res.status === 404 && method === 'GET') return undefined
    if (!res.ok) refuse(`GitHub answered ${res.status} to ${method} ${path}: ${json?.message ?? text}`)
    return json
  }
}

/** [major, minor, patch] of a vX.Y.Z name, for ordering. */
const parts = (tag) => TAG.exec(tag).slice(1).map(Number)
const newer = (a, b) => {
  const [x, y] = [parts(a), parts(b)]
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i]
  return false
}

async function publish(tag, dryRun) {
  const version = versionOf(tag)
  const notes = releaseNotes(version)
  const sha = git('rev-parse', '--verify', `refs/tags/${tag}^{commit}`)
  const api = githubApi()

  if (await api('GET', `/releases/tags/${tag}`)) console.log(`The release ${tag} exists already: left as it is.`)
  else {
    if (!dryRun) await api('POST', '/releases', { tag_name: tag, name: tag, body: notes, make_latest: 'true' })
    console.log(
      `${dryRun ? 'Would create' : 'Created'} the release ${tag}, its notes CHANGELOG.md's section for ${version}:`
    )
    console.log(notes.replace(/^/gm, '  '))
  }

  // The major tag follows the newest release of its major version, never back to an older one.
  const major = `v${parts(tag)[0]}`
  const releases = ((await api('GET', `/git/matching-refs/tags/${major}.`)) ?? [])
    .map((r) => r.ref.replace(/^refs\/tags\//, ''))
    .filter((t) => TAG.test(t) && t.startsWith(`${major}.`))
  const newest = releases.find((t) => newer(t, tag))
  if (newest) {
    console.log(`${major} stays where it is: ${newest} is newer than ${tag}.`)
    return
  }
  const current = await api('GET', `/git/ref/tags/${major}`)
  if (current?.object?.sha === sha) console.log(`${major} is at ${tag} (${sha.slice(0, 12)}) already.`)
  else if (current) {
    if (!dryRun) await api('PATCH', `/git/refs/tags/${major}`, { sha, force: true })
    console.log(
      `${dryRun ? 'Would move' : 'Moved'} ${major} from ${current.object.sha.slice(0, 12)} to ${tag} (${sha.slice(0, 12)}).`
    )
  } else {
    if (!dryRun) await api('POST', '/git/refs', { ref: `refs/tags/${major}`, sha })
    console.log(`${dryRun ? 'Would create' : 'Created'} ${major} at ${tag} (${sha.slice(0, 12)}).`)
  }
}

const [command, arg, ...flags] = process.argv.slice(2)
try {
  if (command === 'check') check(arg)
  else if (command === 'notes') process.stdout.write(`${releaseNotes(arg, { dated: false })}\n`)
  else if (command === 'publish') await publish(arg, flags.includes('--dry-run'))
  else refuse('usage: node scripts/release.mjs check <tag> | notes <version> | publish <tag> [--dry-run]')
} catch (error) {
  if (!(error instanceof Refusal)) throw error
  console.error(`release refused: ${error.message}`)
  process.exitCode = 1
}
