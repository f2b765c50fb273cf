// Shared YAML reading for dvc.yaml and dvc.lock: one parse that keeps node
// positions, so every error can name the line a user must fix.
import { LineCounter, parseDocument, isScalar, type Document, type Node, type ParsedNode } from 'yaml'
import { GraftError } from './errors.js'

export interface YamlSource {
  file: string
  doc: Document.Parsed
  /** 1-based line of a node (or of the file's start when the node is absent) */
  lineOf(node: Node | null | undefined): number | undefined
}

/** Parses YAML text; a syntax error becomes a GraftError naming file and line. */
export function parseYamlSource(text: string, file: string, hint: string): YamlSource {
  const lineCounter = new LineCounter()
  // uniqueKeys: DVC's YAML reader also refuses a key given twice (two stages, one name).
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const lineOf = (node: Node | null | undefined): number | undefined => {
    const range = (node as ParsedNode | null | undefined)?.range
    return range ? lineCounter.linePos(range[0]).line : undefined
  }
  const error = doc.errors[0]
  if (error) {
    const pos = lineCounter.linePos(error.pos[0])
    throw new GraftError({
      file,
      line: pos.line,
      message: `${file} is not valid YAML (line ${pos.line}, column ${pos.col}): ${firstLine(error.message)}`,
      hint
    })
  }
  return { file, doc, lineOf }
}

/** The string value of a scalar node, or undefined for anything else. */
export function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim()
}
