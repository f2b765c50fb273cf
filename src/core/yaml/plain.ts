// For the fast line readers: is a one-line plain scalar certainly read back
// by the `yaml` package as this same string? Deliberately narrow (a safe
// character set, no `: ` or ` #` possible); anything else answers false and
// the caller falls back to the full parser, which settles every other case.
import { Schema } from 'yaml'

/** The schemas the readers parse with: dvc.yaml and dvc.lock (YAML 1.2 core), frontmatter (YAML 1.1). */
export type PlainSchema = 'core' | 'yaml-1.1'

/** Starts like no indicator (a `-` only before a non-space), holds no `:`, `#`, quote, `$` or tab, ends with no space. */
const SAFE_TEXT = /^(?:[A-Za-z0-9_./]|-(?=[^ ]))[A-Za-z0-9_./ +=,()@~%-]*$/

/** The default tags the parser tries on a plain scalar: none may match. */
const IMPLICIT: Record<PlainSchema, (text: string) => boolean> = {
  core: implicitTest('core'),
  'yaml-1.1': implicitTest('yaml-1.1')
}

/** The tags' own tests, joined into one alternation when they allow it (one match instead of one per tag). */
function implicitTest(schema: PlainSchema): (text: string) => boolean {
  const tests = new Schema({ schema }).tags.flatMap((tag) => (tag.default && tag.test ? [tag.test] : []))
  if (tests.some((t) => t.flags !== '')) return (text) => tests.some((t) => t.test(text))
  const joined = new RegExp(tests.map((t) => `(?:${t.source})`).join('|'))
  return (text) => joined.test(text)
}

/** True only when `text`, written plain (as a value or a key), reads back as this same string. */
export function isSafePlain(text: string, schema: PlainSchema): boolean {
  return SAFE_TEXT.test(text) && !text.endsWith(' ') && !IMPLICIT[schema](text)
}

/**
 * An implicit key's longest length: the `:` must come at most 1024
 * characters after the key's start (YAML 1.2 §7.4.2; the `yaml` package
 * counts UTF-16 code units, ruamel refuses longer keys too).
 */
export const IMPLICIT_KEY_MAX = 1024

/** True only when `text`, written plain as a mapping key, reads back as this same string. */
export function isSafePlainKey(text: string, schema: PlainSchema): boolean {
  return text.length <= IMPLICIT_KEY_MAX && isSafePlain(text, schema)
}

/** A continuation line of a folded plain scalar, trimmed: safe text that does not start like a list item. */
export function isSafePlainLine(trimmed: string): boolean {
  return SAFE_TEXT.test(trimmed) && !trimmed.endsWith(' ')
}

/**
 * A plain scalar that ruamel (DVC's YAML reader) takes for a binary integer,
 * where YAML 1.2's core schema (the `yaml` package) sees a string (ruamel's
 * resolver, YAML 1.2 mode: `0b` and binary digits).
 */
export const RUAMEL_BINARY = /^[-+]?0b[01_]+$/
