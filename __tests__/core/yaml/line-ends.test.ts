// One line-ending style per pipeline file (issue 22 §7): every writer of
// dvc.yaml and dvc.lock gives back the file's own style on every line — the
// lines it adds, and any stray line of the other style.
import { describe, expect, it } from '@jest/globals'
import { parseDvcLock, removeLockStages, setLockStages } from '../../../src/core/dvc/dvclock.js'
import { parseDvcYaml } from '../../../src/core/dvc/dvcyaml.js'
import { addStagesToDvcYaml, removeStagesFromDvcYaml, updateStagesDeps } from '../../../src/core/dvc/dvcyaml-write.js'
import { inLineEndsOf } from '../../../src/core/yaml/source.js'
import type { LockStage, StageDef } from '../../../src/core/types.js'

const LOCK = `schema: '2.0'
stages:
  a:
    cmd: make a
    deps:
    - path: a.prompt.md
      hash: md5
      md5: 0123456789abcdef0123456789abcdef
      size: 10
  b:
    cmd: make b
    deps:
    - path: b.prompt.md
      hash: md5
      md5: fedcba9876543210fedcba9876543210
      size: 20
`
const YAML = `# pipeline
stages:
  a:
    cmd: make a
    deps:
    - a.prompt.md
    outs:
    - a.md:
        cache: false
  b:
    cmd: make b
    deps:
    - b.prompt.md
    outs:
    - b.md:
        cache: false
`
const crlf = (t: string): string => t.replace(/\n/g, '\r\n')
/** [CRLF line ends, LF-only line ends] */
const ends = (t: string): [number, number] => [t.split('\r\n').length - 1, t.split(/(?<!\r)\n/).length - 1]

const stage: LockStage = {
  cmd: 'make c',
  deps: [{ path: 'c.prompt.md', hash: 'md5', md5: '00112233445566778899aabbccddeeff', size: 3 }],
  outs: []
}
const newStage: StageDef = { name: 'c', cmd: 'make c', deps: ['c.prompt.md'], outs: [{ path: 'c.md', cache: false }] }

describe('line ends of the pipeline files', () => {
  it.each([
    [
      'setLockStages',
      LOCK,
      (t: string) =>
        setLockStages(t, [
          ['c', stage],
          ['a', { ...stage, cmd: 'make a' }]
        ])
    ],
    ['removeLockStages', LOCK, (t: string) => removeLockStages(t, ['a'])],
    ['addStagesToDvcYaml', YAML, (t: string) => addStagesToDvcYaml(t, [newStage])],
    [
      'updateStagesDeps',
      YAML,
      (t: string) => updateStagesDeps(t, [{ ...newStage, name: 'a', deps: ['a.prompt.md', 'x.md'] }])
    ],
    ['removeStagesFromDvcYaml', YAML, (t: string) => removeStagesFromDvcYaml(t, ['b'])]
  ])('%s keeps a CRLF file CRLF on every line, an LF file LF, and reads back alike', (_name, text, edit) => {
    const lf = edit(text)
    const fromCrlf = edit(crlf(text))
    expect(ends(lf)[0]).toBe(0)
    expect(ends(fromCrlf)).toEqual([ends(lf)[1], 0])
    expect(fromCrlf).toBe(crlf(lf))
    const read = (t: string): unknown =>
      text === LOCK ? [...parseDvcLock(t).stages] : parseDvcYaml(t).stages.map((s) => ({ ...s, line: 0 }))
    expect(read(fromCrlf)).toEqual(read(lf))
  })

  it('a file mixing both takes the style of most of its lines', () => {
    const mostlyCrlf = crlf(LOCK).replace('  b:\r\n', '  b:\n')
    expect(ends(setLockStages(mostlyCrlf, [['c', stage]]))[1]).toBe(0)
    const mostlyLf = LOCK.replace('  b:\n', '  b:\r\n')
    expect(ends(setLockStages(mostlyLf, [['c', stage]]))[0]).toBe(0)
  })

  it('inLineEndsOf hands the edit LF text and leaves LF files and new files alone', () => {
    const seen: (string | undefined)[] = []
    expect(inLineEndsOf(undefined, (t) => (seen.push(t), 'new\n'))).toBe('new\n')
    expect(inLineEndsOf('a\r\nb\r\n', (t) => (seen.push(t), `${t}c\n`))).toBe('a\r\nb\r\nc\r\n')
    expect(seen).toEqual([undefined, 'a\nb\n'])
  })

  it('a file whose lines end with a lone CR is read with its lines (as DVC reads it) and kept CR-only', () => {
    const cr = (t: string): string => t.replace(/\n/g, '\r')
    // the yaml package alone reads a CR-only file as one line: a comment, or a syntax error
    expect(parseDvcLock(cr(LOCK)).stages).toEqual(parseDvcLock(LOCK).stages)
    expect(parseDvcYaml(cr(YAML)).stages).toEqual(parseDvcYaml(YAML).stages)
    for (const out of [setLockStages(cr(LOCK), [['c', stage]]), removeStagesFromDvcYaml(cr(YAML), ['b'])])
      expect(out.includes('\n')).toBe(false)
    expect(inLineEndsOf('a\rb\r\nc\r', (t) => `${t}d\n`)).toBe('a\rb\rc\rd\r')
  })
})
