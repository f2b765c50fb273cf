// Writes the workflows the documentation shows (the ```yaml blocks of README.md
// and docs/*.md that have `jobs:`, the same rule as __tests__/project/workflows.test.ts)
// to files in a folder, so the workflow linters can check them as they check
// examples/workflows/:  node scripts/workflow-snippets.mjs <folder>
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = process.argv[2]
if (!out) {
  console.error('usage: node scripts/workflow-snippets.mjs <folder>')
  process.exit(2)
}
mkdirSync(out, { recursive: true })
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`)
]
let written = 0
for (const page of pages) {
  const blocks = [...readFileSync(join(root, page), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1])
  blocks
    .filter((yaml) => /^jobs:/m.test(yaml))
    .forEach((yaml, i) => {
      writeFileSync(join(out, `${page.replace(/[^A-Za-z0-9]+/g, '-')}-${i + 1}.yml`), yaml)
      written += 1
    })
}
console.log(`${written} workflow(s) from README.md and docs/ written to ${out}`)
