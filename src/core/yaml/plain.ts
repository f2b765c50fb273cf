// For the fast line readers: is a one-line plain scalar certainly read back
// by the `yaml` package as this same string? Deliberately narrow (a safe
// character set, no `: ` or ` #` possible); anything else answers false and
// the caller falls back to the full parser, which settles every other case.
import { Schema, type Tags } from 'yaml'

/** The schemas the readers parse with: dvc.yaml and dvc.lock (YAML 1.2 core), frontmatter (YAML 1.1 as PyYAML reads it). */
export type PlainSchema = 'core' | 'yaml-1.1'

/**
 * PyYAML's implicit resolvers (yaml/resolver.py), Graft's reader of the
 * frontmatter, where the `yaml` package's YAML 1.1 schema reads more: it
 * takes `y`/`n` for bools, `.`, `._` and `+.` for floats (null on output),
 * `1e3` and `09` for numbers, where PyYAML, and so Graft, reads strings. Keyed
 * by the tag and its format.
 */
const PYYAML_TESTS: Record<string, RegExp> = {
  'bool:true': /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  'bool:false': /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  'int:': /^[-+]?(?:0|[1-9][0-9_]*)$/,
  'int:TIME': /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/,
  'float:': /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/,
  'float:EXP': /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*[eE][-+][0-9]+|\.[0-9][0-9_]*[eE][-+][0-9]+)$/,
  'timestamp:':
    /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/
}

/**
 * The `yaml` package's YAML 1.1 tags narrowed to PyYAML's resolvers (a
 * `customTags` for every YAML 1.1 parse and stringify): the frontmatter is
 * read as Graft reads it, so `deps: [.]` is the path `.`, not null.
 */
export function pyyamlTags(tags: Tags): Tags {
  return tags.map((tag) => {
    if (typeof tag === 'string' || !('test' in tag) || !tag.test || !tag.default) return tag
    const kind = tag.tag.replace('tag:yaml.org,2002:', '')
    if (kind === 'float' && tag.test.source.includes('inf')) return tag // .inf and .nan: as PyYAML
    const key =
      kind === 'bool' ? `bool:${tag.test.source.includes('rue') ? 'true' : 'false'}` : `${kind}:${tag.format ?? ''}`
    const test = PYYAML_TESTS[key]
    return test ? { ...tag, test } : tag
  })
}

/** Starts like no indicator (a `-` only before a non-space), holds no `:`, `#`, quote, `$` or tab, ends with no space. */
const SAFE_TEXT = /^(?:[A-Za-z0-9_./]|-(?=[^ ]))[A-Za-z0-9_./ +=,()@~%-]*$/

/** The default tags the parser tries on a plain scalar: none may match. */
const IMPLICIT: Record<PlainSchema, (text: string) => boolean> = {
  core: implicitTest('core'),
  'yaml-1.1': implicitTest('yaml-1.1')
}

/** The tags' own tests, joined into one alternation when they allow it (one match instead of one per tag). */
function implicitTest(schema: PlainSchema): (text: string) => boolean {
  const tags = new Schema(schema === 'core' ? { schema } : { schema, customTags: pyyamlTags }).tags
  const tests = tags.flatMap((tag) => (tag.default && tag.test ? [tag.test] : []))
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

/**
 * ruamel.yaml's implicit resolvers for YAML 1.2 (DVC's reader of dvc.yaml
 * and dvc.lock): a plain scalar one of these matches is not a string to DVC
 * (a number, a bool, null, a date, a merge key `<<`, the value key `=`), or
 * makes it fail (`._` is a float that does not convert). Copied from
 * ruamel/yaml/resolver.py (0.18/0.19), each guarded by the first characters
 * ruamel tries it for.
 */
const RUAMEL_NON_STRING = [
  /^(?:true|True|TRUE|false|False|FALSE)$/,
  /^(?=[-+0-9.])(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?=[-+0-9])(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/,
  /^(?:<<|~|null|Null|NULL|=|!|&|\*|)$/,
  /^(?:[0-9]{4}-[0-9][0-9]-[0-9][0-9]|[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/
]

/**
 * Whether a plain scalar of this text is a string to both readers of the
 * pipeline files: DVC's (ruamel, YAML 1.2) and ours (the `yaml` package's
 * 1.2 core schema). Only the type is judged here; whether the text can be
 * plain at all (indicators, `: `, ` #`, edges) is the emitter's business.
 * The writers quote whatever fails this, so `<<`, `0o7`, `1_000`, `.1e1`,
 * `._` or `2001-12-14` never change meaning on the way to DVC.
 */
export function plainIsString(text: string): boolean {
  return !RUAMEL_NON_STRING.some((re) => re.test(text)) && !IMPLICIT.core(text)
}
