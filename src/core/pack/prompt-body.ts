// The prompt body as Graft sees it: everything after the frontmatter's closing
// `---` line. Used for the prompt at the baseline, which may no longer parse
// as the current prompt parser expects (old YAML), so no YAML is read here.

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n/

export function promptBody(text: string): string {
  const match = FRONTMATTER.exec(text)
  return match ? text.slice(match[0].length) : text
}
