// Our YAML readers end in bounded time and memory (issue 19 §1, §5): an alias
// bomb under any key (not only the keys the action reads) is refused at its
// line, in dvc.yaml, dvc.lock and a prompt's frontmatter alike; an alias inside
// its own anchor too; a few honest aliases still read; a dvc.lock of tens of
// megabytes in flow style (1.8 GB for the general reader) is refused by its
// size, naming it, while DVC's own block layout of that size still reads.
import { describe, expect, it } from '@jest/globals'
import { GraftError } from '../../../src/core/errors.js'
import { parseDvcLock } from '../../../src/core/dvc/dvclock.js'
import { parseDvcYaml } from '../../../src/core/dvc/dvcyaml.js'
import { parseFrontmatter } from '../../../src/core/graft/frontmatter.js'
import { YAML_SOURCE_MAX_BYTES } from '../../../src/core/yaml/source.js'

/** Nine to the eighth nodes from nine lines. */
function bomb(indent: string): string {
  const lines = [`${indent}a: &a ["x","x","x","x","x","x","x","x","x"]`]
  const names = 'abcdefghi'
  for (let i = 1; i < 9; i++)
    lines.push(
      `${indent}${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]`
    )
  return lines.join('\n')
}

function refusal(read: () => unknown): GraftError {
  const started = Date.now()
  let error: unknown
  try {
    read()
  } catch (e) {
    error = e
  }
  expect(Date.now() - started).toBeLessThan(3000)
  expect(error).toBeInstanceOf(GraftError)
  return error as GraftError
}

describe('alias bombs', () => {
  it('under a stage meta of dvc.yaml, a key the reader never uses: refused at the line where its aliases pass the limit', () => {
    const text = `stages:\n  s:\n    cmd: echo\n    meta:\n${bomb('      ')}\n    deps:\n    - a.md\n`
    const error = refusal(() => parseDvcYaml(text))
    expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: 10 }) // f: nine times e (66,430 nodes each)
    expect(error.problems[0].message).toMatch(
      /dvc\.yaml uses YAML aliases \(\*name\) that expand to more than 100,000 nodes: an alias bomb/
    )
  })

  it('under an unknown top-level key of dvc.lock', () => {
    const text = `schema: '2.0'\nextra:\n${bomb('  ')}\nstages: {}\n`
    const error = refusal(() => parseDvcLock(text))
    expect(error.problems[0].file).toBe('dvc.lock')
    expect(error.problems[0].message).toMatch(/alias bomb/)
  })

  it("in a prompt's frontmatter", () => {
    const text = `---\ndeps: []\nnotes:\n${bomb('  ')}\n---\nWrite.\n`
    const error = refusal(() => parseFrontmatter('docs/a.prompt.md', text))
    expect(error.problems[0].file).toBe('docs/a.prompt.md')
    expect(error.problems[0].message).toMatch(/the frontmatter uses YAML aliases/)
  })

  it('an alias inside its own anchor (an endless tree)', () => {
    const error = refusal(() => parseDvcYaml('stages:\n  s:\n    cmd: x\n    meta: &m\n      self: [*m]\n'))
    expect(error.problems[0].message).toMatch(/expand to themselves, without end/)
  })

  it('a few honest aliases still read', () => {
    const yaml = parseDvcYaml(
      'stages:\n  s:\n    cmd: x\n    meta:\n      a: &a {k: [1, 2, 3]}\n      b: [*a, *a, *a]\n    deps:\n    - a.md\n'
    )
    expect(yaml.stages[0].deps).toEqual(['a.md'])
  })
})

describe('a dvc.lock of tens of megabytes', () => {
  function entries(count: number): string[] {
    return Array.from({ length: count }, (_, i) => `docs/source-file-number-${String(i).padStart(7, '0')}.md`)
  }

  it('in flow style: refused by its size, naming it, without reading it', () => {
    const deps = entries(200_000)
      .map((p) => `{path: ${p}, hash: md5, md5: 0123456789abcdef0123456789abcdef, size: 1}`)
      .join(', ')
    const text = `{schema: '2.0', stages: {s: {cmd: x, deps: [${deps}]}}}\n`
    expect(text.length).toBeGreaterThan(YAML_SOURCE_MAX_BYTES)
    const heapBefore = process.memoryUsage().heapUsed
    const error = refusal(() => parseDvcLock(text))
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024)
    expect(error.problems[0].file).toBe('dvc.lock')
    expect(error.problems[0].message).toMatch(
      /dvc\.lock is \d+ MB in a YAML layout only the general reader takes .* stops at 16 MB/
    )
    expect(error.problems[0].hint).toMatch(/block style/)
  })

  it("in DVC's own block layout: read by the fast reader, whatever its size", () => {
    const deps = entries(200_000)
      .map((p) => `    - path: ${p}\n      hash: md5\n      md5: 0123456789abcdef0123456789abcdef\n      size: 1\n`)
      .join('')
    const text = `schema: '2.0'\nstages:\n  s:\n    cmd: x\n    deps:\n${deps}`
    expect(text.length).toBeGreaterThan(YAML_SOURCE_MAX_BYTES)
    const lock = parseDvcLock(text)
    expect(lock.stages.get('s')?.deps).toHaveLength(200_000)
  })
})
