// Engine "dvc" on hostile repository content (issue 19 §1), with the real DVC:
// before DVC runs, `.dvc/`, the vars and params files, dvc.yaml and dvc.lock
// pass the resolver, and what fails is refused naming the file and line —
// nothing outside the repository is written or created, no value read from
// outside is printed; DVC that hangs is stopped and the time limit named; DVC
// sees no secret and writes its own state only in a scratch folder.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { GraftError } from '../../../src/core/errors.js'
import { escapeLog } from '../../../src/core/log.js'
import { dvcStatus } from '../../../src/core/status/dvc.js'
import { buildGraftRepo, copyRepo, requireDvc } from '../../support/graft-repo.js'
import { writeScript } from '../../support/hostile-git.js'
import type { TestRepo } from '../../support/repo.js'

const dvcPath = requireDvc()
const SECRET = 'OUTSIDE-SECRET-VALUE-7f3a'

let base: TestRepo
let repo: TestRepo
let outside: string
beforeAll(() => {
  base = buildGraftRepo({
    sources: { 'docs/src/a.md': 'alpha\n' },
    prompts: [{ path: 'docs/overview.prompt.md', deps: ['docs/src/a.md'], body: 'Summarise.\n' }]
  })
})
afterAll(() => base.cleanup())
beforeEach(() => {
  repo = copyRepo(base)
  outside = mkdtempSync(join(tmpdir(), 'graft-outside-'))
})
afterEach(() => {
  repo.cleanup()
  rmSync(outside, { recursive: true, force: true })
})

async function refusal(promise: Promise<unknown>): Promise<GraftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(GraftError)
  return error as GraftError
}

/** A stage that reads `${key}` and a vars file, added to the repository's dvc.yaml. */
function withVars(vars: string, extra = ''): string {
  return repo
    .read('dvc.yaml')
    .replace(
      'stages:\n',
      `vars:\n  - ${vars}\nstages:\n  leak:\n    cmd: echo leak\n    deps:\n      - \${key}\n${extra}`
    )
}

/** The line of dvc.yaml that holds `text`. */
function lineOf(text: string): number {
  return (
    repo
      .read('dvc.yaml')
      .split('\n')
      .findIndex((l) => l.includes(text)) + 1
  )
}

describe('.dvc/ of the repository', () => {
  it('a symlinked .dvc/tmp/lock to a file outside: refused, the file untouched', async () => {
    const victim = join(outside, 'victim.txt')
    writeFileSync(victim, 'precious\n')
    const mtime = statSync(victim).mtimeMs
    mkdirSync(repo.path('.dvc/tmp'), { recursive: true })
    symlinkSync(victim, repo.path('.dvc/tmp/lock'))
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0].file).toBe('.dvc/tmp/lock')
    expect(error.problems[0].message).toMatch(/refusing to run DVC: \.dvc\/tmp\/lock is a symlink to .*victim\.txt/)
    expect(error.problems[0].hint).toMatch(/remove \.dvc\//)
    expect(readFileSync(victim, 'utf8')).toBe('precious\n')
    expect(statSync(victim).mtimeMs).toBe(mtime)
  })

  it('a dangling .dvc/tmp/rwlock: refused, nothing created outside', async () => {
    mkdirSync(repo.path('.dvc/tmp'), { recursive: true })
    symlinkSync(join(outside, 'created-by-dvc'), repo.path('.dvc/tmp/rwlock'))
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0]).toMatchObject({ file: '.dvc/tmp/rwlock' })
    expect(readdirSync(outside)).toEqual([])
  })

  it.each([
    ['.dvc itself', (): void => symlinkSync(outside, repo.path('.dvc')), '.dvc'],
    [
      '.dvc/tmp',
      (): void => {
        mkdirSync(repo.path('.dvc'))
        symlinkSync(outside, repo.path('.dvc/tmp'))
      },
      '.dvc/tmp'
    ],
    [
      '.dvc/config (inside the repository, even)',
      (): void => {
        mkdirSync(repo.path('.dvc'))
        symlinkSync('../docs/src/a.md', repo.path('.dvc/config'))
      },
      '.dvc/config'
    ],
    [
      '.dvc/cache',
      (): void => {
        mkdirSync(repo.path('.dvc'))
        symlinkSync(outside, repo.path('.dvc/cache'))
      },
      '.dvc/cache'
    ],
    [
      'a FIFO as .dvc/tmp/btime',
      (): void => {
        mkdirSync(repo.path('.dvc/tmp'), { recursive: true })
        execFileSync('mkfifo', [repo.path('.dvc/tmp/btime')])
      },
      '.dvc/tmp/btime'
    ]
  ])('%s as a symlink or special file: refused, naming it, nothing written outside', async (_what, arrange, file) => {
    arrange()
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0].file).toBe(file)
    expect(error.problems[0].message).toMatch(/^refusing to run DVC: /)
    expect(readdirSync(outside)).toEqual([])
  })

  it("a committed .dvc/tmp/lock (DVC's scratch state): refused, its content untouched", async () => {
    repo.write({ '.gitignore': '', '.dvc/tmp/lock': 'committed\n' })
    repo.commit('commit dvc state')
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0]).toMatchObject({ file: '.dvc/tmp/lock' })
    expect(error.problems[0].message).toMatch(/is committed, but it is DVC's own scratch state/)
    expect(repo.read('.dvc/tmp/lock')).toBe('committed\n')
  })

  it.each([
    ['[core]\n    site_cache_dir = /tmp/elsewhere\n', 2, /site_cache_dir moves DVC's site cache/],
    ["['cache']\n    dir = /var/cache/elsewhere\n", 2, /cache\.dir = \/var\/cache\/elsewhere puts DVC's cache outside/],
    ['[cache]\n  dir = ../../outside\n', 2, /cache\.dir = \.\.\/\.\.\/outside: .*leaves the repository/]
  ])('a .dvc/config that moves DVC state out (%j): refused at its line', async (config, line, message) => {
    repo.write({ '.dvc/config.local': config })
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0]).toMatchObject({ file: '.dvc/config.local', line })
    expect(error.problems[0].message).toMatch(message)
  })

  it('a plain .dvc/ with a config (cache inside .dvc/) still runs', async () => {
    repo.write({ '.dvc/config': '[cache]\n    dir = cache\n    type = copy\n' })
    const status = await dvcStatus(repo.root, { dvcPath })
    expect(status.size).toBe(0)
    expect(readdirSync(repo.path('.dvc'))).toEqual(['config'])
  })
})

describe('vars and params files', () => {
  beforeEach(() => {
    writeFileSync(join(outside, 'values.yaml'), `key: ${SECRET}\n`)
  })

  it('vars naming an absolute path with a ${key} dep: refused at its line, the outside value never printed', async () => {
    repo.write({ 'dvc.yaml': withVars(join(outside, 'values.yaml')) })
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: lineOf('values.yaml') })
    expect(error.problems[0].message).toMatch(/refusing to run DVC: vars names .*values\.yaml, outside the repository/)
    expect(error.message).not.toContain(SECRET)
  })

  it.each([
    ['vars through ..', (): string => withVars(`../${outside.split('/').pop()}/values.yaml`)],
    [
      'vars through a symlink in the repository',
      (): string => {
        symlinkSync(join(outside, 'values.yaml'), repo.path('values.yaml'))
        return withVars('values.yaml')
      }
    ],
    [
      'a stage vars file',
      (): string =>
        repo
          .read('dvc.yaml')
          .replace(
            'stages:\n',
            `stages:\n  leak:\n    cmd: x\n    vars:\n      - ${join(outside, 'values.yaml')}:key\n`
          )
    ],
    [
      'a params file',
      (): string =>
        repo
          .read('dvc.yaml')
          .replace(
            'stages:\n',
            `stages:\n  leak:\n    cmd: x\n    params:\n      - ${join(outside, 'values.yaml')}:\n        - key\n`
          )
    ],
    [
      'a wdir that leaves',
      (): string =>
        repo
          .read('dvc.yaml')
          .replace('stages:\n', 'stages:\n  leak:\n    cmd: x\n    wdir: ../..\n    params:\n      - key\n')
    ],
    [
      'a wdir written with ${…}',
      (): string => repo.read('dvc.yaml').replace('stages:\n', 'stages:\n  leak:\n    cmd: x\n    wdir: ${dir}\n')
    ]
  ])('%s: refused naming dvc.yaml and the line, nothing read from outside printed', async (_what, dvcYaml) => {
    repo.write({ 'dvc.yaml': dvcYaml() })
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0].file).toBe('dvc.yaml')
    expect(error.problems[0].line).toBeGreaterThan(0)
    expect(error.problems[0].message).toMatch(/^refusing to run DVC: /)
    expect(error.message).not.toContain(SECRET)
  })

  it('a vars file outside that does not parse: refused before DVC reads it, its lines never printed', async () => {
    writeFileSync(join(outside, 'garbage.yaml'), `${SECRET}: [unclosed\n  - ${SECRET}\n`)
    repo.write({ 'dvc.yaml': withVars(join(outside, 'garbage.yaml')) })
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.message).not.toContain(SECRET)
  })

  it("a vars file of the repository that does not parse: DVC's error is quoted short and escaped", async () => {
    const junk = ['::error::forged annotation', ...Array.from({ length: 40 }, (_, i) => `line${i}: [${'x'.repeat(50)}`)]
    repo.write({ 'values.yaml': `${junk.join('\n')}\n`, 'dvc.yaml': withVars('values.yaml') })
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    const message = error.problems[0].message
    expect(message.length).toBeLessThan(700)
    expect(message).not.toMatch(/^\s*::error::/m)
    expect(message).toBe(escapeLog(message))
    expect(message).not.toContain('line39')
    // what DVC quotes of the file (the excerpt under its sentence) is not repeated
    expect(message).not.toContain('forged annotation')
    expect(message).not.toContain('xxxxxxxxxx')
    expect(message).toMatch(/YAML file structure is corrupted/)
  })

  it('a params file named with ${…} (DVC would read and parse whatever the value names): refused at its line', async () => {
    writeFileSync(join(outside, 'garbage.yaml'), `${SECRET}: [unclosed\n`)
    repo.write({
      'params.yaml': `pfile: ${join(outside, 'garbage.yaml')}\n`,
      'dvc.yaml': repo
        .read('dvc.yaml')
        .replace('stages:\n', 'stages:\n  leak:\n    cmd: x\n    params:\n      - ${pfile}:\n          - key\n')
    })
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: lineOf('${pfile}') })
    expect(error.problems[0].message).toMatch(/the params of stage leak names a file with \$\{…\}/)
    expect(error.message).not.toContain(SECRET)
  })

  it('a ${key} dep whose value (from a repository params.yaml) lies outside: refused, the path not shown', async () => {
    repo.write({ 'params.yaml': `key: ${join(outside, 'values.yaml')}\n`, 'dvc.yaml': withVars('params.yaml') })
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: lineOf('leak:') })
    expect(error.problems[0].message).toMatch(
      /DVC reports 1 path\(s\) of stage leak outside the repository \(not shown/
    )
    expect(error.message).not.toContain(outside)
  })
})

describe('deps that would make DVC reach the network', () => {
  let server: Server
  let hits: string[]
  let base: string
  beforeEach(async () => {
    hits = []
    server = createServer((req, res) => {
      hits.push(req.url ?? '')
      res.writeHead(404)
      res.end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  it("a URL written in dvc.yaml (a prompt stage's deps as DVC reads them): refused at its line, no request made", async () => {
    repo.write({
      'dvc.yaml': repo.read('dvc.yaml').replace('    - docs/src/a.md\n', `    - docs/src/a.md\n    - ${base}/beacon\n`)
    })
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: lineOf('/beacon') })
    expect(error.problems[0].message).toMatch(
      /refusing to run DVC: the deps of stage overview names http:\/\/127\.0\.0\.1:\d+\/beacon, outside the repository/
    )
    expect(hits).toEqual([])
  })

  it('a URL a ${key} dep resolves to: DVC reaches no network, and the path is refused unshown', async () => {
    repo.write({ 'params.yaml': `key: ${base}/beacon\n`, 'dvc.yaml': withVars('params.yaml') })
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0].message).toMatch(/DVC reports 1 path\(s\) of stage leak outside the repository/)
    expect(error.message).not.toContain('beacon')
    expect(hits).toEqual([])
  })
})

describe('what DVC would choke on', () => {
  const bomb = (indent: string): string =>
    [
      `${indent}a: &a ["x","x","x","x","x","x","x","x","x"]`,
      ...'bcdefgh'.split('').map((c, i) => `${indent}${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)
    ].join('\n')

  it("an alias bomb under a stage's meta: refused fast at its line, before DVC starts", async () => {
    repo.write({ 'dvc.yaml': repo.read('dvc.yaml').replace('    cmd:', `    meta:\n${bomb('      ')}\n    cmd:`) })
    const started = Date.now()
    const error = await refusal(dvcStatus(repo.root, { dvcPath: '/nonexistent/dvc' })) // DVC is never reached
    expect(Date.now() - started).toBeLessThan(5000)
    expect(error.problems[0].file).toBe('dvc.yaml')
    expect(error.problems[0].line).toBeGreaterThan(1)
    expect(error.problems[0].message).toMatch(/alias bomb/)
  })

  it('an alias bomb in the params file DVC loads: refused, naming it', async () => {
    repo.write({ 'params.yaml': `${bomb('')}\n` })
    const error = await refusal(dvcStatus(repo.root, { dvcPath: '/nonexistent/dvc' }))
    expect(error.problems[0].file).toBe('params.yaml')
    expect(error.problems[0].message).toMatch(/refusing to run DVC: params\.yaml uses YAML aliases .* alias bomb/)
  })

  it('DVC hanging on a dep that never ends (a FIFO reached through ${key}): stopped, the time limit named', async () => {
    const fifo = join(outside, 'fifo')
    execFileSync('mkfifo', [fifo])
    repo.write({ 'params.yaml': `key: ${fifo}\n`, 'dvc.yaml': withVars('params.yaml') })
    const started = Date.now()
    const error = await refusal(dvcStatus(repo.root, { dvcPath, timeoutMs: 3000 }))
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(error.problems[0].message).toBe('dvc status did not finish within 3 s and was stopped')
    expect(error.problems[0].hint).toMatch(/never end.*FIFO.*engine "native"/)
    expect(existsSync(repo.path('.dvc'))).toBe(false)
  }, 30_000)
})

describe("DVC's environment and state", () => {
  const secrets: Record<string, string> = {
    INPUT_TOKEN: 'ghs_DvcEnvTestToken0123456789',
    GITHUB_TOKEN: 'ghs_DvcEnvTestToken0123456789',
    AWS_ACCESS_KEY_ID: 'AKIADVCENVTEST000001',
    AWS_SECRET_ACCESS_KEY: 'dvc/env/secret/0123456789',
    AWS_SESSION_TOKEN: 'dvc-env-session-0123456789',
    ACTIONS_RUNTIME_TOKEN: 'dvc-env-runtime-0123456789',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'dvc-env-id-token-0123456789',
    'INPUT_AWS-REGION': 'eu-west-1'
  }
  let saved: Record<string, string | undefined>
  beforeEach(() => {
    saved = Object.fromEntries(Object.keys(secrets).map((k) => [k, process.env[k]]))
    Object.assign(process.env, secrets)
  })
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })

  it("a workflow's PYTHONPATH=. does not let the repository's sitecustomize.py run inside the real DVC", async () => {
    const marker = join(outside, 'ran')
    repo.write({ 'sitecustomize.py': `open(${JSON.stringify(marker)}, 'w').write('pwned')\n` })
    repo.commit('a pull request adds it')
    const saved = process.env.PYTHONPATH
    process.env.PYTHONPATH = '.'
    try {
      const status = await dvcStatus(repo.root, { dvcPath })
      expect(status.size).toBe(0)
    } finally {
      if (saved === undefined) delete process.env.PYTHONPATH
      else process.env.PYTHONPATH = saved
    }
    expect(existsSync(marker)).toBe(false)
  })

  it('holds no secret, and points every folder DVC writes for itself at a scratch folder removed afterwards', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'graft-fake-dvc-'))
    const dump = join(outside, 'env')
    writeScript(join(bin, 'dvc'), `#!/bin/sh\nenv > '${dump}'\necho '{}'\n`)
    try {
      const status = await dvcStatus(repo.root, { dvcPath: join(bin, 'dvc') })
      expect(status.size).toBe(0)
    } finally {
      rmSync(bin, { recursive: true, force: true })
    }
    const env = Object.fromEntries(
      readFileSync(dump, 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
    )
    for (const [name, value] of Object.entries(secrets)) {
      expect(env[name]).toBeUndefined()
      expect(readFileSync(dump, 'utf8')).not.toContain(value)
    }
    // no AWS variable but those that point the SDKs at nothing
    expect(
      Object.keys(env)
        .filter((k) => /^(INPUT_|ACTIONS_|AWS_|GITHUB_TOKEN)/.test(k))
        .sort()
    ).toEqual(['AWS_CONFIG_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_SHARED_CREDENTIALS_FILE'])
    expect(env.HTTPS_PROXY).toBe('http://127.0.0.1:9')
    for (const name of ['DVC_SITE_CACHE_DIR', 'DVC_GLOBAL_CONFIG_DIR', 'DVC_SYSTEM_CONFIG_DIR', 'TMPDIR']) {
      expect(env[name]).toBeDefined()
      expect(env[name].startsWith(repo.root)).toBe(false)
      expect(existsSync(env[name])).toBe(false) // the scratch folder went
    }
    expect(env.DVC_NO_ANALYTICS).toBe('1')
    expect(env.GIT_CONFIG_KEY_0).toBe('core.hooksPath')
  })
})
