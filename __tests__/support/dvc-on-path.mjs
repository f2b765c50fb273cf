// Global setup of the suites that run the real DVC (the dvc and e2e projects
// in jest.config.js; the unit project needs none): puts a real DVC on PATH,
// the one already there, else the project's own virtual environment
// (.venv-dvc), created on first use.
// Plain JavaScript: jest loads globalSetup without the TypeScript transform.
import { execFileSync } from 'node:child_process'
import { accessSync, constants, existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

export default function dvcOnPath() {
  if (onPath('dvc')) return
  const venv = fileURLToPath(new URL('../../.venv-dvc', import.meta.url))
  if (!existsSync(join(venv, 'bin', 'dvc'))) {
    process.stderr.write('\nInstalling DVC 3 into .venv-dvc for the tests (once)…\n')
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' })
    execFileSync(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', 'dvc==3.*'], {
      stdio: 'inherit'
    })
  }
  process.env.PATH = `${join(venv, 'bin')}${delimiter}${process.env.PATH ?? ''}`
}
