// Fixture of hygiene.test.ts: a file that lets workflow commands through, on
// stdout, through console (indented: the runner trims), and in the message of
// a failing test.
import { expect, test } from '@jest/globals'

test('prints workflow commands', () => {
  process.stdout.write('::add-mask::hunter2\n')
  console.log('  ::error file=a.md::broken')
  console.log('a line with :: in it, not a command')
  expect(true).toBe(true)
})

test('fails, quoting what the code printed', () => {
  throw new Error('the run printed:\n::warning::quoted in a failure')
})
