// For the fast line readers: is a one-line plain scalar certainly read back
// by the `yaml` package as this same string? Deliberately narrow (a safe
// character set, no `: ` or ` #` possible); anything else answers false and
// the caller falls back to the full parser, which settles every other case.
import { Schema } from 'yaml'

/** The schemas the readers parse with: dvc.yaml and dvc.lock (YAML 1.2 core), frontmatter (YAML 1.1). */
export type PlainSchema = 'core' | 'yaml-1.1'

/** Starts like no indicator (a `-` only before a non-space), holds no `:`, `#`, quote, `$` or tab, ends with no space. */
const SAFE_TEXT = /^(?:[A-Za-z0-9_./]|-(?=[^ ]))[A-Za-z0-9_./ +=,()@~%-]*$/

/** The default tags the parser tries on a plain scalar, in its order: none may match. */
const IMPLICIT_TESTS: Record<PlainSchema, RegExp[]> = {
  core: implicitTests('core'),
  'yaml-1.1': implicitTests('yaml-1.1')
}

function implicitTests(schema: PlainSchema): RegExp[] {
  return new Schema({ schema }).tags.flatMap((tag) => (tag.default && tag.test ? [tag.test] : []))
}

/** True only when `text`, written plain (as a value or a key), reads back as this same string. */
export function isSafePlain(text: string, schema: PlainSchema): boolean {
  if (!SAFE_TEXT.test(text) || text.endsWith(' ')) return false
  for (const test of IMPLICIT_TESTS[schema]) if (test.test(text)) return false
  return true
}

/** A continuation line of a folded plain scalar, trimmed: safe text that does not start like a list item. */
export function isSafePlainLine(trimmed: string): boolean {
  return SAFE_TEXT.test(trimmed) && !trimmed.endsWith(' ')
}
