// One measurement of one YAML reader layer, in a fresh process (bundled by
// bench/readers.mjs with ncc; each layer's module is a dynamic import, so its
// chunk is loaded only when measured). Prints JSON: the time to load the
// layer's module and read every file once (cold, as the action does), the
// time of the read alone, and a digest of the result, so the bench can check
// that every layer returns what the full YAML reader returns.
//
//   node <bundle>/index.js <dvc.yaml|dvc.lock|frontmatter> <full|fast|blocks|lines> <file>...
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

type Reader = (texts: string[], files: string[]) => unknown

const [format, layer, ...files] = process.argv.slice(2)
const texts = files.map((f) => readFileSync(f, 'utf8'))

async function load(): Promise<Reader> {
  switch (`${format}:${layer}`) {
    case 'dvc.yaml:full': {
      const m = await import('../src/core/dvc/dvcyaml.js')
      return ([t]) => m.parseDvcYamlFull(t)
    }
    case 'dvc.yaml:fast': {
      const m = await import('../src/core/dvc/dvcyaml-fast.js')
      return ([t]) => m.fastParseDvcYaml(t)
    }
    case 'dvc.yaml:blocks': {
      const m = await import('../src/core/dvc/dvcyaml-fast.js')
      return ([t]) => m.dvcYamlByBlocks(t)
    }
    case 'dvc.yaml:lines': {
      const m = await import('../src/core/dvc/dvcyaml-fast.js')
      return ([t]) => m.dvcYamlByLines(t)
    }
    case 'dvc.lock:full': {
      const m = await import('../src/core/dvc/dvclock.js')
      return ([t]) => m.parseDvcLockYaml(t)
    }
    case 'dvc.lock:fast': {
      const m = await import('../src/core/dvc/dvclock-fast.js')
      return ([t]) => m.fastParseDvcLock(t)
    }
    case 'dvc.lock:blocks': {
      const m = await import('../src/core/dvc/dvclock-fast.js')
      return ([t]) => m.lockByBlocks(t)
    }
    case 'dvc.lock:lines': {
      const m = await import('../src/core/dvc/dvclock-fast.js')
      return ([t]) => m.lockByLines(t)
    }
    case 'frontmatter:full': {
      const m = await import('../src/core/graft/frontmatter.js')
      return (ts, fs) => ts.map((t, i) => m.parseFrontmatterFull(fs[i], t))
    }
    case 'frontmatter:fast': {
      const m = await import('../src/core/graft/frontmatter.js')
      return (ts, fs) => ts.map((t, i) => m.parseFrontmatter(fs[i], t))
    }
  }
  throw new Error(`unknown reader ${format}:${layer}`)
}

const started = performance.now()
const read = await load()
const loaded = performance.now()
const result = read(texts, files)
const done = performance.now()

const plain = JSON.stringify(result ?? null, (_key, value: unknown) => (value instanceof Map ? [...value.entries()] : value))
process.stdout.write(
  JSON.stringify({
    loadAndReadMs: done - started,
    readMs: done - loaded,
    refused: result === undefined,
    digest: createHash('sha256').update(plain).digest('hex')
  })
)
