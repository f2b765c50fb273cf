export const id = 761;
export const ids = [761];
export const modules = {

/***/ 7761:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dvcStatus: () => (/* binding */ dvcStatus)
});

// UNUSED EXPORTS: dvcVersion, parseDvcStatusJson

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/core/log.ts
var log = __webpack_require__(4325);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/repo/kinds.ts
var kinds = __webpack_require__(1187);
// EXTERNAL MODULE: ./src/core/repo/safe-read.ts
var safe_read = __webpack_require__(5828);
;// CONCATENATED MODULE: ./src/core/dvc/dvc-dir.ts
// DVC's own folder, `.dvc/`, as the real DVC will find it. DVC reads its
// config there and writes its lock files (tmp/lock, tmp/rwlock, tmp/btime,
// tmp/updater) by opening them for writing — through a symlink, if one is
// there, so a committed `.dvc/tmp/lock` pointing at a file of the runner is
// truncated and a dangling one creates a file anywhere the runner may write.
// Graft repositories ignore `.dvc/` (a fresh clone has none): the run then
// makes a scratch one, and DVC's writes land only there. When the repository
// brings one, it is checked before DVC starts:
// - every entry goes through the resolver as `dvc-state`: real folders and
//   regular files only, no symlink anywhere (wherever it points);
// - DVC's scratch state (tmp/, cache/, config.local) is never committed: a
//   tracked one is refused, so DVC never writes into the repository's own files;
// - its config (config, config.local) may not move DVC's state elsewhere:
//   no `site_cache_dir` (the run gives DVC its own), no remote as the cache
//   (`cache.local` and the other deprecated keys DVC 3 still reads), and a
//   `cache.dir` only inside the repository, written out.





const DVC_DIR = '.dvc';
/** What DVC writes and reads for itself: never part of a commit (DVC's own .gitignore lists them). */
const SCRATCH_STATE = ['.dvc/tmp', '.dvc/cache', '.dvc/config.local'];
const CONFIG_FILES = ['.dvc/config', '.dvc/config.local'];
/** Cache settings that name a remote as DVC's cache (deprecated in DVC 3, still read). */
const REMOTE_CACHE_KEYS = new Set(['local', 's3', 'gs', 'hdfs', 'webhdfs', 'ssh', 'azure']);
/** Problems listed at most, so a cache of a million symlinks still gives a short message. */
const MAX_PROBLEMS = 10;
const HINT = 'Graft repositories need no .dvc/ folder (the action makes a scratch one for DVC): remove .dvc/ from the repository, or set engine: native if the pipeline allows it';
/**
 * Checks `.dvc/` of the repository at `root` (when there is one) before the
 * real DVC runs in it.
 * @throws GraftError naming each entry (and config line) that is refused
 */
async function checkDvcDir(root, paths, git) {
    const top = paths.check(DVC_DIR, 'dvc-state');
    if (top)
        throw refusal([{ file: DVC_DIR, message: top }]);
    if (!(0,kinds/* lstatOrUndefined */.YB)((0,external_node_path_.join)(root, DVC_DIR)))
        return;
    const problems = [...walk(root, paths), ...(await committedState(git)), ...configProblems(root, paths)];
    if (problems.length > 0)
        throw refusal(problems.slice(0, MAX_PROBLEMS));
}
/** Every entry below `.dvc/` that is not a real folder or a regular file (no symlink is followed). */
function walk(root, paths) {
    const problems = [];
    const folders = [DVC_DIR];
    while (folders.length > 0 && problems.length < MAX_PROBLEMS) {
        const folder = folders.pop();
        let entries;
        try {
            entries = (0,external_node_fs_.readdirSync)((0,external_node_path_.join)(root, folder), { withFileTypes: true });
        }
        catch (error) {
            problems.push({ file: folder, message: `${folder} cannot be read (${error.code})` });
            continue;
        }
        for (const entry of entries) {
            const rel = `${folder}/${entry.name}`;
            if (entry.isDirectory())
                folders.push(rel);
            else if (!entry.isFile())
                problems.push({ file: rel, message: paths.check(rel, 'dvc-state') ?? `${rel} is not a regular file` });
        }
    }
    return problems;
}
/** DVC's scratch state committed to git: DVC would write into the repository's own files. */
async function committedState(git) {
    const tracked = (await git.withEnv({ GIT_LITERAL_PATHSPECS: '1' }).exec(['ls-files', '-z', '--', ...SCRATCH_STATE]))
        .split('\0')
        .filter(Boolean);
    return tracked.slice(0, MAX_PROBLEMS).map((file) => ({
        file,
        message: `${file} is committed, but it is DVC's own scratch state (tmp/, cache/ and config.local are never committed): DVC would write into it`
    }));
}
/** Settings of DVC's config files that would move its state out of the run's scratch folder or the repository. */
function configProblems(root, paths) {
    const problems = [];
    for (const file of CONFIG_FILES) {
        if (paths.check(file, 'dvc-state') || !(0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, file)))
            continue; // the walk named it
        const text = (0,safe_read/* readRegularFile */.XF)((0,external_node_path_.join)(root, file), file, { noFollow: true }) ?? '';
        for (const setting of readConfig(text)) {
            const problem = settingProblem(setting, paths);
            if (problem)
                problems.push({ file, line: setting.line, message: problem });
        }
    }
    return problems;
}
/**
 * DVC's config (configobj's INI): `[section]` or `['remote "name"']` lines,
 * `key = value` lines, `#` and `;` comments. A value spread over lines
 * (triple quotes, a trailing backslash) is returned as is, so its key is
 * still seen.
 */
function readConfig(text) {
    const settings = [];
    let section = '';
    text.split(/\r?\n/).forEach((raw, i) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#') || line.startsWith(';'))
            return;
        const header = /^\[+\s*(.*?)\s*\]+$/.exec(line);
        if (header) {
            section = header[1].replace(/^(['"])(.*)\1$/, '$2').toLowerCase();
            return;
        }
        const eq = line.indexOf('=');
        if (eq < 0)
            return;
        // a value in triple quotes ('''…''', """…""") or in quotes is what is inside them
        const value = line
            .slice(eq + 1)
            .trim()
            .replace(/\s+#.*$/, '')
            .replace(/^('''|"""|['"])(.*)\1$/, '$2');
        // configobj takes a quoted key as the key itself: `"dir" = …` is `dir`
        const key = line
            .slice(0, eq)
            .trim()
            .replace(/^(['"])(.*)\1$/, '$2')
            .toLowerCase();
        settings.push({ section, key, value, line: i + 1 });
    });
    return settings;
}
function settingProblem(setting, paths) {
    const { section, key, value } = setting;
    if (key === 'site_cache_dir') {
        return `${section}.${key} moves DVC's site cache, which the action gives DVC in a scratch folder of the run; remove the setting`;
    }
    // DVC 3 still honours these deprecated keys (dvc/cachemgr.py): the cache, or a scheme's, is then the named
    // remote, whose url may be any folder or URL
    if (section === 'cache' && REMOTE_CACHE_KEYS.has(key))
        return `cache.${key} = ${value} makes a remote DVC's cache, wherever its url points; remove the setting`;
    // configobj fills `%(name)s` from the section's other keys (DVC reads with interpolation on): the value
    // DVC uses is not the one written
    if (section === 'cache' && key === 'dir' && value.includes('%('))
        return `cache.dir is written with configobj's %(name)s interpolation, so where DVC would put its cache cannot be checked; write the folder out`;
    if (section === 'cache' && key === 'dir') {
        if (/^\w+:\/\//.test(value) || (0,external_node_path_.isAbsolute)(value) || value.startsWith('~') || /^[A-Za-z]:[\\/]/.test(value))
            return `cache.dir = ${value} puts DVC's cache outside the repository`;
        // DVC resolves a relative cache.dir from the folder of the config file: .dvc/
        const rel = external_node_path_.posix.normalize(`${DVC_DIR}/${value.replace(/\\/g, '/')}`);
        const problem = rel === DVC_DIR || rel.startsWith(`${DVC_DIR}/`) ? paths.check(rel, 'dvc-state') : paths.check(rel, 'dep');
        return problem ? `cache.dir = ${value}: ${problem}` : undefined;
    }
    return undefined;
}
function refusal(problems) {
    return new errors/* GraftError */.Tz(problems.map((p) => ({ ...p, message: `refusing to run DVC: ${p.message}`, hint: p.hint ?? HINT })));
}
/**
 * Makes sure `<root>/.dvc` exists (call checkDvcDir first). A scratch folder is
 * removed whole afterwards; in an existing one, only the entries DVC added (at
 * its top and in tmp/) go.
 */
function useDvcDir(root) {
    const dir = (0,external_node_path_.join)(root, DVC_DIR);
    if (!(0,kinds/* lstatOrUndefined */.YB)(dir)) {
        (0,external_node_fs_.mkdirSync)(dir); // fails if something appeared meanwhile, rather than writing into it
        // Outside git, DVC refuses to run unless told there is no SCM.
        if (!insideGitWorkTree(root))
            (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, 'config'), '[core]\n    no_scm = true\n');
        return { restore: () => (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true }) };
    }
    const before = { top: entries(dir), tmp: entries((0,external_node_path_.join)(dir, 'tmp')) };
    return {
        restore: () => {
            const tmpExisted = before.top.has('tmp');
            for (const name of entries(dir)) {
                if (!before.top.has(name))
                    (0,external_node_fs_.rmSync)((0,external_node_path_.join)(dir, name), { recursive: true, force: true });
            }
            if (!tmpExisted)
                return;
            for (const name of entries((0,external_node_path_.join)(dir, 'tmp'))) {
                if (!before.tmp.has(name))
                    (0,external_node_fs_.rmSync)((0,external_node_path_.join)(dir, 'tmp', name), { recursive: true, force: true });
            }
        }
    };
}
function entries(dir) {
    try {
        return new Set((0,external_node_fs_.readdirSync)(dir));
    }
    catch {
        return new Set();
    }
}
/** A `.git` (folder or file) in root or above: no subprocess needed. */
function insideGitWorkTree(root) {
    for (let dir = (0,external_node_path_.resolve)(root);; dir = (0,external_node_path_.dirname)(dir)) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, '.git')))
            return true;
        if ((0,external_node_path_.dirname)(dir) === dir)
            return false;
    }
}

// EXTERNAL MODULE: ./src/core/dvc/dvclock-fast.ts
var dvclock_fast = __webpack_require__(7182);
// EXTERNAL MODULE: ./src/core/repo/names.ts
var names = __webpack_require__(3452);
// EXTERNAL MODULE: ./src/core/yaml/source.ts
var source = __webpack_require__(3474);
// EXTERNAL MODULE: ./src/core/dvc/dvcignore.ts + 1 modules
var dvcignore = __webpack_require__(6819);
// EXTERNAL MODULE: ./src/core/dvc/dvcyaml.ts + 1 modules
var dvcyaml = __webpack_require__(7836);
;// CONCATENATED MODULE: ./src/core/dvc/dvcignore-cost.ts
// The work a `.dvcignore` rule costs the real DVC. DVC matches the rules with
// pathspec's regular expressions, where each `**` segment but a last one (and
// the one implied before a pattern with no slash) is a group that Python's
// `re` backtracks through: a path of d segments can be split among k such
// groups in about C(d, k) ways, and DVC tries them for every folder and file
// it walks that the rule does not match. A few `**` over a shallow folder cost
// nothing; a dozen over a folder 60 deep would take DVC longer than any run
// (issue 19 §5 names the same line for the native engine, which matches it in
// bounded time: globstar.ts). Before the real DVC runs, each rule's work over
// the folder deps below its `.dvcignore` is estimated, and a rule over the
// limit is refused at its line.


/** Ways to try at most, over every path DVC checks against one rule: DVC tries one to two million a second. */
const MAX_TRIES = 100_000_000;
/**
 * Walks a folder dep the way DVC does (no symlinked folder entered) and
 * measures it; stops counting past what any rule could afford.
 */
function treeShape(root, rel) {
    const shape = { rel, entries: 0, depth: rel.split('/').length };
    const folders = [{ abs: (0,external_node_path_.join)(root, rel), depth: shape.depth }];
    while (folders.length > 0 && shape.entries <= MAX_TRIES) {
        const { abs, depth } = folders.pop();
        let names;
        try {
            names = (0,external_node_fs_.readdirSync)(abs, { withFileTypes: true });
        }
        catch {
            continue;
        }
        for (const entry of names) {
            shape.entries++;
            shape.depth = Math.max(shape.depth, depth + 1);
            if (entry.isDirectory())
                folders.push({ abs: (0,external_node_path_.join)(abs, entry.name), depth: depth + 1 });
        }
    }
    return shape;
}
/**
 * The rules of one `.dvcignore` (`file`, repository-relative, read as `text`)
 * that would keep DVC matching for too long over `trees` (the folder deps
 * below it): each named at its line.
 */
function backtrackingRules(file, text, trees) {
    if (trees.length === 0)
        return [];
    const problems = [];
    text.split(/\r?\n/).forEach((raw, i) => {
        const pattern = raw.trim();
        if (pattern === '' || pattern.startsWith('#'))
            return;
        const groups = backtrackingGroups(pattern);
        if (groups < 2)
            return;
        const worst = trees
            .map((tree) => ({ tree, tries: tree.entries * ways(tree.depth, groups) }))
            .reduce((a, b) => (b.tries > a.tries ? b : a));
        if (worst.tries <= MAX_TRIES)
            return;
        problems.push({
            file,
            line: i + 1,
            message: `refusing to run DVC: the rule ${pattern} has ${groups} ** parts, which DVC's matcher backtracks through ` +
                `for every path of ${worst.tree.rel} (${worst.tree.depth} folders deep, ${worst.tree.entries} entries): DVC would not finish matching it`,
            hint: 'write the rule with fewer ** (one `**/name` usually says the same), or use engine "native", which matches it in bounded time'
        });
    });
    return problems;
}
/**
 * The groups pathspec makes of a pattern that backtrack: its `**` segments but
 * a last one (`a/**` is everything below `a`, matched straight through), and
 * the `**` before a pattern anchored nowhere (no slash but a trailing one).
 */
function backtrackingGroups(pattern) {
    const body = pattern.replace(/^!/, '').replace(/\/+$/, '');
    const segments = body.split('/');
    const unanchored = !body.includes('/') ? 1 : 0;
    return segments.slice(0, -1).filter((s) => s === '**').length + unanchored;
}
/** C(n, k), as a float (Infinity when it overflows). */
function ways(n, k) {
    if (k > n)
        return 0;
    let c = 1;
    for (let i = 0; i < k; i++)
        c = (c * (n - i)) / (i + 1);
    return c;
}

;// CONCATENATED MODULE: ./src/core/dvc/interpolation.ts
// What a `${…}` in dvc.yaml can stand for, worked out before DVC runs. DVC
// fills a dep, out, metrics or plots path written `data/${name}` from its
// parametrization context: the default params.yaml, the `vars:` of dvc.yaml and
// of the stage (files and inline values), and a `foreach:` item or `matrix:`
// combination. A value there may name any file of the runner (`/etc/…`,
// `../../…`, a FIFO that never ends), which DVC would open and hash before its
// report could be checked. So every value a template can take is computed
// here, from the same sources DVC reads, and each resulting path goes through
// the resolver like a path written out. This is a superset of what DVC
// resolves (every value a key has in any source, every combination of a
// loop), never less; what cannot be worked out (a key no readable source
// holds, too many combinations) is refused rather than guessed.

/** `${inner}`, not escaped with a backslash (DVC's KEYCRE). */
const EXPRESSION = /(?<!\\)\$\{(.*?)\}/;
/** Paths one template may stand for at most, before it is refused as uncheckable. */
const MAX_VALUES = 1000;
/** Whether `text` holds a `${…}` DVC would fill. */
function isTemplate(text) {
    return EXPRESSION.test(text);
}
/**
 * Every value `template` can take in `scope`: a string with each `${…}`
 * replaced (every combination), or, for a template that is one `${…}` alone,
 * the value itself (a list stays a list, as DVC keeps it).
 */
function expand(template, scope) {
    const matches = [...template.matchAll(new RegExp(EXPRESSION.source, 'g'))];
    if (matches.length === 0)
        return { values: [template] };
    const choices = [];
    for (const match of matches) {
        const key = match[1].trim();
        const found = lookup(key, scope);
        if ('problem' in found)
            return found;
        choices.push(found.values);
    }
    if (matches.length === 1 && matches[0][0] === template)
        return { values: choices[0] };
    let results = [''];
    let at = 0;
    for (const [i, match] of matches.entries()) {
        const before = template.slice(at, match.index);
        const scalars = choices[i].filter(isScalarValue).map(String);
        if (results.length * scalars.length > MAX_VALUES)
            return { problem: `it stands for more than ${MAX_VALUES} paths, too many to check before DVC runs` };
        results = results.flatMap((r) => scalars.map((s) => `${r}${before}${s}`));
        at = match.index + match[0].length;
    }
    return { values: results.map((r) => `${r}${template.slice(at)}`) };
}
/** The values of a loop's items: a list's elements, a mapping's values (and its keys as `key`). */
function loopValues(node, scope, kind) {
    if (kind === 'foreach') {
        const items = collectionOf(node, scope);
        if ('problem' in items)
            return items;
        return new Map([
            ['item', items.values],
            ['key', items.keys]
        ]);
    }
    // matrix: name → list of values (or a `${…}` list); `item.<name>` takes each
    if (!(0,dist/* isMap */.jh)(node))
        return new Map();
    const byName = new Map();
    for (const pair of node.items) {
        const name = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : String(pair.key);
        const items = collectionOf(pair.value, scope);
        if ('problem' in items)
            return items;
        byName.set(name, items.values);
    }
    // `item` is one combination: as candidates, one record of every value each name takes
    const item = Object.fromEntries([...byName].map(([name, values]) => [name, new Alternatives(values)]));
    return new Map([['item', [item]]]);
}
/** Several values one name may take in a matrix combination. */
class Alternatives {
    values;
    constructor(values) {
        this.values = values;
    }
}
function collectionOf(node, scope) {
    const text = (0,dist/* isScalar */.jn)(node) && typeof node.value === 'string' ? node.value : undefined;
    let data;
    if (text !== undefined && isTemplate(text)) {
        const found = expand(text, scope);
        if ('problem' in found)
            return found;
        data = found.values.length === 1 ? found.values[0] : found.values.flatMap((v) => (Array.isArray(v) ? v : [v]));
    }
    else {
        data = toData(node);
    }
    if (Array.isArray(data))
        return { values: data, keys: data.map((_, i) => i) };
    if (isRecord(data))
        return { values: Object.values(data), keys: Object.keys(data) };
    return { values: [], keys: [] };
}
/** `a.b[0].c` → every value it reaches in any source (or loop name). */
function lookup(key, scope) {
    const parts = key
        .replace(/\[([^\]]*)\]/g, '.$1')
        .split('.')
        .map((p) => p.trim());
    if (parts.some((p) => p === ''))
        return { problem: `\${${key}} is not a name DVC reads` };
    const [root, ...rest] = parts;
    const starts = scope.loop?.has(root)
        ? scope.loop.get(root)
        : scope.sources.flatMap((s) => (isRecord(s) && root in s ? [s[root]] : []));
    if (starts.length === 0) {
        if (scope.opaque)
            return {
                problem: `\${${key}} may come from ${scope.opaque}, which the action does not read, so the path it makes cannot be checked before DVC runs`
            };
        return { values: [] }; // DVC fails on a name it cannot find, before it reads any path
    }
    let values = starts;
    for (const part of rest)
        values = values.flatMap((v) => step(v, part));
    return { values: values.flatMap((v) => (v instanceof Alternatives ? v.values : [v])) };
}
function step(value, part) {
    if (value instanceof Alternatives)
        return value.values.flatMap((v) => step(v, part));
    if (Array.isArray(value))
        return /^\d+$/.test(part) && Number(part) < value.length ? [value[Number(part)]] : [];
    if (isRecord(value) && part in value)
        return [value[part]];
    return [];
}
function isScalarValue(v) {
    return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}
function isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Alternatives);
}
/** A parsed YAML node as plain data (scalars, lists, mappings). */
function toData(node) {
    if ((0,dist/* isMap */.jh)(node)) {
        const own = [];
        const merged = [];
        for (const p of node.items) {
            const key = (0,dist/* isScalar */.jn)(p.key) ? String(p.key.value) : String(p.key);
            // `<<: {…}` or `<<: [{…}, …]` (aliases resolved beforehand): keys merged in as DVC's reader merges them
            if (key === '<<' && (0,dist/* isScalar */.jn)(p.key) && p.key.type === 'PLAIN')
                merged.push(toData(p.value));
            else
                own.push([key, toData(p.value)]);
        }
        const data = Object.fromEntries(own);
        for (const source of merged.flatMap((m) => (Array.isArray(m) ? m : [m])))
            if (isRecord(source))
                for (const [k, v] of Object.entries(source))
                    if (!(k in data))
                        data[k] = v;
        return data;
    }
    if ((0,dist/* isSeq */.oP)(node))
        return node.items.map((i) => toData(i));
    if ((0,dist/* isScalar */.jn)(node))
        return node.value;
    return undefined;
}

;// CONCATENATED MODULE: ./src/core/dvc/params-files.ts
// The files dvc.yaml makes DVC read: deps and outs (metrics and plots too) as
// dvc.yaml writes them (a URL dep would make DVC reach the network), `vars:` files (at the top and
// in a stage), params files (a stage's `params:`, the default params.yaml), and
// the folder a stage's `wdir:` moves its paths to. DVC reads
// whatever they name — an absolute path or `../..` reaches any file of the
// runner, and its values then appear as dep paths in the report (a stage dep
// written `${key}`), or its lines in DVC's error when it does not parse. Each
// goes through the resolver as a repository dep before DVC starts; YAML ones
// are measured for alias bombs (DVC would expand them without end). A path
// written with `${…}` (a foreach item, a matrix value, a vars key) is checked
// for every value it can take (interpolation.ts), as if written out.










/** DVC's default params file, read from each stage's wdir when present. */
const DEFAULT_PARAMS = 'params.yaml';
const params_files_HINT = 'name files inside the repository with paths relative to dvc.yaml (no absolute path, no `..` leaving the repository, no symlink out of it)';
/**
 * Every vars/params file and wdir folder dvc.yaml (parsed as `src`) makes DVC
 * read, checked with `paths`; YAML files among them are read and measured.
 * @returns the problems, each naming dvc.yaml and the line (or the file read)
 */
function paramsFileProblems(written, paths) {
    const src = { ...written, doc: withAliasesResolved(written.doc) };
    const problems = [];
    const folders = new Set();
    const trees = new Set();
    for (const ref of fileRefs(src, paths, problems)) {
        const problem = refProblem(ref, paths);
        if (problem)
            problems.push(problem);
        else {
            foldersOnTheWay(refPath(ref)).forEach((f) => folders.add(f));
            if (ref.tree)
                trees.add(refPath(ref));
        }
    }
    problems.push(...dvcignoreProblems(folders, trees, paths));
    return problems;
}
/**
 * The folders DVC reads a `.dvcignore` in for one path: every folder from the
 * root down to it, and the path itself (a folder dep, a wdir). DVC opens each
 * (dvc/ignore.py builds its rules folder by folder), following a symlink, and
 * quotes a line that is no valid pattern whole in its error.
 */
function foldersOnTheWay(rel) {
    const parts = rel === '.' ? [] : rel.split('/');
    return parts.map((_, i) => parts.slice(0, i + 1).join('/')).concat('');
}
/**
 * Each `.dvcignore` in `folders`: a plain file of the repository, whose rules
 * DVC can match in bounded time over the folder deps (`trees`) below it.
 */
function dvcignoreProblems(folders, trees, paths) {
    const shapes = new Map();
    const shapeOf = (tree) => {
        if (!shapes.has(tree))
            shapes.set(tree, treeShape(paths.root, tree));
        return shapes.get(tree);
    };
    return [...folders].sort().flatMap((folder) => {
        const file = folder ? `${folder}/${dvcignore/* DVCIGNORE */.k}` : dvcignore/* DVCIGNORE */.k;
        // what is there, a dangling symlink included (a file's own path is no folder: nothing)
        if (!(0,kinds/* lstatOrUndefined */.YB)((0,external_node_path_.join)(paths.root, file)))
            return [];
        const problem = paths.check(file, 'dep');
        if (problem)
            return [{ file, message: `refusing to run DVC: ${problem}`, hint: `make ${file} a plain file in the repository` }];
        const abs = paths.regularFile(file, 'dep');
        const text = abs ? ((0,safe_read/* readRegularFile */.XF)(abs, file) ?? '') : '';
        // only a `**` before more of the pattern backtracks
        if (!text.includes('**/'))
            return [];
        const below = [...trees].filter((tree) => folder === '' || (0,names/* isSameOrInside */.Im)(folder, tree));
        return backtrackingRules(file, text, below.map(shapeOf));
    });
}
/**
 * A copy of `doc` with each alias (`*name`) replaced by a copy of what it
 * names, keeping its lines: DVC reads the value, so every walker below sees
 * it where the alias stands (a foreach item, a deps entry, a merged mapping).
 * Alias bombs were refused by the one YAML reader before this.
 */
function withAliasesResolved(doc) {
    const copy = doc.clone();
    (0,dist/* visit */.YR)(copy, {
        Alias(_, alias) {
            const target = alias.resolve(copy);
            return target ? target.clone() : undefined;
        }
    });
    return copy;
}
/** A ref's path from the repository root, normalised. */
function refPath(ref) {
    return external_node_path_.posix.normalize(external_node_path_.posix.join(ref.wdir, ref.written.replace(/\\/g, '/')));
}
function fileRefs(src, paths, problems) {
    const top = src.doc.contents;
    if (!(0,dist/* isMap */.jh)(top))
        return [];
    const refs = [{ written: DEFAULT_PARAMS, wdir: '', what: 'the default params file' }];
    refs.push(...varsRefs(src, top.get('vars', true), '', 'vars'));
    // top-level params: the params files `dvc params diff` and experiments read
    refs.push(...listRefs(src, top.get('params', true), '', 'params'));
    const stages = top.get('stages', true);
    if (!(0,dist/* isMap */.jh)(stages))
        return refs;
    // DVC's context: params.yaml, then the vars of dvc.yaml
    const scope = withVars({ sources: [] }, [DEFAULT_PARAMS], paths, '');
    const global = withVars(scope, top.get('vars', true), paths, '');
    for (const pair of stages.items) {
        const name = (0,source/* pairKey */.Yz)(pair);
        // merge keys merged, as DVC merges them (a path merged in is read too)
        const body = (0,dvcyaml/* stageBody */.JU)(src, name, pair.value);
        if (!body)
            continue;
        // foreach: the stage is its `do:` template; matrix: the body itself
        const kind = body.has('foreach') ? 'foreach' : body.has('matrix') ? 'matrix' : undefined;
        const template = kind === 'foreach' ? (0,dvcyaml/* stageBody */.JU)(src, name, body.get('do', true)) : body;
        if (!template)
            continue;
        let stageScope = global;
        if (kind) {
            const loop = loopValues(body.get(kind, true), global, kind);
            if ('problem' in loop) {
                problems.push({
                    file: src.file,
                    line: src.lineOf(body.get(kind, true)),
                    message: `refusing to run DVC: the ${kind} of stage ${name}: ${loop.problem}`,
                    hint: params_files_HINT
                });
                continue;
            }
            stageScope = { ...global, loop };
        }
        refs.push(...stageRefs({ src, paths, scope: stageScope, problems }, name, template));
    }
    return refs;
}
/**
 * `scope` with the vars `node` lists (files relative to `wdir`, inline
 * mappings) as further sources. A file that is not a plain YAML or JSON file
 * of the repository is not read here (its own check speaks for it): a key
 * only it could hold makes a template uncheckable.
 */
function withVars(scope, node, paths, wdir) {
    const items = Array.isArray(node) ? node : (0,dist/* isSeq */.oP)(node) ? node.items : [];
    const sources = [...scope.sources];
    let opaque = scope.opaque;
    for (const item of items) {
        const text = typeof item === 'string' ? item : (0,source/* scalarString */.Cg)(item);
        if (text === undefined) {
            if ((0,dist/* isMap */.jh)(item))
                sources.push(toData(item));
            continue;
        }
        const [file, keys] = [text.split(':')[0], text.split(':')[1]];
        const rel = external_node_path_.posix.normalize(external_node_path_.posix.join(wdir, file.replace(/\\/g, '/')));
        const data = readVarsFile(rel, paths);
        if (data === 'unread')
            opaque ??= rel;
        if (data === undefined || data === 'unread')
            continue;
        const wanted = keys ? keys.split(',').filter(Boolean) : undefined;
        sources.push(wanted ? Object.fromEntries(wanted.map((k) => [k, data[k]])) : data);
    }
    return { ...scope, sources, opaque };
}
/**
 * A vars file's data, when it is a YAML or JSON file of the repository that
 * parses; `unread` for a file of the repository in another format (TOML,
 * Python), whose keys are not known here; undefined otherwise (a file the
 * resolver refuses or that does not parse: DVC never gets to fill a path).
 */
function readVarsFile(rel, paths) {
    if (/^[\w+.-]+:\/\//.test(rel) || external_node_path_.posix.isAbsolute(rel))
        return undefined;
    const abs = paths.regularFile(rel, 'dep');
    if (!abs)
        return undefined;
    if (!/\.(ya?ml|json)$/i.test(rel))
        return 'unread';
    try {
        const text = (0,safe_read/* readRegularFile */.XF)(abs, rel) ?? '';
        (0,source/* refuseYamlBombs */.P)(text, rel, '');
        const doc = (0,dist/* parseDocument */.Tp)(text);
        if (doc.errors.length > 0)
            return undefined;
        const data = toData(withAliasesResolved(doc).contents); // `key: *far` is the value it names
        return typeof data === 'object' && data !== null && !Array.isArray(data) ? data : undefined;
    }
    catch {
        return undefined;
    }
}
function stageRefs(context, name, body) {
    const { src, problems } = context;
    const refs = [];
    const wdirNode = body.get('wdir', true);
    let wdir = '';
    if (wdirNode !== undefined) {
        const written = (0,source/* scalarString */.Cg)(wdirNode);
        const line = src.lineOf(wdirNode);
        if (written === undefined || written.includes('${')) {
            problems.push({
                file: src.file,
                line,
                message: `refusing to run DVC: the wdir of stage ${name} ${written === undefined ? 'is not a path' : 'is written with ${…}'}, so where DVC would read its files cannot be checked before it runs`,
                hint: 'write wdir as a plain folder path inside the repository'
            });
            return refs;
        }
        refs.push({ written, wdir: '', line, what: `the wdir of stage ${name}` });
        wdir = written;
    }
    refs.push(...varsRefs(src, body.get('vars', true), wdir, `the vars of stage ${name}`));
    const stage = { ...context, scope: withVars(context.scope, body.get('vars', true), context.paths, wdir) };
    // deps and outs as dvc.yaml writes them (a prompt's stage too: DVC reads dvc.yaml's, not the prompt's);
    // metrics and plots are outs too: DVC hashes them (opens each file) like any other
    for (const field of ['deps', 'outs', 'metrics', 'plots'])
        refs.push(...pathRefs(stage, body.get(field, true), wdir, `the ${field} of stage ${name}`));
    const params = body.get('params', true);
    if ((0,dist/* isSeq */.oP)(params)) {
        for (const item of params.items) {
            if ((0,dist/* isScalar */.jn)(item)) {
                refs.push({
                    written: DEFAULT_PARAMS,
                    wdir,
                    line: src.lineOf(item),
                    what: `the params of stage ${name}`
                });
            }
            else if ((0,dist/* isMap */.jh)(item)) {
                for (const p of item.items)
                    refs.push({ written: (0,source/* pairKey */.Yz)(p), wdir, line: src.lineOf(p.key), what: `the params of stage ${name}` });
            }
        }
    }
    return refs;
}
/** `vars:` items: a file path with optional `:key,key` (inline mappings name no file). */
function varsRefs(src, node, wdir, what) {
    if (!(0,dist/* isSeq */.oP)(node))
        return [];
    return node.items.flatMap((item) => {
        const text = (0,source/* scalarString */.Cg)(item);
        if (text === undefined)
            return [];
        return [{ written: text.split(':')[0], wdir, line: src.lineOf(item), what }];
    });
}
/**
 * deps or outs: plain paths, or `{path: {options}}` mappings; one written
 * with `${…}` (or the whole list, `deps: ${files}`) stands for every path its
 * values make (interpolation.ts), each checked as if written out.
 */
function pathRefs(context, node, wdir, what) {
    const { src, scope, problems } = context;
    const whole = (0,source/* scalarString */.Cg)(node);
    const written = whole !== undefined && isTemplate(whole)
        ? [{ written: whole, wdir, line: src.lineOf(node), what }]
        : listRefs(src, node, wdir, what);
    return written.flatMap((ref) => {
        if (!isTemplate(ref.written))
            return [{ ...ref, tree: true }];
        const found = expand(ref.written, scope);
        if ('problem' in found) {
            problems.push({
                file: src.file,
                line: ref.line,
                message: `refusing to run DVC: ${what} names ${ref.written}: ${found.problem}`,
                hint: params_files_HINT
            });
            return [];
        }
        return found.values
            .flatMap((v) => (Array.isArray(v) ? v : [v]))
            .map((v) => (typeof v === 'string' ? v : params_files_isRecord(v) ? Object.keys(v)[0] : undefined))
            .filter((v) => v !== undefined)
            .map((value) => ({ ...ref, written: value, template: ref.written, tree: true }));
    });
}
function params_files_isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function listRefs(src, node, wdir, what) {
    if (!(0,dist/* isSeq */.oP)(node))
        return [];
    return node.items.flatMap((item) => {
        const text = (0,source/* scalarString */.Cg)(item) ?? ((0,dist/* isMap */.jh)(item) && item.items.length > 0 ? (0,source/* pairKey */.Yz)(item.items[0]) : undefined);
        return text === undefined ? [] : [{ written: text, wdir, line: src.lineOf(item), what }];
    });
}
function refProblem(ref, paths) {
    const at = { file: 'dvc.yaml', line: ref.line, hint: params_files_HINT };
    const written = ref.written;
    // a value of a `${…}` template is shown with it: the template is what the user wrote
    const shown = ref.template ? `${ref.template} (= ${written})` : written;
    if (/^[\w+.-]+:\/\//.test(written) ||
        external_node_path_.posix.isAbsolute(written) ||
        /^[A-Za-z]:[\\/]/.test(written) ||
        written.startsWith('~'))
        return { ...at, message: `refusing to run DVC: ${ref.what} names ${shown}, outside the repository` };
    // DVC interpolates a params file's name from vars, and parses the file it names (its error quotes the lines)
    if (written.includes('${'))
        return {
            ...at,
            message: `refusing to run DVC: ${ref.what} names a file with \${…} (${written}): which file DVC would read cannot be checked before it runs`
        };
    const rel = refPath(ref);
    const problem = paths.check(rel, 'dep') ?? (ref.tree ? paths.checkTree(rel) : undefined);
    if (problem)
        return { ...at, message: `refusing to run DVC: ${ref.what} names ${shown}: ${problem}` };
    if (!/\.ya?ml$/i.test(rel))
        return undefined;
    const abs = paths.regularFile(rel, 'dep');
    if (!abs)
        return undefined;
    try {
        (0,source/* refuseYamlBombs */.P)((0,safe_read/* readRegularFile */.XF)(abs, rel) ?? '', rel, `fix ${rel}; DVC reads it for ${ref.what}`);
    }
    catch (error) {
        const p = error.problems?.[0];
        if (!p)
            throw error;
        return { ...p, message: `refusing to run DVC: ${p.message}` };
    }
    return undefined;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/core/defaults.ts
var defaults = __webpack_require__(5553);
// EXTERNAL MODULE: ./src/core/io/exec.ts
var exec = __webpack_require__(1983);
// EXTERNAL MODULE: ./src/core/io/env.ts
var env = __webpack_require__(3087);
// EXTERNAL MODULE: ./src/core/io/git.ts
var git = __webpack_require__(3000);
;// CONCATENATED MODULE: ./src/core/io/dvc.ts
// The one DVC runner: every `dvc` command the project makes (status, --version)
// goes through here. DVC runs on content a pull request shapes, so it gets
// - a time limit, named when it stops DVC (a dep that never ends reading, a
//   pipeline too large), with what to do;
// - an environment that holds no secret (io/env.ts: no token, no AWS keys, no
//   INPUT_* or ACTIONS_*: DVC needs none), with git's hooks and fsmonitor off
//   for any git DVC starts, no network (every proxy at a closed port) and no
//   cloud credentials of the runner's home (empty AWS, gcloud, Azure config);
// - its writable state outside the repository, in a scratch folder of the run
//   removed afterwards: the site cache (hash and index databases), the global
//   and system config folders (empty: the runner's own DVC config does not
//   apply), and the temp folder.
// What must hold inside the repository before DVC starts (`.dvc/`, vars and
// params files, dvc.yaml, dvc.lock) is the engine's to check: status/dvc.ts.








const DVC_INSTALL_HINT = 'install DVC 3 (pip install "dvc==3.*"), put it on PATH, or use engine "native"';
/** Runs `dvc <args>`; resolves whatever the exit code (the caller reads DVC's failures). */
async function runDvc(dvcPath, args, options) {
    const timeoutMs = options.timeoutMs ?? defaults/* DEFAULT_DVC_TIME_LIMIT_MINUTES */.AZ * 60_000;
    const scratch = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'graft-dvc-'));
    try {
        return await (0,exec/* run */.eF)(dvcPath, args, {
            cwd: options.cwd,
            env: dvcEnv(scratch, options.cwd),
            allowFailure: true,
            timeoutMs
        });
    }
    catch (error) {
        if (error.code === 'ENOENT') {
            throw new errors/* GraftError */.Tz({ message: `DVC was not found (${dvcPath})`, hint: DVC_INSTALL_HINT });
        }
        if (error instanceof exec/* CommandTimeout */.Rg) {
            throw new errors/* GraftError */.Tz({
                message: `dvc ${args[0]} did not finish within ${(0,exec/* describeDuration */.MB)(timeoutMs)} and was stopped`,
                hint: 'a dep DVC reads may never end (a FIFO or device reached through a ${…} path), or the pipeline is very large: ' +
                    `run \`dvc ${args.join(' ')}\` locally to see where it spends its time, or use engine "native"`
            });
        }
        throw error;
    }
    finally {
        (0,external_node_fs_.rmSync)(scratch, { recursive: true, force: true });
    }
}
/** `dvc --version`, e.g. "3.67.1". */
async function dvcVersion(dvcPath = 'dvc') {
    const result = await runDvc(dvcPath, ['--version'], { cwd: tmpdir(), timeoutMs: 60_000 });
    if (result.code !== 0) {
        const first = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
        throw new GraftError({ message: `${dvcPath} --version failed: ${first}`, hint: DVC_INSTALL_HINT });
    }
    return result.stdout.trim();
}
/** Every proxy variable at a port where nothing listens (discard), and no host exempt. */
const NO_NETWORK = Object.fromEntries(['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'].map((name) => [
    name,
    'http://127.0.0.1:9'
]));
/** The allowlisted environment, with every folder DVC writes for itself inside `scratch`. */
function dvcEnv(scratch, cwd) {
    const dir = (name) => {
        const path = (0,external_node_path_.join)(scratch, name);
        (0,external_node_fs_.mkdirSync)(path);
        return path;
    };
    const temp = dir('tmp');
    const none = (0,external_node_path_.join)(scratch, 'none');
    (0,external_node_fs_.writeFileSync)(none, '');
    return (0,env/* programEnv */.q)('dvc', {
        // `dvc status` needs no network: a dep a \${…} value turns into a URL reaches a closed port, and
        // finds no cloud credentials of the runner's home to sign a request with
        ...NO_NETWORK,
        AWS_CONFIG_FILE: none,
        AWS_SHARED_CREDENTIALS_FILE: none,
        AWS_EC2_METADATA_DISABLED: 'true',
        CLOUDSDK_CONFIG: dir('gcloud'),
        AZURE_CONFIG_DIR: dir('azure'),
        ...(0,git/* hardenedGitEnv */.Pl)(),
        DVC_NO_ANALYTICS: '1',
        // Python 3.11+ puts no folder of the working directory on its path
        PYTHONSAFEPATH: '1',
        // the updater (dvc version) checks nothing in CI
        CI: 'true',
        DVC_SITE_CACHE_DIR: dir('site-cache'),
        DVC_GLOBAL_CONFIG_DIR: dir('global-config'),
        DVC_SYSTEM_CONFIG_DIR: dir('system-config'),
        TMPDIR: temp,
        TEMP: temp,
        TMP: temp
    }, process.env, cwd);
}

// EXTERNAL MODULE: ./src/core/repo/resolver.ts + 2 modules
var resolver = __webpack_require__(2915);
// EXTERNAL MODULE: ./src/core/phrasing.ts
var phrasing = __webpack_require__(1677);
;// CONCATENATED MODULE: ./src/core/status/dvc.ts
// Engine "dvc": asks the real `dvc status --json dvc.yaml` and reads its answer
// into a PipelineStatus. DVC runs on content a pull request shapes, so before
// it starts, everything of the repository it reads or writes passes the one
// resolver, and what fails is refused naming the file and line:
// - dvc.yaml and dvc.lock (plain files, read by our own readers first, which
//   refuse what DVC would choke on: an alias bomb anywhere, a file too large);
// - the vars and params files and wdir folders dvc.yaml names (dvc/params-files.ts);
// - `.dvc/`, where DVC reads its config and writes its locks (dvc/dvc-dir.ts);
// - the `.dvcignore` of every folder on the way to each path DVC reads (the
//   root's included: DVC checks dvc.yaml itself against it).
// DVC is asked about the root dvc.yaml only: other dvc.yaml and .dvc files
// of the repository are not read (no stage of theirs is a document's).
// It runs through the one DVC runner (io/dvc.ts: time limit, no secret in its
// environment, its own state in a scratch folder). What it prints is shown
// only escaped and short, and a path it reports outside the repository (a
// `${…}` value) is never shown.













/** The DVC file DVC is asked about. */
const TARGET = 'dvc.yaml';
/** Lines of DVC's own words a message quotes at most, and characters. */
const QUOTED_LINES = 3;
const QUOTED_CHARS = 400;
async function dvcStatus(root, options = {}) {
    const stageLines = await checkDvcInputs(root);
    const workspace = useDvcDir(root);
    try {
        const result = await runDvc(options.dvcPath ?? 'dvc', ['status', '--json', TARGET], {
            cwd: root,
            timeoutMs: options.timeoutMs
        });
        if (result.code !== 0)
            throw dvcFailure(result);
        return refuseOutsidePaths(parseDvcStatusJson(result.stdout), stageLines);
    }
    finally {
        workspace.restore();
    }
}
/** `dvc --version`, e.g. "3.67.1". */
const dvc_dvcVersion = (/* unused pure expression or super */ null && (runnerDvcVersion));
/**
 * Everything of the repository DVC will read or write, checked before it
 * starts. Returns each stage's line in dvc.yaml, for later messages.
 * @throws GraftError naming the file and line of each refusal
 */
async function checkDvcInputs(root) {
    const paths = new resolver/* RepoPathChecker */.x_(root);
    const problems = [];
    for (const file of [TARGET, 'dvc.lock']) {
        const problem = paths.check(file, 'pipeline');
        if (problem)
            problems.push({
                file,
                message: `refusing to run DVC: ${problem}`,
                hint: `make ${file} a plain file in the repository`
            });
    }
    (0,errors/* throwIfProblems */.W8)(problems);
    const text = paths.readText(TARGET, 'pipeline');
    if (text === undefined)
        throw new errors/* GraftError */.Tz({
            file: TARGET,
            message: 'there is no dvc.yaml for DVC to check',
            hint: 'run generate once, or dvc repro'
        });
    const src = (0,source/* parseYamlSource */.WF)(text, TARGET, 'fix the YAML of dvc.yaml; DVC would refuse it too');
    const lock = paths.readText('dvc.lock', 'pipeline');
    // DVC's own layout (the fast reader's) holds no alias; any other is measured
    if (lock !== undefined && !(0,dvclock_fast/* fastParseDvcLock */.mB)(lock))
        (0,source/* refuseYamlBombs */.P)(lock, 'dvc.lock', 'fix dvc.lock, or restore it from git');
    // with the .dvcignore of every folder on the way to each of them
    problems.push(...paramsFileProblems(src, paths));
    (0,errors/* throwIfProblems */.W8)(problems);
    await checkDvcDir(root, paths, new git/* Git */.TU(root));
    return stageLinesOf(src);
}
function stageLinesOf(src) {
    const lines = new Map();
    const top = src.doc.contents;
    const stages = (0,dist/* isMap */.jh)(top) ? top.get('stages', true) : undefined;
    if ((0,dist/* isMap */.jh)(stages))
        for (const pair of stages.items)
            lines.set((0,source/* pairKey */.Yz)(pair), src.lineOf(pair.key));
    return lines;
}
/** Reads what `dvc status --json` prints. Keys (`name@key` of foreach stages) are kept as-is. */
function parseDvcStatusJson(stdout) {
    let data;
    try {
        data = JSON.parse(stdout);
    }
    catch {
        throw new errors/* GraftError */.Tz({
            message: `dvc status --json printed something that is not JSON: ${quote(stdout)}`,
            hint: 'run `dvc status --json` in the repository to see what DVC says'
        });
    }
    if (!dvc_isRecord(data)) {
        throw new errors/* GraftError */.Tz({ message: 'dvc status --json did not print a JSON object', hint: 'use DVC 3' });
    }
    const status = new Map();
    for (const [stage, items] of Object.entries(data)) {
        status.set(stage, stageStatus(Array.isArray(items) ? items : []));
    }
    return status;
}
/**
 * A dep or out DVC reports outside the repository: a literal one, and every
 * value of a `${…}` one, were refused before DVC ran (dvc/params-files.ts), so
 * this is the last line should DVC resolve something that check did not
 * foresee: refused, naming the stage, and its path never shown.
 */
function refuseOutsidePaths(status, stageLines) {
    const problems = [];
    for (const [stage, s] of status) {
        const outside = [...Object.keys(s.changedDeps), ...Object.keys(s.changedOuts)].filter((p) => !isRepositoryPath(p));
        if (outside.length === 0)
            continue;
        problems.push({
            file: TARGET,
            line: stageLines.get(stage.split('@')[0]),
            message: `DVC reports ${outside.length} path(s) of stage ${stage} outside the repository (not shown: a \${…} value names them)`,
            hint: 'deps and outs must be repository paths: fix the vars value the stage interpolates'
        });
    }
    (0,errors/* throwIfProblems */.W8)(problems);
    return status;
}
/** A relative path that stays inside the repository: what the report may print. */
function isRepositoryPath(path) {
    if (path.includes('://') || names/* CONTROL */.W3.test(path))
        return false;
    if ((0,external_node_path_.isAbsolute)(path) || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\'))
        return false;
    const normal = (0,names/* normalizeRepoPath */.NP)(path);
    return normal !== '..' && !normal.startsWith('../');
}
function stageStatus(items) {
    const s = { changedDeps: {}, changedOuts: {}, changedCommand: false, alwaysChanged: false };
    for (const item of items) {
        if (item === 'changed command')
            s.changedCommand = true;
        else if (item === 'always changed')
            s.alwaysChanged = true;
        else if (dvc_isRecord(item)) {
            Object.assign(s.changedDeps, pathStates(item['changed deps']));
            Object.assign(s.changedOuts, pathStates(item['changed outs']));
        }
        // Anything else ("changed checksum" of .dvc files) leaves the stage reported, without detail.
    }
    return s;
}
function pathStates(value) {
    const out = {};
    if (!dvc_isRecord(value))
        return out;
    for (const [path, state] of Object.entries(value)) {
        // A params file maps to {key: state}; the file as a whole counts as modified.
        out[path] = typeof state === 'string' ? state : 'modified';
    }
    return out;
}
// ---- reading DVC's failures --------------------------------------------------
/** What each documented DVC exit code means, and what to do about it. */
const EXIT_MEANINGS = {
    253: {
        meaning: 'DVC says this is not a DVC repository',
        get hint() {
            return `point ${(0,phrasing/* setting */.Pe)('working-directory')} at the folder that holds dvc.yaml`;
        }
    },
    251: {
        meaning: 'DVC configuration error',
        file: '.dvc/config',
        hint: 'fix or remove .dvc/config and .dvc/config.local (a Graft repository needs no DVC config)'
    },
    254: {
        meaning: 'DVC rejected the arguments of `dvc status --json`',
        hint: `this DVC is too old or too new; ${DVC_INSTALL_HINT}`
    },
    255: {
        meaning: 'DVC failed',
        // DVC's catch-all: what to do depends on what it said
        hint: (said) => /maximum recursion depth/i.test(said)
            ? 'a folder dep nests folders deeper than DVC can walk (about 900 levels: Python stops there): flatten the folder, or use engine "native"'
            : /\block\b/i.test(said)
                ? 'if another DVC process holds the repository lock, wait for it; if none runs, delete .dvc/tmp/lock'
                : 'run `dvc status` in the repository to see the full error'
    }
};
function dvcFailure(result) {
    const text = quote(dvcMessage(result));
    const known = EXIT_MEANINGS[result.code];
    if (known) {
        return new errors/* GraftError */.Tz({
            message: `${known.meaning} (exit ${result.code}): ${text}`,
            file: known.file,
            hint: typeof known.hint === 'string' ? known.hint : known.hint(text)
        });
    }
    return new errors/* GraftError */.Tz(syntaxProblem(text) ?? {
        message: `dvc status failed (exit ${result.code}): ${text}`,
        hint: 'run `dvc status` in the repository to see the full error'
    });
}
/** `'./dvc.yaml' is invalid.` / `'dvc.lock' validation failed.` → file and first line number. */
function syntaxProblem(text) {
    const file = /'(?:\.\/)?([^']+\.(?:yaml|lock))' (?:is invalid|validation failed)/.exec(text)?.[1];
    if (!file || (file !== TARGET && file !== 'dvc.lock'))
        return undefined;
    const line = /\bline (\d+)/.exec(text)?.[1];
    return {
        file,
        line: line ? Number(line) : undefined,
        message: `DVC cannot read ${file}: ${text}`,
        hint: file.endsWith('.lock')
            ? `fix ${file} or restore it from git (git checkout -- ${file})`
            : `fix the YAML of ${file} (regenerate it from the prompts if it is Graft's)`
    };
}
/**
 * DVC's own sentences from its stderr, on one line: without "ERROR:"
 * prefixes, blank lines, and every indented line — DVC indents what it quotes
 * from a file (a YAML error's excerpt and caret, a numbered code frame), and
 * a file may hold anything.
 */
function dvcMessage(result) {
    const lines = (result.stderr || result.stdout)
        .split('\n')
        .filter((l) => l.trim() !== '' && !/^\s/.test(l) && !/^\d+\s/.test(l) && !DVC_FOOTER.test(l))
        .map((l) => l.replace(/^ERROR:\s*/, '').trimEnd());
    return lines.join(' ').replace(/\s+/g, ' ').trim() || `no message (exit ${result.code})`;
}
/** The line DVC ends every unexpected error with: a support link, nothing about this run. */
const DVC_FOOTER = /^Having any troubles\?/;
/**
 * DVC's words as a message may quote them: the first few lines, cut short,
 * escaped like every log line (no workflow command, no control character).
 */
function quote(text) {
    const lines = text.trim().split('\n').slice(0, QUOTED_LINES).join('\n');
    const short = lines.length > QUOTED_CHARS ? `${lines.slice(0, QUOTED_CHARS)}…` : lines;
    return (0,log/* escapeLog */.Ah)(short);
}
function dvc_isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}


/***/ })

};
