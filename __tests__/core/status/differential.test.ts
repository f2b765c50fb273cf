// The native engine must reach the same verdicts as the real `dvc status`.
// Each state is one mutation of a Graft repository whose dvc.lock was written
// by real DVC; both engines judge the same copy, and what DVC says is also
// pinned, so a harness bug cannot make two empty answers agree.
import { afterAll, beforeAll, describe, expect, it, test } from '@jest/globals'
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import { readDvcYaml } from '../../../src/core/dvc/dvcyaml.js'
import { lockEntryFor, readDvcLock } from '../../../src/core/dvc/dvclock.js'
import { nativeStatus, toDvcJson } from '../../../src/core/status/native.js'
import { dvcStatus } from '../../../src/core/status/dvc.js'
import { validate } from '../../../src/core/validate/validate.js'
import { silentLog } from '../../../src/core/log.js'
import { parsePrompt } from '../../../src/core/graft/prompts.js'
import { graftStage } from '../../../src/core/pipeline/stages.js'
import { addStagesToDvcYaml } from '../../../src/core/dvc/dvcyaml-write.js'
import { TestRepo } from '../../support/repo.js'
import {
  buildGraftRepo,
  copyRepo,
  dvcCommit,
  makeLegacyEntries,
  requireDvc,
  type GraftRepoSpec
} from '../../support/graft-repo.js'

// Fails (never skips) when DVC is missing: CI puts it on PATH.
const dvcPath = requireDvc()
const noDvc = {
  find: async () => undefined,
  install: async (): Promise<string> => Promise.reject(new Error('no install'))
}

type Mutation = (repo: TestRepo) => void
type DvcJson = Record<string, unknown[]>

/** A pipeline of three levels (intro → guide → advanced), a directory dep, a shared dep, an empty dep. */
const docsSpec: GraftRepoSpec = {
  sources: {
    'src/a.md': 'alpha\n',
    'src/b.md': 'beta\n',
    'src/shared.md': 'shared by two stages\n',
    'src/empty.md': '',
    'src/data/top.md': 'top\n',
    'src/data/nested/deep/leaf.txt': 'leaf\n',
    'src/data/nested/café ünïcode.md': 'non-ASCII name\n',
    'src/data/日本/文書.md': 'CJK name\n'
  },
  prompts: [
    { path: 'docs/intro.prompt.md', deps: ['src/a.md', 'src/shared.md'], body: 'Introduce the project.\n' },
    { path: 'docs/guide.prompt.md', deps: ['docs/intro.md', 'src/b.md'], body: 'Write a guide.\n' },
    { path: 'docs/advanced.prompt.md', deps: ['docs/guide.md'], body: 'Go further.\n' },
    { path: 'docs/data-tour.prompt.md', deps: ['src/data', 'src/shared.md'], body: 'Tour the data.\n' },
    { path: 'docs/empty-notes.prompt.md', deps: ['src/empty.md'], body: 'Notes.\n', model: 'bc-v4.5-us' }
  ]
}

/** Legacy (DVC 2) lock entries, no `hash:`, over CRLF text, a large text, binary data and an output. */
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0x0d, 0x0a, 0xff, 0xfe
])
/** Over 1 MiB, CRLF lines, one CRLF split by the 1 MiB chunk boundary. */
const BIG = 'a'.repeat(1048575) + '\r\n' + 'line\r\n'.repeat(300000)
const legacySpec: GraftRepoSpec = {
  sources: {
    'src/windows.txt': 'line one\r\nline two\r\n',
    'src/logo.png': PNG,
    'src/mixed.md': 'unix\nwindows\r\n',
    'src/big.txt': BIG
  },
  prompts: [
    {
      path: 'docs/assets.prompt.md',
      deps: ['src/windows.txt', 'src/logo.png', 'src/mixed.md', 'src/big.txt'],
      body: 'Assets.\n'
    }
  ]
}

// ---- mutations -------------------------------------------------------------

const edit =
  (path: string, text: string | Buffer): Mutation =>
  (r) =>
    void r.write({ [path]: text })
const append =
  (path: string, text: string): Mutation =>
  (r) =>
    void r.write({ [path]: r.read(path) + text })
const remove =
  (path: string): Mutation =>
  (r) =>
    void r.remove(path)
const all =
  (...ms: Mutation[]): Mutation =>
  (r) =>
    ms.forEach((m) => m(r))
const replaceIn =
  (path: string, from: string | RegExp, to: string): Mutation =>
  (r) => {
    const before = r.read(path)
    const after = before.replace(from, to)
    if (after === before) throw new Error(`mutation did not apply: ${String(from)} in ${path}`)
    r.write({ [path]: after })
  }
/** Edits the YAML of dvc.yaml or dvc.lock structurally (DVC reads any valid YAML). */
const editYaml =
  (path: string, fn: (doc: ReturnType<typeof parseDocument>) => void): Mutation =>
  (r) => {
    const doc = parseDocument(r.read(path))
    fn(doc)
    r.write({ [path]: doc.toString() })
  }

/** The md5 of one lock entry taken out (its `hash: md5` and size stay). */
const dropMd5 =
  (stage: string, key: 'deps' | 'outs', path: string): Mutation =>
  (r) => {
    const doc = parseDocument(r.read('dvc.lock'))
    const entries = doc.getIn(['stages', stage, key]) as {
      items: Array<{ get(k: string): unknown; delete(k: string): boolean }>
    }
    const entry = entries.items.find((e) => e.get('path') === path)
    if (!entry?.delete('md5')) throw new Error(`no md5 for ${path} in ${stage}.${key}`)
    r.write({ 'dvc.lock': doc.toString() })
  }

/** The file rewritten with CRLF line ends. */
const crlf =
  (path: string): Mutation =>
  (r) =>
    void r.write({ [path]: r.read(path).replace(/\r?\n/g, '\r\n') })

/** What a checkout without `lfs: true` holds for a file tracked with Git LFS (the git-lfs v1 pointer). */
export const LFS_POINTER =
  'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n'

const newStage = (name: string, prompt: string, out: string, deps: string[]): string =>
  `  ${name}:\n    cmd: bash scripts/render_llm.sh --prompt ${prompt} --out ${out} --name ${name}\n` +
  `    deps:\n${[prompt, ...deps].map((d) => `    - ${d}\n`).join('')}    outs:\n    - ${out}:\n        cache: false\n`

// ---- states: [name, mutation, what DVC prints] ----------------------------

const docsStates: [string, Mutation, DvcJson][] = [
  ['clean repository (dir with nested and non-ASCII names, empty file dep)', () => {}, {}],
  [
    'edited dep at the root of a 3-level DAG: DVC reports only the first level',
    append('src/a.md', 'more\n'),
    { intro: [{ 'changed deps': { 'src/a.md': 'modified' } }] }
  ],
  ['deleted dep', remove('src/b.md'), { guide: [{ 'changed deps': { 'src/b.md': 'deleted' } }] }],
  ['deleted output', remove('docs/advanced.md'), { advanced: [{ 'changed outs': { 'docs/advanced.md': 'deleted' } }] }],
  [
    'edited output (leaf)',
    append('docs/advanced.md', 'hand edit\n'),
    { advanced: [{ 'changed outs': { 'docs/advanced.md': 'modified' } }] }
  ],
  [
    "edited output that is another stage's dep",
    append('docs/intro.md', 'hand edit\n'),
    {
      intro: [{ 'changed outs': { 'docs/intro.md': 'modified' } }],
      guide: [{ 'changed deps': { 'docs/intro.md': 'modified' } }]
    }
  ],
  [
    'edited prompt body',
    append('docs/guide.prompt.md', 'Be brief.\n'),
    { guide: [{ 'changed deps': { 'docs/guide.prompt.md': 'modified' } }] }
  ],
  [
    'edited frontmatter (model only)',
    replaceIn('docs/empty-notes.prompt.md', 'model: bc-v4.5-us', 'model: bc-v4-global'),
    { empty_notes: [{ 'changed deps': { 'docs/empty-notes.prompt.md': 'modified' } }] }
  ],
  [
    'new prompt with a stage missing from the lock (output present)',
    all(
      edit('docs/faq.prompt.md', '---\ndeps:\n- src/a.md\n---\nFAQ.\n'),
      edit('docs/faq.md', 'faq\n'),
      append('dvc.yaml', newStage('faq', 'docs/faq.prompt.md', 'docs/faq.md', ['src/a.md']))
    ),
    {
      faq: [
        { 'changed deps': { 'docs/faq.prompt.md': 'modified', 'src/a.md': 'modified' } },
        { 'changed outs': { 'docs/faq.md': 'modified' } }
      ]
    }
  ],
  [
    'new prompt with a stage missing from the lock (output not generated yet)',
    all(
      edit('docs/faq.prompt.md', 'FAQ.\n'),
      append('dvc.yaml', newStage('faq', 'docs/faq.prompt.md', 'docs/faq.md', ['src/missing.md']))
    ),
    {
      faq: [
        { 'changed deps': { 'docs/faq.prompt.md': 'modified', 'src/missing.md': 'deleted' } },
        { 'changed outs': { 'docs/faq.md': 'deleted' } }
      ]
    }
  ],
  [
    'existing stage removed from the lock',
    editYaml('dvc.lock', (d) => void d.deleteIn(['stages', 'advanced'])),
    {
      advanced: [
        { 'changed deps': { 'docs/advanced.prompt.md': 'modified', 'docs/guide.md': 'modified' } },
        { 'changed outs': { 'docs/advanced.md': 'modified' } }
      ]
    }
  ],
  ['changed command', replaceIn('dvc.yaml', '--name guide', '--name guide --fast'), { guide: ['changed command'] }],
  [
    'whitespace-only change in cmd',
    replaceIn('dvc.yaml', '--out docs/guide.md', '--out  docs/guide.md'),
    { guide: ['changed command'] }
  ],
  [
    'cmd unfolded onto one line (same string): clean',
    editYaml('dvc.yaml', (d) => {
      for (const name of ['intro', 'guide', 'advanced', 'data_tour', 'empty_notes'])
        d.setIn(['stages', name, 'cmd'], String(d.getIn(['stages', name, 'cmd'])))
      d.commentBefore = null
    }),
    {}
  ],
  ['dep removed from the stage (its lock entry stays): clean', replaceIn('dvc.yaml', '    - src/b.md\n', ''), {}],
  [
    'dep added to a stage',
    replaceIn('dvc.yaml', '    - src/a.md\n', '    - src/a.md\n    - src/b.md\n'),
    { intro: [{ 'changed deps': { 'src/b.md': 'modified' } }] }
  ],
  [
    'deps reordered in dvc.yaml: clean',
    replaceIn('dvc.yaml', '    - src/a.md\n    - src/shared.md\n', '    - src/shared.md\n    - src/a.md\n'),
    {}
  ],
  [
    'a dep shared by two stages edited',
    edit('src/shared.md', 'shared, edited\n'),
    {
      intro: [{ 'changed deps': { 'src/shared.md': 'modified' } }],
      data_tour: [{ 'changed deps': { 'src/shared.md': 'modified' } }]
    }
  ],
  [
    'always_changed stage',
    replaceIn('dvc.yaml', '  advanced:\n', '  advanced:\n    always_changed: true\n'),
    { advanced: ['always changed'] }
  ],
  [
    'stage with a command and nothing else',
    append('dvc.yaml', '  ping:\n    cmd: echo ping\n'),
    { ping: ['always changed'] }
  ],
  [
    'empty dep file gets content',
    edit('src/empty.md', 'now something\n'),
    { empty_notes: [{ 'changed deps': { 'src/empty.md': 'modified' } }] }
  ],
  [
    'empty dep file deleted',
    remove('src/empty.md'),
    { empty_notes: [{ 'changed deps': { 'src/empty.md': 'deleted' } }] }
  ],
  [
    'dir dep: file added deep inside',
    edit('src/data/nested/deep/new.md', 'new\n'),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  [
    'dir dep: non-ASCII file edited',
    append('src/data/nested/café ünïcode.md', 'edit\n'),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  [
    'dir dep: file removed',
    remove('src/data/日本/文書.md'),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  ['dir dep: empty folder added (no files change): clean', (r) => void mkdirSync(r.path('src/data/empty-folder')), {}],
  ['dir dep deleted', remove('src/data'), { data_tour: [{ 'changed deps': { 'src/data': 'deleted' } }] }],
  [
    'dir dep emptied, then recorded by dvc commit: clean',
    (r) => {
      r.remove('src/data')
      mkdirSync(r.path('src/data'))
      dvcCommit(r, ['data_tour'])
    },
    {}
  ],
  [
    'prompt file deleted (stage still in dvc.yaml)',
    remove('docs/advanced.prompt.md'),
    { advanced: [{ 'changed deps': { 'docs/advanced.prompt.md': 'deleted' } }] }
  ],
  [
    'dep and output both gone in one stage',
    all(remove('src/empty.md'), remove('docs/empty-notes.md')),
    {
      empty_notes: [
        { 'changed deps': { 'src/empty.md': 'deleted' } },
        { 'changed outs': { 'docs/empty-notes.md': 'deleted' } }
      ]
    }
  ],
  ['dep made executable (content unchanged): clean', (r) => chmodSync(r.path('src/a.md'), 0o755), {}],
  [
    'output rewritten with CRLF line ends (hash: md5 entry)',
    (r) => void r.write({ 'docs/guide.md': r.read('docs/guide.md').replace(/\n/g, '\r\n') }),
    {
      guide: [{ 'changed outs': { 'docs/guide.md': 'modified' } }],
      advanced: [{ 'changed deps': { 'docs/guide.md': 'modified' } }]
    }
  ],
  [
    'dep written ./src/a.md in dvc.yaml: DVC matches the normalised path, which has no lock entry',
    replaceIn('dvc.yaml', '    - src/a.md\n', '    - ./src/a.md\n'),
    { intro: [{ 'changed deps': { 'src/a.md': 'modified' } }] }
  ],
  [
    'trailing slash on a dir dep',
    replaceIn('dvc.yaml', '    - src/data\n', '    - src/data/\n'),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  [
    'file dep replaced by a symlink to another file',
    (r) => {
      r.remove('src/b.md')
      symlinkSync('a.md', r.path('src/b.md'))
    },
    { guide: [{ 'changed deps': { 'src/b.md': 'modified' } }] }
  ],
  [
    'file dep replaced by a directory',
    all(remove('src/b.md'), edit('src/b.md/inside.md', 'x\n')),
    { guide: [{ 'changed deps': { 'src/b.md': 'modified' } }] }
  ],
  [
    'dir dep replaced by a file',
    all(remove('src/data'), edit('src/data', 'x\n')),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  [
    'dir dep: symlink added inside',
    (r) => symlinkSync('../a.md', r.path('src/data/link.md')),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  [
    'dir dep: a .gitignore added inside counts',
    edit('src/data/.gitignore', 'x\n'),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  ['dir dep: a .git folder inside is skipped: clean', edit('src/data/.git/HEAD', 'x\n'), {}],
  // .dvcignore (DVC's gitignore-style rules, applied when it lists a directory)
  [
    '.dvcignore at the root hides a file inside a dir dep',
    edit('.dvcignore', '*.txt\n'),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  ['.dvcignore rule recorded by dvc commit: clean', all(edit('.dvcignore', '*.txt\n'), (r) => dvcCommit(r)), {}],
  [
    'file added under an ignored name after dvc commit: clean',
    all(
      edit('.dvcignore', '# build products\n\n*.txt\n*.log\n'),
      (r) => dvcCommit(r),
      edit('src/data/debug.log', 'x\n'),
      edit('src/data/nested/deep/other.txt', 'y\n')
    ),
    {}
  ],
  [
    'ignored folder: files inside added, edited, removed: clean',
    all(
      edit('.dvcignore', 'deep/\n'),
      (r) => dvcCommit(r),
      edit('src/data/nested/deep/new.md', 'n\n'),
      remove('src/data/nested/deep/leaf.txt')
    ),
    {}
  ],
  [
    'file not ignored edited after dvc commit with rules',
    all(edit('.dvcignore', '*.txt\n'), (r) => dvcCommit(r), append('src/data/top.md', 'more\n')),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  [
    'negated rule: the re-included file counts, the others do not',
    all(
      edit('src/.dvcignore', '*.md\n!top.md\n'),
      (r) => dvcCommit(r),
      append('src/data/nested/café ünïcode.md', 'x\n'),
      append('src/data/top.md', 'y\n')
    ),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  [
    'negated rule: an ignored file edited: clean',
    all(
      edit('src/.dvcignore', '*.md\n!top.md\n'),
      (r) => dvcCommit(r),
      append('src/data/nested/café ünïcode.md', 'x\n')
    ),
    {}
  ],
  [
    '.dvcignore in the folder above the dir dep, rules relative to it',
    all(edit('src/.dvcignore', 'nested/\n'), (r) => dvcCommit(r), edit('src/data/nested/new.md', 'x\n')),
    {}
  ],
  [
    '.dvcignore in the folder above the dir dep, before dvc commit',
    edit('src/.dvcignore', 'data/日本/\n'),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  [
    'anchored and ** rules: /src/data/top.md and **/deep',
    all(
      edit('.dvcignore', '/src/data/top.md\n**/deep\n'),
      (r) => dvcCommit(r),
      append('src/data/top.md', 'x\n'),
      edit('src/data/nested/deep/more.md', 'x\n')
    ),
    {}
  ],
  [
    'rules match case-sensitively: TOP.md does not hide top.md',
    all(edit('.dvcignore', 'TOP.md\n'), (r) => dvcCommit(r), append('src/data/top.md', 'x\n')),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  [
    'a rule that ignores the dir dep itself: DVC hashes it as empty',
    all(edit('.dvcignore', 'data/\n'), (r) => dvcCommit(r), append('src/data/top.md', 'x\n')),
    {}
  ],
  [
    'a file dep matched by .dvcignore is still a dep',
    all(edit('.dvcignore', 'a.md\n'), append('src/a.md', 'x\n')),
    { intro: [{ 'changed deps': { 'src/a.md': 'modified' } }] }
  ],
  [
    'a .dvcignore inside the dir dep that the root rules ignore: no error, not counted: clean',
    all(edit('.dvcignore', '.dvcignore\n'), edit('src/data/.dvcignore', 'top.md\n')),
    {}
  ],
  // issue 22 §1: a helper with no deps, always_changed, whose cache: false output a prompt stage reads
  [
    'helper with no deps, always changed, its output read by a document: DVC flags the helper alone',
    all(
      edit('src/fetched.json', '{"n": 1}\n'),
      append(
        'dvc.yaml',
        '  fetch:\n    cmd: curl -s https://example.invalid/n > src/fetched.json\n    outs:\n    - src/fetched.json:\n' +
          '        cache: false\n    always_changed: true\n' +
          newStage('counts', 'docs/counts.prompt.md', 'docs/counts.md', ['src/fetched.json'])
      ),
      edit('docs/counts.prompt.md', '---\ndeps:\n- src/fetched.json\n---\nCounts.\n'),
      edit('docs/counts.md', 'counts\n'),
      (r) => dvcCommit(r)
    ),
    { fetch: ['always changed'] }
  ],
  [
    'the same helper, its output changed since: DVC flags the helper and the document reading it',
    all(
      edit('src/fetched.json', '{"n": 1}\n'),
      append(
        'dvc.yaml',
        '  fetch:\n    cmd: curl -s https://example.invalid/n > src/fetched.json\n    outs:\n    - src/fetched.json:\n' +
          '        cache: false\n    always_changed: true\n' +
          newStage('counts', 'docs/counts.prompt.md', 'docs/counts.md', ['src/fetched.json'])
      ),
      edit('docs/counts.prompt.md', '---\ndeps:\n- src/fetched.json\n---\nCounts.\n'),
      edit('docs/counts.md', 'counts\n'),
      (r) => dvcCommit(r),
      edit('src/fetched.json', '{"n": 2}\n')
    ),
    {
      fetch: [{ 'changed outs': { 'src/fetched.json': 'modified' } }, 'always changed'],
      counts: [{ 'changed deps': { 'src/fetched.json': 'modified' } }]
    }
  ],
  // issue 22 §7: pipeline files committed with CRLF line ends (a Windows editor, core.autocrlf)
  // An entry without its md5 (a lock edited by hand or by a tool, an entry DVC
  // wrote for a file it could not hash): DVC reads the hash as unknown, the
  // file as modified (or deleted when gone); validate refused the whole lock.
  [
    'lock entry of a dep without md5: modified, as DVC reads it',
    dropMd5('intro', 'deps', 'src/a.md'),
    { intro: [{ 'changed deps': { 'src/a.md': 'modified' } }] }
  ],
  [
    'lock entry of a dep without md5, the dep gone: deleted',
    all(dropMd5('intro', 'deps', 'src/a.md'), remove('src/a.md')),
    { intro: [{ 'changed deps': { 'src/a.md': 'deleted' } }] }
  ],
  [
    'lock entry of an output without md5: modified',
    dropMd5('advanced', 'outs', 'docs/advanced.md'),
    { advanced: [{ 'changed outs': { 'docs/advanced.md': 'modified' } }] }
  ],
  [
    'lock entry of a folder dep without md5: modified',
    dropMd5('data_tour', 'deps', 'src/data'),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ],
  ['dvc.yaml and dvc.lock with CRLF line ends: clean', all(crlf('dvc.yaml'), crlf('dvc.lock')), {}],
  [
    'dvc.yaml and dvc.lock with CRLF line ends, a dep edited',
    all(crlf('dvc.yaml'), crlf('dvc.lock'), append('src/a.md', 'more\n')),
    { intro: [{ 'changed deps': { 'src/a.md': 'modified' } }] }
  ],
  [
    'a file inside a DVC sub-repository within a dir dep edited: DVC leaves the sub-repository out',
    all(
      edit('src/data/nested/.dvc/config', ''),
      (r) => dvcCommit(r),
      append('src/data/nested/deep/leaf.txt', 'more\n')
    ),
    {}
  ],
  // issue 22 §5: a source tracked with Git LFS, checked out without its LFS files
  [
    'a dep replaced by its Git LFS pointer',
    edit('src/b.md', LFS_POINTER),
    { guide: [{ 'changed deps': { 'src/b.md': 'modified' } }] }
  ],
  [
    'a file inside a dir dep replaced by its Git LFS pointer',
    edit('src/data/top.md', LFS_POINTER),
    { data_tour: [{ 'changed deps': { 'src/data': 'modified' } }] }
  ]
]

const legacyStates: [string, Mutation, DvcJson][] = [
  ['legacy entries, unchanged (CRLF text, binary, output): clean', () => {}, {}],
  ['legacy CRLF text turned to LF only: clean', (r) => void r.write({ 'src/windows.txt': 'line one\nline two\n' }), {}],
  ['legacy mixed file turned to all CRLF: clean', (r) => void r.write({ 'src/mixed.md': 'unix\r\nwindows\r\n' }), {}],
  [
    'legacy CRLF text edited',
    append('src/windows.txt', 'line three\r\n'),
    { assets: [{ 'changed deps': { 'src/windows.txt': 'modified' } }] }
  ],
  [
    'legacy binary: CRLF bytes inside binary are not converted',
    (r) => void r.write({ 'src/logo.png': Buffer.from(PNG.toString('latin1').replace(/\r\n/g, '\n'), 'latin1') }),
    { assets: [{ 'changed deps': { 'src/logo.png': 'modified' } }] }
  ],
  [
    'legacy binary edited',
    edit('src/logo.png', Buffer.concat([PNG, Buffer.from([0])])),
    { assets: [{ 'changed deps': { 'src/logo.png': 'modified' } }] }
  ],
  [
    'legacy file over 1 MiB turned to LF: the CR split by the chunk boundary was hashed, so modified',
    (r) => void r.write({ 'src/big.txt': BIG.replace(/\r\n/g, '\n') }),
    { assets: [{ 'changed deps': { 'src/big.txt': 'modified' } }] }
  ],
  [
    'legacy file over 1 MiB turned to LF except at the chunk boundary: clean',
    (r) => void r.write({ 'src/big.txt': 'a'.repeat(1048575) + '\r\n' + 'line\n'.repeat(300000) }),
    {}
  ],
  [
    'legacy output rewritten with CRLF: clean',
    (r) => void r.write({ 'docs/assets.md': r.read('docs/assets.md').replace(/\n/g, '\r\n') }),
    {}
  ]
]

// ---- harness ---------------------------------------------------------------

async function judge(base: TestRepo, mutate: Mutation): Promise<{ native: DvcJson; dvc: DvcJson }> {
  const repo = copyRepo(base)
  try {
    mutate(repo)
    const dvcYaml = await readDvcYaml(repo.root)
    if (!dvcYaml) throw new Error('dvc.yaml is missing')
    const native = toDvcJson(await nativeStatus(repo.root, dvcYaml, await readDvcLock(repo.root)))
    const dvc = toDvcJson(await dvcStatus(repo.root, { dvcPath }))
    return { native, dvc }
  } finally {
    repo.cleanup()
  }
}

describe('native engine = dvc status (Graft pipeline)', () => {
  let base: TestRepo
  beforeAll(() => {
    base = buildGraftRepo(docsSpec)
  })
  afterAll(() => base?.cleanup())

  test.each(docsStates)('%s', async (_name, mutate, expected) => {
    const { native, dvc } = await judge(base, mutate)
    expect(dvc).toEqual(expected)
    expect(native).toEqual(dvc)
  })
})

/** States both engines refuse: [name, mutation, what DVC says, what the native engine says]. */
const refusedStates: [string, Mutation, RegExp, RegExp][] = [
  [
    'a .dvcignore inside a dir dep',
    edit('src/data/nested/.dvcignore', 'x\n'),
    /\.dvcignore file should not be in collected dir path/,
    /^src\/data\/nested\/\.dvcignore: a \.dvcignore file inside a directory that a stage depends on or writes: DVC refuses it/
  ],
  [
    'an output matched by .dvcignore',
    edit('.dvcignore', '# generated\ndocs/guide.md\n'),
    /is ignored by \.dvcignore:2:docs\/guide\.md/,
    /^\.dvcignore:2: output docs\/guide\.md of stage guide is ignored by \.dvcignore:2 \(docs\/guide\.md\); DVC refuses/
  ],
  [
    'an output inside a folder a nested .dvcignore ignores',
    edit('docs/.dvcignore', '*.md\n!*.prompt.md\n'),
    /is ignored by docs\/\.dvcignore:1:\*\.md/,
    /^docs\/\.dvcignore:1: output docs\/\w+\.md of stage \w+ is ignored by docs\/\.dvcignore:1 \(\*\.md\)/
  ]
]

describe('native engine and dvc status refuse the same .dvcignore mistakes', () => {
  let base: TestRepo
  beforeAll(() => {
    base = buildGraftRepo(docsSpec)
  })
  afterAll(() => base?.cleanup())

  test.each(refusedStates)('%s', async (_name, mutate, dvcSays, nativeSays) => {
    const repo = copyRepo(base)
    try {
      mutate(repo)
      const dvcYaml = (await readDvcYaml(repo.root))!
      const native = await nativeStatus(repo.root, dvcYaml, await readDvcLock(repo.root)).then(
        () => 'no error',
        (e: Error) => e.message
      )
      const dvc = await dvcStatus(repo.root, { dvcPath }).then(
        () => 'no error',
        (e: Error) => e.message
      )
      expect(dvc).toMatch(dvcSays)
      expect(native).toMatch(nativeSays)
    } finally {
      repo.cleanup()
    }
  })
})

/** .dvcignore setups under which generate's lock entry for the dir dep must be the one `dvc commit` writes. */
const ignoreSetups: [string, Record<string, string>][] = [
  ['no rules', {}],
  [
    'root rules with a comment, a blank line and a negation',
    { '.dvcignore': '# x\n\n*.txt\n/src/data/**/*.md\n!top.md\n' }
  ],
  ['rules in the parent folder, relative to it', { 'src/.dvcignore': 'data/nested/\n' }],
  [
    'root and parent rules, the parent re-including',
    { '.dvcignore': '/src/**/*.md\n', 'src/.dvcignore': '!data/日本/*.md\n' }
  ],
  ['the whole dir ignored', { '.dvcignore': 'src/data\n' }],
  // a folder holding `.dvc` is a DVC sub-repository (`dvc init --subdir`): DVC leaves it out whole
  ['a DVC sub-repository inside the dir', { 'src/data/nested/.dvc/config': '' }],
  ['a `.dvc` file in a subfolder of the dir', { 'src/data/nested/.dvc': '' }],
  ['a `.dvc` file in the dir itself (below the root, DVC hashes it with the rest)', { 'src/data/.dvc': '' }]
]

describe("generate's lock entries = the ones dvc commit writes (.dvcignore honoured)", () => {
  let base: TestRepo
  beforeAll(() => {
    base = buildGraftRepo(docsSpec)
  })
  afterAll(() => base?.cleanup())

  test.each(ignoreSetups)('%s', async (_name, files) => {
    const repo = copyRepo(base)
    try {
      repo.write({ ...files, 'src/data/extra.log': 'log\n' })
      dvcCommit(repo, ['data_tour'])
      const recorded = (await readDvcLock(repo.root))!.stages.get('data_tour')!.deps.find((d) => d.path === 'src/data')
      const ours = await lockEntryFor(repo.root, 'src/data')
      expect(recorded).toBeDefined()
      expect(ours).toEqual(recorded)
    } finally {
      repo.cleanup()
    }
  })
})

describe('native engine = dvc status (legacy DVC 2 lock entries)', () => {
  let base: TestRepo
  beforeAll(() => {
    base = buildGraftRepo(legacySpec)
    makeLegacyEntries(base, ['src/big.txt', 'src/windows.txt', 'src/logo.png', 'src/mixed.md', 'docs/assets.md'])
    base.commit('lock entries as DVC 2 wrote them')
  })
  afterAll(() => base?.cleanup())

  test.each(legacyStates)('%s', async (_name, mutate, expected) => {
    const { native, dvc } = await judge(base, mutate)
    expect(dvc).toEqual(expected)
    expect(native).toEqual(dvc)
  })
})

// ---- issue 22 §4: names inside a folder dep are data for DVC's hash -----------

/** File names DVC hashes as they are: control characters, U+007F, a newline, a backslash, quotes, NEL, LS, a BOM, edge spaces, NFC and NFD. */
const ODD_NAMES = [
  'del\u007fname.md',
  'ctl\u0001.md',
  'new\nline.md',
  'tab\tname.md',
  'cr\rname.md',
  'back\\slash.md',
  'quote"s.md',
  "apo's.md",
  'nel\u0085.md',
  'ls\u2028.md',
  '\ufeffbom.md',
  ' lead.md',
  'trail .md',
  'emoji\u{1f600}.md',
  'caf\u00e9.md',
  'cafe\u0301.md',
  'sub dir/x\u007f.md'
]
const oddSpec: GraftRepoSpec = {
  sources: Object.fromEntries(ODD_NAMES.map((n) => [`src/odd/${n}`, `${JSON.stringify(n)}\n`])),
  prompts: [{ path: 'docs/odd.prompt.md', deps: ['src/odd'], body: 'Describe the odd files.\n' }]
}
const oddChanged = { odd: [{ 'changed deps': { 'src/odd': 'modified' } }] }
const oddStates: [string, Mutation, DvcJson][] = [
  ['odd names, unchanged: clean', () => {}, {}],
  ['a file named with U+007F edited', append('src/odd/del\u007fname.md', 'x\n'), oddChanged],
  ['a file named with a newline added', edit('src/odd/another\nnewline.md', 'x\n'), oddChanged],
  ['a file named with a backslash removed', remove('src/odd/back\\slash.md'), oddChanged],
  ['the NFD name edited, the NFC one not', append('src/odd/cafe\u0301.md', 'x\n'), oddChanged]
]

describe('native engine = dvc status, and validate = DVC, on odd names inside a folder dep (issue 22 §4)', () => {
  let base: TestRepo
  beforeAll(() => {
    base = buildGraftRepo(oddSpec)
  })
  afterAll(() => base?.cleanup())

  test.each(oddStates)('%s', async (_name, mutate, expected) => {
    const { native, dvc } = await judge(base, mutate)
    expect(dvc).toEqual(expected)
    expect(native).toEqual(dvc)
    // validate (the resolver, which judges every name inside the folder) agrees
    const repo = copyRepo(base)
    try {
      mutate(repo)
      const report = await validate({ root: repo.root, engine: 'native', dvc: noDvc, log: silentLog })
      expect(report.stale.map((d) => d.stage)).toEqual(Object.keys(expected))
    } finally {
      repo.cleanup()
    }
  })

  it("generate's lock entry for the folder is the one dvc commit writes", async () => {
    const repo = copyRepo(base)
    try {
      repo.write({ 'src/odd/one more\u0002.md': 'y\n' })
      dvcCommit(repo, ['odd'])
      const recorded = (await readDvcLock(repo.root))!.stages.get('odd')!.deps.find((d) => d.path === 'src/odd')
      expect(recorded?.nfiles).toBe(ODD_NAMES.length + 1)
      expect(await lockEntryFor(repo.root, 'src/odd')).toEqual(recorded)
    } finally {
      repo.cleanup()
    }
  })

  it('a name that is not UTF-8: DVC fails on the folder; validate refuses it, naming the file, before any hashing', async () => {
    const repo = copyRepo(base)
    try {
      writeFileSync(
        Buffer.concat([Buffer.from(repo.path('src/odd/')), Buffer.from([0x62, 0xff, 0x2e, 0x6d, 0x64])]),
        'z\n'
      )
      await expect(dvcStatus(repo.root, { dvcPath })).rejects.toThrow(/surrogates not allowed/)
      await expect(validate({ root: repo.root, engine: 'native', dvc: noDvc, log: silentLog })).rejects.toThrow(
        /src\/odd\/b\\xff\.md has a file name that is not valid UTF-8 .*DVC cannot hash a folder holding it.*rename the file/
      )
    } finally {
      repo.cleanup()
    }
  })
})

// ---- issue 22 §3 and issue 19 §4: stage names and paths as our writers put them in dvc.yaml -------

/** Prompt files whose names DVC takes as stage names, and YAML or a shell would read otherwise. */
const ODD_PROMPTS = [
  'docs/api.v2.prompt.md',
  'docs/notes [v2].prompt.md',
  'docs/a=b.prompt.md',
  'docs/with space.prompt.md',
  'docs/<<.prompt.md',
  'docs/0o7.prompt.md',
  'docs/1_000.prompt.md',
  'docs/true.prompt.md',
  'docs/$(touch x).prompt.md',
  'docs/-lead.prompt.md',
  "docs/it's.prompt.md",
  'docs/caf\u00e9.prompt.md',
  'docs/._.prompt.md',
  'docs/#hash.prompt.md'
]

/** A repository whose dvc.yaml our writer wrote (addStagesToDvcYaml) and whose dvc.lock the real DVC recorded. */
function oddStageRepo(): TestRepo {
  const repo = TestRepo.create({ '.gitignore': '/.dvc/\n', 'src/s.md': 'source\n', 'src/x y.md': 'spaced source\n' })
  const prompts = ODD_PROMPTS.map((path, i) => {
    const text = `---\ndeps:\n- ${i % 2 ? 'src/s.md' : '"src/x y.md"'}\n---\nWrite it.\n`
    repo.write({ [path]: text })
    return parsePrompt(path, text)
  })
  for (const p of prompts)
    repo.write({
      [p.out]: `<!-- Generated by Graft | model=m | sig=${'a'.repeat(64)} | rev=workspace | 2026-01-01 -->\n# ${p.stageName}\n`
    })
  repo.write({
    'dvc.yaml': addStagesToDvcYaml(
      undefined,
      prompts.map((p) => graftStage(p))
    )
  })
  dvcCommit(repo)
  repo.commit('odd stage names')
  return repo
}

describe('native engine = dvc status, and validate = DVC, with stage names and paths that YAML or a shell reads otherwise', () => {
  let base: TestRepo
  beforeAll(() => {
    base = oddStageRepo()
  })
  afterAll(() => base?.cleanup())

  const states: [string, Mutation, DvcJson][] = [
    ['clean', () => {}, {}],
    [
      'the spaced source edited',
      append('src/x y.md', 'more\n'),
      Object.fromEntries(
        ODD_PROMPTS.filter((_p, i) => i % 2 === 0).map((p) => [
          parsePrompt(p, '').stageName,
          [{ 'changed deps': { 'src/x y.md': 'modified' } }]
        ])
      )
    ],
    [
      'the prompt of stage << edited',
      append('docs/<<.prompt.md', 'More.\n'),
      { '<<': [{ 'changed deps': { 'docs/<<.prompt.md': 'modified' } }] }
    ]
  ]

  test.each(states)('%s', async (_name, mutate, expected) => {
    const { native, dvc } = await judge(base, mutate)
    expect(dvc).toEqual(expected)
    expect(native).toEqual(dvc)
    const repo = copyRepo(base)
    try {
      mutate(repo)
      const report = await validate({ root: repo.root, engine: 'native', dvc: noDvc, log: silentLog })
      expect(report.stale.map((d) => d.stage).sort()).toEqual(Object.keys(expected).sort())
    } finally {
      repo.cleanup()
    }
  })
})

describe('validate on a lock entry without md5 (DVC reads it as of unknown hash)', () => {
  let base: TestRepo
  beforeAll(() => {
    base = buildGraftRepo(docsSpec)
  })
  afterAll(() => base?.cleanup())

  it('the output is stale as DVC says, and not called a hand edit (hand-edits: fail does not refuse it)', async () => {
    const repo = copyRepo(base)
    try {
      dropMd5('advanced', 'outs', 'docs/advanced.md')(repo)
      for (const engine of ['native', 'dvc'] as const) {
        const report = await validate({
          root: repo.root,
          engine,
          handEdits: 'fail',
          dvc: engine === 'dvc' ? { find: async () => dvcPath, install: async () => dvcPath } : noDvc,
          log: silentLog
        })
        expect([engine, report.stale.map((d) => [d.stage, d.reasons.map((r) => r.text)])]).toEqual([
          engine,
          [['advanced', ['output docs/advanced.md has no md5 in dvc.lock']]]
        ])
      }
    } finally {
      repo.cleanup()
    }
  })
})
