import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { Git } from '../../../src/core/io/git.js'
import { findBaseline } from '../../../src/core/pack/baseline.js'
import { detectChanges, type ChangeSet } from '../../../src/core/pack/changes.js'
import { decideDirective, type DirectiveName } from '../../../src/core/pack/directive.js'
import { packPrompt } from '../../../src/core/pack/packed-prompt.js'
import { EDITS_SYSTEM_TEXT, SYSTEM_TEXT } from '../../../src/core/pack/system-text.js'
import { parseUpdateStyle, requestStyle } from '../../../src/core/pack/update-style.js'
import { GraftRepo, DEPS, OUTPUT, PROMPT_PATH, STAGE, promptText } from '../../support/pack-support.js'

const BODY = 'Write a guide to a, b and c.\n'

describe('decideDirective', () => {
  it.each<[string, Partial<ChangeSet>, DirectiveName]>([
    ['no draft', { sourcesChanged: true, promptChanged: true }, 'GENERATE'],
    ['a blank draft', { sourcesChanged: false, promptChanged: false, previousDraft: ' \n' }, 'GENERATE'],
    ['sources only', { sourcesChanged: true, promptChanged: false, previousDraft: 'd' }, 'UPDATE'],
    ['prompt only', { sourcesChanged: false, promptChanged: true, previousDraft: 'd' }, 'REFINE'],
    ['both', { sourcesChanged: true, promptChanged: true, previousDraft: 'd' }, 'REFRESH'],
    ['neither', { sourcesChanged: false, promptChanged: false, previousDraft: 'd' }, 'MAINTAIN']
  ])('%s → %s', (_name, changes, expected) => {
    const decision = decideDirective({ sourcesChanged: false, promptChanged: false, ...changes })
    expect(decision.directive).toBe(expected)
    expect(decision.line).toMatch(new RegExp(`^${expected} \\([^()]+\\)$`))
  })
})

describe('the directive for a real repository', () => {
  let g: GraftRepo
  beforeEach(() => {
    g = new GraftRepo(BODY)
  })
  afterEach(() => g.repo.cleanup())

  async function directiveFor(body = BODY): Promise<DirectiveName> {
    const git = new Git(g.repo.root)
    const baseline = await findBaseline(git, STAGE)
    const changes = await detectChanges(git, { promptPath: PROMPT_PATH, body, deps: DEPS, output: OUTPUT, baseline })
    return decideDirective(changes).directive
  }

  it('GENERATE when the output was never written', async () => {
    expect(await directiveFor()).toBe('GENERATE')
  })

  it('UPDATE after source commits', async () => {
    g.generate('Guide\n')
    g.edit({ 'src/a.md': 'alpha changed\n' }, 'a')
    expect(await directiveFor()).toBe('UPDATE')
  })

  it('REFINE after an instruction change', async () => {
    g.generate('Guide\n')
    g.edit({ [PROMPT_PATH]: promptText('Write a short guide.\n') })
    expect(await directiveFor('Write a short guide.\n')).toBe('REFINE')
  })

  it('not REFINE after a frontmatter-only change', async () => {
    g.generate('Guide\n')
    g.edit({ [PROMPT_PATH]: promptText(BODY, 'bc-v4') }, 'switch model')
    expect(await directiveFor()).toBe('MAINTAIN')
  })

  it('REFRESH after both', async () => {
    g.generate('Guide\n')
    g.edit({ 'src/b.md': 'beta changed\n' }, 'b')
    g.edit({ [PROMPT_PATH]: promptText('Write a short guide.\n') }, 'prompt')
    expect(await directiveFor('Write a short guide.\n')).toBe('REFRESH')
  })

  it('MAINTAIN when nothing changed since the generating commit, however many commits followed', async () => {
    g.generate('Guide\n')
    g.edit({ 'unrelated.md': 'x\n' }, 'unrelated 1')
    g.edit({ 'unrelated.md': 'y\n' }, 'unrelated 2')
    expect(await directiveFor()).toBe('MAINTAIN')
  })
})

describe('packPrompt', () => {
  const changes: ChangeSet = {
    sourceDiff: 'diff --git a/src/a.md b/src/a.md\n--- a/src/a.md\n+++ b/src/a.md\n@@ -1 +1 @@\n-old\n+new\n',
    sourcesChanged: true,
    promptChanged: false,
    previousDraft: '# Guide\n\nText.\n'
  }

  it('lays out SYSTEM, CHANGE ANALYSIS and USER with the draft, the diff and the instructions', () => {
    const packed = packPrompt({ body: `\n${BODY}\n`, changes, directive: decideDirective(changes) })
    expect(packed).toBe(
      `SYSTEM:\n${SYSTEM_TEXT}\n\n` +
        'CHANGE ANALYSIS:\n' +
        '- Source files: CHANGED\n' +
        '- Prompt instructions: NO CHANGES\n' +
        '- Previous draft: EXISTS\n' +
        `- Action required: ${decideDirective(changes).line}\n\n` +
        'USER:\n---BEGIN PREVIOUS DRAFT---\n# Guide\n\nText.\n---END PREVIOUS DRAFT---\n\n' +
        `---BEGIN SOURCE DIFF---\n${changes.sourceDiff}---END SOURCE DIFF---\n\n` +
        '---BEGIN INSTRUCTIONS---\nWrite a guide to a, b and c.\n---END INSTRUCTIONS---\n'
    )
    expect(packed).toContain('- Action required: UPDATE (')
    expect(packed).not.toContain('PROMPT DIFF')
  })

  it('shows the prompt diff and the current instructions when the instructions changed', () => {
    const refined: ChangeSet = {
      ...changes,
      sourcesChanged: false,
      promptChanged: true,
      promptDiff: '--- a/p\n+++ b/p\n@@ -1 +1 @@\n-old\n+new\n'
    }
    const packed = packPrompt({ body: 'new', changes: refined, directive: 'REFINE' })
    const markers = packed.match(/^(?:[A-Z ]+:|---(?:BEGIN|END) [A-Z ]+---)$/gm)
    expect(markers).toEqual([
      'SYSTEM:',
      'CHANGE ANALYSIS:',
      'USER:',
      '---BEGIN PREVIOUS DRAFT---',
      '---END PREVIOUS DRAFT---',
      '---BEGIN SOURCE DIFF---',
      '---END SOURCE DIFF---',
      '---BEGIN PROMPT DIFF---',
      '---END PROMPT DIFF---',
      '---BEGIN CURRENT INSTRUCTIONS---',
      '---END CURRENT INSTRUCTIONS---'
    ])
    expect(packed).toContain('- Source files: NO CHANGES\n- Prompt instructions: CHANGED\n')
    expect(packed).toContain('- Action required: REFINE (')
    expect(packed).toContain(
      '---BEGIN PROMPT DIFF---\n--- a/p\n+++ b/p\n@@ -1 +1 @@\n-old\n+new\n---END PROMPT DIFF---\n\n'
    )
    expect(packed.endsWith('---BEGIN CURRENT INSTRUCTIONS---\nnew\n---END CURRENT INSTRUCTIONS---\n')).toBe(true)
  })

  it("keeps a caller's own directive line, and marks a missing draft as NONE with an empty block", () => {
    const fresh: ChangeSet = { sourceDiff: '', sourcesChanged: false, promptChanged: false }
    const packed = packPrompt({
      body: 'b',
      changes: fresh,
      directive: { directive: 'REFRESH', line: 'REFRESH (forced)' }
    })
    expect(packed).toContain('- Previous draft: NONE\n- Action required: REFRESH (forced)\n')
    expect(packed).toContain('USER:\n---BEGIN PREVIOUS DRAFT---\n\n---END PREVIOUS DRAFT---\n')
  })

  it('edit mode: the same sections, the standing instructions asking for edits through the tool', () => {
    const directive = decideDirective(changes)
    const whole = packPrompt({ body: BODY, changes, directive })
    const edits = packPrompt({ body: BODY, changes, directive, style: 'edits' })
    expect(edits).toBe(whole.replace(SYSTEM_TEXT, EDITS_SYSTEM_TEXT))
    expect(EDITS_SYSTEM_TEXT).toContain('Reply by calling the edit_document tool, never with text.')
    // what an edit is: copied exactly, occurring once, no overlap, an empty list means no change
    expect(EDITS_SYSTEM_TEXT).toMatch(/old_text is copied exactly from the previous draft/)
    expect(EDITS_SYSTEM_TEXT).toMatch(/occurs there exactly once/)
    expect(EDITS_SYSTEM_TEXT).toMatch(/do not overlap/)
    expect(EDITS_SYSTEM_TEXT).toContain('An empty list means the previous draft is already right.')
    expect(EDITS_SYSTEM_TEXT).toContain('Never write a "Generated by Graft" header comment (one is added for you).')
    expect(EDITS_SYSTEM_TEXT).not.toContain('Reply with the final document')
  })

  it('a CRLF draft loses one whole line break before the END marker, not half of one', () => {
    const crlf = packPrompt({
      body: BODY,
      changes: { ...changes, previousDraft: '# Guide\r\n\r\nText.\r\n' },
      directive: 'UPDATE'
    })
    expect(crlf).toContain('---BEGIN PREVIOUS DRAFT---\n# Guide\r\n\r\nText.\n---END PREVIOUS DRAFT---')
  })

  it('which requests ask for edits: UPDATE, REFINE and REFRESH under edits; never GENERATE; none under rewrite', () => {
    expect(
      ['GENERATE', 'UPDATE', 'REFINE', 'REFRESH', 'MAINTAIN'].map((d) => requestStyle(d as DirectiveName, 'edits'))
    ).toEqual(['rewrite', 'edits', 'edits', 'edits', 'rewrite'])
    for (const d of ['GENERATE', 'UPDATE', 'REFINE', 'REFRESH'] as const)
      expect(requestStyle(d, 'rewrite')).toBe('rewrite')
    expect(parseUpdateStyle(' edits ', '--update-style')).toBe('edits')
    expect(() => parseUpdateStyle('diff', 'input update-style')).toThrow(
      'input update-style must be edits or rewrite, not "diff"'
    )
  })

  it('has a system text that names the five directives and asks for the document alone', () => {
    for (const word of ['GENERATE', 'UPDATE', 'REFINE', 'REFRESH', 'MAINTAIN'])
      expect(SYSTEM_TEXT).toContain(`- ${word}:`)
    expect(SYSTEM_TEXT).toMatch(/final document and nothing else: no preamble/)
    expect(SYSTEM_TEXT).toContain('no code fence')
    expect(SYSTEM_TEXT).toContain('no "Generated by Graft" header comment')
  })
})
