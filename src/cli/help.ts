// Every --help page in one layout: the usage line, what the command does, and
// tables whose descriptions start in one column (a name too long for it gets
// its description on the next line). Headings in bold on a terminal.
import { out } from './style.js'

/** The column descriptions start at; longer names wrap. */
const COLUMN = 30

/** [option or command, what it does]; a description may hold line breaks. */
export type HelpRow = [string, string]

export interface HelpPage {
  usage: string
  about?: string
  sections: Array<{ heading: string; rows: HelpRow[] }>
  footer?: string
}

export function helpPage(page: HelpPage): string {
  const lines = [`${out.bold('Usage:')} ${page.usage}`]
  if (page.about) lines.push('', page.about)
  for (const section of page.sections) {
    lines.push('', out.bold(`${section.heading}:`))
    for (const [name, description] of section.rows) {
      const [first, ...rest] = description.split('\n')
      const left = `  ${name}`
      if (left.length + 2 <= COLUMN) lines.push(`${left.padEnd(COLUMN)}${first}`)
      else lines.push(left, `${' '.repeat(COLUMN)}${first}`)
      for (const more of rest) lines.push(`${' '.repeat(COLUMN)}${more}`)
    }
  }
  if (page.footer) lines.push('', page.footer)
  return `${lines.join('\n')}\n`
}

/** The -C and -h rows every command ends with. */
export const COMMON_ROWS: HelpRow[] = [
  ['-C, --cwd <dir>', 'repository root (default: the current directory)'],
  ['-h, --help', 'show this help']
]
