// The README's inputs and outputs tables document every input and output of
// every action.yml, and nothing else; the action files agree with each other.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../support/action-runner.js'

interface ActionFile {
  name: string
  description: string
  author: string
  branding: { icon: string; color: string }
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

const actionFiles = ['action.yml', 'validate/action.yml', 'generate/action.yml']
const actions = Object.fromEntries(
  actionFiles.map((f) => [f, parse(readFileSync(join(PROJECT_ROOT, f), 'utf8')) as ActionFile])
)
const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')

/** First-column names of the Markdown table under a `## heading`. */
function tableNames(heading: string): string[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith(heading))
  if (!section) throw new Error(`README has no "## ${heading}" section`)
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1])
}

describe('action.yml files', () => {
  it.each(actionFiles)(
    '%s carries name, description, author, branding, node20, and describes every input and output',
    (file) => {
      const a = actions[file]
      expect(a.name).toBeTruthy()
      expect(a.description).toBeTruthy()
      expect(a.author).toBeTruthy()
      expect(a.branding.icon).toBeTruthy()
      expect(a.runs.using).toBe('node20')
      for (const [name, input] of Object.entries(a.inputs))
        expect([name, input.description?.length > 10]).toEqual([name, true])
      for (const [name, output] of Object.entries(a.outputs))
        expect([name, output.description?.length > 10]).toEqual([name, true])
    }
  )

  it('an input shared by several actions has one default everywhere', () => {
    const defaults = new Map<string, string | undefined>()
    for (const a of Object.values(actions)) {
      for (const [name, input] of Object.entries(a.inputs)) {
        if (defaults.has(name)) expect([name, input.default]).toEqual([name, defaults.get(name)])
        else defaults.set(name, input.default)
      }
    }
  })

  it('the README documents every input and output, and nothing else', () => {
    const inputs = new Set(Object.values(actions).flatMap((a) => Object.keys(a.inputs)))
    const outputs = new Set(Object.values(actions).flatMap((a) => Object.keys(a.outputs)))
    expect(tableNames('Inputs').sort()).toEqual([...inputs].sort())
    expect(tableNames('Outputs').sort()).toEqual([...outputs].sort())
  })
})
