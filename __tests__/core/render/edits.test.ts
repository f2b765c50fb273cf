// The edit engine: applying the model's edits to the exact draft it was shown.
// Properties on random drafts (LF and CRLF, unicode, empty lines, a final line
// break or none, edits at the very start and end) and random edit lists: a
// valid list gives exactly the expected text with the draft's own line
// endings; every invalid list (no match, two matches, overlap) is refused with
// the edit's number and the reason.
import { describe, expect, it } from '@jest/globals'
import { applyDraftEdits, type Edit } from '../../../src/core/render/edits.js'
import { readEdits } from '../../../src/core/render/edit-tool.js'
import { carefulEdits } from '../../support/bedrock-server.js'
import { pick, prng, type Random } from '../../support/random.js'

const WORDS = ['alpha', 'beta', 'gamma', 'é', 'naïve', '日本語', '😀', 'x', '  ', '-', '`code`', '**bold**', '|', '\t']
/**
 * new_text is built from these: apart from line breaks no character of them is
 * in a draft, and every old_text holds some other character, so no edit can
 * make a second copy of another's old_text: a valid list stays valid in any order
 */
const NEW = ['§', '§¤', '§Ω', '§☃', '§\n', '§¶\n¶§']

function randomLine(r: Random): string {
  if (r() < 0.15) return ''
  return Array.from({ length: 1 + Math.floor(r() * 6) }, () => pick(r, WORDS)).join(' ')
}

/** A draft in LF form (the view edits are made in), its line break, and whether it ends with one. */
function randomDraft(r: Random): { view: string; eol: '\n' | '\r\n'; text: string } {
  const lines = Array.from({ length: 1 + Math.floor(r() * 25) }, () => randomLine(r))
  const ended = r() < 0.7
  const view = lines.join('\n') + (ended ? '\n' : '')
  const eol = r() < 0.4 ? '\r\n' : '\n'
  return { view, eol, text: view.replace(/\n/g, eol) }
}

const count = (text: string, needle: string): number => {
  let n = 0
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) n++
  return n
}

/** Up to `k` disjoint spans of `view`, each widened until its text occurs there once; some at the very start or end. */
function randomSpans(r: Random, view: string, k: number): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  for (let tries = 0; spans.length < k && tries < k * 10; tries++) {
    let start = r() < 0.15 ? 0 : Math.floor(r() * view.length)
    let end = r() < 0.15 ? view.length : Math.min(view.length, start + 1 + Math.floor(r() * 12))
    if (start >= end) continue
    while (count(view, view.slice(start, end)) > 1) {
      if (end < view.length) end++
      else start--
    }
    // never split a UTF-16 pair (an emoji): a model copies whole characters
    if (/[\uDC00-\uDFFF]/.test(view[start] ?? '') || /[\uD800-\uDBFF]/.test(view[end - 1] ?? '')) continue
    if (!/[^\n]/.test(view.slice(start, end))) continue
    if (spans.some(([s, e]) => start < e && s < end)) continue
    spans.push([start, end])
  }
  return spans
}

/** The spans replaced in the original's coordinates: what the edits must give. */
function replaced(view: string, spans: Array<[number, number]>, texts: string[]): string {
  const order = spans.map((s, i) => ({ s, t: texts[i] })).sort((a, b) => b.s[0] - a.s[0])
  let out = view
  for (const { s, t } of order) out = out.slice(0, s[0]) + t + out.slice(s[1])
  return out
}

function shuffle<T>(r: Random, xs: T[]): T[] {
  const out = [...xs]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

describe('applyDraftEdits on random drafts and valid edit lists', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))(
    'seed %i: the result is the expected text, with the draft’s own line endings and final line break',
    (seed) => {
      const r = prng(seed)
      for (let round = 0; round < 25; round++) {
        const draft = randomDraft(r)
        const { view, text } = draft
        // a draft without a line break has no ending of its own: new lines stay LF
        const eol = view.includes('\n') ? draft.eol : '\n'
        const spans = randomSpans(r, view, 1 + Math.floor(r() * 5))
        const news = spans.map(() => pick(r, NEW))
        const expected = replaced(view, spans, news)
        if (expected.trim() === '') continue
        // the model may copy a CRLF draft's line breaks as LF or as CRLF
        const edits: Edit[] = spans.map(([s, e], i) => ({
          oldText: r() < 0.5 ? view.slice(s, e) : view.slice(s, e).replace(/\n/g, eol),
          newText: news[i]
        }))
        const outcome = applyDraftEdits(
          text,
          shuffle(
            r,
            edits.map((e, i) => ({ e, i }))
          ).map(({ e }) => e)
        )
        expect(outcome).toEqual({ ok: true, text: expected.replace(/\n/g, eol) })
        // the file keeps its endings: a CRLF draft gains no bare LF, an LF draft no CR
        if (outcome.ok && eol === '\r\n') expect(outcome.text.replace(/\r\n/g, '')).not.toContain('\n')
        if (outcome.ok && eol === '\n') expect(outcome.text).not.toContain('\r')
        expect(outcome.ok && outcome.text.endsWith(eol)).toBe(expected.endsWith('\n'))
      }
    }
  )

  it.each(Array.from({ length: 10 }, (_, i) => i + 1))(
    'seed %i: deletions give the expected text, or are refused as ambiguous when a deletion joins a second copy',
    (seed) => {
      const r = prng(seed * 7919)
      for (let round = 0; round < 25; round++) {
        const draft = randomDraft(r)
        const { view, text } = draft
        const eol = view.includes('\n') ? draft.eol : '\n'
        const spans = randomSpans(r, view, 1 + Math.floor(r() * 4))
        const news = spans.map(() => (r() < 0.5 ? '' : pick(r, NEW)))
        const expected = replaced(view, spans, news)
        const outcome = applyDraftEdits(
          text,
          spans.map(([s, e], i) => ({ oldText: view.slice(s, e), newText: news[i] }))
        )
        if (expected.trim() === '') expect(outcome).toEqual({ ok: false, reason: 'the edits leave the document empty' })
        else if (outcome.ok) expect(outcome.text).toBe(expected.replace(/\n/g, eol))
        else expect(outcome.reason).toMatch(/^old_text \d+ occurs \d+ times$|^edit \d+ overlaps edit \d+$/)
      }
    }
  )

  it('an empty list is the draft unchanged, byte for byte (CRLF, no final line break, unicode)', () => {
    for (const draft of ['a\r\nb\r\n', 'ü 😀\n\nlast', '\n\n# x\n', 'mixed\r\nends\n'])
      expect(applyDraftEdits(draft, [])).toEqual({ ok: true, text: draft })
  })

  it('edits at the very start and the very end, the final line break kept or not as the draft had it', () => {
    expect(
      applyDraftEdits('# Title\nbody\nend\n', [
        { oldText: '# Title', newText: '# New title' },
        { oldText: 'end', newText: 'the end' }
      ])
    ).toEqual({ ok: true, text: '# New title\nbody\nthe end\n' })
    expect(applyDraftEdits('# Title\r\nbody\r\nend', [{ oldText: 'body\nend', newText: 'body\nmore\nend' }])).toEqual({
      ok: true,
      text: '# Title\r\nbody\r\nmore\r\nend'
    })
  })

  // deepagents#2856 / #3031: an old_text that copies the last line with a line
  // break the draft does not have ("String not found" forever). Here a miss
  // costs a whole rewrite, so the one unambiguous case is taken: the old_text
  // without that break ends the draft and occurs nowhere else; the draft keeps
  // its missing final break. Anywhere else the exact rule holds.
  it('an old_text ending in a line break the draft lacks at its very end: matched there, the draft still unterminated', () => {
    expect(applyDraftEdits('# T\nbody\nend', [{ oldText: 'body\nend\n', newText: 'body\nthe end\n' }])).toEqual({
      ok: true,
      text: '# T\nbody\nthe end'
    })
    expect(applyDraftEdits('# T\r\nbody\r\nend', [{ oldText: 'end\r\n', newText: 'END' }])).toEqual({
      ok: true,
      text: '# T\r\nbody\r\nEND'
    })
    // not at the end (a prefix of "endless"), or twice: the exact rule
    expect(applyDraftEdits('end\nendless', [{ oldText: 'end\n', newText: 'x' }])).toEqual({
      ok: true,
      text: 'xendless'
    })
    expect(applyDraftEdits('a endless', [{ oldText: 'end\n', newText: 'x' }])).toMatchObject({
      ok: false,
      reason: 'old_text 1 not found'
    })
    expect(applyDraftEdits('end end', [{ oldText: 'end\n', newText: 'x' }])).toMatchObject({ ok: false, edit: 1 })
  })

  // attack r4-review-b: in a draft that mixes CRLF and LF (matched byte for
  // byte), a new_text ending in CRLF lost only its LF there, and the document
  // ended in a lone CR it never had: the whole line break goes.
  it('at an unterminated end of a mixed draft, a new_text ending in CRLF leaves no lone CR', () => {
    expect(applyDraftEdits('a\r\nb\nend', [{ oldText: 'end\n', newText: 'the end\r\n' }])).toEqual({
      ok: true,
      text: 'a\r\nb\nthe end'
    })
  })

  it('a draft that mixes CRLF and LF is matched byte for byte', () => {
    const draft = 'a\r\nb\nc\r\n'
    expect(applyDraftEdits(draft, [{ oldText: 'b\nc', newText: 'B\nC' }])).toEqual({ ok: true, text: 'a\r\nB\nC\r\n' })
    expect(applyDraftEdits(draft, [{ oldText: 'a\nb', newText: 'x' }])).toEqual({
      ok: false,
      edit: 1,
      reason: 'old_text 1 not found'
    })
  })

  it('an edit whose old_text was written by an earlier edit refers to text the model was not shown: refused', () => {
    expect(
      applyDraftEdits('one two three\n', [
        { oldText: 'two', newText: 'TWO' },
        { oldText: 'TWO', newText: '2' }
      ])
    ).toEqual({ ok: false, edit: 2, reason: 'edit 2 overlaps edit 1' })
  })
})

describe('applyDraftEdits refuses every invalid list, naming the edit and the reason', () => {
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))(
    'seed %i: no match, two matches, overlap, empty old_text',
    (seed) => {
      const r = prng(seed * 104729)
      for (let round = 0; round < 20; round++) {
        const { view, text, eol } = randomDraft(r)
        const spans = randomSpans(r, view, 1 + Math.floor(r() * 4))
        if (spans.length === 0) continue
        const valid: Edit[] = spans.map(([s, e], i) => ({ oldText: view.slice(s, e), newText: `§${i}§` }))
        const at = Math.floor(r() * (valid.length + 1))
        const n = at + 1
        const kind = pick(r, ['missing', 'twice', 'overlap', 'empty'] as const)
        let bad: Edit
        let reason: string
        if (kind === 'missing') {
          bad = { oldText: `${pick(r, WORDS)}∉${pick(r, WORDS)}`, newText: 'x' }
          reason = `old_text ${n} not found`
        } else if (kind === 'twice') {
          // a text that is in the draft twice: a line and its copy appended below (of characters no other edit names)
          const line = `∆${seed}∇${round}∆`
          const doubled = `${text}${text.endsWith('\n') ? '' : eol}${line}${eol}${line}${eol}`
          const list = [...valid.slice(0, at), { oldText: line, newText: 'x' }, ...valid.slice(at)]
          expect(applyDraftEdits(doubled, list)).toEqual({
            ok: false,
            edit: n,
            reason: `old_text ${n} occurs 2 times`
          })
          continue
        } else if (kind === 'overlap') {
          if (at === 0) continue
          // reaches into the text edit `at` wrote
          bad = { oldText: `§${at - 1}§`.slice(0, 2), newText: 'x' }
          reason = `edit ${n} overlaps edit ${at}`
        } else {
          bad = { oldText: '', newText: 'x' }
          reason = `old_text ${n} is empty`
        }
        const list = [...valid.slice(0, at), bad, ...valid.slice(at)]
        expect(applyDraftEdits(text, list)).toEqual({ ok: false, edit: n, reason })
      }
    }
  )

  it('an old_text across the place an earlier edit deleted text overlaps that edit', () => {
    expect(
      applyDraftEdits('keep DROP here\n', [
        { oldText: 'DROP ', newText: '' },
        { oldText: 'keep here', newText: 'x' }
      ])
    ).toEqual({ ok: false, edit: 2, reason: 'edit 2 overlaps edit 1' })
    // next to it is fine
    expect(
      applyDraftEdits('keep DROP here\n', [
        { oldText: 'DROP ', newText: '' },
        { oldText: 'here', newText: 'there' }
      ])
    ).toEqual({ ok: true, text: 'keep there\n' })
  })

  it('a text that occurs twice only because an earlier edit wrote it again is ambiguous', () => {
    expect(
      applyDraftEdits('alpha beta\n', [
        { oldText: 'alpha', newText: 'beta' },
        { oldText: 'beta', newText: 'gamma' }
      ])
    ).toEqual({ ok: false, edit: 2, reason: 'old_text 2 occurs 2 times' })
  })

  it('overlapping occurrences of one text count as two', () => {
    expect(applyDraftEdits('aaa\n', [{ oldText: 'aa', newText: 'b' }])).toEqual({
      ok: false,
      edit: 1,
      reason: 'old_text 1 occurs 2 times'
    })
  })
})

describe('the result must be a document without a Graft header line', () => {
  const header = '<!-- Generated by Graft | model=m | sig=00 | rev=abc | 2026-01-01 -->'

  it('a new_text that writes a header line is refused, at the start of the document or anywhere', () => {
    expect(applyDraftEdits('# Doc\nText.\n', [{ oldText: '# Doc', newText: `${header}\n# Doc` }])).toEqual({
      ok: false,
      edit: 1,
      reason: 'new_text 1 writes a Graft header line'
    })
    expect(
      applyDraftEdits('# Doc\r\nText.\r\n', [
        { oldText: '# Doc', newText: '# Doc' },
        { oldText: 'Text.', newText: `Text.\n${header}` }
      ])
    ).toEqual({ ok: false, edit: 2, reason: 'new_text 2 writes a Graft header line' })
  })

  it('the header quoted inside a line is text, not a header line', () => {
    expect(applyDraftEdits('# Doc\n', [{ oldText: '# Doc', newText: `# Doc\nSee \`${header}\`.` }])).toEqual({
      ok: true,
      text: `# Doc\nSee \`${header}\`.\n`
    })
  })

  it('edits that leave nothing (or only blank lines) are refused', () => {
    expect(applyDraftEdits('# Doc\nText.\n', [{ oldText: '# Doc\nText.', newText: '' }])).toEqual({
      ok: false,
      reason: 'the edits leave the document empty'
    })
    expect(applyDraftEdits('# Doc\r\n', [{ oldText: '# Doc', newText: ' \n\t' }])).toEqual({
      ok: false,
      reason: 'the edits leave the document empty'
    })
  })

  it('an old_text that reaches into the header cannot match: the draft sent has none', () => {
    expect(applyDraftEdits('# Doc\n', [{ oldText: `${header}\n# Doc`, newText: '# Doc' }])).toEqual({
      ok: false,
      edit: 1,
      reason: 'old_text 1 not found'
    })
  })
})

// Not text: a NUL makes git call the document binary (the bot commit's diff then hides what changed
// from the reviewer), and an unpaired surrogate (a JSON escape like \ud800) is written as U+FFFD.
// The tool's input is JSON, so both can come in escaped; neither ever belongs in a document.
describe('the result must be text', () => {
  it.each([
    ['a NUL character', 'Jobs time out\u0000 after 45 seconds.', 'new_text 1 holds a NUL character'],
    [
      'an unpaired surrogate',
      'Jobs time out after 45 seconds \ud800.',
      'new_text 1 holds an unpaired surrogate (not text)'
    ]
  ])('a new_text with %s is refused', (_name, newText, reason) => {
    expect(
      applyDraftEdits('# Doc\nJobs time out after 30 seconds.\n', [
        { oldText: '# Doc', newText: '# Doc' },
        { oldText: 'Jobs time out after 30 seconds.', newText }
      ])
    ).toEqual({ ok: false, edit: 2, reason: reason.replace('1', '2') })
  })

  it('read from the tool input JSON as escapes, too', () => {
    const read = readEdits('{"edits":[{"old_text":"30","new_text":"45\\u0000"}]}')
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(applyDraftEdits('After 30 s.\n', read.edits)).toEqual({
      ok: false,
      edit: 1,
      reason: 'new_text 1 holds a NUL character'
    })
  })
})

// opencode#31786, nexus#182: a draft in NFD ("e" + U+0301) and an old_text in NFC ("é") look alike
// but are not the same text. Matching stays exact (the contract the model is given): such an edit is
// refused as not found and the document is rewritten whole; never applied to the wrong place.
describe('canonically equivalent but different text', () => {
  const nfd = 'Caf\u0065\u0301 opens at 8.'
  const nfc = 'Caf\u00e9 opens at 8.'

  it('an NFC old_text does not match an NFD draft: refused as not found', () => {
    expect(applyDraftEdits(`# Hours\n${nfd}\n`, [{ oldText: nfc, newText: 'Café opens at 9.' }])).toEqual({
      ok: false,
      edit: 1,
      reason: 'old_text 1 not found'
    })
  })

  it('a draft holding both forms: the old_text matches only its own form, and the other stays byte for byte', () => {
    const draft = `${nfd}\n${nfc}\n`
    expect(applyDraftEdits(draft, [{ oldText: nfc, newText: 'Café opens at 9.' }])).toEqual({
      ok: true,
      text: `${nfd}\nCafé opens at 9.\n`
    })
  })
})

describe('a huge edit list', () => {
  it('5,000 edits to a 5,000-line draft apply correctly and end in reasonable time', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `Line ${i} of the document.`)
    const edits = lines.map((l, i) => ({ oldText: `${l}\n`, newText: `Line ${i} was edited.\n` }))
    const started = Date.now()
    const outcome = applyDraftEdits(`${lines.join('\n')}\n`, edits)
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(outcome).toEqual({ ok: true, text: lines.map((_, i) => `Line ${i} was edited.\n`).join('') })
  })
})

describe('readEdits: the edit_document tool input', () => {
  it('reads a list of pairs; an empty list is no edit', () => {
    expect(readEdits('{"edits":[{"old_text":"a","new_text":"b"}]}')).toEqual({
      ok: true,
      edits: [{ oldText: 'a', newText: 'b' }]
    })
    expect(readEdits('{"edits":[]}')).toEqual({ ok: true, edits: [] })
  })

  it('reads a list the model encoded as a JSON string', () => {
    expect(readEdits(JSON.stringify({ edits: JSON.stringify([{ old_text: 'a', new_text: '' }]) }))).toEqual({
      ok: true,
      edits: [{ oldText: 'a', newText: '' }]
    })
  })

  it('refuses invalid JSON without quoting the model’s text, and every other shape with the edit’s number', () => {
    const bad = readEdits('{"edits": [{"old_text": "::error::x", }]}')
    expect(bad).toEqual({ ok: false, reason: expect.stringMatching(/^the edit_document input is not valid JSON/) })
    expect(JSON.stringify(bad)).not.toContain('::error::')
    expect(readEdits('{"edits":[{"old_text":"a"')).toEqual({
      ok: false,
      reason: 'the edit_document input is not valid JSON (at character 25)'
    })
    expect(readEdits('')).toEqual({ ok: false, reason: 'the edit_document input is not valid JSON (it ends early)' })
    expect(readEdits('[]')).toEqual({ ok: false, reason: 'the edit_document input has no list of edits' })
    expect(readEdits('{"edits":"nope"}')).toEqual({ ok: false, reason: 'the edit_document input has no list of edits' })
    expect(readEdits('{"edits":[{"old_text":"a","new_text":"b"},{"old_text":"c","new_text":3}]}')).toEqual({
      ok: false,
      reason: 'edit 2 is not an {old_text, new_text} pair of strings'
    })
    expect(readEdits('{"edits":[null]}')).toEqual({
      ok: false,
      reason: 'edit 1 is not an {old_text, new_text} pair of strings'
    })
  })
})

describe('the loopback model’s careful edits (what the end-to-end tests script)', () => {
  it.each(Array.from({ length: 15 }, (_, i) => i + 1))(
    'seed %i: applied to the draft, they give the target text, and they are edits, not the whole draft again',
    (seed) => {
      const r = prng(seed * 31337)
      let wholes = 0
      let rounds = 0
      for (let round = 0; round < 20; round++) {
        const { view, text } = randomDraft(r)
        const lines = view.replace(/\n$/, '').split('\n')
        const changed = lines.map((l) => (r() < 0.2 ? randomLine(r) : l))
        if (r() < 0.3) changed.splice(Math.floor(r() * changed.length), 0, randomLine(r))
        if (r() < 0.3 && changed.length > 1) changed.splice(Math.floor(r() * changed.length), 1)
        const target = `${changed.join('\n')}\n`
        if (target.trim() === '') continue
        // the model is shown the draft without its final line break (the packed prompt's block drops one)
        const edits = carefulEdits(text.replace(/\r?\n$/, ''), target).map((e) => ({
          oldText: e.old_text,
          newText: e.new_text
        }))
        const outcome = applyDraftEdits(text, edits)
        if (edits.length === 1 && edits[0].oldText === text.replace(/\r?\n$/, '').replace(/\r\n/g, '\n')) wholes++
        rounds++
        const eol = text.includes('\r\n') ? '\r\n' : '\n'
        const expected = changed.join('\n') + (view.endsWith('\n') ? '\n' : '')
        expect(outcome).toEqual({ ok: true, text: expected.replace(/\n/g, eol) })
      }
      // the whole draft as one edit only where the draft is a line or two
      expect(wholes).toBeLessThan(rounds / 4)
    }
  )
})
