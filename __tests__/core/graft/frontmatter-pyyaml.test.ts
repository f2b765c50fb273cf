// The frontmatter is Graft's, read by PyYAML (YAML 1.1): a plain scalar must
// be what PyYAML makes of it, or a prompt's deps differ between Graft and the
// action (`deps: [.]` was null here, the path `.` to Graft). Random plain
// scalars through our reader and through PyYAML itself (the real DVC's python).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { isSafePlain } from '../../../src/core/yaml/plain.js'
import { parseYamlSource } from '../../../src/core/yaml/source.js'
import { parseFrontmatter } from '../../../src/core/graft/frontmatter.js'
import { requireDvc } from '../../support/graft-repo.js'
import { prng, pick } from '../../support/random.js'
import { pyyamlRead, type Read } from '../../support/ruamel.js'

const PIECES = [
  ...['0', '1', '7', '9', '09', '00', '_', '.', ':', '-', '+', 'e', 'E', 'x', 'b', 'o', 'a', 'f', 'T', 't', 'Z', ' '],
  ...['y', 'Y', 'n', 'N', 'yes', 'No', 'on', 'OFF', 'true', 'null', '~', '.inf', '.NaN', '2024-01-02', '12:30:45']
]

/** What the frontmatter's YAML parse makes of `k: <text>`, in ruamel.ts's shape: strings as such, anything else a marker. */
function ours(text: string): Read {
  let v: unknown
  try {
    v = parseYamlSource(`k: ${text}\n`, 'f', 'h', { version: '1.1' }).doc.get('k')
  } catch {
    return { notAString: 'error' }
  }
  return typeof v === 'string' ? v : { notAString: typeof v }
}

describe('frontmatter plain scalars = PyYAML', () => {
  beforeAll(() => void requireDvc())

  it('3000 random plain scalars: a string to one reader is the same string to the other, and only then', async () => {
    const r = prng(41)
    const texts = [
      ...['.', '._', '+.', '-.', 'y', 'n', 'Y', 'N', '1e3', '1.5e3', '1.5e+3', '09', '0o7', '1:20', '0:20', '2024-1-2'],
      ...Array.from({ length: 3000 }, () =>
        Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, PIECES))
          .join('')
          .trim()
      )
    ].filter((t) => t !== '' && !/^[-:]( |$)|: | #|^[#&*!|>'"%@`{[]/.test(t))
    const theirs = await pyyamlRead(texts.map((t) => `k: ${t}\n`))
    texts.forEach((text, i) => {
      const py = (theirs[i] as { k?: Read }).k ?? { notAString: 'missing' }
      const mine = ours(text)
      // a string must be the same string; a non-string must be a non-string to both
      expect({ text, string: typeof mine === 'string' ? mine : 'not a string' }).toEqual({
        text,
        string: typeof py === 'string' ? py : 'not a string'
      })
      // the fast reader's safety test never accepts what PyYAML reads otherwise
      if (isSafePlain(text, 'yaml-1.1')) expect({ text, py }).toEqual({ text, py: text })
    })
  })

  it('deps: [.] is the path "." (prompts.ts refuses it as the repository root), y and 1e3 are strings, as to Graft', () => {
    expect(() => parseFrontmatter('docs/a.prompt.md', '---\ndeps: [.]\n---\nX\n')).not.toThrow()
    expect(parseFrontmatter('docs/a.prompt.md', '---\ndeps:\n- .\n- y\n- 1e3\n---\nX\n').deps).toEqual([
      '.',
      'y',
      '1e3'
    ])
  })
})
