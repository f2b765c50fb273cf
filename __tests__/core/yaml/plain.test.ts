// isSafePlain against the `yaml` parser itself: whatever it accepts reads back
// as the same string, as a value, a list item and a key, in both schemas.
import { describe, expect, it } from '@jest/globals'
import { parseDocument } from 'yaml'
import { isSafePlain, pyyamlTags, type PlainSchema } from '../../../src/core/yaml/plain.js'
import { prng } from '../../support/random.js'

const PIECES = [
  'a',
  'Z',
  '0',
  '1',
  '9',
  '.',
  '/',
  '-',
  '_',
  ' ',
  'e',
  'E',
  'x',
  'o',
  'b',
  'y',
  'n',
  ':',
  '#',
  '+',
  '~',
  ',',
  '(',
  ')',
  '@',
  '%',
  '=',
  'true',
  'null',
  'yes',
  'on',
  '0x',
  '0o',
  '0b',
  '.inf',
  '.nan',
  '2024-01-02',
  '1:20',
  '<<',
  '$',
  "'",
  '"',
  '\t'
]

function readBack(text: string, schema: PlainSchema): unknown[] {
  // YAML 1.1 as PyYAML (Graft) reads it: the frontmatter's parse
  const options = schema === 'core' ? { version: '1.2' as const } : { version: '1.1' as const, customTags: pyyamlTags }
  const asValue = parseDocument(`k: ${text}\n`, options)
  const asItem = parseDocument(`- ${text}\n`, options)
  const asKey = parseDocument(`${text}: 1\n`, options)
  const key =
    asKey.errors.length === 0
      ? (asKey.contents as { items?: { key: { value: unknown } }[] })?.items?.[0]?.key?.value
      : Symbol('error')
  return [
    asValue.errors.length === 0 ? asValue.get('k') : Symbol('error'),
    asItem.errors.length === 0 ? asItem.get(0) : Symbol('error'),
    key
  ]
}

describe('isSafePlain', () => {
  it.each(['core', 'yaml-1.1'] as const)(
    'accepts only strings the %s parser reads back unchanged (20000 generated strings)',
    (schema) => {
      const r = prng(schema === 'core' ? 31 : 37)
      let accepted = 0
      for (let n = 0; n < 20000; n++) {
        const text = Array.from(
          { length: 1 + Math.floor(r() * 5) },
          () => PIECES[Math.floor(r() * PIECES.length)]
        ).join('')
        if (!isSafePlain(text, schema)) continue
        accepted++
        expect({ text, read: readBack(text, schema) }).toEqual({ text, read: [text, text, text] })
      }
      expect(accepted).toBeGreaterThan(2000)
    }
  )

  it('refuses what a schema reads as something else', () => {
    for (const text of ['true', 'null', '~', '12', '0x1F', '1e5', '.inf', '.5'])
      expect(isSafePlain(text, 'core')).toBe(false)
    for (const text of ['yes', 'on', '1:20', '0b11', '012', '2024-01-02', '1_000'])
      expect(isSafePlain(text, 'yaml-1.1')).toBe(false)
    for (const text of ['n', 'y', '.', '1e3', '09']) expect(isSafePlain(text, 'yaml-1.1')).toBe(true) // strings to PyYAML
    for (const text of ['yes', 'on', 'n', '0b11', '2024-01-02']) expect(isSafePlain(text, 'core')).toBe(true) // strings in YAML 1.2
    for (const text of ['docs/a.md', 'bedrock-claude-v4.5-sonnet-us', '--name', 'a b']) {
      expect(isSafePlain(text, 'core')).toBe(true)
      expect(isSafePlain(text, 'yaml-1.1')).toBe(true)
    }
  })
})
