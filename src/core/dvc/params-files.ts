// The files dvc.yaml makes DVC read: deps and outs as dvc.yaml writes them
// (a URL dep would make DVC reach the network), `vars:` files (at the top and
// in a stage), params files (a stage's `params:`, the default params.yaml), and
// the folder a stage's `wdir:` moves its paths to. DVC reads
// whatever they name — an absolute path or `../..` reaches any file of the
// runner, and its values then appear as dep paths in the report (a stage dep
// written `${key}`), or its lines in DVC's error when it does not parse. Each
// goes through the resolver as a repository dep before DVC starts; YAML ones
// are measured for alias bombs (DVC would expand them without end).
import { posix } from 'node:path'
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml'
import type { Problem } from '../errors.js'
import { readRegularFile, type RepoPathChecker } from '../paths.js'
import { pairKey, refuseYamlBombs, scalarString, type YamlSource } from '../yaml/source.js'

/** A file (or folder) dvc.yaml makes DVC read, and where dvc.yaml names it. */
interface FileRef {
  /** as written */
  written: string
  /** the folder it is relative to ('' for dvc.yaml's own) */
  wdir: string
  line?: number
  /** what names it: "vars", "params of stage train", "wdir of stage train" */
  what: string
  /** a dep or out: a folder's entries are checked too, as DVC hashes them */
  tree?: boolean
}

/** DVC's default params file, read from each stage's wdir when present. */
const DEFAULT_PARAMS = 'params.yaml'
const HINT =
  'name files inside the repository with paths relative to dvc.yaml (no absolute path, no `..` leaving the repository, no symlink out of it)'

/**
 * Every vars/params file and wdir folder dvc.yaml (parsed as `src`) makes DVC
 * read, checked with `paths`; YAML files among them are read and measured.
 * @returns the problems, each naming dvc.yaml and the line (or the file read)
 */
export function paramsFileProblems(src: YamlSource, paths: RepoPathChecker): Problem[] {
  const problems: Problem[] = []
  for (const ref of fileRefs(src, problems)) {
    const problem = refProblem(ref, paths)
    if (problem) problems.push(problem)
  }
  return problems
}

function fileRefs(src: YamlSource, problems: Problem[]): FileRef[] {
  const top = src.doc.contents
  if (!isMap(top)) return []
  const refs: FileRef[] = [{ written: DEFAULT_PARAMS, wdir: '', what: 'the default params file' }]
  refs.push(...varsRefs(src, top.get('vars', true), '', 'vars'))
  // top-level params: the params files `dvc params diff` and experiments read
  refs.push(...listRefs(src, top.get('params', true), '', 'params'))
  const stages = top.get('stages', true)
  if (!isMap(stages)) return refs
  for (const pair of stages.items) {
    const name = pairKey(pair)
    const body = pair.value
    if (!isMap(body)) continue
    // foreach: the stage is its `do:` template; matrix: the body itself
    const template = body.has('foreach') ? body.get('do', true) : body
    if (!isMap(template)) continue
    refs.push(...stageRefs(src, name, template, problems))
  }
  return refs
}

function stageRefs(src: YamlSource, name: string, body: YAMLMap, problems: Problem[]): FileRef[] {
  const refs: FileRef[] = []
  const wdirNode = body.get('wdir', true) as Node | undefined
  let wdir = ''
  if (wdirNode !== undefined) {
    const written = scalarString(wdirNode)
    const line = src.lineOf(wdirNode)
    if (written === undefined || written.includes('${')) {
      problems.push({
        file: src.file,
        line,
        message: `refusing to run DVC: the wdir of stage ${name} ${written === undefined ? 'is not a path' : 'is written with ${…}'}, so where DVC would read its files cannot be checked before it runs`,
        hint: 'write wdir as a plain folder path inside the repository'
      })
      return refs
    }
    refs.push({ written, wdir: '', line, what: `the wdir of stage ${name}` })
    wdir = written
  }
  refs.push(...varsRefs(src, body.get('vars', true), wdir, `the vars of stage ${name}`))
  // deps and outs as dvc.yaml writes them (a prompt's stage too: DVC reads dvc.yaml's, not the prompt's)
  refs.push(...pathRefs(src, body.get('deps', true), wdir, `the deps of stage ${name}`))
  refs.push(...pathRefs(src, body.get('outs', true), wdir, `the outs of stage ${name}`))
  const params = body.get('params', true)
  if (isSeq(params)) {
    for (const item of params.items) {
      if (isScalar(item)) {
        refs.push({
          written: DEFAULT_PARAMS,
          wdir,
          line: src.lineOf(item as Node),
          what: `the params of stage ${name}`
        })
      } else if (isMap(item)) {
        for (const p of item.items)
          refs.push({ written: pairKey(p), wdir, line: src.lineOf(p.key as Node), what: `the params of stage ${name}` })
      }
    }
  }
  return refs
}

/** `vars:` items: a file path with optional `:key,key` (inline mappings name no file). */
function varsRefs(src: YamlSource, node: unknown, wdir: string, what: string): FileRef[] {
  if (!isSeq(node)) return []
  return node.items.flatMap((item) => {
    const text = scalarString(item)
    if (text === undefined) return []
    return [{ written: text.split(':')[0], wdir, line: src.lineOf(item as Node), what }]
  })
}

/** deps or outs: plain paths, or `{path: {options}}` mappings; a `${…}` one is DVC's to resolve (its report is checked). */
function pathRefs(src: YamlSource, node: unknown, wdir: string, what: string): FileRef[] {
  return listRefs(src, node, wdir, what)
    .filter((ref) => !ref.written.includes('${'))
    .map((ref) => ({ ...ref, tree: true }))
}

function listRefs(src: YamlSource, node: unknown, wdir: string, what: string): FileRef[] {
  if (!isSeq(node)) return []
  return node.items.flatMap((item) => {
    const text = scalarString(item) ?? (isMap(item) && item.items.length > 0 ? pairKey(item.items[0]) : undefined)
    return text === undefined ? [] : [{ written: text, wdir, line: src.lineOf(item as Node), what }]
  })
}

function refProblem(ref: FileRef, paths: RepoPathChecker): Problem | undefined {
  const at = { file: 'dvc.yaml', line: ref.line, hint: HINT }
  const written = ref.written
  if (
    /^[\w+.-]+:\/\//.test(written) ||
    posix.isAbsolute(written) ||
    /^[A-Za-z]:[\\/]/.test(written) ||
    written.startsWith('~')
  )
    return { ...at, message: `refusing to run DVC: ${ref.what} names ${written}, outside the repository` }
  // DVC interpolates a params file's name from vars, and parses the file it names (its error quotes the lines)
  if (written.includes('${'))
    return {
      ...at,
      message: `refusing to run DVC: ${ref.what} names a file with \${…} (${written}): which file DVC would read cannot be checked before it runs`
    }
  const rel = posix.normalize(posix.join(ref.wdir, written.replace(/\\/g, '/')))
  const problem = paths.check(rel, 'dep') ?? (ref.tree ? paths.checkTree(rel) : undefined)
  if (problem) return { ...at, message: `refusing to run DVC: ${ref.what} names ${written}: ${problem}` }
  if (!/\.ya?ml$/i.test(rel)) return undefined
  const abs = paths.regularFile(rel, 'dep')
  if (!abs) return undefined
  try {
    refuseYamlBombs(readRegularFile(abs, rel) ?? '', rel, `fix ${rel}; DVC reads it for ${ref.what}`)
  } catch (error) {
    const p = (error as { problems?: Problem[] }).problems?.[0]
    if (!p) throw error
    return { ...p, message: `refusing to run DVC: ${p.message}` }
  }
  return undefined
}
