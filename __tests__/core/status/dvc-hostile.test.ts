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
    ['[cache]\n  dir = ../../outside\n', 2, /cache\.dir = \.\.\/\.\.\/outside: .*leaves the repository/],
    ['[cache]\n    "dir" = /var/cache/elsewhere\n', 2, /cache\.dir = \/var\/cache\/elsewhere puts DVC's cache outside/],
    ["[core]\n    'site_cache_dir' = /tmp/elsewhere\n", 2, /site_cache_dir moves DVC's site cache/],
    [
      '[cache]\n    dir = """/var/cache/elsewhere"""\n',
      2,
      /cache\.dir = \/var\/cache\/elsewhere puts DVC's cache outside/
    ],
    // DVC 3 still honours the deprecated cache.local: the cache is then the named remote, whose url may be anywhere
    // (dvc/cachemgr.py): `dvc status` read a dir out's objects from a folder outside the repository
    [
      `[cache]\n    local = r\n['remote "r"']\n    url = /var/cache/elsewhere\n`,
      2,
      /cache\.local = r makes a remote DVC's cache/
    ],
    ['[cache]\n    ssh = r\n', 2, /cache\.ssh = r makes a remote DVC's cache/],
    // configobj fills `%(name)s` from the section's other keys: what DVC reads is not what is written
    [
      '[cache]\n    type = copy\n    dir = %(type)s\n',
      3,
      /cache\.dir is written with configobj's %\(name\)s interpolation/
    ]
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

  it.each(['metrics', 'plots'])(
    "a stage's %s naming a FIFO outside (DVC would open it and wait): refused at its line before DVC starts",
    async (kind) => {
      const fifo = join(outside, 'fifo')
      execFileSync('mkfifo', [fifo])
      repo.write({
        'dvc.yaml': repo
          .read('dvc.yaml')
          .replace(
            'stages:\n',
            `stages:\n  leak:\n    cmd: x\n    ${kind}:\n      - ${fifo}:\n          cache: false\n`
          )
      })
      const error = await refusal(dvcStatus(repo.root, { dvcPath: '/nonexistent/dvc' })) // DVC is never reached
      expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: lineOf(fifo) })
      expect(error.problems[0].message).toMatch(
        new RegExp(`^refusing to run DVC: the ${kind} of stage leak names .*fifo, outside the repository`)
      )
    }
  )

  it("a stage's plots naming a folder in the repository that holds a symlink out: refused before DVC starts", async () => {
    mkdirSync(repo.path('plots'))
    symlinkSync(join(outside, 'values.yaml'), repo.path('plots/leak.csv'))
    repo.write({
      'dvc.yaml': repo
        .read('dvc.yaml')
        .replace('stages:\n', 'stages:\n  leak:\n    cmd: x\n    plots:\n      - plots\n')
    })
    const error = await refusal(dvcStatus(repo.root, { dvcPath: '/nonexistent/dvc' }))
    expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: lineOf('      - plots') })
    expect(error.problems[0].message).toMatch(/the plots of stage leak names plots: plots\/leak\.csv is a symlink/)
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

  it('a ${key} dep whose value (from a repository params.yaml) lies outside: refused at its line before DVC starts', async () => {
    repo.write({ 'params.yaml': `key: ${join(outside, 'values.yaml')}\n`, 'dvc.yaml': withVars('params.yaml') })
    const error = await refusal(dvcStatus(repo.root, { dvcPath: '/nonexistent/dvc' })) // DVC is never reached
    expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: lineOf('${key}') })
    expect(error.problems[0].message).toBe(
      `refusing to run DVC: the deps of stage leak names \${key} (= ${join(outside, 'values.yaml')}), outside the repository`
    )
    expect(error.message).not.toContain(SECRET)
  })

  it.each([
    [
      'a foreach item',
      `  leak:\n    foreach:\n      - docs/src/a.md\n      - OUTSIDE\n    do:\n      cmd: x\n      deps:\n        - \${item}\n`,
      /the deps of stage leak names \$\{item\} \(= .*fifo\), outside the repository/
    ],
    [
      "a foreach mapping's values, reached by a key path",
      `  leak:\n    foreach:\n      one:\n        path: docs/src/a.md\n      two:\n        path: OUTSIDE\n    do:\n      cmd: x\n      outs:\n        - \${item.path}:\n            cache: false\n`,
      /the outs of stage leak names \$\{item\.path\} \(= .*fifo\), outside the repository/
    ],
    [
      'a matrix value',
      `  leak:\n    matrix:\n      part: [a.md, b.md]\n      dir: [docs/src, ../../../..]\n    cmd: x\n    deps:\n      - \${item.dir}/\${item.part}\n`,
      /the deps of stage leak names \$\{item\.dir\}\/\$\{item\.part\} \(= \.\.\/\.\.\/\.\.\/\.\.\/a\.md\): .*leaves the repository/
    ],
    [
      'a foreach list from the vars, and the whole deps list written ${…}',
      `  leak:\n    foreach: \${groups}\n    do:\n      cmd: x\n      deps: \${item.files}\n`,
      /the deps of stage leak names \$\{item\.files\} \(= .*fifo\), outside the repository/
    ]
  ])('%s naming a FIFO or a path outside: refused at its line before DVC starts', async (_what, stage, message) => {
    const fifo = join(outside, 'fifo')
    execFileSync('mkfifo', [fifo])
    repo.write({
      'params.yaml': `groups:\n  - files: [docs/src/a.md]\n  - files: [${fifo}]\n`,
      'dvc.yaml': repo.read('dvc.yaml').replace('stages:\n', `stages:\n${stage.replace('OUTSIDE', fifo)}`)
    })
    const error = await refusal(dvcStatus(repo.root, { dvcPath: '/nonexistent/dvc' }))
    expect(error.problems[0].file).toBe('dvc.yaml')
    expect(error.problems[0].line).toBe(lineOf('${item'))
    expect(error.problems[0].message).toMatch(message)
  })

  // attack r4-review-b: DVC merges `<<:` keys in a stage body and in a
  // foreach's `do:` (checked with the real DVC 3: `dvc status` hashed
  // /etc/hostname for a dep merged in from a vars anchor), but the paths
  // checked before DVC runs were read from the unmerged bodies: a dep, output,
  // metric or wdir merged in was DVC's to open (a FIFO held it 10 minutes).
  it.each([
    [
      'a foreach do:',
      '  leak:\n    foreach: [a]\n    do:\n      <<: *evil\n      cmd: x\n',
      /the deps of stage leak names .*fifo/
    ],
    ['a plain stage', '  leak:\n    <<: *evil\n    cmd: x\n', /the deps of stage leak names .*fifo/],
    ['a plain stage (metrics)', '  leak:\n    <<: *evilm\n    cmd: x\n', /the metrics of stage leak names .*fifo/]
  ])(
    '%s with paths merged in (<<:) naming a FIFO outside: refused before DVC starts',
    async (_what, stage, message) => {
      const fifo = join(outside, 'fifo')
      execFileSync('mkfifo', [fifo])
      repo.write({
        'dvc.yaml':
          `vars:\n- evil: &evil\n    deps: [${fifo}]\n- evilm: &evilm\n    metrics: [${fifo}]\n` +
          repo.read('dvc.yaml').replace('stages:\n', `stages:\n${stage}`)
      })
      const error = await refusal(dvcStatus(repo.root, { dvcPath: '/nonexistent/dvc' }))
      expect(error.problems[0].file).toBe('dvc.yaml')
      expect(error.problems[0].message).toMatch(message)
    }
  )

  // The same values reached through YAML's own sharing (attack r4-review-b): a
  // foreach item that is an alias (`*evil`), or a mapping whose keys are
  // merged in (`<<: *evil`), is the value DVC fills `${item…}` with.
  it.each([
    [
      'a foreach item written as an alias',
      "  leak:\n    foreach: ['docs/src/a.md', *evilp]\n    do:\n      cmd: x\n      deps:\n        - ${item}\n"
    ],
    [
      'a foreach mapping merged in',
      '  leak:\n    foreach:\n      one:\n        <<: *evil\n    do:\n      cmd: x\n      deps:\n        - ${item.path}\n'
    ],
    [
      'a deps entry written as an alias',
      '  leak:\n    foreach: [a]\n    do:\n      cmd: x\n      deps:\n        - *evilp\n'
    ],
    ['a vars value written as an alias', '  leak:\n    vars:\n      - k: *evilp\n    cmd: x\n    deps:\n      - ${k}\n']
  ])('%s naming a FIFO outside: refused before DVC starts', async (_what, stage) => {
    const fifo = join(outside, 'fifo')
    execFileSync('mkfifo', [fifo])
    repo.write({
      'dvc.yaml':
        `vars:\n- evil: &evil\n    path: ${fifo}\n- evilp: &evilp ${fifo}\n` +
        repo.read('dvc.yaml').replace('stages:\n', `stages:\n${stage}`)
    })
    const error = await refusal(dvcStatus(repo.root, { dvcPath: '/nonexistent/dvc' }))
    expect(error.problems[0].file).toBe('dvc.yaml')
    expect(error.problems[0].message).toMatch(/refusing to run DVC: the deps of stage leak names .*fifo/)
  })

  it('a ${key} whose value in a vars file is an alias (key: *far) naming a path outside: refused before DVC starts', async () => {
    const fifo = join(outside, 'fifo')
    execFileSync('mkfifo', [fifo])
    repo.write({ 'values.yaml': `far: &far ${fifo}\nkey: *far\n`, 'dvc.yaml': withVars('values.yaml') })
    const error = await refusal(dvcStatus(repo.root, { dvcPath: '/nonexistent/dvc' }))
    expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: lineOf('${key}') })
    expect(error.problems[0].message).toBe(
      `refusing to run DVC: the deps of stage leak names \${key} (= ${fifo}), outside the repository`
    )
  })

  it('a ${key} that only a vars file the action does not read (TOML) could fill: refused as uncheckable', async () => {
    repo.write({
      'values.toml': `key = "${join(outside, 'fifo')}"\n`,
      'dvc.yaml': withVars('values.toml')
    })
    const error = await refusal(dvcStatus(repo.root, { dvcPath: '/nonexistent/dvc' }))
    expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: lineOf('${key}') })
    expect(error.problems[0].message).toMatch(/\$\{key\} may come from values\.toml, which the action does not read/)
  })

  it('a foreach of repository paths, and ${…} values inside the repository, still run DVC', async () => {
    repo.write({
      'params.yaml': 'src: docs/src\n',
      'dvc.yaml': repo
        .read('dvc.yaml')
        .replace(
          'stages:\n',
          'stages:\n  each:\n    foreach: [a.md]\n    do:\n      cmd: x\n      deps:\n        - ${src}/${item}\n'
        )
    })
    const status = await dvcStatus(repo.root, { dvcPath })
    expect([...status.keys()]).toEqual(['each@a.md'])
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

  it('a URL a ${key} dep resolves to: refused at its line before DVC starts, no request made', async () => {
    repo.write({ 'params.yaml': `key: ${base}/beacon\n`, 'dvc.yaml': withVars('params.yaml') })
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: lineOf('${key}') })
    expect(error.problems[0].message).toMatch(
      /names \$\{key\} \(= http:\/\/127\.0\.0\.1:\d+\/beacon\), outside the repository/
    )
    expect(hits).toEqual([])
  })
})

describe('.dvcignore on the way to what DVC reads', () => {
  // DVC reads the .dvcignore of every folder from the root down to each dep, out, params and vars file it
  // looks at (dvc/ignore.py, _get_trie_pattern), following a symlink; a line that is not a valid pattern
  // (a trailing backslash) is quoted whole in its error
  it.each([
    ['the folder of an out', 'docs/.dvcignore'],
    ['the folder of a dep', 'docs/src/.dvcignore']
  ])(
    'a .dvcignore in %s that is a symlink to a file outside: refused naming it, its lines never printed',
    async (_what, link) => {
      writeFileSync(join(outside, 'secrets.env'), `AWS_SECRET=${SECRET}\\\n`)
      symlinkSync(join(outside, 'secrets.env'), repo.path(link))
      const error = await refusal(dvcStatus(repo.root, { dvcPath }))
      expect(error.problems[0].file).toBe(link)
      expect(error.problems[0].message).toMatch(/^refusing to run DVC: .*symlink/)
      expect(error.message).not.toContain(SECRET)
    }
  )

  /** A folder dep `docs/src/deep` 60 folders deep, with a file at the bottom. */
  function deepFolderDep(): void {
    const deep = Array(60).fill('a').join('/')
    repo.write({ [`docs/src/deep/${deep}/x`]: 'x\n', [`docs/src/deep/${deep}/y`]: 'y\n' })
    repo.write({
      'dvc.yaml': repo.read('dvc.yaml').replace('    - docs/src/a.md\n', '    - docs/src/a.md\n    - docs/src/deep\n')
    })
  }

  // DVC matches .dvcignore rules with pathspec's regular expressions: each `**` is a group Python's `re`
  // backtracks through, so a line of many of them over a deep folder takes DVC hours (issue 19 §5 names the
  // same pattern for the native engine, which reads it in bounded time)
  it("a pattern that makes DVC's matcher backtrack over a deep folder dep: refused at its line before DVC starts", async () => {
    deepFolderDep()
    repo.write({ 'docs/.dvcignore': `*.tmp\n${Array(12).fill('**/a').join('/')}/x\n` })
    const started = Date.now()
    const error = await refusal(dvcStatus(repo.root, { dvcPath, timeoutMs: 30_000 }))
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(error.problems[0]).toMatchObject({ file: 'docs/.dvcignore', line: 2 })
    expect(error.problems[0].message).toMatch(/^refusing to run DVC: .*\*\* .*docs\/src\/deep/)
    expect(error.problems[0].hint).toMatch(/engine "native"/)
  })

  it('a pattern with ** over the same deep folder that DVC matches quickly still runs DVC', async () => {
    deepFolderDep()
    repo.write({ '.dvcignore': '**/a/x\n' })
    await expect(dvcStatus(repo.root, { dvcPath })).resolves.toBeInstanceOf(Map)
  })

  it('a .dvcignore of the repository on the way to an out still runs DVC', async () => {
    repo.write({ 'docs/.dvcignore': '*.tmp\n' })
    await expect(dvcStatus(repo.root, { dvcPath })).resolves.toBeInstanceOf(Map)
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

  it('a folder dep nested deeper than DVC can walk: DVC fails, and the message says why and what to do', async () => {
    let dir = repo.path('docs/src/deep')
    mkdirSync(dir, { recursive: true })
    for (let i = 0; i < 1200; i++) {
      dir = join(dir, 'd')
      mkdirSync(dir)
    }
    writeFileSync(join(dir, 'leaf.md'), 'leaf\n')
    repo.write({
      'dvc.yaml': repo.read('dvc.yaml').replace('    - docs/src/a.md\n', '    - docs/src/a.md\n    - docs/src/deep\n')
    })
    const error = await refusal(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0].message).toMatch(/^DVC failed \(exit 255\): .*maximum recursion depth exceeded/)
    expect(error.problems[0].message).not.toMatch(/Having any troubles|dvc\.org\/support/)
    expect(error.problems[0].hint).toMatch(
      /nests folders deeper than DVC can walk .* flatten the folder, or use engine "native"/
    )
  }, 60_000)

  it('DVC that does not finish (a pipeline too large, a slow disk): stopped, the time limit named', async () => {
    const slow = join(outside, 'dvc')
    writeScript(slow, `#!/bin/sh\nexec sleep 60\n`)
    const started = Date.now()
    const error = await refusal(dvcStatus(repo.root, { dvcPath: slow, timeoutMs: 3000 }))
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
