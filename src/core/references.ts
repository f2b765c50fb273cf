// Text a forge reads for more than its words. In a commit message, a pull
// request's title or the plain text of a comment, GitHub (and GitLab, Gitea)
// turns `@name` and `@org/team` into a mention that notifies, `#12`, `GH-12` and
// `owner/repo#12` into references (after "fixes" or "closes", into a closing
// keyword that closes the issue when the commit lands), `www.…`, `scheme://…`
// and e-mail addresses into links, and `:rocket:` into an emoji. Repository
// text (a file name, a stage name) must do none of that when the action writes
// it there: a zero-width space where each would begin breaks every one,
// invisibly (`@` must be followed by a letter or digit, `www.` and `://` must
// be contiguous, `#` must be followed by a digit, an emoji's name must touch
// both colons). Renovate and Dependabot break mentions the same way.
import { escapeControls } from './log.js'

/** The zero-width space: invisible, and no mention, reference or autolink runs across it. */
export const ZWSP = '\u200b'

const MENTION_OR_EMAIL = /@(?=[\p{L}\p{N}_])/gu
const WWW = /(www)(\.)/gi
const SCHEME = /:(?=\/\/)/g
const REFERENCE = /(#|\bGH-)(?=\d)/gi
/** `:name:` as GitHub's emoji shortcodes are written (`:rocket:`, `:+1:`, `:shipit:`): shown as a picture, not the name. */
const EMOJI = /:(?=[a-z0-9_+-]+:)/g

/** `text` with every mention, e-mail address, issue reference and autolink broken by a zero-width space. */
export function breakReferences(text: string): string {
  return text
    .replace(MENTION_OR_EMAIL, `@${ZWSP}`)
    .replace(WWW, `$1${ZWSP}$2`)
    .replace(SCHEME, `:${ZWSP}`)
    .replace(REFERENCE, `$1${ZWSP}`)
    .replace(EMOJI, `:${ZWSP}`)
}

/**
 * Repository text on one line of a forge's plain text (a commit message, a
 * pull request's title): what hides or reorders what a reader sees (a bidi
 * override, a line break or separator) as an escape, and every reference broken.
 */
export function inertLine(text: string): string {
  return breakReferences(escapeControls(text))
}
