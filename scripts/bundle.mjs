// Rebuilds every ncc bundle in dist/ from src/. One bundle per entrypoint, so
// the validate bundle never carries the AWS SDK.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

const entries = {
  main: 'src/action/main.ts',
  validate: 'src/action/validate.ts',
  generate: 'src/action/generate.ts',
  cli: 'src/cli/index.ts'
}

const only = process.argv.slice(2)
for (const [name, entry] of Object.entries(entries)) {
  if (only.length > 0 && !only.includes(name)) continue
  rmSync(`dist/${name}`, { recursive: true, force: true })
  execFileSync(
    'npx',
    ['ncc', 'build', entry, '-o', `dist/${name}`, '--license', 'licenses.txt', '--transpile-only', '--quiet'],
    { stdio: 'inherit' }
  )
}
