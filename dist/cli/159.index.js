export const id = 159;
export const ids = [159];
export const modules = {

/***/ 6819:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  k: () => (/* binding */ DVCIGNORE),
  C: () => (/* binding */ DvcIgnore)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/repo/resolver.ts + 2 modules
var resolver = __webpack_require__(2915);
;// CONCATENATED MODULE: ./src/core/dvc/globstar.ts
// A gitignore pattern that holds `**`, matched segment by segment in time
// bounded by (pattern segments × path segments × segment length). The `ignore`
// package turns each `/**/` into `(?:\/[^\/]+)*` of a JavaScript regular
// expression, which backtracks: a one-line `.dvcignore` with a dozen
// `**/a/` segments over a deep folder dep took minutes per path. Patterns
// without `**` stay with `ignore` (their expressions cannot repeat across
// segments); this matcher gives the others the same answers (a property test
// holds it to `ignore` on small inputs).
class GlobstarPattern {
    segments;
    dirOnly;
    /** `/**` at the end: everything inside, never the folder itself */
    trailingGlobstar;
    constructor(segments, dirOnly, trailingGlobstar) {
        this.segments = segments;
        this.dirOnly = dirOnly;
        this.trailingGlobstar = trailingGlobstar;
    }
    /**
     * The matcher for `pattern` (a gitignore line without its leading `!`), or
     * undefined when it holds no `**` segment or a form this matcher does not
     * read (an escaped slash, an empty segment, an unterminated bracket).
     */
    static parse(pattern) {
        let body = pattern;
        const dirOnly = body.endsWith('/') && !body.endsWith('\\/');
        if (dirOnly)
            body = body.replace(/\/+$/, '');
        if (body.includes('\\/'))
            return undefined;
        // A `**` segment beside another holds a slash, so the pattern is anchored to its folder.
        if (body.startsWith('/'))
            body = body.slice(1);
        const parts = body.split('/');
        if (parts.some((p) => p === ''))
            return undefined;
        const segments = [];
        for (const part of parts) {
            if (/^\*{2,}$/.test(part)) {
                if (!segments.at(-1)?.globstar)
                    segments.push({ globstar: true });
                continue;
            }
            const tokens = tokenize(part);
            if (!tokens)
                return undefined;
            segments.push({ globstar: false, tokens });
        }
        if (!segments.some((s) => s.globstar))
            return undefined;
        // `**` alone matches every path, as `/**` does
        if (segments.length === 1)
            return new GlobstarPattern(segments, dirOnly, false);
        const trailing = segments.at(-1).globstar;
        return new GlobstarPattern(segments, dirOnly, trailing);
    }
    /**
     * Whether `path` (relative to the pattern's folder, `/`-separated, no
     * trailing slash) matches; with `orInside`, also when a folder above it does.
     * One pass over the path's segments, carrying the set of pattern positions
     * reached (a state machine, not backtracking).
     */
    matches(path, isDir, orInside = false) {
        const parts = path.split('/');
        const n = this.segments.length;
        let states = this.closure(new Set([0]));
        for (let j = 0; j < parts.length; j++) {
            const next = new Set();
            for (const i of states) {
                if (i === n)
                    continue;
                const segment = this.segments[i];
                if (segment.globstar) {
                    next.add(i);
                    if (i === n - 1 && this.trailingGlobstar)
                        next.add(n);
                }
                else if (globMatches(segment.tokens, parts[j]))
                    next.add(i + 1);
            }
            states = this.closure(next);
            if (states.size === 0)
                return false;
            const last = j === parts.length - 1;
            // a folder above the path (j < last) is a folder: a dir-only pattern may match it
            if (states.has(n) && (last ? isDir || !this.dirOnly : orInside))
                return true;
        }
        return false;
    }
    /** The positions reachable without reading a segment: past a `**` that matches no folder. */
    closure(states) {
        for (const i of [...states]) {
            for (let k = i; k < this.segments.length && this.segments[k].globstar; k++) {
                if (k === this.segments.length - 1 && this.trailingGlobstar)
                    break; // `/**` needs one segment
                states.add(k + 1);
            }
        }
        return states;
    }
}
/** The tokens of one segment's glob; undefined for an unterminated bracket expression. */
function tokenize(part) {
    const tokens = [];
    for (let i = 0; i < part.length; i++) {
        const c = part[i];
        if (c === '\\') {
            if (i + 1 < part.length)
                tokens.push({ kind: 'char', char: part[++i] });
            continue; // a trailing backslash matches nothing more
        }
        if (c === '*') {
            if (tokens.at(-1)?.kind !== 'star')
                tokens.push({ kind: 'star' });
        }
        else if (c === '?')
            tokens.push({ kind: 'any' });
        else if (c === '[') {
            const bracket = readBracket(part, i);
            if (!bracket)
                return undefined;
            tokens.push({ kind: 'class', test: bracket.test });
            i = bracket.end;
        }
        else
            tokens.push({ kind: 'char', char: c });
    }
    return tokens;
}
const POSIX_CLASSES = {
    alnum: /[A-Za-z0-9]/,
    alpha: /[A-Za-z]/,
    blank: /[ \t]/,
    cntrl: /[\x00-\x1f\x7f]/,
    digit: /[0-9]/,
    graph: /[!-~]/,
    lower: /[a-z]/,
    print: /[ -~]/,
    punct: /[!-/:-@[-`{-~]/,
    space: /[ \t\n\r\f\v]/,
    upper: /[A-Z]/,
    xdigit: /[0-9A-Fa-f]/
};
/** A bracket expression from `part[start] === '['` (git's wildmatch members); its end index, or undefined. */
function readBracket(part, start) {
    let i = start + 1;
    const negated = part[i] === '!' || part[i] === '^';
    if (negated)
        i++;
    const tests = [];
    let first = true;
    for (; i < part.length; i++) {
        let c = part[i];
        if (c === ']' && !first) {
            const members = tests;
            return { end: i, test: (ch) => ch !== '/' && members.some((t) => t(ch)) !== negated };
        }
        first = false;
        if (c === '[' && part[i + 1] === ':') {
            const close = part.indexOf(':]', i + 2);
            if (close < 0)
                return undefined;
            const cls = POSIX_CLASSES[part.slice(i + 2, close)];
            if (!cls)
                return undefined;
            tests.push((ch) => cls.test(ch));
            i = close + 1;
            continue;
        }
        if (c === '\\') {
            if (i + 1 >= part.length)
                return undefined;
            c = part[++i];
        }
        if (part[i + 1] === '-' && part[i + 2] !== undefined && part[i + 2] !== ']') {
            let hi = part[i + 2];
            i += 2;
            if (hi === '\\') {
                if (i + 1 >= part.length)
                    return undefined;
                hi = part[++i];
            }
            const lo = c;
            tests.push((ch) => ch >= lo && ch <= hi);
        }
        else {
            const literal = c;
            tests.push((ch) => ch === literal);
        }
    }
    return undefined;
}
/**
 * Whether one path segment matches a glob's tokens: the classic greedy scan
 * that returns to the last `*` on a mismatch, so each (token, character) pair
 * is visited a bounded number of times — never the regex engine's backtracking.
 */
function globMatches(tokens, text) {
    let t = 0;
    let s = 0;
    let starT = -1;
    let starS = 0;
    while (s < text.length) {
        const token = tokens[t];
        if (token && token.kind === 'star') {
            starT = t++;
            starS = s;
            continue;
        }
        if (token && matchesOne(token, text[s])) {
            t++;
            s++;
            continue;
        }
        if (starT < 0)
            return false;
        t = starT + 1;
        s = ++starS;
    }
    while (tokens[t]?.kind === 'star')
        t++;
    return t === tokens.length;
}
function matchesOne(token, c) {
    if (token.kind === 'char')
        return token.char === c;
    if (token.kind === 'any')
        return c !== '/';
    if (token.kind === 'class')
        return token.test(c);
    return false;
}

;// CONCATENATED MODULE: ./src/core/dvc/dvcignore.ts
// `.dvcignore`, as DVC applies it (dvc/ignore.py, DVC 3): gitignore-style
// patterns in a `.dvcignore` file apply to paths below its folder; the files
// of the folders from the repository root down are read in turn and the last
// matching rule wins (DVC merges them into one list, the parent's first);
// a folder that is ignored hides everything below it. DVC uses the rules when
// it lists a directory dep or out (the files it hashes) and refuses an out
// that is ignored itself; a file dep is never checked against them.
// The matching is the `ignore` package's (gitignore rules, as pathspec's
// GitIgnoreSpecPattern that DVC uses); the differential test holds both to
// the real DVC. A pattern holding `**` is matched by globstar.ts instead:
// `ignore` turns each `**` into a repetition of a regular expression, and
// several of them backtrack without bound over a deep path.






const DVCIGNORE = '.dvcignore';
/**
 * The `.dvcignore` rules of one repository, read lazily, each file once. Use
 * one per run: it does not notice a `.dvcignore` changing afterwards.
 */
class DvcIgnore {
    /** folder → its own rules (null: no .dvcignore there) */
    own = new Map();
    paths;
    constructor(root) {
        this.paths = new resolver/* RepoPathChecker */.x_(root);
    }
    /** True when no `.dvcignore` applies inside `relDir` (nothing to filter: the common case). */
    isEmptyFor(relDir) {
        return this.levels(relDir).length === 0;
    }
    /**
     * Whether DVC ignores `relPath` (repository-relative, `/`-separated), its
     * parent folders included, and the rule that decided.
     */
    check(relPath, isDir) {
        const parts = relPath.split('/');
        for (let i = 1; i < parts.length; i++) {
            const parent = this.match(parts.slice(0, i).join('/'), true);
            if (parent.ignored)
                return parent;
        }
        return this.match(relPath, isDir);
    }
    /**
     * Whether a path is ignored by the rules of the folders above it, its
     * parent folders NOT checked: for a walk that does not enter ignored folders.
     */
    match(relPath, isDir) {
        const slash = relPath.lastIndexOf('/');
        let verdict = { ignored: false };
        for (const level of this.levels(slash < 0 ? '' : relPath.slice(0, slash))) {
            const result = testLevel(level, level.base === '' ? relPath : relPath.slice(level.base.length + 1), isDir);
            if (result.ignored)
                verdict = { ignored: true, rule: result.rule };
            else if (result.unignored)
                verdict = { ignored: false };
        }
        return verdict;
    }
    /** The rule sets that apply inside `relDir`: its own and its parents', the root's first. */
    levels(relDir) {
        const levels = [];
        const parts = relDir === '' ? [] : relDir.split('/');
        for (let i = 0; i <= parts.length; i++) {
            const dir = parts.slice(0, i).join('/');
            let level = this.own.get(dir);
            if (level === undefined) {
                level = this.read(dir, levels);
                this.own.set(dir, level);
            }
            if (level)
                levels.push(level);
        }
        return levels;
    }
    read(dir, above) {
        const file = dir === '' ? DVCIGNORE : `${dir}/${DVCIGNORE}`;
        // Most folders have none: one lstat says so (a stat reads nothing; anything there is judged below).
        if (absent((0,external_node_path_.join)(this.paths.root, file)))
            return null;
        let text;
        try {
            // Through the resolver, as a pipeline file: a plain file inside the repository, never a symlink
            // (one to /dev/zero or a FIFO would exhaust memory or hang the run; one outside would be read).
            text = this.paths.readText(file, 'pipeline');
        }
        catch (e) {
            if (e instanceof errors/* GraftError */.Tz)
                throw e;
            const code = e.code;
            if (code === 'ENOENT' || code === 'ENOTDIR')
                return null;
            throw new errors/* GraftError */.Tz({
                file,
                message: `${file} cannot be read (${code ?? e.message})`,
                hint: 'make it a readable text file of ignore patterns, or remove it'
            });
        }
        if (text === undefined)
            return null;
        // DVC skips a .dvcignore that the rules above it ignore.
        if (above.length > 0 && this.matchIn(above, file))
            return null;
        return { base: dir, file, groups: ruleGroups(file, text) };
    }
    matchIn(levels, relPath) {
        let ignored = false;
        for (const level of levels) {
            const r = testLevel(level, level.base === '' ? relPath : relPath.slice(level.base.length + 1), false);
            if (r.ignored)
                ignored = true;
            else if (r.unignored)
                ignored = false;
        }
        return ignored;
    }
}
/** A `**` segment: the pattern goes to the globstar matcher. */
const GLOBSTAR_SEGMENT = /(?:^|\/)\*{2,}(?:\/|$)/g;
function ruleGroups(file, text) {
    const groups = [];
    // DVC strips each line and drops blank lines and comments (dvc/ignore.py DvcIgnorePatterns.from_file).
    text.split(/\r?\n/).forEach((raw, i) => {
        const pattern = raw.trim();
        if (pattern === '' || pattern.startsWith('#'))
            return;
        const negative = pattern.startsWith('!');
        const body = negative ? pattern.slice(1) : pattern;
        const globstar = (body.match(GLOBSTAR_SEGMENT)?.length ?? 0) > 0 ? GlobstarPattern.parse(body) : undefined;
        if (globstar) {
            groups.push({ globstar, negative, line: i + 1, pattern });
            return;
        }
        if ((body.match(GLOBSTAR_SEGMENT)?.length ?? 0) > 1) {
            throw new errors/* GraftError */.Tz({
                file,
                line: i + 1,
                message: `${file} has a pattern with several ** segments in a form the action cannot match in bounded time (an escaped slash, an empty segment or an unterminated [ ): ${pattern}`,
                hint: 'write the pattern with plain / separators and closed [ ] brackets, or with fewer ** segments'
            });
        }
        let last = groups.at(-1);
        if (!last || !('rules' in last)) {
            // Case-sensitive, as DVC's (pathspec's regular expressions are compiled without IGNORECASE).
            last = { rules: ignore_default()({ ignorecase: false }) };
            groups.push(last);
        }
        last.rules.add({ pattern, mark: String(i + 1) });
    });
    return groups;
}
/** The verdict of one file's rules on `sub` (relative to the file's folder): the last group that decides wins. */
function testLevel(level, sub, isDir) {
    let verdict = { ignored: false, unignored: false };
    for (const group of level.groups) {
        if ('rules' in group) {
            const result = group.rules.test(isDir ? `${sub}/` : sub);
            if (result.ignored) {
                const rule = { file: level.file, line: Number(result.rule?.mark ?? 0), pattern: result.rule?.pattern ?? '' };
                verdict = { ignored: true, unignored: false, rule };
            }
            else if (result.unignored)
                verdict = { ignored: false, unignored: true };
            continue;
        }
        const rule = { file: level.file, line: group.line, pattern: group.pattern };
        if (group.negative) {
            if (group.globstar.matches(sub, isDir))
                verdict = { ignored: false, unignored: true };
        }
        else if (group.globstar.matches(sub, isDir, true)) {
            verdict = { ignored: true, unignored: false, rule };
        }
    }
    return verdict;
}
/** Nothing at `abs` (ENOENT, or a file where a folder should be): the only answers that skip the resolver. */
function absent(abs) {
    try {
        return (0,external_node_fs_.lstatSync)(abs, { throwIfNoEntry: false }) === undefined;
    }
    catch (e) {
        return e.code === 'ENOTDIR';
    }
}


/***/ }),

/***/ 7182:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mB: () => (/* binding */ fastParseDvcLock)
/* harmony export */ });
/* unused harmony exports lockByBlocks, lockByLines */
/* harmony import */ var _yaml_emit_ruamel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9219);
/* harmony import */ var _yaml_plain_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5723);
// A fast reader for dvc.lock files in the exact layout DVC writes, because the
// general YAML parser dominates validate on large lock files (bench/readers.mjs
// measures both): sticky regular expressions over whole stages and entries first, a line
// reader for the rest of DVC's layout (folded values, other key orders).
// Anything outside that layout (comments, quotes beyond '…', params, flow
// style, CRLF, …) returns undefined and the caller uses the YAML parser, so
// both always agree.


const STAGE = /^ {2}([^ ].*):$/;
const FIELD = /^( {4}| {6}|( {4}- ))([a-z0-9]+):(?: (.*))?$/;
const CONTINUATION = /^ {6}([^ ].*)$/;
const ENTRY_CONTINUATION = /^ {8}([^ ].*)$/;
/** A continuation line starting like this would not continue a plain scalar. */
const INDICATOR_START = /^(#|[-?:]( |$))/;
const COUNT = /^(0|[1-9][0-9]{0,14})$/;
/**
 * An md5 as DVC writes it (32 hex digits, `.dir` after a folder's) holding a
 * hex letter other than `e`: YAML 1.2's core schema reads it as this string,
 * never as a number (only digits and one `e` make a number) nor null or bool
 * (ruamel's binary integers, `0b` and binary digits, are declined before).
 */
const PLAIN_MD5 = /^(?=[0-9a-f]*[a-df])[0-9a-f]{32}(?:\.dir)?$/;
/**
 * What String#trim strips but YAML keeps (YAML's white space is only space
 * and tab), and \r: a file holding any of these is left to the YAML reader.
 */
const NOT_YAML_WHITE = /[\r\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const DRAFT_KEYS = new Set(['path', 'hash', 'md5', 'size', 'nfiles', 'isexec']);
const HEAD = "schema: '2.0'\nstages:\n";
/** A stage's key, its `cmd:` line and the cmd's continuation lines. */
const STAGE_BLOCK = /  ([^ \n][^\n]*):\n    cmd: ([^\n]*)\n((?:      [^ \n][^\n]*\n)*)/y;
const LIST_KEY = /    (deps|outs):\n/y;
/** One entry, its keys in DVC's order, one line each. */
const ENTRY_BLOCK = /    - path: ([^\n]*)\n(      hash: md5\n)?      md5: ([^\n]*)\n(?:      size: ([^\n]*)\n)?(?:      nfiles: ([^\n]*)\n)?(      isexec: true\n)?/y;
/** The lock file, or undefined when the text is not in DVC's plain layout. */
function fastParseDvcLock(text) {
    if (NOT_YAML_WHITE.test(text) || !text.startsWith(HEAD))
        return undefined;
    const plain = new Map();
    return lockByBlocks(text, plain) ?? lockByLines(text, plain);
}
/**
 * The common case in one pass of sticky regular expressions (several times
 * faster than line by line before the JIT warms up): stages and entries in
 * DVC's own order, one value per line. Undefined for anything else; when it
 * returns a lock, lockByLines returns the same (tests hold the two together).
 * Exported for those tests; `text` has passed fastParseDvcLock's checks.
 */
function lockByBlocks(text, plain = new Map()) {
    const stages = new Map();
    let at = HEAD.length;
    let line = 3; // of the next stage key
    while (at < text.length) {
        STAGE_BLOCK.lastIndex = at;
        const m = STAGE_BLOCK.exec(text);
        if (!m)
            return undefined;
        const name = m[1];
        if (!isPlainKey(name, plain) || stages.has(name))
            return undefined;
        const more = m[3] === '' ? [] : m[3].slice(0, -1).split('\n');
        if (more.some((l) => INDICATOR_START.test(l.trimStart())))
            return undefined;
        const cmd = joinFolded(m[2], more);
        if (!isPlain(cmd, plain))
            return undefined;
        const stage = { cmd, deps: [], outs: [], line };
        stages.set(name, stage);
        at = STAGE_BLOCK.lastIndex;
        line += 2 + more.length;
        for (const key of ['deps', 'outs']) {
            LIST_KEY.lastIndex = at;
            const k = LIST_KEY.exec(text);
            if (!k || k[1] !== key)
                continue;
            at = LIST_KEY.lastIndex;
            line++;
            for (let e = readEntry(text, at); e; e = readEntry(text, at)) {
                const entry = toEntry(e.draft, plain);
                if (!entry)
                    return undefined;
                stage[key].push(entry);
                at = e.end;
                line += e.lines;
            }
        }
    }
    return { schema: '2.0', stages };
}
/** The entry starting at `at` in DVC's layout, as raw values; undefined when there is none. */
function readEntry(text, at) {
    ENTRY_BLOCK.lastIndex = at;
    const e = ENTRY_BLOCK.exec(text);
    if (!e)
        return undefined;
    const draft = { path: oneLine(e[1]), md5: oneLine(e[3]) };
    if (e[2] !== undefined)
        draft.hash = 'md5';
    if (e[4] !== undefined)
        draft.size = oneLine(e[4]);
    if (e[5] !== undefined)
        draft.nfiles = oneLine(e[5]);
    if (e[6] !== undefined)
        draft.isexec = 'true';
    const lines = 2 +
        (e[2] !== undefined ? 1 : 0) +
        (e[4] !== undefined ? 1 : 0) +
        (e[5] !== undefined ? 1 : 0) +
        (e[6] !== undefined ? 1 : 0);
    return { draft, end: ENTRY_BLOCK.lastIndex, lines };
}
/**
 * Any DVC-layout lock file, line by line (keys of an entry in any order,
 * values folded over lines). Exported for the tests of lockByBlocks; `text`
 * has passed fastParseDvcLock's checks.
 */
function lockByLines(text, plain = new Map()) {
    const lines = text.split('\n');
    if (lines.at(-1) === '')
        lines.pop();
    const stages = new Map();
    let stage;
    let list;
    let entry;
    /** the list keys the current stage has given */
    const lists = new Set();
    const end = { i: 0 };
    for (let i = 2; i < lines.length; i++) {
        const line = lines[i];
        const stageMatch = STAGE.exec(line);
        if (stageMatch) {
            if (!finishEntry(entry, list, plain) || (stage && stage.cmd === undefined))
                return undefined;
            entry = undefined;
            const name = stageMatch[1];
            if (!isPlainKey(name, plain) || stages.has(name))
                return undefined;
            stage = { cmd: undefined, deps: [], outs: [], line: i + 1 };
            list = undefined;
            lists.clear();
            stages.set(name, stage);
            continue;
        }
        const m = FIELD.exec(line);
        if (!m || !stage)
            return undefined;
        const dash = m[2] !== undefined;
        const key = m[3];
        const rawValue = m[4];
        if (m[1] === '    ' && !dash) {
            if (!finishEntry(entry, list, plain))
                return undefined;
            entry = undefined;
            if (key === 'cmd' && rawValue !== undefined && stage.cmd === undefined && list === undefined) {
                const cmd = folded(lines, i, rawValue, CONTINUATION, end);
                if (!isPlain(cmd, plain))
                    return undefined;
                stage.cmd = cmd;
                i = end.i;
            }
            else if ((key === 'deps' || key === 'outs') && rawValue === undefined && stage.cmd !== undefined) {
                // A key given twice is a YAML error; deps after outs is not DVC's layout.
                if (lists.has(key) || (key === 'deps' && lists.has('outs')))
                    return undefined;
                lists.add(key);
                list = key === 'deps' ? stage.deps : stage.outs;
            }
            else {
                return undefined;
            }
            continue;
        }
        if (!list || rawValue === undefined)
            return undefined;
        if (dash) {
            if (key !== 'path' || !finishEntry(entry, list, plain))
                return undefined;
            entry = {};
        }
        // Any other key makes the YAML reader's entry differ: leave the file to it.
        if (!entry || !DRAFT_KEYS.has(key) || entry[key] !== undefined)
            return undefined;
        entry[key] = folded(lines, i, rawValue, ENTRY_CONTINUATION, end);
        i = end.i;
    }
    if (!finishEntry(entry, list, plain) || (stage && stage.cmd === undefined))
        return undefined;
    return { schema: '2.0', stages };
}
/** Adds the entry being read (if any) to the list; false when it is not plain. */
function finishEntry(entry, list, plain) {
    if (!entry)
        return true;
    const e = toEntry(entry, plain);
    if (!e || !list)
        return false;
    list.push(e);
    return true;
}
/**
 * A plain scalar folded over lines (DVC folds near column 80, and puts a
 * long word on a line of its own): lines joined by one space. Sets `end.i`
 * to the index of its last line.
 */
function folded(lines, i, first, continuation, end) {
    const more = [];
    while (i + 1 < lines.length && continuation.test(lines[i + 1]) && !INDICATOR_START.test(lines[i + 1].trimStart()))
        more.push(lines[++i]);
    end.i = i;
    return joinFolded(first, more);
}
/** A value's first line and its continuation lines, as YAML joins a plain scalar: trimmed, one space between. */
function joinFolded(first, more) {
    let value = first.trim() === '' ? undefined : first.trimEnd();
    for (const line of more) {
        const part = line.trim();
        value = value === undefined ? part : `${value} ${part}`;
    }
    return value ?? '';
}
/** A one-line value as joinFolded reads it. */
function oneLine(raw) {
    return raw.trim() === '' ? '' : raw.trimEnd();
}
/** One entry's raw values, checked the way the YAML reader would type them. */
function toEntry(raw, plain) {
    const path = scalar(raw.path, plain);
    // Nearly every md5 settles on its shape; each is unique, so remembering it would only cost.
    if (raw.md5 !== undefined && _yaml_plain_js__WEBPACK_IMPORTED_MODULE_1__/* .RUAMEL_BINARY */ .JO.test(raw.md5))
        return undefined; // the YAML reader refuses it, as DVC fails on it
    const md5 = raw.md5 !== undefined && PLAIN_MD5.test(raw.md5) ? raw.md5 : scalar(raw.md5, plain);
    if (path === undefined || md5 === undefined)
        return undefined;
    if (raw.hash !== undefined && raw.hash !== 'md5')
        return undefined;
    if (raw.isexec !== undefined && raw.isexec !== 'true')
        return undefined;
    if ((raw.size !== undefined && !COUNT.test(raw.size)) || (raw.nfiles !== undefined && !COUNT.test(raw.nfiles)))
        return undefined;
    // Same key order as the YAML reader builds.
    const e = raw.hash === undefined ? { path, md5 } : { path, hash: 'md5', md5 };
    if (raw.size !== undefined)
        e.size = Number(raw.size);
    if (raw.nfiles !== undefined)
        e.nfiles = Number(raw.nfiles);
    if (raw.isexec !== undefined)
        e.isexec = true;
    return e;
}
/** A one-line plain or simple single-quoted string; undefined when unsure. */
function scalar(raw, plain) {
    if (raw === undefined)
        return undefined;
    if (raw.charCodeAt(0) === 0x27) {
        const quoted = /^'([^']*)'$/.exec(raw);
        if (quoted)
            return quoted[1];
    }
    return isPlain(raw, plain) ? raw : undefined;
}
/** Reads back as this string when written plain as a key (see isSafePlainKey for the length rule). */
function isPlainKey(value, seen) {
    return value.length <= _yaml_plain_js__WEBPACK_IMPORTED_MODULE_1__/* .IMPLICIT_KEY_MAX */ .d$ && isPlain(value, seen);
}
/** Reads back as this string when written plain: the cheap test first, then ruamel's rules; remembered per file. */
function isPlain(value, seen) {
    let known = seen.get(value);
    if (known === undefined) {
        known = (0,_yaml_plain_js__WEBPACK_IMPORTED_MODULE_1__/* .isSafePlain */ .Ur)(value, 'core') || (0,_yaml_emit_ruamel_js__WEBPACK_IMPORTED_MODULE_0__/* .isPlainString */ .iL)(value);
        seen.set(value, known);
    }
    return known;
}


/***/ }),

/***/ 363:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hy: () => (/* binding */ readDvcLock),
/* harmony export */   PZ: () => (/* binding */ lockEntryFor),
/* harmony export */   dQ: () => (/* binding */ removeLockStages),
/* harmony export */   rW: () => (/* binding */ setLockStages)
/* harmony export */ });
/* unused harmony exports parseDvcLock, parseDvcLockYaml, setLockStage, spliceByLines, spliceStage */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4296);
/* harmony import */ var _repo_safe_read_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5828);
/* harmony import */ var _hash_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5655);
/* harmony import */ var _dvclock_fast_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7182);
/* harmony import */ var _yaml_source_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3474);
/* harmony import */ var _yaml_emit_ruamel_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(9219);
/* harmony import */ var _yaml_plain_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5723);
// dvc.lock: read it (schema 2.0), compute fresh entries, and rewrite one
// stage's entry in DVC's own layout so the real `dvc status` agrees and every
// other stage stays byte-identical.










const FILE = 'dvc.lock';
const SYNTAX_HINT = 'fix the syntax, or restore dvc.lock from git (`git checkout -- dvc.lock`) and run `dvc repro`';
const CORRUPT_HINT = 'restore dvc.lock from git, or regenerate it with `dvc repro` (DVC 3)';
async function readDvcLock(root) {
    // One blocking read, not a round trip per chunk; never blocking on a FIFO, refusing a symlink as the resolver did.
    const text = (0,_repo_safe_read_js__WEBPACK_IMPORTED_MODULE_4__/* .readRegularFile */ .XF)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, FILE), FILE, { noFollow: true });
    return text === undefined ? undefined : parseDvcLock(text);
}
function parseDvcLock(text, file = FILE) {
    return (0,_dvclock_fast_js__WEBPACK_IMPORTED_MODULE_6__/* .fastParseDvcLock */ .mB)(text) ?? parseDvcLockYaml(text, file);
}
/** The general reader (any YAML layout); parseDvcLock tries the fast one first. */
function parseDvcLockYaml(text, file = FILE) {
    const src = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .parseYamlSource */ .WF)(text, file, SYNTAX_HINT);
    const top = src.doc.contents;
    const schema = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(top) ? top.get('schema') : undefined;
    if (schema !== '2.0') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({
            file,
            line: ((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(top) ? src.lineOf(top.get('schema', true)) : undefined) ?? 1,
            message: `${file} ${schema === undefined ? 'has no "schema" key' : `has schema ${JSON.stringify(schema)}`}: only DVC 3 lock files (schema '2.0') are supported; DVC 1 lock files are not`,
            hint: 'run `dvc repro` with DVC 3 to rewrite dvc.lock, and commit it'
        });
    }
    const stagesNode = top.get('stages', true);
    const stages = new Map();
    if (stagesNode === undefined || ((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isScalar */ .jn)(stagesNode) && stagesNode.value === null))
        return { schema: '2.0', stages };
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(stagesNode))
        throw corrupt(src, stagesNode, '"stages" must be a mapping');
    for (const pair of stagesNode.items) {
        const name = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .pairKey */ .Yz)(pair);
        stages.set(name, readLockStage(src, name, pair));
    }
    return { schema: '2.0', stages };
}
function readLockStage(src, name, pair) {
    const line = src.lineOf(pair.key);
    const body = pair.value;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(body))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({ file: src.file, line, message: `stage "${name}" must be a mapping`, hint: CORRUPT_HINT });
    const cmdNode = body.get('cmd', true);
    let cmd = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .scalarString */ .Cg)(cmdNode);
    if (cmd === undefined && (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isSeq */ .oP)(cmdNode))
        cmd = cmdNode.items.map((i) => (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .scalarString */ .Cg)(i) ?? '').join('\n');
    if (cmd === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({
            file: src.file,
            line: src.lineOf(cmdNode) ?? line,
            message: `stage "${name}" has no cmd string`,
            hint: CORRUPT_HINT
        });
    }
    return { cmd, deps: readEntries(src, name, body, 'deps'), outs: readEntries(src, name, body, 'outs'), line };
}
function readEntries(src, stage, body, key) {
    const node = body.get(key, true);
    if (node === undefined || ((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isScalar */ .jn)(node) && node.value === null))
        return [];
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isSeq */ .oP)(node))
        throw corrupt(src, node, `stage "${stage}": ${key} must be a list`);
    return node.items.map((item) => {
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(item))
            throw corrupt(src, item, `stage "${stage}": each entry of ${key} must be a mapping`);
        const path = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .scalarString */ .Cg)(item.get('path', true));
        const md5Node = item.get('md5', true);
        // DVC's reader (ruamel) reads a plain 0b101… as a binary integer, and then fails: so does this one.
        // An entry without md5 is one DVC reads as of unknown hash: its file modified (or deleted when
        // gone). The empty md5 matches no file's.
        const md5 = md5Node === undefined
            ? ''
            : (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isScalar */ .jn)(md5Node) && md5Node.type === 'PLAIN' && _yaml_plain_js__WEBPACK_IMPORTED_MODULE_9__/* .RUAMEL_BINARY */ .JO.test(String(md5Node.value))
                ? undefined
                : (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .scalarString */ .Cg)(md5Node);
        if (path === undefined || md5 === undefined) {
            throw corrupt(src, item, `stage "${stage}": an entry of ${key} has no ${path === undefined ? 'path' : 'md5'} string${path ? ` (${path})` : ''}`);
        }
        const hash = item.get('hash');
        if (hash !== undefined && hash !== 'md5') {
            throw corrupt(src, item, `stage "${stage}": ${path} uses hash ${JSON.stringify(hash)}; only md5 is supported`);
        }
        const entry = { path, ...(hash === 'md5' ? { hash } : {}), md5 };
        const size = item.get('size');
        const nfiles = item.get('nfiles');
        if (typeof size === 'number')
            entry.size = size;
        if (typeof nfiles === 'number')
            entry.nfiles = nfiles;
        if (item.get('isexec') === true)
            entry.isexec = true;
        return entry;
    });
}
/** A fresh entry for a file or directory under root, as `dvc repro` would write it. */
async function lockEntryFor(root, path, legacy = false, hasher = new _hash_js__WEBPACK_IMPORTED_MODULE_5__/* .Hasher */ .OP({ root })) {
    const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, path);
    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(abs).catch(() => undefined);
    if (!info) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({
            file: path,
            message: `${path} does not exist, so it has no hash for dvc.lock`,
            hint: 'create it, or remove it from the stage'
        });
    }
    const hash = legacy ? {} : { hash: 'md5' };
    if (info.isDirectory()) {
        const d = await hasher.dir(abs, legacy);
        return { path, ...hash, md5: d.md5, size: d.size, nfiles: d.nfiles };
    }
    const f = await hasher.file(abs, legacy);
    return { path, ...hash, md5: f.md5, size: f.size, ...(f.isexec ? { isexec: true } : {}) };
}
/**
 * dvc.lock text with stage `name` set to `stage` (added at the end when new),
 * every other byte kept. Throws a GraftError when the existing text is not a
 * valid DVC 3 lock file.
 */
function setLockStage(existingText, name, stage) {
    return setLockStages(existingText, [[name, stage]]);
}
/**
 * dvc.lock text with each named stage set: replaced where it stands, or added
 * at the end in the order given; every other byte kept, but line ends: the
 * result has the file's own style throughout (see inLineEndsOf). The text is read once
 * and the result read back once, however many stages a run renders.
 * @throws GraftError when the existing text is not a valid DVC 3 lock file.
 */
function setLockStages(existingText, stages) {
    return (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .inLineEndsOf */ .NP)(existingText, (lf) => setLockStagesLf(lf, stages));
}
function setLockStagesLf(existingText, stages) {
    const text = existingText === undefined || existingText.trim() === '' ? `schema: '2.0'\nstages:\n` : existingText;
    const plain = (0,_dvclock_fast_js__WEBPACK_IMPORTED_MODULE_6__/* .fastParseDvcLock */ .mB)(text);
    const before = plain ?? parseDvcLockYaml(text); // refuse to edit a corrupt file
    const byName = new Map(stages);
    const result = (plain && spliceByLines(text, plain, byName)) ??
        [...byName].reduce((t, [name, stage]) => spliceStage(t, name, stage), text);
    assertReadsBack(result, byName, before);
    return result;
}
/**
 * spliceStage for a lock in DVC's own layout (`lock` is fastParseDvcLock's
 * reading of `text`), for every stage of `stages` at once: there each stage
 * runs from its key's line to the next stage's key, the last one to the end
 * of the file, so line numbers are all the splice needs. The YAML tree
 * spliceStage builds costs about a second on a 1000-stage lock. Exported for
 * the test that holds the two splices together; undefined when `lock` has no
 * stages or a key is not where the reader said (spliceStage then does it).
 * A stage mapped to undefined is removed (nothing when it is not there).
 */
function spliceByLines(text, lock, stages) {
    const order = [...lock.stages];
    if (order.length === 0)
        return undefined;
    const index = new Map(order.map(([name], i) => [name, i]));
    const lines = [];
    for (const name of stages.keys()) {
        const i = index.get(name);
        if (i !== undefined)
            lines.push(order[i][1].line ?? 0, order[i + 1]?.[1].line ?? 0);
    }
    const starts = lineStarts(text, lines);
    const edits = [];
    let appended = '';
    for (const [name, stage] of stages) {
        const block = stage ? stageBlock(name, stage, 2) : '';
        const i = index.get(name);
        if (i === undefined) {
            appended += block;
            continue;
        }
        const start = starts.get(order[i][1].line ?? 0);
        const next = order[i + 1];
        const end = next ? starts.get(next[1].line ?? 0) : text.length;
        if (start === undefined || end === undefined || !text.startsWith(`  ${name}:\n`, start))
            return undefined;
        edits.push({ start, end, text: block });
    }
    const result = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .applyEdits */ .ct)(text, edits);
    return appended === '' ? result : `${withNewline(result)}${appended}`;
}
/** 1-based line → the offset where it starts, for each of `lines` the text has (0 and lines past the end are left out). */
function lineStarts(text, lines) {
    const found = new Map();
    let line = 1;
    let offset = 0;
    for (const target of [...new Set(lines)].filter((l) => l > 0).sort((x, y) => x - y)) {
        for (; line < target; line++) {
            const nl = text.indexOf('\n', offset);
            if (nl < 0)
                return found;
            offset = nl + 1;
        }
        found.set(target, offset);
    }
    return found;
}
/**
 * dvc.lock text without the entries of the named stages, every other byte
 * kept; names without an entry are ignored. A `stages:` left with none
 * becomes `stages: {}`.
 * @throws GraftError when the existing text is not a valid DVC 3 lock file.
 */
function removeLockStages(existingText, names) {
    return (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .inLineEndsOf */ .NP)(existingText, (lf) => removeLockStagesLf(lf, names));
}
function removeLockStagesLf(existingText, names) {
    const plain = (0,_dvclock_fast_js__WEBPACK_IMPORTED_MODULE_6__/* .fastParseDvcLock */ .mB)(existingText);
    const before = plain ?? parseDvcLockYaml(existingText); // refuse to edit a corrupt file
    const gone = new Set(names);
    const kept = [...before.stages.keys()].filter((n) => !gone.has(n));
    if (kept.length === before.stages.size)
        return existingText;
    const removed = new Map(names.map((n) => [n, undefined]));
    // DVC's layout, some stages left: cut by line numbers (a `stages:` left empty needs the tree's `{}`)
    const byLines = plain && kept.length > 0 ? spliceByLines(existingText, plain, removed) : undefined;
    const result = byLines ?? removeByTree(existingText, gone);
    assertReadsBack(result, removed, before);
    return result;
}
/** removeLockStages through the YAML tree (any layout). */
function removeByTree(existingText, gone) {
    const top = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .parseYamlSource */ .WF)(existingText, FILE, SYNTAX_HINT).doc.contents;
    const stagesPair = top.items.find((p) => (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .pairKey */ .Yz)(p) === 'stages');
    const stages = stagesPair?.value;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(stages) || stages.items.length === 0)
        return existingText;
    if (stages.flow) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({
            file: FILE,
            message: 'the "stages" of dvc.lock are written in flow style ({...}), which this tool does not edit',
            hint: CORRUPT_HINT
        });
    }
    let result = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .removeBlockPairs */ .bW)(existingText, stages, gone);
    if (stages.items.every((p) => gone.has((0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .pairKey */ .Yz)(p)))) {
        const keyEnd = stagesPair.key.range[1];
        const colon = result.indexOf(':', keyEnd);
        result = `${result.slice(0, colon + 1)} {}${result.slice(colon + 1)}`;
    }
    return result;
}
/** The general splice: where the YAML tree puts the stages (any layout). Exported for the test of spliceByLines. */
function spliceStage(text, name, stage) {
    const top = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .parseYamlSource */ .WF)(text, FILE, SYNTAX_HINT).doc.contents;
    const stagesPair = top.items.find((p) => (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .pairKey */ .Yz)(p) === 'stages');
    if (!stagesPair)
        return `${withNewline(text)}stages:\n${stageBlock(name, stage, 2)}`;
    const stages = stagesPair.value;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(stages) || stages.items.length === 0) {
        // `stages:` with nothing, or `stages: {}`: give it a block body.
        const keyEnd = stagesPair.key.range[1];
        return `${text.slice(0, keyEnd)}:\n${stageBlock(name, stage, 2)}${text.slice((0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .lineEnd */ .kd)(text, keyEnd))}`;
    }
    if (stages.flow) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({
            file: FILE,
            message: 'the "stages" of dvc.lock are written in flow style ({...}), which this tool does not edit',
            hint: CORRUPT_HINT
        });
    }
    const firstKey = stages.items[0].key.range[0];
    const indent = firstKey - lineStart(text, firstKey);
    const block = stageBlock(name, stage, indent);
    const index = stages.items.findIndex((p) => (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .pairKey */ .Yz)(p) === name);
    if (index < 0) {
        const end = pairEnd(text, stages.items, stages.items.length - 1);
        return `${withNewline(text.slice(0, end))}${block}${text.slice(end)}`;
    }
    const start = lineStart(text, stages.items[index].key.range[0]);
    const end = pairEnd(text, stages.items, index);
    return `${text.slice(0, start)}${block}${text.slice(end)}`;
}
/** Where pair `i` ends: the next key's line, or the end of the line holding its value's last character. */
function pairEnd(text, items, i) {
    if (i + 1 < items.length)
        return lineStart(text, items[i + 1].key.range[0]);
    const value = items[i].value;
    const end = value?.range ? value.range[1] : items[i].key.range[1];
    return (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_7__/* .lineEnd */ .kd)(text, Math.max(end - 1, 0));
}
function lineStart(text, offset) {
    return text.lastIndexOf('\n', offset - 1) + 1;
}
/** Offset just past the newline ending the line that holds `offset` (or the end of text). */
function withNewline(text) {
    return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
/** One stage in DVC's layout: cmd, deps, outs; entries sorted by path. */
function stageBlock(name, stage, indent) {
    const pad = ' '.repeat(indent);
    let out = `${pad}${(0,_yaml_emit_ruamel_js__WEBPACK_IMPORTED_MODULE_8__/* .yamlKey */ .j5)(name)}:\n`;
    out += field(indent + 2, 'cmd', stage.cmd);
    for (const key of ['deps', 'outs']) {
        const entries = sortEntries(stage[key]);
        if (entries.length === 0)
            continue;
        out += `${pad}  ${key}:\n`;
        for (const e of entries)
            out += entryBlock(e, indent + 2);
    }
    return out;
}
function entryBlock(e, indent) {
    const inner = indent + 2;
    let out = `${' '.repeat(indent)}- path:${(0,_yaml_emit_ruamel_js__WEBPACK_IMPORTED_MODULE_8__/* .yamlValue */ .t$)(e.path, indent + '- path:'.length, inner + 2)}\n`;
    if (e.hash)
        out += `${' '.repeat(inner)}hash: md5\n`;
    out += field(inner, 'md5', e.md5);
    if (e.size !== undefined)
        out += `${' '.repeat(inner)}size: ${e.size}\n`;
    if (e.nfiles !== undefined)
        out += `${' '.repeat(inner)}nfiles: ${e.nfiles}\n`;
    if (e.isexec)
        out += `${' '.repeat(inner)}isexec: true\n`;
    return out;
}
function field(indent, key, value) {
    return `${' '.repeat(indent)}${key}:${(0,_yaml_emit_ruamel_js__WEBPACK_IMPORTED_MODULE_8__/* .yamlValue */ .t$)(value, indent + key.length + 1, indent + 2)}\n`;
}
/** DVC sorts entries by path (Python: code point order; UTF-8 bytes sort the same). */
function sortEntries(entries) {
    return [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}
/**
 * Guards every edit of dvc.lock: each written stage must read back exactly as
 * given, each removed one (mapped to undefined) be gone, and every other stage
 * of `before` read back exactly as it was, in the same order.
 */
function assertReadsBack(text, stages, before) {
    const back = parseDvcLock(text).stages;
    const canon = (s) => ({
        cmd: s.cmd,
        deps: sortEntries(s.deps).map(canonEntry),
        outs: sortEntries(s.outs).map(canonEntry)
    });
    for (const [name, stage] of stages) {
        const got = back.get(name);
        if (JSON.stringify(got && canon(got)) !== JSON.stringify(stage && canon(stage))) {
            throw new Error(`internal error: dvc.lock entry for ${name} does not read back as written`);
        }
    }
    const others = (lock) => JSON.stringify([...lock].filter(([name]) => !stages.has(name)).map(([name, s]) => [name, canon(s)]));
    if (others(back) !== others(before.stages))
        throw new Error('internal error: writing dvc.lock changed the entries of other stages');
}
function canonEntry(e) {
    return [e.path, e.hash, e.md5, e.size, e.nfiles, e.isexec === true];
}
function corrupt(src, node, message) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({ file: src.file, line: src.lineOf(node), message, hint: CORRUPT_HINT });
}


/***/ }),

/***/ 4417:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gr: () => (/* binding */ removeStagesFromDvcYaml),
/* harmony export */   Jf: () => (/* binding */ formatStageYaml),
/* harmony export */   NM: () => (/* binding */ updateStagesDeps),
/* harmony export */   mR: () => (/* binding */ addStagesToDvcYaml)
/* harmony export */ });
/* unused harmony exports formatDvcYaml, updateStageDeps, scalarText */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _yaml_source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3474);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
/* harmony import */ var _yaml_plain_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5723);
/* harmony import */ var _yaml_emit_ruamel_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9219);
// Writing dvc.yaml. A new file is written exactly as Graft's generator writes it
// (PyYAML's block style, folding plain scalars past column 80). An existing file
// is edited by splicing text at positions the `yaml` parser reports, so every
// byte the user wrote (comments, quoting, folding) stays as it was.





const FILE = 'dvc.yaml';
const HEADER = [
    '# This file is generated by graft-action from the *.prompt.md files:',
    '# one stage per prompt; its deps are the prompt and the frontmatter `deps`.',
    '# Edit the prompts, not this file (a different `cmd` is kept as it is).'
].join('\n');
/** PyYAML's best_width: a plain scalar breaks at the first single space past this column. */
const BEST_WIDTH = 80;
/** A whole new dvc.yaml holding `stages`, in Graft's layout. */
function formatDvcYaml(stages) {
    return `${HEADER}\n\nstages:\n${stages.map((s) => formatStageYaml(s, 2)).join('')}`;
}
/** One stage as PyYAML's safe_dump writes it, its key at column `indent`. */
function formatStageYaml(stage, indent = 2) {
    const pad = ' '.repeat(indent);
    const inner = ' '.repeat(indent + 2);
    const cmd = `cmd: ${scalarText(stage.cmd, indent + 7, indent + 4)}`;
    const lines = isSimpleKey(stage.name)
        ? [`${pad}${keyText(stage.name)}:`, `${inner}${cmd}`]
        : [`${pad}? ${scalarText(stage.name, indent + 2, indent + 2)}`, `${pad}: ${cmd}`];
    lines.push(...depsLines(stage.deps, indent + 2));
    if (stage.outs.length === 0)
        lines.push(`${inner}outs: []`);
    else
        lines.push(`${inner}outs:`);
    for (const out of stage.outs) {
        if (out.cache)
            lines.push(`${inner}- ${scalarText(out.path, indent + 4, indent + 4)}`);
        else if (isSimpleKey(out.path))
            lines.push(`${inner}- ${keyText(out.path)}:`, `${inner}    cache: false`);
        else
            lines.push(`${inner}- ? ${scalarText(out.path, indent + 6, indent + 6)}`, `${inner}  : cache: false`);
    }
    if (stage.alwaysChanged)
        lines.push(`${inner}always_changed: true`);
    return lines.map((l) => `${l}\n`).join('');
}
/**
 * Whether PyYAML writes `value` as a simple (implicit) key, `key: value`:
 * when it is shorter than 123 characters and on one line (its emitter's
 * check_simple_key). A longer one is written as an explicit key, `? key` then
 * `: value`, as Graft's generator writes it — and a key past 1024 characters
 * could not be implicit at all (YAML's limit, which ruamel and the yaml
 * package both enforce).
 */
function isSimpleKey(value) {
    // PyYAML counts the key's tag too (`!!str`, 5 characters): 122 characters is its longest simple string key
    return [...value].length + 5 < 128 && !/[\n\r\x85\u2028\u2029]/.test(value);
}
/** `deps:` and its items, the key at column `indent`, items not indented under it. */
function depsLines(deps, indent) {
    const pad = ' '.repeat(indent);
    if (deps.length === 0)
        return [`${pad}deps: []`];
    return [`${pad}deps:`, ...deps.map((d) => `${pad}- ${scalarText(d, indent + 2, indent + 2)}`)];
}
/**
 * Appends stages to dvc.yaml (or writes a new one when `existingText` is
 * undefined). Existing text is kept byte for byte, line ends aside (one style
 * throughout, the file's own: see inLineEndsOf); the new stages go right after
 * the last existing stage, at the same indentation.
 */
function addStagesToDvcYaml(existingText, stages) {
    return (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .inLineEndsOf */ .NP)(existingText, (lf) => addStagesLf(lf, stages));
}
function addStagesLf(existingText, stages) {
    if (existingText === undefined)
        return checked(formatDvcYaml(stages), stages);
    const src = parse(existingText);
    const { doc } = src;
    const eol = existingText.includes('\r\n') ? '\r\n' : '\n';
    const root = doc.contents;
    const stagesPair = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(root) ? findPair(root, 'stages') : undefined;
    let result;
    if (root !== null && !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(root) && !((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(root) && root.value === null)) {
        throw fileError(root, src, 'dvc.yaml is not a mapping with a `stages:` key', 'fix dvc.yaml, or delete it to let the action write a new one');
    }
    else if (!stagesPair) {
        result = insertAt(existingText, existingText.length, `stages:\n${stages.map((s) => formatStageYaml(s, 2)).join('')}`, eol);
    }
    else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(stagesPair.value) && !stagesPair.value.flow && stagesPair.value.items.length > 0) {
        const map = stagesPair.value;
        for (const stage of stages) {
            if (findPair(map, stage.name))
                throw new Error(`dvc.yaml already has a stage ${stage.name}`);
        }
        const indent = columnOf(map.items[0].key, src);
        const last = map.items[map.items.length - 1];
        const end = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .lineEnd */ .kd)(existingText, contentEnd(existingText, last.value.range));
        result = insertAt(existingText, end, stages.map((s) => formatStageYaml(s, indent)).join(''), eol);
    }
    else if (stagesPair.value === null || ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(stagesPair.value) && stagesPair.value.value === null)) {
        const end = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .lineEnd */ .kd)(existingText, stagesPair.key.range[1]);
        result = insertAt(existingText, end, stages.map((s) => formatStageYaml(s, 2)).join(''), eol);
    }
    else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(stagesPair.value) && stagesPair.value.flow && stagesPair.value.items.length === 0) {
        // `stages: {}` (an emptied pipeline): the braces go, the stages follow as a block.
        const [start, end] = stagesPair.value.range;
        const text = `${existingText.slice(0, start).trimEnd()}${existingText.slice(end)}`;
        result = insertAt(text, (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .lineEnd */ .kd)(text, stagesPair.key.range[1]), stages.map((s) => formatStageYaml(s, 2)).join(''), eol);
    }
    else {
        throw fileError(stagesPair.value, src, '`stages:` in dvc.yaml is not a block mapping, so stages cannot be added while keeping the file as written', 'write `stages:` as a block mapping (one stage name per line), or delete dvc.yaml to let the action write a new one');
    }
    return checked(result, stages);
}
/** Replaces one stage's deps list with `stage.deps`, keeping everything else as written. */
function updateStageDeps(existingText, stage) {
    return updateStagesDeps(existingText, [stage]);
}
/**
 * Replaces each stage's deps list with its `deps`, keeping everything else as
 * written. One parse for all of them (a rename can change the deps of hundreds
 * of stages, and dvc.yaml of 1000 stages takes about 0.3 s to parse): each
 * edit lies inside its own stage, so all are placed on the text as read and
 * applied in one pass. A stage named twice takes the last list.
 * @throws Error naming a stage dvc.yaml does not have, or when the result does not read back.
 */
function updateStagesDeps(existingText, stages) {
    if (stages.length === 0)
        return existingText;
    return (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .inLineEndsOf */ .NP)(existingText, (lf) => updateStagesDepsLf(lf, stages));
}
function updateStagesDepsLf(existingText, stages) {
    const src = parse(existingText);
    const { doc } = src;
    const eol = existingText.includes('\r\n') ? '\r\n' : '\n';
    const stagesPair = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(doc.contents) ? findPair(doc.contents, 'stages') : undefined;
    const byName = new Map(stages.map((s) => [s.name, s]));
    const edits = [...byName.values()].map((stage) => depsEdit(existingText, src, stagesPair, stage, eol));
    const result = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .applyEdits */ .ct)(existingText, edits);
    const check = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(result);
    if (check.errors.length > 0)
        throw new Error(`updating the deps of ${[...byName.keys()].join(', ')} did not round-trip: dvc.yaml would not parse`);
    for (const stage of byName.values()) {
        const deps = check.getIn(['stages', stage.name, 'deps']);
        if (JSON.stringify(deps?.toJSON?.()) !== JSON.stringify(stage.deps))
            throw new Error(`updating the deps of ${stage.name} did not round-trip`);
    }
    assertOthersKept(doc, check, new Set(byName.keys()));
    return result;
}
/**
 * Every stage reads as before but the deps of `changed`: YAML anchors (&) and
 * aliases (*) can make one edit reach several stages.
 * @throws GraftError naming dvc.yaml and the stage the edit would also change.
 */
function assertOthersKept(before, after, changed) {
    const hint = 'write each stage out in full in dvc.yaml (no YAML anchors & or aliases *), then run again';
    let was;
    let now;
    try {
        was = stagesOf(before);
        now = stagesOf(after);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({ file: FILE, message: 'dvc.yaml uses too many YAML aliases to check an edit', hint });
    }
    const shown = (name, body) => {
        if (!changed.has(name) || typeof body !== 'object' || body === null)
            return JSON.stringify(body);
        return JSON.stringify(Object.entries(body).filter(([key]) => key !== 'deps'));
    };
    for (const [name, body] of Object.entries(was)) {
        if (shown(name, now[name]) !== shown(name, body))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({
                file: FILE,
                message: `changing the deps of ${[...changed].join(', ')} would also change stage ${name}: they share YAML through an anchor (&) and an alias (*)`,
                hint
            });
    }
}
function stagesOf(doc) {
    const js = doc.toJS();
    return typeof js?.stages === 'object' && js.stages !== null ? js.stages : {};
}
/** The edit that gives `stage` its deps: text from `start` to `end` of `text` becomes `text`. */
function depsEdit(text, src, stagesPair, stage, eol) {
    const stagePair = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(stagesPair?.value) ? findPair(stagesPair.value, stage.name) : undefined;
    if (!stagePair || !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(stagePair.value))
        throw new Error(`dvc.yaml has no stage ${stage.name} to update`);
    const body = stagePair.value;
    const depsPair = findPair(body, 'deps');
    const anchor = depsPair?.value?.anchor;
    if (anchor)
        throw fileError(depsPair.value, src, `stage ${stage.name}: its deps list carries the YAML anchor &${anchor}, which other stages may reuse (*${anchor}); changing it would change them too`, `write the list out in full in each stage that uses it (no &${anchor} or *${anchor}), then run again`);
    if (depsPair && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(depsPair.value) && depsPair.value.flow) {
        const [start, end] = depsPair.value.range;
        return { start, end, text: `[${stage.deps.map(flowScalar).join(', ')}]` };
    }
    if (depsPair && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(depsPair.value) && depsPair.value.items.length > 0) {
        const start = depsPair.value.range[0];
        const col = columnOf(depsPair.value, src);
        const items = stage.deps.map((d) => `- ${scalarText(d, col + 2, col + 2)}`).join(`\n${' '.repeat(col)}`);
        return { start, end: contentEnd(text, depsPair.value.range), text: toEol(items, eol) };
    }
    if (depsPair) {
        // `deps:` with no list (or not a list): the key and its value become a block list.
        const col = columnOf(depsPair.key, src);
        const start = depsPair.key.range[0];
        const end = depsPair.value?.range?.[1] ?? depsPair.key.range[1];
        return { start, end, text: toEol(depsLines(stage.deps, col).join('\n').trimStart(), eol) };
    }
    const col = columnOf(body.items[0].key, src);
    const after = findPair(body, 'cmd') ?? body.items[0];
    // after the line holding the value's last character (a block scalar's range runs into the next line)
    const range = (after.value ?? after.key).range;
    const at = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .lineEnd */ .kd)(text, Math.max(contentEnd(text, range) - 1, range[0]));
    const lines = depsLines(stage.deps, col)
        .map((l) => `${l}\n`)
        .join('');
    return { start: at, end: at, text: insertion(text, at, lines, eol) };
}
/**
 * Removes the named stages from dvc.yaml, every other byte kept (comments
 * between stages stay). A `stages:` left with none becomes `stages: {}`.
 * @throws GraftError when dvc.yaml does not parse or its `stages:` is not a block mapping.
 */
function removeStagesFromDvcYaml(existingText, names) {
    return (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .inLineEndsOf */ .NP)(existingText, (lf) => removeStagesLf(lf, names));
}
function removeStagesLf(existingText, names) {
    const src = parse(existingText);
    const stagesPair = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(src.doc.contents) ? findPair(src.doc.contents, 'stages') : undefined;
    const stages = stagesPair?.value;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(stages))
        return existingText;
    if (stages.flow) {
        throw fileError(stages, src, '`stages:` in dvc.yaml is written in flow style ({...}), so stages cannot be removed while keeping the file as written', 'write `stages:` as a block mapping (one stage name per line)');
    }
    const gone = new Set(names);
    let result = (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .removeBlockPairs */ .bW)(existingText, stages, gone);
    if (stages.items.every((p) => gone.has((0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .pairKey */ .Yz)(p)))) {
        const keyEnd = stagesPair.key.range[1];
        const colon = result.indexOf(':', keyEnd);
        result = `${result.slice(0, colon + 1)} {}${result.slice(colon + 1)}`;
    }
    const before = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(existingText).toJS();
    let after;
    try {
        const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(result);
        if (doc.errors.length > 0)
            throw doc.errors[0];
        after = doc.toJS();
    }
    catch {
        // an alias (*x) elsewhere that pointed into a removed stage (&x) no longer resolves
        const first = stages.items.find((p) => gone.has((0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .pairKey */ .Yz)(p)));
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({
            file: FILE,
            line: first ? src.lineOf(first.key) : undefined,
            message: `removing stage ${names.filter((n) => n in before.stages).join(', ')} from dvc.yaml would break the rest of it: another stage reuses its YAML through an anchor (&) and an alias (*)`,
            hint: 'write each stage out in full in dvc.yaml (no YAML anchors & or aliases *), then run again'
        });
    }
    for (const name of names)
        delete before.stages[name];
    if (JSON.stringify(after?.stages ?? {}) !== JSON.stringify(before.stages))
        throw new Error('removing stages from dvc.yaml did not round-trip');
    return result;
}
/**
 * A scalar as PyYAML writes it: plain when YAML 1.1 reads it back as the same
 * string, else single-quoted, else double-quoted; plain and single-quoted ones
 * are folded at a single space once the line passes column 80.
 */
function scalarText(value, column, indent) {
    if (/[\n\r\t]/.test(value) || /[^\x20-\x7e]/.test(value))
        return (0,_yaml_emit_ruamel_js__WEBPACK_IMPORTED_MODULE_4__/* .yamlDoubleQuoted */ .N7)(value);
    let text = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .stringify */ .As)(value, { version: '1.1', customTags: _yaml_plain_js__WEBPACK_IMPORTED_MODULE_3__/* .pyyamlTags */ .Sm, lineWidth: 0, singleQuote: true }).replace(/\n$/, '');
    // PyYAML writes plain what YAML 1.1 reads as a string; DVC reads YAML 1.2 (ruamel), where `<<`
    // is a merge key and `0o7`, `1_000` are numbers: those are quoted, and differ from Graft's bytes.
    // The `yaml` package writes a text opening like a document marker (`---`, `...`) as a block
    // scalar, which cannot be a key nor sit after `- `; PyYAML single-quotes it.
    // PyYAML single-quotes every printable one-line text it cannot write plain (`'` doubled); the yaml package
    // would double-quote one holding a `'`.
    if ((text === value && !(0,_yaml_plain_js__WEBPACK_IMPORTED_MODULE_3__/* .plainIsString */ .Y0)(value)) || /^[|>"]/.test(text))
        text = `'${value.replace(/'/g, "''")}'`;
    if (text !== value && !text.startsWith("'"))
        return text;
    return fold(text, column, indent, text.startsWith("'"));
}
/** A mapping key (stage name, output path): never folded. */
function keyText(value) {
    return scalarText(value, 0, 0).replace(/\n */g, ' ');
}
function flowScalar(value) {
    const text = keyText(value);
    return /[,[\]{}]/.test(text) && !text.startsWith('"') && !text.startsWith("'") ? (0,_yaml_emit_ruamel_js__WEBPACK_IMPORTED_MODULE_4__/* .yamlDoubleQuoted */ .N7)(value) : text;
}
/** PyYAML's write_plain/write_single_quoted line breaking. */
function fold(text, column, indent, quoted) {
    let out = '';
    let col = column;
    const parts = text.split(/( +)/);
    for (const [i, part] of parts.entries()) {
        const edge = quoted && (i === 1 || i === parts.length - 2);
        if (part === ' ' && col > BEST_WIDTH && !edge && i > 0 && i < parts.length - 1) {
            out += `\n${' '.repeat(indent)}`;
            col = indent;
        }
        else {
            out += part;
            col += part.length;
        }
    }
    return out;
}
function parse(text) {
    return (0,_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .parseYamlSource */ .WF)(text, FILE, 'fix dvc.yaml before adding stages to it');
}
function findPair(map, key) {
    return map.items.find((p) => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(p.key) && p.key.value === key);
}
function columnOf(node, src) {
    return src.linePos(node.range[0]).col - 1;
}
/** The end of a node's text without the line break(s) a block node's range takes in. */
function contentEnd(text, range) {
    return range[0] + text.slice(range[0], range[1]).trimEnd().length;
}
/** The offset just after the newline ending the line that holds `offset` (or the text's end). */
function insertAt(text, offset, insert, eol) {
    return splice(text, offset, offset, insertion(text, offset, insert, eol));
}
/** What insertAt puts at `offset`: `insert` in the file's line ends, on a line of its own. */
function insertion(text, offset, insert, eol) {
    return (offset > 0 && text[offset - 1] !== '\n' ? eol : '') + toEol(insert, eol);
}
function splice(text, start, end, insert) {
    return text.slice(0, start) + insert + text.slice(end);
}
function toEol(text, eol) {
    return eol === '\n' ? text : text.replace(/\n/g, eol);
}
function fileError(node, src, message, hint) {
    const range = node?.range;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({ file: FILE, line: range ? src.linePos(range[0]).line : undefined, message, hint });
}
/** Safety net: the written text must read back as the stages it was given (name, cmd, deps, outs). */
function checked(text, stages) {
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text);
    if (doc.errors.length > 0)
        throw new Error(`writing stage ${stages[0]?.name} to dvc.yaml did not round-trip`);
    const written = doc.toJS()?.stages ?? {};
    for (const stage of stages) {
        const expected = {
            cmd: stage.cmd,
            deps: stage.deps,
            outs: stage.outs.map((o) => (o.cache ? o.path : { [o.path]: { cache: false } }))
        };
        const body = written[stage.name];
        const got = body && { cmd: body.cmd, deps: body.deps ?? [], outs: body.outs ?? [] };
        if (JSON.stringify(got) !== JSON.stringify(expected)) {
            throw new Error(`writing stage ${stage.name} to dvc.yaml did not round-trip`);
        }
    }
    return text;
}


/***/ }),

/***/ 7836:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Qg: () => (/* binding */ inWdir),
  b8: () => (/* binding */ readDvcYaml),
  JU: () => (/* binding */ stageBody)
});

// UNUSED EXPORTS: parseDvcYaml, parseDvcYamlFull

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/repo/safe-read.ts
var safe_read = __webpack_require__(5828);
// EXTERNAL MODULE: ./src/core/yaml/plain.ts
var plain = __webpack_require__(5723);
;// CONCATENATED MODULE: ./src/core/dvc/dvcyaml-fast.ts
// A fast reader for dvc.yaml in the layout Graft (and graft-action) write:
// comment header, `stages:`, and per stage `cmd` (a plain scalar, possibly
// folded), `deps` (plain paths), `outs` (`- path:` with `cache: false`),
// optionally `always_changed`; it pays where the YAML parser dominates
// validate's time (bench/readers.mjs measures both). Sticky regular
// expressions over whole stages in Graft's exact layout first, a line reader
// for other indentations and key orders.
// Anything else (quotes, flow style, other keys, cached
// outs, CRLF, odd indentation, …) returns undefined and the caller uses the
// full parser, which also owns every error message and every `unsupported`
// note: this reader only ever returns what the full parser would.


const IGNORABLE = /^ *(?:#.*)?$/;
const STAGE_KEY = /^( +)([^ #].*):$/;
const BODY_KEY = /^( +)(cmd|deps|outs|always_changed):(?: (.*))?$/;
const ITEM = /^( *)- (.*)$/;
const CACHE_FALSE = /^( +)cache: false$/;
const DOTDOT_SEGMENT = /(?:^|\/)\.\.(?:\/|$)/;
/** Lines of the text with a cursor; `undefined` past the end. */
class Lines {
    lines;
    i = 0;
    constructor(text) {
        this.lines = text.split('\n');
        if (this.lines.at(-1) === '')
            this.lines.pop();
    }
    /** The next line that is neither blank nor a comment (the cursor moves to it). */
    next() {
        while (this.i < this.lines.length && IGNORABLE.test(this.lines[this.i]))
            this.i++;
        return this.lines[this.i];
    }
    /** The line right after the cursor, blank or not. */
    following() {
        return this.lines[this.i + 1];
    }
}
/** Comment and blank lines (as IGNORABLE reads them), then `stages:`. */
const PREAMBLE = /(?: *(?:#[^\n\u2028\u2029]*)?\n)*stages:\n/y;
/** A stage as Graft writes it: key, `cmd:` and its continuation lines, `deps:`. */
const STAGE_HEAD = /  ([^ #\n][^\n]*):\n    cmd: ([^\n]*)\n((?: {5,}[^ \n][^\n]*\n)*)    deps:\n/y;
const DEP = /    - ([^\n]*)\n/y;
const OUTS = /    outs:\n/y;
const OUT = /    - ([^\n]*):\n {8}cache: false\n/y;
const ALWAYS_CHANGED = /    always_changed: (true|false)\n/y;
/** dvc.yaml's stages, or undefined when the text is not in the plain layout. */
function fastParseDvcYaml(text) {
    if (/[\r\t\uFEFF]/.test(text))
        return undefined;
    return dvcYamlByBlocks(text) ?? dvcYamlByLines(text);
}
/**
 * Graft's own layout (stage keys at 2 spaces, `cmd`, `deps`, `outs` with
 * `cache: false`, `always_changed`, in that order; no comments between
 * stages) by sticky regular expressions. Undefined for anything else; when
 * it returns stages, dvcYamlByLines returns the same (tests hold the two
 * together). Exported for those tests; `text` has passed fastParseDvcYaml's check.
 */
function dvcYamlByBlocks(text) {
    PREAMBLE.lastIndex = 0;
    if (!PREAMBLE.exec(text))
        return undefined;
    let at = PREAMBLE.lastIndex;
    let line = lineCount(text, at) + 1;
    const stages = [];
    const names = new Set();
    while (at < text.length) {
        STAGE_HEAD.lastIndex = at;
        const m = STAGE_HEAD.exec(text);
        if (!m)
            return undefined;
        const name = m[1];
        if (!(0,plain/* isSafePlainKey */.VR)(name, 'core') || names.has(name))
            return undefined;
        names.add(name);
        const more = m[3] === ''
            ? []
            : m[3]
                .slice(0, -1)
                .split('\n')
                .map((l) => l.slice(indentOf(l)));
        if (!(0,plain/* isSafePlainLine */.Ec)(m[2]) || !more.every(plain/* isSafePlainLine */.Ec))
            return undefined;
        const cmd = [m[2], ...more].join(' ');
        if (!(0,plain/* isSafePlain */.Ur)(cmd, 'core'))
            return undefined;
        const stage = { name, cmd, deps: [], outs: [], line };
        at = STAGE_HEAD.lastIndex;
        line += 3 + more.length;
        for (let d = sticky(DEP, text, at); d; d = sticky(DEP, text, at)) {
            if (!(0,plain/* isSafePlain */.Ur)(d[1], 'core') || !insideRepo(d[1]))
                return undefined;
            stage.deps.push(d[1]);
            at = DEP.lastIndex;
            line++;
        }
        if (sticky(OUTS, text, at)) {
            at = OUTS.lastIndex;
            line++;
            for (let o = sticky(OUT, text, at); o; o = sticky(OUT, text, at)) {
                if (!(0,plain/* isSafePlainKey */.VR)(o[1], 'core') || !insideRepo(o[1]))
                    return undefined;
                stage.outs.push({ path: o[1], cache: false });
                at = OUT.lastIndex;
                line += 2;
            }
        }
        const a = sticky(ALWAYS_CHANGED, text, at);
        if (a) {
            if (a[1] === 'true')
                stage.alwaysChanged = true;
            at = ALWAYS_CHANGED.lastIndex;
            line++;
        }
        stages.push(stage);
    }
    return { stages, unsupported: [] };
}
function sticky(re, text, at) {
    re.lastIndex = at;
    return re.exec(text);
}
/** Lines that end before `at`. */
function lineCount(text, at) {
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1))
        n++;
    return n;
}
/** Any plain layout, line by line. Exported for the tests of dvcYamlByBlocks. */
function dvcYamlByLines(text) {
    const lines = new Lines(text);
    const first = lines.next();
    if (first === undefined)
        return { stages: [], unsupported: [] };
    if (first !== 'stages:')
        return undefined;
    lines.i++;
    const stages = [];
    const names = new Set();
    let stageIndent;
    for (let line = lines.next(); line !== undefined; line = lines.next()) {
        const m = STAGE_KEY.exec(line);
        if (!m || (stageIndent !== undefined && m[1].length !== stageIndent))
            return undefined;
        stageIndent = m[1].length;
        const name = m[2];
        if (!(0,plain/* isSafePlainKey */.VR)(name, 'core') || names.has(name))
            return undefined;
        names.add(name);
        const stage = readStage(lines, name, stageIndent);
        if (!stage)
            return undefined;
        stages.push(stage);
    }
    return { stages, unsupported: [] };
}
/** One stage's body; the cursor is on the stage's key and ends past its last line. */
function readStage(lines, name, stageIndent) {
    const line = lines.i + 1;
    lines.i++;
    let cmd;
    let deps;
    let outs;
    let alwaysChanged;
    let keyIndent;
    for (let text = lines.next(); text !== undefined; text = lines.next()) {
        if (indentOf(text) <= stageIndent)
            break;
        const m = BODY_KEY.exec(text);
        if (!m || (keyIndent !== undefined && m[1].length !== keyIndent))
            return undefined;
        keyIndent = m[1].length;
        const [, , key, value] = m;
        if (key === 'cmd') {
            if (cmd !== undefined || value === undefined)
                return undefined;
            cmd = readFolded(lines, value, keyIndent);
            if (cmd === undefined)
                return undefined;
        }
        else if (key === 'deps') {
            if (deps !== undefined || value !== undefined)
                return undefined;
            deps = readDeps(lines, keyIndent);
            if (deps === undefined)
                return undefined;
        }
        else if (key === 'outs') {
            if (outs !== undefined || value !== undefined)
                return undefined;
            outs = readOuts(lines, keyIndent);
            if (outs === undefined)
                return undefined;
        }
        else {
            if (alwaysChanged !== undefined || (value !== 'true' && value !== 'false'))
                return undefined;
            alwaysChanged = value === 'true';
            lines.i++;
        }
    }
    if (cmd === undefined)
        return undefined;
    return { name, cmd, deps: deps ?? [], outs: outs ?? [], line, ...(alwaysChanged ? { alwaysChanged } : {}) };
}
/**
 * A plain scalar whose first line is `first` (the cursor is on it), folded
 * over the lines right below that are indented past its key: lines joined
 * by single spaces. A blank or comment line ends it.
 */
function readFolded(lines, first, keyIndent) {
    if (!(0,plain/* isSafePlainLine */.Ec)(first))
        return undefined;
    const parts = [first];
    for (let text = lines.following(); text !== undefined; text = lines.following()) {
        const indent = indentOf(text);
        if (indent <= keyIndent)
            break;
        const trimmed = text.slice(indent);
        if (!(0,plain/* isSafePlainLine */.Ec)(trimmed))
            break;
        parts.push(trimmed);
        lines.i++;
    }
    lines.i++;
    const value = parts.join(' ');
    return (0,plain/* isSafePlain */.Ur)(value, 'core') ? value : undefined;
}
function readDeps(lines, keyIndent) {
    lines.i++;
    const deps = [];
    let itemIndent;
    for (let text = lines.next(); text !== undefined; text = lines.next()) {
        const m = ITEM.exec(text);
        if (!m || m[1].length < keyIndent)
            break;
        if (itemIndent !== undefined && m[1].length !== itemIndent)
            return undefined;
        itemIndent = m[1].length;
        if (!(0,plain/* isSafePlain */.Ur)(m[2], 'core') || !insideRepo(m[2]))
            return undefined;
        deps.push(m[2]);
        lines.i++;
    }
    return deps;
}
/** `- path:` items, each with exactly `cache: false` on the next line. */
function readOuts(lines, keyIndent) {
    lines.i++;
    const outs = [];
    let itemIndent;
    for (let text = lines.next(); text !== undefined; text = lines.next()) {
        const m = ITEM.exec(text);
        if (!m || m[1].length < keyIndent)
            break;
        if (itemIndent !== undefined && m[1].length !== itemIndent)
            return undefined;
        itemIndent = m[1].length;
        const key = m[2];
        if (!key.endsWith(':'))
            return undefined;
        const path = key.slice(0, -1);
        if (!(0,plain/* isSafePlainKey */.VR)(path, 'core') || !insideRepo(path))
            return undefined;
        lines.i++;
        const option = lines.next();
        const c = option === undefined ? null : CACHE_FALSE.exec(option);
        if (!c || c[1].length <= itemIndent + 2)
            return undefined;
        outs.push({ path, cache: false });
        lines.i++;
    }
    return outs;
}
/** The paths the full reader would note as outside the repository are left to it. */
function insideRepo(path) {
    if (external_node_path_.posix.isAbsolute(path))
        return false;
    if (!DOTDOT_SEGMENT.test(path))
        return true; // only a `..` segment can normalise to `..`
    const normal = external_node_path_.posix.normalize(path);
    return normal !== '..' && !normal.startsWith('../');
}
/** Leading spaces (the text holds no tabs). */
function indentOf(text) {
    let i = 0;
    while (text.charCodeAt(i) === 0x20)
        i++;
    return i;
}

// EXTERNAL MODULE: ./src/core/yaml/source.ts
var yaml_source = __webpack_require__(3474);
;// CONCATENATED MODULE: ./src/core/dvc/dvcyaml.ts
// Reads dvc.yaml into plain stage definitions. Errors DVC itself would refuse
// become GraftErrors with file and line; valid features the native engine
// does not model are listed in `unsupported`, so the caller can choose DVC.






const SYNTAX_HINT = 'fix the syntax; DVC would refuse this file too';
const SCHEMA_HINT = 'fix dvc.yaml to follow DVC 3 pipeline syntax (https://dvc.org/doc/user-guide/project-structure/dvcyaml-files)';
/** Top-level keys that do not change how `dvc status` judges stages. */
const INERT_TOP_KEYS = new Set(['stages', 'plots', 'params', 'metrics', 'artifacts', 'datasets']);
/** Stage keys the native engine models (or that do not change a verdict). */
const MODELLED_STAGE_KEYS = new Set(['cmd', 'deps', 'outs', 'always_changed', 'desc', 'meta', 'frozen']);
/** Out options that do not change a `cache: false` out's verdict. */
const INERT_OUT_KEYS = new Set(['cache', 'persist', 'desc', 'type', 'labels', 'meta', 'remote', 'push']);
async function readDvcYaml(root) {
    const text = await readIfPresent((0,external_node_path_.join)(root, 'dvc.yaml'));
    return text === undefined ? undefined : parseDvcYaml(text);
}
function parseDvcYaml(text, file = 'dvc.yaml') {
    return fastParseDvcYaml(text) ?? parseDvcYamlFull(text, file);
}
/** The general reader (any YAML layout, every error); parseDvcYaml tries the fast one first. */
function parseDvcYamlFull(text, file = 'dvc.yaml') {
    const src = (0,yaml_source/* parseYamlSource */.WF)(text, file, SYNTAX_HINT);
    const top = src.doc.contents;
    if (top === null || ((0,dist/* isScalar */.jn)(top) && top.value === null))
        return { stages: [], unsupported: [] };
    if (!(0,dist/* isMap */.jh)(top))
        throw schemaError(src, top, `${file} must be a mapping with a "stages" key`);
    const unsupported = [];
    for (const pair of top.items) {
        const key = (0,yaml_source/* pairKey */.Yz)(pair);
        if (key === 'vars')
            unsupported.push('vars at the top level');
        else if (!INERT_TOP_KEYS.has(key))
            unsupported.push(`unknown top-level key "${key}"`);
    }
    const stagesNode = top.get('stages', true);
    if (stagesNode === undefined || stagesNode === null || ((0,dist/* isScalar */.jn)(stagesNode) && stagesNode.value === null)) {
        return { stages: [], unsupported };
    }
    if (!(0,dist/* isMap */.jh)(stagesNode))
        throw schemaError(src, stagesNode, '"stages" must be a mapping of stage names to stages');
    const stages = stagesNode.items.map((pair) => dvcyaml_readStage(src, pair, unsupported));
    return { stages, unsupported };
}
function dvcyaml_readStage(src, pair, unsupported) {
    const name = (0,yaml_source/* pairKey */.Yz)(pair);
    const line = src.lineOf(pair.key);
    if (!(0,dist/* isMap */.jh)(pair.value))
        throw new errors/* GraftError */.Tz({ file: src.file, line, message: `stage "${name}" must be a mapping`, hint: SCHEMA_HINT });
    const body = withMergedKeys(src, name, pair.value);
    const note = (what) => void unsupported.push(`${what} in stage ${name}`);
    if (body.has('foreach') || body.has('matrix')) {
        const loop = body.has('foreach') ? 'foreach' : 'matrix';
        note(loop);
        // each item's flags: a foreach stage's `do:` holds them, a matrix stage's own body
        const each = loop === 'foreach' ? stageBody(src, name, body.get('do', true)) : body;
        const flag = (key) => (0,dist/* isMap */.jh)(each) && each.get(key) === true;
        const wdir = (0,dist/* isMap */.jh)(each) ? each.get('wdir') : undefined;
        return {
            name,
            cmd: '',
            deps: [],
            outs: [],
            line,
            loop,
            // the items' paths in dvc.lock are written inside it (see inWdir)
            ...(typeof wdir === 'string' ? { wdir } : {}),
            ...(flag('always_changed') ? { alwaysChanged: true } : {}),
            ...(flag('frozen') ? { frozen: true } : {})
        };
    }
    for (const p of body.items) {
        const key = (0,yaml_source/* pairKey */.Yz)(p);
        if (key === 'params' || key === 'vars' || key === 'wdir' || key === 'metrics' || key === 'plots')
            note(key);
        else if (!MODELLED_STAGE_KEYS.has(key))
            note(`unknown key "${key}"`);
    }
    if (hasInterpolation(body))
        note('${...} interpolation');
    const cmd = readCmd(src, name, body, line, note);
    const fromWdir = inWdir(body.get('wdir'));
    const deps = stringList(src, name, body, 'deps').map((d) => fromWdir(checkPath(d, 'dep', note)));
    const outs = dvcyaml_readOuts(src, name, body, note).map((o) => ({ ...o, path: fromWdir(o.path) }));
    const alwaysChanged = body.get('always_changed') === true;
    const frozen = body.get('frozen') === true;
    // `params: []` (or empty) records no values in dvc.lock (checked with the real DVC 3): nothing to refuse
    const paramsNode = body.get('params', true);
    const params = body.has('params') && !((0,dist/* isSeq */.oP)(paramsNode) && paramsNode.items.length === 0) && !isNullScalar(paramsNode);
    return {
        name,
        cmd,
        deps,
        outs,
        line,
        ...(alwaysChanged ? { alwaysChanged } : {}),
        ...(frozen ? { frozen } : {}),
        ...(params ? { params } : {})
    };
}
/**
 * A stage body (or a foreach stage's `do:`) as DVC reads it: an alias
 * resolved, its merge keys merged; undefined when not a mapping. Everything
 * that reads a stage's paths reads them from this (params-files.ts too).
 */
function stageBody(src, name, node) {
    const value = (0,dist/* isAlias */.Vj)(node) ? node.resolve(src.doc) : node;
    return (0,dist/* isMap */.jh)(value) ? withMergedKeys(src, name, value) : undefined;
}
/**
 * A stage's mapping with its YAML merge keys (`<<: *shared`, `<<: [*a, *b]`)
 * resolved as DVC's reader (ruamel) resolves them: the keys of each merged
 * mapping that the stage does not set itself, the first merged mapping winning.
 * The `yaml` package reads `<<` as a plain key under YAML 1.2, which left a
 * stage whose deps come from a merge with none (stale forever, where DVC
 * calls it clean).
 */
function withMergedKeys(src, name, body) {
    const merges = body.items.filter((p) => (0,dist/* isScalar */.jn)(p.key) && p.key.value === '<<');
    if (merges.length === 0)
        return body;
    const items = body.items.filter((p) => !merges.includes(p));
    const keys = new Set(items.map(yaml_source/* pairKey */.Yz));
    for (const merge of merges) {
        const value = merge.value;
        for (const source of (0,dist/* isSeq */.oP)(value) ? value.items : [value]) {
            const node = (0,dist/* isAlias */.Vj)(source) ? source.resolve(src.doc) : source;
            if (!(0,dist/* isMap */.jh)(node))
                throw schemaError(src, (source ?? merge.key), `stage "${name}": a merge key (<<) must merge mappings`);
            for (const p of node.items) {
                if (keys.has((0,yaml_source/* pairKey */.Yz)(p)))
                    continue;
                keys.add((0,yaml_source/* pairKey */.Yz)(p));
                items.push(p);
            }
        }
    }
    const merged = new dist/* YAMLMap */.CA();
    merged.items = items;
    merged.range = body.range;
    return merged;
}
function readCmd(src, name, body, line, note) {
    const node = body.get('cmd', true);
    if (node === undefined) {
        throw new errors/* GraftError */.Tz({
            file: src.file,
            line,
            message: `stage "${name}" has no cmd`,
            hint: 'give the stage a cmd; DVC requires one'
        });
    }
    if ((0,dist/* isSeq */.oP)(node)) {
        note('cmd as a list');
        return node.items.map((i) => (0,yaml_source/* scalarString */.Cg)(i) ?? '').join('\n');
    }
    const cmd = (0,yaml_source/* scalarString */.Cg)(node);
    if (cmd === undefined)
        throw schemaError(src, node, `the cmd of stage "${name}" must be a string`);
    return cmd;
}
function dvcyaml_readOuts(src, name, body, note) {
    const node = body.get('outs', true);
    if (node === undefined || ((0,dist/* isScalar */.jn)(node) && node.value === null))
        return [];
    if (!(0,dist/* isSeq */.oP)(node))
        throw listError(src, name, 'outs', node);
    return node.items.map((item) => {
        const plain = (0,yaml_source/* scalarString */.Cg)(item);
        if (plain !== undefined) {
            note(`cached out ${plain} (outs are cached unless "cache: false")`);
            return { path: checkPath(plain, 'out', note), cache: true };
        }
        if (!(0,dist/* isMap */.jh)(item) || item.items.length !== 1) {
            throw schemaError(src, item, `stage "${name}": each out must be a path or a {path: {options}} mapping`);
        }
        const path = (0,yaml_source/* pairKey */.Yz)(item.items[0]);
        const options = item.items[0].value;
        if (options !== null && !(0,dist/* isMap */.jh)(options)) {
            throw schemaError(src, item, `stage "${name}": the options of out ${path} must be a mapping`);
        }
        const cache = !(0,dist/* isMap */.jh)(options) || options.get('cache') !== false;
        if (cache)
            note(`cached out ${path} (outs are cached unless "cache: false")`);
        for (const p of (0,dist/* isMap */.jh)(options) ? options.items : []) {
            if (!INERT_OUT_KEYS.has((0,yaml_source/* pairKey */.Yz)(p)))
                note(`out option "${(0,yaml_source/* pairKey */.Yz)(p)}" of ${path}`);
        }
        return { path: checkPath(path, 'out', note), cache };
    });
}
function stringList(src, name, body, key) {
    const node = body.get(key, true);
    if (node === undefined || ((0,dist/* isScalar */.jn)(node) && node.value === null))
        return [];
    if (!(0,dist/* isSeq */.oP)(node))
        throw listError(src, name, key, node);
    return node.items.map((item) => {
        const value = (0,yaml_source/* scalarString */.Cg)(item);
        if (value === undefined)
            throw schemaError(src, item, `stage "${name}": each entry of ${key} must be a path string`);
        return value;
    });
}
/**
 * A stage's paths as paths of the repository: DVC reads a stage's deps and
 * outs relative to its `wdir` (`wdir: sub`, `outs: [made.txt]` writes
 * sub/made.txt), so a document reading sub/made.txt is downstream of that
 * stage. Paths that are not plain relative paths (URLs, absolute, `${…}`),
 * and a `wdir` written with `${…}`, stay as written (noted as not modelled).
 * dvc.lock writes a stage's paths as dvc.yaml does, inside the same `wdir`.
 */
function inWdir(wdir) {
    if (typeof wdir !== 'string' || wdir.includes('${') || external_node_path_.posix.normalize(wdir) === '.')
        return (path) => path;
    return (path) => path.includes('://') || path.includes('${') || external_node_path_.posix.isAbsolute(path)
        ? path
        : external_node_path_.posix.normalize(external_node_path_.posix.join(wdir, path));
}
/** Paths the native engine cannot resolve in the work tree (URLs, absolute, outside the repo). */
function checkPath(path, kind, note) {
    const normal = external_node_path_.posix.normalize(path);
    if (path.includes('://') || external_node_path_.posix.isAbsolute(path) || normal === '..' || normal.startsWith('../')) {
        note(`${kind} ${path} outside the repository`);
    }
    return path;
}
function hasInterpolation(body) {
    let found = false;
    (0,dist/* visit */.YR)(body, {
        Scalar(_key, node) {
            if (typeof node.value === 'string' && node.value.includes('${')) {
                found = true;
                return dist/* visit */.YR.BREAK;
            }
        }
    });
    return found;
}
function listError(src, name, key, node) {
    return schemaError(src, node, `stage "${name}": ${key} must be a list`);
}
function schemaError(src, node, message) {
    return new errors/* GraftError */.Tz({ file: src.file, line: src.lineOf(node), message, hint: SCHEMA_HINT });
}
async function readIfPresent(abs) {
    // One blocking read (the promise version reads a large file in chunks, each a thread-pool round
    // trip) that never blocks on a FIFO, and refuses a symlink as the resolver did before it.
    return (0,safe_read/* readRegularFile */.XF)(abs, 'dvc.yaml', { noFollow: true });
}
function isNullScalar(node) {
    return (0,dist/* isScalar */.jn)(node) && node.value === null;
}


/***/ }),

/***/ 5655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OP: () => (/* binding */ Hasher)
/* harmony export */ });
/* unused harmony exports CHUNK_SIZE, fileMd5, legacyFileMd5, dirMd5, isTextBlock, dos2unix, pyJsonString */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4296);
/* harmony import */ var _repo_names_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3452);
/* harmony import */ var _repo_safe_read_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5828);
/* harmony import */ var _dvcignore_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6819);
/* harmony import */ var _lfs_pointer_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(824);
// DVC-compatible md5s: raw file md5 (DVC 3 `hash: md5`), the DVC 2 "dos2unix"
// md5 (legacy lock entries without `hash:`), and directory md5s (`….dir`).
// Files are read in bounded parallel; a Hasher remembers what it has hashed.










/** DVC reads files in 1 MiB chunks; the legacy text test is applied per chunk. */
const CHUNK_SIZE = 1 << 20;
/** DVC looks at the first 512 bytes of a chunk to guess text or binary. */
const TEXT_PROBE = 512;
/** Files below this size are read in one blocking call, larger ones chunk by chunk. */
const SMALL_FILE = CHUNK_SIZE;
const SCRATCH = Buffer.allocUnsafe(SMALL_FILE);
const oneShot = typeof node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash === 'function' ? node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash : undefined;
/** A path that was a regular file when judged, and is something else when read. */
class NotRegularFile extends Error {
    path;
    constructor(path) {
        super(`${path} is not a regular file`);
        this.path = path;
    }
}
/** md5 of a file's raw bytes (DVC 3). */
async function fileMd5(absPath) {
    return (await new Hasher().file(absPath)).md5;
}
/** md5 after DVC 2's dos2unix rule (legacy entries without `hash: md5`). */
async function legacyFileMd5(absPath) {
    return (await new Hasher().file(absPath, true)).md5;
}
/** DVC's directory hash; `legacy` hashes the files inside with the dos2unix rule. */
async function dirMd5(absPath, legacy = false) {
    return new Hasher().dir(absPath, legacy);
}
/**
 * Hashes files and directories with at most `concurrency` files open at once,
 * each distinct (path, rule) once. Use one Hasher per run: it never notices
 * a file changing after it was hashed.
 */
class Hasher {
    files = new Map();
    /** The same hashes once known, for fileSync. */
    known = new Map();
    /** md5s that md5Sync found (without size or mode), by path: [raw rule, legacy rule]. */
    md5s = [new Map(), new Map()];
    dirs = new Map();
    slots;
    root;
    /** the files hashed so far that are Git LFS pointers, by absolute path */
    lfsPointers = new Set();
    /** the repository's .dvcignore rules, when the root is known */
    ignore;
    /**
     * `root`: the repository root; directories are then listed as DVC lists
     * them there (its .dvcignore rules applied) and error messages name
     * repository-relative paths.
     */
    constructor(options = {}) {
        this.slots = new Semaphore(options.concurrency ?? 32);
        this.root = options.root;
        if (options.root !== undefined)
            this.ignore = new _dvcignore_js__WEBPACK_IMPORTED_MODULE_7__/* .DvcIgnore */ .C(options.root);
    }
    file(absPath, legacy = false) {
        const key = `${legacy ? 'L' : 'M'}${absPath}`;
        return memo(this.files, key, () => this.slots.run(async () => {
            const h = await hashFile(absPath, legacy).catch((e) => {
                throw this.explain(e);
            });
            this.known.set(key, h);
            if (h.lfsPointer)
                this.lfsPointers.add(absPath);
            return h;
        }));
    }
    /**
     * The hash right away when it is known or the file is small (read with
     * one blocking call); undefined for a large file (use `file`). Throws what
     * `file` would reject with. `stats`: the file's stat when the caller has
     * just taken it (saves an fstat; size and mode are taken from it).
     */
    fileSync(absPath, legacy = false, stats) {
        const key = `${legacy ? 'L' : 'M'}${absPath}`;
        const known = this.known.get(key);
        if (known || this.files.has(key))
            return known;
        let h;
        try {
            h = hashSmallFile(absPath, legacy, stats);
        }
        catch (e) {
            throw this.explain(e);
        }
        if (h) {
            this.known.set(key, h);
            this.files.set(key, Promise.resolve(h));
            if (h.lfsPointer)
                this.lfsPointers.add(absPath);
        }
        return h;
    }
    /**
     * Just the md5 of a small regular file, read with open, read and close
     * (no stat); undefined whenever that does not settle it (large file,
     * directory, any error): the caller then takes the general path, which
     * decides every such case as before.
     */
    md5Sync(absPath, legacy = false) {
        const md5s = this.md5s[legacy ? 1 : 0];
        const seen = md5s.get(absPath); // the common case: no key string to build
        if (seen !== undefined)
            return seen;
        const key = `${legacy ? 'L' : 'M'}${absPath}`;
        const known = this.known.get(key)?.md5;
        if (known !== undefined || this.files.has(key))
            return known;
        const md5 = smallFileMd5(absPath, legacy);
        if (md5 !== undefined)
            md5s.set(absPath, md5);
        return md5;
    }
    /** A file swapped for something else while the run read it, as a problem naming it. */
    explain(error) {
        if (!(error instanceof NotRegularFile))
            return error;
        const file = (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_5__/* .showPath */ .P8)(this.root ? (0,node_path__WEBPACK_IMPORTED_MODULE_3__.relative)(this.root, error.path).split(node_path__WEBPACK_IMPORTED_MODULE_3__.sep).join('/') : error.path);
        return (0,_repo_safe_read_js__WEBPACK_IMPORTED_MODULE_6__/* .replaced */ .$3)(file, 'a FIFO, a device or a folder');
    }
    dir(absPath, legacy = false) {
        return memo(this.dirs, `${legacy ? 'L' : 'M'}${absPath}`, () => this.hashDir(absPath, legacy));
    }
    async hashDir(absPath, legacy) {
        const shown = (p) => (this.root ? (0,node_path__WEBPACK_IMPORTED_MODULE_3__.relative)(this.root, p).split(node_path__WEBPACK_IMPORTED_MODULE_3__.sep).join('/') : p);
        const relDir = this.root ? shown(absPath) : '';
        // a folder of the repository ('..data' too: isWithin), not one above it
        const inRepo = this.root === undefined || (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_5__/* .isWithin */ .UO)(this.root, absPath);
        const rules = this.ignore && inRepo && !this.ignore.isEmptyFor(relDir) ? this.ignore : undefined;
        const keep = rules && ((rel, isDir) => !rules.match(relDir === '' ? rel : `${relDir}/${rel}`, isDir).ignored);
        const relpaths = await listFiles(absPath, '', shown, keep);
        const hashes = await Promise.all(relpaths.map((rel) => this.file((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(absPath, rel), legacy)));
        const entries = relpaths.map((relpath, i) => ({ relpath, md5: hashes[i].md5, key: Buffer.from(relpath) }));
        // Python sorts str by code point; UTF-8 bytes compare in the same order.
        entries.sort((a, b) => Buffer.compare(a.key, b.key));
        const json = `[${entries.map((e) => `{"md5": ${pyJsonString(e.md5)}, "relpath": ${pyJsonString(e.relpath)}}`).join(', ')}]`;
        return {
            md5: `${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('md5').update(json, 'utf8').digest('hex')}.dir`,
            size: hashes.reduce((sum, h) => sum + h.size, 0),
            nfiles: entries.length
        };
    }
}
async function hashFile(absPath, legacy) {
    return hashSmallFile(absPath, legacy) ?? hashLargeFile(absPath, legacy);
}
/**
 * Small files (nearly all of a docs pipeline) are read with one blocking
 * call into a shared buffer: for thousands of 10 KB files that is several
 * times faster than a round trip through the thread pool per step.
 * Undefined for a file of SMALL_FILE bytes or more.
 */
function hashSmallFile(absPath, legacy, stats) {
    if (stats && stats.size >= SMALL_FILE)
        return undefined;
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(absPath, _repo_safe_read_js__WEBPACK_IMPORTED_MODULE_6__/* .NON_BLOCKING_READ */ .ZL);
    try {
        const now = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.fstatSync)(fd);
        if (!now.isFile())
            throw new NotRegularFile(absPath);
        const info = stats ?? now;
        if (info.size < SMALL_FILE) {
            const n = readAllSync(fd, SCRATCH);
            if (n < SMALL_FILE) {
                const bytes = SCRATCH.subarray(0, n);
                const h = result(digest(bytes, legacy), info);
                return (0,_lfs_pointer_js__WEBPACK_IMPORTED_MODULE_8__/* .isLfsPointer */ .N)(bytes) ? { ...h, lfsPointer: true } : h;
            }
        }
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
    return undefined;
}
/** md5 of a small regular file; undefined for a large file, anything but a regular file, or any error. */
function smallFileMd5(absPath, legacy) {
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(absPath, _repo_safe_read_js__WEBPACK_IMPORTED_MODULE_6__/* .NON_BLOCKING_READ */ .ZL);
    }
    catch {
        return undefined;
    }
    try {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.fstatSync)(fd).isFile())
            return undefined; // the general path judges it
        const n = readAllSync(fd, SCRATCH);
        return n < SMALL_FILE ? digest(SCRATCH.subarray(0, n), legacy) : undefined;
    }
    catch {
        return undefined;
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
}
async function hashLargeFile(absPath, legacy) {
    const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(absPath, _repo_safe_read_js__WEBPACK_IMPORTED_MODULE_6__/* .NON_BLOCKING_READ */ .ZL);
    try {
        const info = await fh.stat();
        if (!info.isFile())
            throw new NotRegularFile(absPath);
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('md5');
        const buffer = Buffer.allocUnsafe(CHUNK_SIZE);
        for (;;) {
            const n = await readFull(fh, buffer);
            if (n === 0)
                break;
            feed(hash, buffer.subarray(0, n), legacy);
            if (n < CHUNK_SIZE)
                break;
        }
        return result(hash.digest('hex'), info);
    }
    finally {
        await fh.close();
    }
}
function digest(bytes, legacy) {
    // One-shot hashing (Node >= 20.12) makes no Hash object per file.
    if (!legacy && oneShot)
        return oneShot('md5', bytes, 'hex');
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('md5');
    feed(hash, bytes, legacy);
    return hash.digest('hex');
}
function result(md5, info) {
    return { md5, size: info.size, isexec: (info.mode & 0o111) !== 0 };
}
/** Fills the buffer from the file's start until it is full or the file ends. */
function readAllSync(fd, buffer) {
    let filled = 0;
    while (filled < buffer.length) {
        const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync)(fd, buffer, filled, buffer.length - filled, filled);
        if (n === 0)
            break;
        filled += n;
    }
    return filled;
}
/** Feeds bytes to the hash in DVC's 1 MiB chunks (the chunking matters for the legacy rule). */
function feed(hash, bytes, legacy) {
    if (!legacy) {
        hash.update(bytes);
        return;
    }
    for (let at = 0; at < bytes.length; at += CHUNK_SIZE) {
        const chunk = bytes.subarray(at, at + CHUNK_SIZE);
        hash.update(isTextBlock(chunk.subarray(0, TEXT_PROBE)) ? dos2unix(chunk) : chunk);
    }
}
/** Reads until the buffer is full or the file ends (a short read is not the end). */
async function readFull(fh, buffer) {
    let filled = 0;
    while (filled < buffer.length) {
        const { bytesRead } = await fh.read(buffer, filled, buffer.length - filled, null);
        if (bytesRead === 0)
            break;
        filled += bytesRead;
    }
    return filled;
}
/** DVC's text heuristic: no NUL, and at most 30% bytes outside printable ASCII + \n\r\t\f\b. */
function isTextBlock(block) {
    if (block.length === 0)
        return true;
    let nontext = 0;
    for (const b of block) {
        if (b === 0)
            return false;
        if (!((b >= 32 && b <= 126) || b === 10 || b === 13 || b === 9 || b === 12 || b === 8))
            nontext++;
    }
    return nontext / block.length <= 0.3;
}
/** Every CRLF becomes LF. */
function dos2unix(chunk) {
    let at = chunk.indexOf('\r\n');
    if (at < 0)
        return chunk;
    const parts = [];
    let from = 0;
    while (at >= 0) {
        parts.push(chunk.subarray(from, at));
        from = at + 1; // keep the \n
        at = chunk.indexOf('\r\n', from);
    }
    parts.push(chunk.subarray(from));
    return Buffer.concat(parts);
}
/** A string as Python's json.dumps writes it (ensure_ascii: everything outside space..~ escaped). */
function pyJsonString(s) {
    let out = '"';
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 0x22)
            out += '\\"';
        else if (c === 0x5c)
            out += '\\\\';
        else if (c >= 0x20 && c <= 0x7e)
            out += s[i];
        else
            out += SHORT_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`;
    }
    return `${out}"`;
}
const SHORT_ESCAPES = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
/**
 * Files under a directory, `/`-separated and relative to it, the way DVC walks:
 * `.git`, `.hg`, `.dvc` folders (and a `.git` file) skipped, DVC sub-repositories
 * (folders holding a `.dvc`) left out whole, symlinked folders
 * not entered, symlinked files followed; `keep` (the .dvcignore rules) says
 * which entries count, and an ignored folder is not entered.
 */
async function listFiles(absDir, prefix, shown, keep) {
    const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(absDir, { withFileTypes: true });
    // A folder inside the one hashed that holds `.dvc` (a folder or a file) is a DVC sub-repository
    // (`dvc init --subdir`): DVC leaves it out whole (dvc/ignore.py, _update_sub_repo).
    if (prefix !== '' && entries.some((e) => e.name === '.dvc'))
        return [];
    const out = [];
    for (const entry of entries) {
        const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
        const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(absDir, entry.name);
        if (entry.isDirectory()) {
            if (!_repo_names_js__WEBPACK_IMPORTED_MODULE_5__/* .DVC_SKIPPED_DIRS */ .YL.has(entry.name) && (!keep || keep(rel, true)))
                out.push(...(await listFiles(abs, rel, shown, keep)));
            continue;
        }
        if (keep && !keep(rel, false))
            continue;
        if (entry.name === _dvcignore_js__WEBPACK_IMPORTED_MODULE_7__/* .DVCIGNORE */ .k) {
            // dvc-data's IgnoreInCollectedDirError
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz({
                file: (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_5__/* .showPath */ .P8)(shown(abs)),
                message: `a ${_dvcignore_js__WEBPACK_IMPORTED_MODULE_7__/* .DVCIGNORE */ .k} file inside a directory that a stage depends on or writes: DVC refuses it (".dvcignore file should not be in collected dir path")`,
                hint: `move its rules to a ${_dvcignore_js__WEBPACK_IMPORTED_MODULE_7__/* .DVCIGNORE */ .k} above that directory (the repository root's, or its parent folder's)`
            });
        }
        if (entry.isSymbolicLink()) {
            const target = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(abs).catch(() => undefined);
            if (!target)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz({
                    file: (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_5__/* .showPath */ .P8)(shown(abs)),
                    message: 'broken symbolic link',
                    hint: 'remove the link or restore its target'
                });
            if (target.isFile() && entry.name !== '.git')
                out.push(rel);
            else if (!target.isDirectory() && entry.name !== '.git') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz({
                    file: (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_5__/* .showPath */ .P8)(shown(abs)),
                    message: 'is a symlink to something that is not a regular file',
                    hint: 'remove the link from the folder'
                });
            }
        }
        else if (entry.isFile()) {
            if (entry.name !== '.git')
                out.push(rel);
        }
        else if (entry.name !== '.git') {
            // A FIFO would block the read forever, a device would never end.
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz({
                file: (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_5__/* .showPath */ .P8)(shown(abs)),
                message: 'is not a regular file (a FIFO, socket or device) inside a folder a stage depends on or writes',
                hint: 'remove it from the folder; the action reads only regular files'
            });
        }
    }
    return out;
}
function memo(cache, key, make) {
    let p = cache.get(key);
    if (!p) {
        p = make();
        cache.set(key, p);
    }
    return p;
}
/** At most `size` tasks run at once; the rest wait their turn. */
class Semaphore {
    size;
    active = 0;
    waiting = [];
    constructor(size) {
        this.size = size;
    }
    async run(task) {
        // A finishing task hands its slot straight to the next in line.
        if (this.active >= this.size)
            await new Promise((resolve) => this.waiting.push(resolve));
        else
            this.active++;
        try {
            return await task();
        }
        finally {
            const next = this.waiting.shift();
            if (next)
                next();
            else
                this.active--;
        }
    }
}


/***/ }),

/***/ 824:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ isLfsPointer),
/* harmony export */   U: () => (/* binding */ lfsTracked)
/* harmony export */ });
/** A pointer file is smaller than this (git-lfs refuses to read a longer one as a pointer). */
const MAX_POINTER_SIZE = 1024;
const VERSION = 'version https://git-lfs.github.com/spec/v1\n';
/** The whole pointer: the version line, then `key value` lines sorted by key, among them `oid sha256:…` and `size N`. */
const POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*$/;
const OID = /\noid sha256:[0-9a-f]{64}\n/;
const SIZE = /\nsize [0-9]+\n/;
/** Whether these bytes (a whole file) are a Git LFS pointer. */
function isLfsPointer(bytes) {
    if (bytes.length >= MAX_POINTER_SIZE || bytes.length < VERSION.length)
        return false;
    if (Buffer.from(bytes.buffer, bytes.byteOffset, VERSION.length).toString('latin1') !== VERSION)
        return false;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
    return POINTER.test(text) && OID.test(text) && SIZE.test(text);
}
/**
 * Those of `paths` (relative to `git`'s folder) that Git LFS tracks, by the
 * repository's attributes (`filter=lfs`, as `git lfs track` writes it);
 * undefined when git cannot say (not a checkout).
 */
async function lfsTracked(git, paths) {
    if (paths.length === 0)
        return new Set();
    const r = await git.tryExec(['check-attr', '--stdin', '-z', 'filter'], paths.map((p) => `${p}\0`).join(''));
    if (r.code !== 0)
        return undefined;
    // `path NUL filter NUL value NUL` for each path, in the order given
    const fields = r.stdout.split('\0');
    const tracked = new Set();
    for (let i = 0; i + 2 < fields.length; i += 3)
        if (fields[i + 2] === 'lfs')
            tracked.add(paths[i / 3]);
    return tracked;
}


/***/ }),

/***/ 5926:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AX: () => (/* binding */ resolveModel),
/* harmony export */   Os: () => (/* binding */ resolveModelSetting),
/* harmony export */   YD: () => (/* binding */ outputTokenLimit),
/* harmony export */   gy: () => (/* binding */ modelIdFor),
/* harmony export */   qq: () => (/* binding */ contextWindow)
/* harmony export */ });
/* unused harmony exports MODEL_ALIASES, isBedrockId */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
// Graft's model names → Bedrock model ids. The table is Graft's own (its Bedrock
// plugin), so a prompt that renders under Graft renders here with the same model.

/** The context window of every Claude model in the table below, in input tokens. */
const CONTEXT_200K = 200_000;
/**
 * Each Bedrock id with every alias that names it, the model's output-token
 * limit (Anthropic's model overview; Bedrock refuses a larger maxTokens with
 * "exceeds the model limit"): Claude 3 Haiku and the first Claude 3.5 Sonnet
 * 4096, Claude 3.5 Haiku and 3.5 Sonnet v2 8192, Claude 3.7 Sonnet and the
 * Sonnet 4 family 64000, Opus 4 and 4.1 32000; and its context window in input
 * tokens: 200,000 for every one of them (Sonnet 4 and 4.5 offer 1 M only behind
 * a beta flag this action does not send). Bedrock refuses a longer prompt with
 * "Input is too long for requested model."
 */
const ALIAS_GROUPS = [
    [
        'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        ['bedrock-claude-v4.5-sonnet-us', 'bedrock-claude-sonnet-v4.5-us', 'bc-v4.5-us'],
        64000,
        CONTEXT_200K
    ],
    [
        'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
        ['bedrock-claude-v4.5-sonnet-global', 'bedrock-claude-sonnet-v4.5-global', 'bc-v4.5-global'],
        64000,
        CONTEXT_200K
    ],
    [
        'anthropic.claude-sonnet-4-5-20250929-v1:0',
        ['bedrock-claude-v4.5-sonnet', 'bedrock-claude-sonnet-v4.5', 'bc-v4.5'],
        64000,
        CONTEXT_200K
    ],
    [
        'global.anthropic.claude-sonnet-4-20250514-v1:0',
        ['bedrock-claude-v4-sonnet-global', 'bedrock-claude-sonnet-v4-global', 'bc-v4-global'],
        64000,
        CONTEXT_200K
    ],
    [
        'anthropic.claude-sonnet-4-20250514-v1:0',
        ['bedrock-claude-v4-sonnet', 'bedrock-claude-sonnet-v4', 'bc-v4'],
        64000,
        CONTEXT_200K
    ],
    [
        'us.anthropic.claude-opus-4-1-20250805-v1:0',
        ['bedrock-claude-v4.1-opus-us', 'bedrock-claude-opus-v4.1-us', 'bo-v4.1-us'],
        32000,
        CONTEXT_200K
    ],
    [
        'anthropic.claude-opus-4-1-20250805-v1:0',
        ['bedrock-claude-v4.1-opus', 'bedrock-claude-opus-v4.1', 'bo-v4.1'],
        32000,
        CONTEXT_200K
    ],
    [
        'anthropic.claude-opus-4-20250514-v1:0',
        ['bedrock-claude-v4-opus', 'bedrock-claude-opus-v4', 'bo-v4'],
        32000,
        CONTEXT_200K
    ],
    [
        'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
        ['bedrock-claude-v3.7-sonnet', 'bedrock-claude-sonnet-v3.7', 'bc-v3.7'],
        64000,
        CONTEXT_200K
    ],
    [
        'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
        ['bedrock-claude-v3.5-sonnet-v2', 'bedrock-claude-sonnet-v2'],
        8192,
        CONTEXT_200K
    ],
    [
        'anthropic.claude-3-5-sonnet-20240620-v1:0',
        ['bedrock-claude-v3.5-sonnet', 'bedrock-claude-sonnet', 'bedrock-sonnet', 'bedrock-claude', 'bc'],
        4096,
        CONTEXT_200K
    ],
    [
        'us.anthropic.claude-3-5-haiku-20241022-v1:0',
        ['bedrock-claude-v3.5-haiku', 'bedrock-haiku-v3.5', 'bh-v3.5'],
        8192,
        CONTEXT_200K
    ],
    [
        'anthropic.claude-3-haiku-20240307-v1:0',
        ['bedrock-claude-v3-haiku', 'bedrock-claude-haiku', 'bedrock-haiku', 'bh'],
        4096,
        CONTEXT_200K
    ]
];
/** alias → Bedrock model id */
const MODEL_ALIASES = new Map(ALIAS_GROUPS.flatMap(([id, aliases]) => aliases.map((alias) => [alias, id])));
const PROFILE_PREFIX = /^(?:us|eu|apac|global|us-gov|jp|au)\./;
/** Bedrock base model id (no inference-profile prefix) → its output-token limit. */
const OUTPUT_LIMITS = new Map(ALIAS_GROUPS.map(([id, , limit]) => [baseModelId(id), limit]));
/** Bedrock base model id → its context window (input tokens). */
const CONTEXT_WINDOWS = new Map(ALIAS_GROUPS.map(([id, , , window]) => [baseModelId(id), window]));
/** `us.anthropic.claude-…` → `anthropic.claude-…`: the model behind an inference profile. */
function baseModelId(id) {
    return id.replace(PROFILE_PREFIX, '');
}
/**
 * The most output tokens the model accepts per call, for the models of the alias
 * table (named by alias, model id or inference-profile id); undefined for any other
 * model or an ARN, whose limit this action does not know (Bedrock then decides).
 */
function outputTokenLimit(modelId) {
    return OUTPUT_LIMITS.get(baseModelId(MODEL_ALIASES.get(modelId.trim()) ?? modelId.trim()));
}
/**
 * The most input tokens the model accepts in one request, for the models of the
 * alias table (named by alias, model id or inference-profile id); undefined for
 * any other model or an ARN (Bedrock then decides).
 */
function contextWindow(modelId) {
    return CONTEXT_WINDOWS.get(baseModelId(MODEL_ALIASES.get(modelId.trim()) ?? modelId.trim()));
}
/** Names that are already Bedrock ids, inference profiles or ARNs: sent as written. */
const PASS_THROUGH_PREFIXES = ['anthropic.', 'us.', 'eu.', 'apac.', 'global.', 'arn:aws:bedrock:'];
function isBedrockId(name) {
    return PASS_THROUGH_PREFIXES.some((prefix) => name.startsWith(prefix));
}
/**
 * The Bedrock model id for a Graft model name from a prompt's frontmatter (or
 * the default applied to it).
 * @param where the prompt file, and the line of its `model:` key, named in the error
 * @throws GraftError `unknown model "…"` at that file and line, listing the aliases by model.
 */
function resolveModel(name, where) {
    const id = modelIdFor(name);
    if (id)
        return id;
    const at = typeof where === 'string' ? { file: where } : where;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GraftError */ .Tz({
        ...at,
        message: `unknown model "${name}"`,
        hint: modelChoices('set `model:` in the frontmatter')
    });
}
/**
 * The Bedrock model id for a model given as a setting (a CLI option, an action
 * input); `label` names it in the error ("--model", "input model"), so the
 * error points at what was typed, not at a prompt.
 * @throws GraftError "<label>: unknown model …", listing the aliases by model.
 */
function resolveModelSetting(name, label) {
    const id = modelIdFor(name);
    if (id)
        return id;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GraftError */ .Tz({ message: `${label}: unknown model "${name}"`, hint: modelChoices(`set ${label}`) });
}
/** The Bedrock model id a model name stands for, or undefined when it names none this action can call. */
function modelIdFor(name) {
    const trimmed = name.trim();
    return MODEL_ALIASES.get(trimmed) ?? (isBedrockId(trimmed) ? trimmed : undefined);
}
/** What a model may be: an id, profile or ARN, or an alias — one line per model, its aliases after it. */
function modelChoices(what) {
    const lines = ALIAS_GROUPS.map(([id, aliases]) => `  ${id}: ${aliases.join(', ')}`);
    return (`${what} to a Bedrock model id, inference profile or ARN (anthropic.…, us.…, eu.…, apac.…, global.…, arn:aws:bedrock:…), ` +
        `or to an alias (Bedrock id: its aliases):\n${lines.join('\n')}`);
}


/***/ }),

/***/ 9141:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jj: () => (/* binding */ discoverPrompts),
  UX: () => (/* binding */ isPromptPath),
  tA: () => (/* binding */ stageNameFor)
});

// UNUSED EXPORTS: comparePromptPaths, invalidStageNameChars, outputPathFor, parsePrompt, parsePromptWithLines

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/repo/names.ts
var names = __webpack_require__(3452);
// EXTERNAL MODULE: ./src/core/repo/resolver.ts + 2 modules
var resolver = __webpack_require__(2915);
// EXTERNAL MODULE: ./src/core/shell-word.ts
var shell_word = __webpack_require__(2530);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/core/yaml/plain.ts
var plain = __webpack_require__(5723);
;// CONCATENATED MODULE: ./src/core/graft/frontmatter-fast.ts
// A fast reader for the common shape of a prompt's frontmatter: comment and
// blank lines, `deps:` with one `- path` per line, and one-line `out`,
// `model`, `max_tokens`, `temperature`. Anything else (other keys, quotes,
// flow style, folded values, a value the checks would refuse, …) returns
// undefined and the caller uses the YAML parser, which owns every error:
// this reader only ever returns what the full reader would.


const IGNORABLE = /^ *(?:#.*)?$/;
const KEY = /^(deps|out|model|max_tokens|temperature):(?: (.*))?$/;
const ITEM = /^( *)- (.*)$/;
const POSITIVE_INT = /^[1-9][0-9]{0,14}$/;
const UNIT_NUMBER = /^(?:0|1|0\.[0-9]{1,15}|1\.0{1,15})$/;
/**
 * The keys of a frontmatter block (the text between the `---` lines, starting
 * with the newline that ends line 1), or undefined when it is not plain.
 */
function fastReadFrontmatter(raw) {
    if (/[\r\t\uFEFF\\]/.test(raw))
        return undefined; // a backslash: the full reader refuses it
    const lines = raw.split('\n');
    const result = { deps: [], lines: { deps: [] } };
    const seen = new Set();
    let i = 0;
    const skip = () => {
        while (i < lines.length && IGNORABLE.test(lines[i]))
            i++;
    };
    for (skip(); i < lines.length; skip()) {
        const m = KEY.exec(lines[i]);
        if (!m || seen.has(m[1]))
            return undefined;
        const [, key, value] = m;
        seen.add(key);
        const line = i + 1; // raw line 0 is the rest of the file's line 1
        i++;
        if (key === 'deps') {
            if (value !== undefined)
                return undefined;
            skip();
            let indent;
            for (let item = ITEM.exec(lines[i] ?? ''); item; skip(), item = ITEM.exec(lines[i] ?? '')) {
                if (indent !== undefined && item[1].length !== indent)
                    return undefined;
                indent = item[1].length;
                if (!(0,plain/* isSafePlain */.Ur)(item[2], 'yaml-1.1') || (0,names/* lexicalPathProblem */.TC)(item[2], 'dep'))
                    return undefined;
                result.deps.push((0,names/* normalizeRepoPath */.NP)(item[2]));
                result.lines.deps.push(i + 1);
                i++;
            }
        }
        else if (value === undefined || !readValue(result, key, value, line)) {
            return undefined;
        }
    }
    return result;
}
/** One `key: value` line into the result; false when the full reader must judge it. */
function readValue(result, key, value, line) {
    if (key === 'max_tokens' || key === 'temperature') {
        if (!(key === 'max_tokens' ? POSITIVE_INT : UNIT_NUMBER).test(value))
            return false;
        if (key === 'max_tokens') {
            result.maxTokens = Number(value);
            result.lines.maxTokens = line;
        }
        else
            result.temperature = Number(value);
        return true;
    }
    if (!(0,plain/* isSafePlain */.Ur)(value, 'yaml-1.1'))
        return false;
    if (key === 'model') {
        result.model = value;
        result.lines.model = line;
        return true;
    }
    if ((0,names/* lexicalPathProblem */.TC)(value, 'output'))
        return false;
    result.out = (0,names/* normalizeRepoPath */.NP)(value);
    result.lines.out = line;
    return true;
}

// EXTERNAL MODULE: ./src/core/yaml/source.ts
var source = __webpack_require__(3474);
;// CONCATENATED MODULE: ./src/core/graft/frontmatter.ts
// A prompt's YAML frontmatter, read the way Graft reads it: the file must start
// with a line `---` and the block ends at the first line `---` (LF endings, as
// Graft's regular expression demands). A block gray-matter would close
// elsewhere is refused; the `yaml` package parses it so every problem names
// the line in the prompt file.





/** Graft's own split (scripts/generate_dvc.py, pack_prompt.py). */
const GRAFT_FRONTMATTER = /^---\n([\s\S]*?)\n---\n/;
const OPENING = '---\n';
const CLOSING = '\n---\n';
const GLOB_CHARS = /[*?[]/;
/** Parses the frontmatter of `text`; throws a GraftError listing every problem found. */
function parseFrontmatter(file, text) {
    return parseWith(file, text, true);
}
/** parseFrontmatter with the YAML parser only (the fast reader is held to it in tests). */
function parseFrontmatterFull(file, text) {
    return parseWith(file, text, false);
}
function parseWith(file, text, fast) {
    const block = splitFrontmatter(file, text);
    if (!block)
        return { deps: [], body: text, lines: { deps: [] } };
    const keys = fast ? fastReadFrontmatter(block.raw) : undefined;
    if (keys)
        return { ...keys, body: block.body };
    // The raw block starts right after the opening `---`, with the newline that
    // ends line 1: YAML line numbers are then the file's line numbers.
    const src = (0,source/* parseYamlSource */.WF)(block.raw, file, 'fix the YAML between the two `---` lines', {
        subject: 'the frontmatter',
        version: '1.1'
    });
    return { ...readKeys(file, src.doc, (offset) => src.linePos(offset).line), body: block.body };
}
/**
 * The frontmatter block and the body after it, or undefined when the file has
 * none. A block gray-matter would read otherwise than Graft is an error: the
 * two must not disagree about a prompt's deps. `raw` starts with the newline
 * that ends line 1, so YAML line numbers are the file's.
 */
function splitFrontmatter(file, text) {
    const graft = GRAFT_FRONTMATTER.exec(text);
    if (!graft) {
        const problem = unreadFrontmatter(text);
        if (problem)
            throw new errors/* GraftError */.Tz({ file, line: 1, ...problem });
        return undefined;
    }
    // gray-matter (as other tools read prompts) closes the block at the first
    // `\n---` after the opening line, even with more text on that line, where
    // Graft needs `---` alone. They agree exactly when the block holds no `\n---`
    // (the split test holds this rule to gray-matter itself); otherwise the file
    // is refused: the two must not disagree about a prompt's deps.
    const close = graft[0].length - CLOSING.length;
    const raw = text.slice(OPENING.length - 1, close);
    if (raw.includes('\n---')) {
        throw new errors/* GraftError */.Tz({
            file,
            line: 1,
            message: 'the frontmatter delimiters are ambiguous (a line starting with `---` inside the frontmatter?)',
            hint: 'close the frontmatter with a line holding exactly `---` and use no other line starting with `---` inside it'
        });
    }
    return { raw, body: text.slice(graft[0].length) };
}
/** Why a file that opens like frontmatter is not read as frontmatter by Graft. */
function unreadFrontmatter(text) {
    if (text.startsWith('\uFEFF---')) {
        return {
            message: 'the file starts with a UTF-8 byte order mark (BOM) before the frontmatter, which Graft does not read: its deps would be ignored',
            hint: 'save the file as UTF-8 without BOM (in VS Code: "Save with Encoding" → UTF-8; or `sed -i \'1s/^\\xEF\\xBB\\xBF//\' FILE`)'
        };
    }
    if (text.startsWith('---\r\n')) {
        return {
            message: 'the frontmatter has Windows (CRLF) line endings, which Graft does not read: its deps would be ignored',
            hint: 'convert the file to LF line endings (e.g. a .gitattributes line `*.prompt.md text eol=lf`)'
        };
    }
    // `---\n---\n` (an empty block) is no frontmatter to Graft either: harmless.
    if (!text.startsWith('---\n') || text.startsWith('---\n---\n'))
        return undefined;
    if (/\n---$/.test(text)) {
        return {
            message: 'the closing `---` is the last line and has no newline after it',
            hint: 'end the file with a newline'
        };
    }
    return {
        message: 'the frontmatter opened on line 1 is never closed',
        hint: 'add a line `---` after the frontmatter'
    };
}
function readKeys(file, doc, lineAt) {
    const problems = [];
    const result = { deps: [], lines: { deps: [] } };
    const root = doc.contents;
    if (root === null || ((0,dist/* isScalar */.jn)(root) && root.value === null))
        return result;
    if (!(0,dist/* isMap */.jh)(root)) {
        throw new errors/* GraftError */.Tz({
            file,
            line: lineOf(root, lineAt),
            message: 'the frontmatter is not a mapping of keys to values',
            hint: 'write it as `key: value` lines, e.g. `deps:` followed by `- path` items'
        });
    }
    const fail = (pair, message, hint, node = pair.key) => {
        problems.push({ file, line: lineOf(node, lineAt), message, hint });
    };
    for (const pair of root.items) {
        const key = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : undefined;
        const value = pair.value;
        const plain = (0,dist/* isScalar */.jn)(value) ? value.value : value;
        if (plain === null || plain === undefined)
            continue; // `key:` with no value: Graft treats it as absent
        switch (key) {
            case 'deps':
                readDeps(pair, result, fail, lineAt);
                break;
            case 'out':
                if (typeof plain !== 'string') {
                    fail(pair, '`out` must be a path (a string)', 'write `out: docs/name.md`');
                }
                else {
                    const problem = plain.includes('\\') ? undefined : (0,names/* lexicalPathProblem */.TC)(plain, 'output');
                    if (plain.includes('\\'))
                        fail(pair, backslashProblem('out', plain), `write the path with forward slashes: ${plain.replace(/\\/g, '/')}`, value);
                    else if (problem)
                        fail(pair, `out ${problem}`, 'set `out` to a path inside the repository, relative to its root', value);
                    else {
                        result.out = (0,names/* normalizeRepoPath */.NP)(plain);
                        result.lines.out = lineOf(value, lineAt);
                    }
                }
                break;
            case 'model':
                if (typeof plain !== 'string')
                    fail(pair, '`model` must be a string', 'write a model alias, e.g. `model: bedrock-claude-v4.5-sonnet-us`');
                else {
                    result.model = plain;
                    result.lines.model = lineOf(value, lineAt);
                }
                break;
            case 'max_tokens':
                if (typeof plain !== 'number' || !Number.isInteger(plain) || plain <= 0) {
                    fail(pair, `\`max_tokens\` must be a positive integer, not ${JSON.stringify(plain)}`, 'write e.g. `max_tokens: 16000`');
                }
                else {
                    result.maxTokens = plain;
                    result.lines.maxTokens = lineOf(value, lineAt);
                }
                break;
            case 'temperature':
                if (typeof plain !== 'number' || !(plain >= 0 && plain <= 1)) {
                    fail(pair, `\`temperature\` must be a number from 0 to 1, not ${JSON.stringify(plain)}`, 'write e.g. `temperature: 0.7`');
                }
                else
                    result.temperature = plain;
                break;
        }
    }
    (0,errors/* throwIfProblems */.W8)(problems);
    return result;
}
function readDeps(pair, result, fail, lineAt) {
    const listHint = 'write `deps:` followed by one `- path/to/file` line per dependency';
    if (!(0,dist/* isSeq */.oP)(pair.value)) {
        fail(pair, '`deps` must be a list of paths', listHint);
        return;
    }
    for (const item of pair.value.items) {
        const value = (0,dist/* isScalar */.jn)(item) ? item.value : undefined;
        if (typeof value !== 'string') {
            fail(pair, `\`deps\` must be a list of paths; item ${JSON.stringify((0,dist/* isScalar */.jn)(item) ? item.value : String(item))} is not a string`, `${listHint} (quote values YAML reads as numbers or booleans)`);
            continue;
        }
        if (GLOB_CHARS.test(value)) {
            fail(pair, `dep ${value} contains a glob character`, 'Graft does not expand globs; list the files, or name the directory', item);
            continue;
        }
        if (value.includes('\\')) {
            fail(pair, backslashProblem('dep', value), `write the path with forward slashes: ${value.replace(/\\/g, '/')}`, item);
            continue;
        }
        const root = rootDepProblem(value);
        if (root) {
            fail(pair, root, ROOT_DEP_HINT, item);
            continue;
        }
        const problem = (0,names/* lexicalPathProblem */.TC)(value, 'dep');
        if (problem) {
            fail(pair, `dep ${problem}`, 'list paths inside the repository, relative to its root', item);
            continue;
        }
        result.deps.push((0,names/* normalizeRepoPath */.NP)(value));
        result.lines.deps.push(lineOf(item, lineAt));
    }
}
/** What to do about a dep that names a root. */
const ROOT_DEP_HINT = 'list the folders or files the document is about instead, relative to the repository root (e.g. `src` or `docs/api.md`)';
/**
 * The empty dep and `/`: neither is a path in the repository (`.` and `./`,
 * the repository root itself, are refused with the other deps no stage can
 * have, in prompts.ts).
 */
function rootDepProblem(dep) {
    if (dep.trim() === '')
        return 'dep "" is empty: DVC stops with an unexpected error on an empty dep (to it, an empty path is the repository root, which cannot be a dep: it holds dvc.yaml and dvc.lock)';
    if (/^\/+$/.test(dep))
        return `dep ${dep} is the root of the file system, not a path in the repository (deps are relative to the repository root); and the repository root (.) cannot be a dep either: it holds dvc.yaml and dvc.lock, which every run rewrites`;
    return undefined;
}
/**
 * A path with a backslash is not normalised: DVC on Linux (GitHub's runners)
 * reads `\\` as part of a file name, so `sources\\api.md` is a file of that
 * name at the root, which is not there.
 */
function backslashProblem(key, path) {
    const literal = "DVC on Linux (as on GitHub's runners) reads a backslash as part of a file name, not as a folder separator";
    return key === 'dep'
        ? `dep ${path} does not exist: ${literal}, so it looks for one file named \`${path}\``
        : `out ${path}: ${literal}, so it would expect one file named \`${path}\``;
}
function lineOf(node, lineAt) {
    const range = node?.range;
    return range ? lineAt(range[0]) : undefined;
}

// EXTERNAL MODULE: ./src/core/graft/models.ts
var models = __webpack_require__(5926);
;// CONCATENATED MODULE: ./src/core/graft/prompts.ts
// Prompt files: find `*.prompt.md`, read their frontmatter the way Graft does,
// and check the set as a whole (names, outputs, deps) before anything runs.







const SUFFIX = '.prompt.md';
const SKIPPED_DIRS = ['node_modules', '.git'];
function isPromptPath(path) {
    if (!path.endsWith(SUFFIX))
        return false; // most files: no split needed
    const segments = path.split('/');
    const base = segments[segments.length - 1];
    return base.endsWith(SUFFIX) && base !== SUFFIX && !segments.some((s) => SKIPPED_DIRS.includes(s));
}
/**
 * Graft's base name: the file name without `.md`, every `.prompt` removed
 * (Graft uses `stem.replace(".prompt", "")`, so `a.prompt.md` → `a`).
 */
function graftBase(promptPath) {
    return external_node_path_.posix.basename(promptPath).slice(0, -'.md'.length).split('.prompt').join('');
}
/** `docs/how-it-works.prompt.md` → `how_it_works` */
function stageNameFor(promptPath) {
    return graftBase(promptPath).replace(/-/g, '_');
}
/** Frontmatter `out` (already repository-relative), else the same folder with `.md`. */
function outputPathFor(promptPath, out) {
    if (out !== undefined)
        return out;
    const dir = external_node_path_.posix.dirname(promptPath);
    const name = `${graftBase(promptPath)}.md`;
    return dir === '.' ? name : `${dir}/${name}`;
}
/** Parses one prompt file; throws a GraftError naming the file and line. */
function parsePrompt(path, text) {
    return parsePromptWithLines(path, text).prompt;
}
function parsePromptWithLines(path, text) {
    const fm = parseFrontmatter(path, text);
    const prompt = {
        path,
        stageName: stageNameFor(path),
        deps: fm.deps,
        out: outputPathFor(path, fm.out),
        body: fm.body
    };
    if (fm.model !== undefined)
        prompt.model = fm.model;
    if (fm.lines.model !== undefined)
        prompt.modelLine = fm.lines.model;
    if (fm.deps.length > 0)
        prompt.depLines = fm.lines.deps;
    if (fm.maxTokens !== undefined)
        prompt.maxTokens = fm.maxTokens;
    if (fm.lines.maxTokens !== undefined)
        prompt.maxTokensLine = fm.lines.maxTokens;
    if (fm.lines.out !== undefined)
        prompt.outLine = fm.lines.out;
    const repeated = repeatedDeps(path, fm.deps, fm.lines.deps);
    if (repeated.length > 0)
        prompt.repeatedDeps = repeated;
    if (fm.temperature !== undefined)
        prompt.temperature = fm.temperature;
    return { prompt, lines: fm.lines };
}
/** Deps listed before (or the prompt itself), with their lines. */
function repeatedDeps(path, deps, lines) {
    if (deps.length === 0)
        return [];
    const first = new Map([[path, undefined]]);
    const repeated = [];
    deps.forEach((dep, i) => {
        if (first.has(dep))
            repeated.push({ dep, line: lines[i], firstLine: first.get(dep) });
        else
            first.set(dep, lines[i]);
    });
    return repeated;
}
/** Graft sorts `pathlib.Path`s: by path segments, not by the whole string. */
function comparePromptPaths(a, b) {
    return compareSegments(a.split('/'), b.split('/'));
}
function compareSegments(sa, sb) {
    for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
        if (sa[i] !== sb[i])
            return sa[i] < sb[i] ? -1 : 1;
    }
    return sa.length - sb.length;
}
/** Prompt paths in Graft's order, each split once (not once per comparison). */
function sortPromptPaths(paths) {
    return paths
        .map((path) => ({ path, segments: path.split('/') }))
        .sort((a, b) => compareSegments(a.segments, b.segments))
        .map((p) => p.path);
}
/**
 * Reads and checks every prompt among `files` (the repository's file list).
 * Collects every problem across all prompts and throws them as one GraftError.
 */
async function discoverPrompts(root, files, checker = new resolver/* RepoPathChecker */.x_(root)) {
    const paths = sortPromptPaths(files.filter(isPromptPath));
    const problems = [];
    const parsed = [];
    for (const path of paths) {
        if (path.includes('\\')) {
            // the resolver reads `\` as a folder separator: the file would never be read; its stage name breaks DVC anyway
            problems.push(stageNameProblem(path, stageNameFor(path)));
            continue;
        }
        try {
            // Through the resolver: a prompt symlinked to /proc/self/environ or
            // .git/config is refused, never read. Blocking reads: prompts are small,
            // and a thread-pool round trip per file costs more than the read itself.
            const text = checker.readText(path, 'prompt');
            if (text !== undefined)
                parsed.push(parsePromptWithLines(path, text));
        }
        catch (e) {
            if (!(e instanceof errors/* GraftError */.Tz))
                throw e;
            problems.push(...e.problems);
        }
    }
    problems.push(...checkModels(parsed));
    problems.push(...checkNames(parsed), ...checkOutputs(checker, parsed, files), ...checkDeps(checker, parsed));
    (0,errors/* throwIfProblems */.W8)(problems);
    return parsed.map((p) => p.prompt);
}
/**
 * Each prompt's `model:`, at its line: a name this action cannot call (a typo
 * in an alias) fails validate, so the pull-request check catches it before a
 * generate would. A model name goes into logs and requests: control characters
 * are refused too.
 */
function checkModels(parsed) {
    const problems = [];
    for (const { prompt } of parsed) {
        if (prompt.model === undefined)
            continue;
        const at = { file: prompt.path, line: prompt.modelLine };
        if (names/* CONTROL */.W3.test(prompt.model)) {
            problems.push({
                ...at,
                message: `model ${JSON.stringify(prompt.model)} holds a control character (a line break, tab, …)`,
                hint: 'write the model alias or Bedrock id on one line, e.g. `model: bedrock-claude-v4.5-sonnet-us`'
            });
        }
        else if ((0,models/* modelIdFor */.gy)(prompt.model) === undefined) {
            try {
                (0,models/* resolveModel */.AX)(prompt.model, at);
            }
            catch (error) {
                if (!(error instanceof errors/* GraftError */.Tz))
                    throw error;
                problems.push(...error.problems);
            }
        }
    }
    return problems;
}
/**
 * The characters that break a stage name written into dvc.yaml, as the real
 * DVC 3.67 behaves (`dvc status`, `dvc repro NAME`, `dvc commit NAME`, tried
 * on every ASCII punctuation mark, spaces, leading `-`, `.`, unicode and
 * control characters; __tests__/core/graft/stage-names.test.ts replays them):
 * - `@` makes DVC read the stage as a foreach/matrix entry: `dvc status`
 *   refuses the whole dvc.yaml ("Stage 'a@b' not found inside 'dvc.yaml' file");
 * - `:` splits a target into file and name (`dvc.yaml:a:b` is stage `b` of
 *   file `dvc.yaml:a`): no target reaches the stage, so `dvc repro NAME` and
 *   `dvc commit NAME` fail; only a name that ends with `:` escapes (its name
 *   part is empty, so DVC takes the whole target as the name), but for `:`
 *   alone, which DVC reads as every stage of dvc.yaml;
 * - `\` becomes `/` in a target: the same, the stage cannot be named.
 * Everything else works as Graft names it (`api.v2`, `notes [v2]`, `a=b`,
 * spaces, `$`, quotes, `*`, unicode…): `dvc stage add` refuses punctuation,
 * but that rule is only its own; stages written into dvc.yaml, as Graft writes
 * them, run. A name starting with `-` is reached as `dvc.yaml:-name` (see
 * shell.ts's dvcTarget), and Graft turns every `-` into `_` anyway.
 */
const NOT_IN_STAGE_NAMES = /[@:\\]/g;
/** What each refused character does to DVC, for the message. */
const BREAKS = {
    '@': '`@` makes DVC read it as a foreach entry and refuse the whole dvc.yaml',
    ':': '`:` splits a DVC target into file and stage, so `dvc repro`, `dvc commit` and the like cannot name the stage',
    '\\': 'a backslash becomes `/` in a DVC target, so no command can name the stage'
};
/** The characters of `name` that break DVC, each once. */
function invalidStageNameChars(name) {
    const found = new Set(name.match(NOT_IN_STAGE_NAMES) ?? []);
    if (name.endsWith(':') && name !== ':')
        found.delete(':'); // DVC then reads the whole target as the name
    return [...found];
}
/** The problem with a prompt whose stage name holds characters that break DVC. */
function stageNameProblem(path, stageName) {
    const bad = invalidStageNameChars(stageName);
    return {
        file: path,
        line: 1,
        message: `the file name gives the stage name ${stageName}, which holds ${bad.join(' ')}: ${bad.map((c) => BREAKS[c]).join('; ')}`,
        hint: `rename the prompt file without ${bad.join(' ')} (e.g. ${path.slice(0, path.lastIndexOf('/') + 1)}${graftBase(path).replace(NOT_IN_STAGE_NAMES, '-')}.prompt.md)`
    };
}
function checkNames(parsed) {
    const problems = [];
    const byName = new Map();
    for (const { prompt } of parsed) {
        if (invalidStageNameChars(prompt.stageName).length > 0) {
            problems.push(stageNameProblem(prompt.path, prompt.stageName));
            continue;
        }
        const first = byName.get(prompt.stageName);
        if (first === undefined) {
            byName.set(prompt.stageName, prompt.path);
            continue;
        }
        problems.push({
            file: prompt.path,
            message: `${first} and ${prompt.path} both make the stage ${prompt.stageName}; Graft's generator would silently drop one of them`,
            hint: 'rename one of the two prompt files'
        });
    }
    return problems;
}
/** What to do about an output path the resolver refused, by what is wrong with it. */
function outputHint(out, problem) {
    if (problem === `${out} is a folder, not a file`)
        return `remove or rename the folder ${out}, or set \`out\` in the prompt's frontmatter to a file path`;
    const under = / cannot exist: (.+) is a file, not a folder$/.exec(problem);
    if (under)
        return `set \`out\` to a path that does not lie under the file ${under[1]}`;
    return 'set `out` to a path inside the repository';
}
/** What to do about a dep path the resolver refused. */
function depHint(problem) {
    const under = / cannot exist: (.+) is a file, not a folder$/.exec(problem);
    if (under)
        return `fix the dep's path: ${under[1]} is a file, so nothing lies under it`;
    return 'list paths inside the repository only';
}
/**
 * `files` (the repository's files, as git lists them) by sameFileKey, for the
 * keys asked only: an output's key is looked up among the files of its
 * folder, each folded once.
 */
function filesByKey(files, keys) {
    const folders = new Set([...keys].map((k) => k.slice(0, k.lastIndexOf('/') + 1)));
    const folderKeys = new Map(); // a folder's spelling → whether an output's folder folds to it
    const found = new Map();
    for (const file of files) {
        const spelling = file.slice(0, file.lastIndexOf('/') + 1);
        let wanted = folderKeys.get(spelling);
        if (wanted === undefined)
            folderKeys.set(spelling, (wanted = folders.has((0,names/* sameFileKey */.ys)(spelling))));
        if (!wanted)
            continue;
        const key = (0,names/* sameFileKey */.ys)(file);
        if (keys.has(key))
            found.set(key, [...(found.get(key) ?? []), file]);
    }
    return found;
}
function checkOutputs(paths, parsed, files = []) {
    const problems = [];
    const promptPaths = new Set(parsed.map((p) => p.prompt.path));
    const byOut = new Map();
    // a file already there under another spelling of the output: one file to macOS or Windows (dvc.yaml and
    // dvc.lock in any spelling are refused by the resolver's lexical rules, also before they exist)
    const existing = filesByKey(files, new Set(parsed.map((p) => (0,names/* sameFileKey */.ys)(p.prompt.out))));
    const outputs = new Set(parsed.map((p) => p.prompt.out));
    for (const { prompt, lines } of parsed) {
        const at = { file: prompt.path, line: lines.out };
        const unsafe = paths.check(prompt.out, 'output');
        if (unsafe) {
            problems.push({ ...at, message: `output ${prompt.out}: ${unsafe}`, hint: outputHint(prompt.out, unsafe) });
            continue;
        }
        if (promptPaths.has(prompt.out)) {
            problems.push({
                ...at,
                message: `output ${prompt.out} is a prompt file`,
                hint: 'set `out` to a .md file that is not a prompt'
            });
        }
        const key = (0,names/* sameFileKey */.ys)(prompt.out);
        const other = existing.get(key)?.find((f) => f !== prompt.out && !outputs.has(f));
        if (other !== undefined && !byOut.has(key)) {
            problems.push({
                ...at,
                message: `output ${prompt.out} and the file ${other} differ only in letter case, Unicode normalisation or trailing dots and spaces: they are one file on macOS or Windows, where writing the document would overwrite ${other}`,
                hint: `set \`out\` to a name of its own, or rename ${other}`
            });
            continue;
        }
        const first = byOut.get(key);
        if (first !== undefined) {
            problems.push({
                ...at,
                message: first.out === prompt.out
                    ? `${first.prompt} and ${prompt.path} both write ${prompt.out}`
                    : `${first.prompt} and ${prompt.path} both write ${prompt.out}: ${first.out} and ${prompt.out} differ only in letter case, Unicode normalisation or trailing dots and spaces, so they are one file on macOS or Windows (in a checkout there, one document would overwrite the other)`,
                hint: 'give one of them another `out` (or rename it)'
            });
        }
        else {
            byOut.set(key, { prompt: prompt.path, out: prompt.out });
        }
    }
    return problems;
}
/**
 * The `.dvc` file that tracks `dep` or a folder holding it (`data.csv.dvc`,
 * `data.dvc` for `data/x.csv`), when there is one: the data lives in DVC's
 * cache and remote, so a checkout has only the `.dvc` file until `dvc pull`.
 */
function dvcTracker(paths, dep) {
    const segments = (0,names/* normalizeRepoPath */.NP)(dep).split('/');
    for (let n = segments.length; n > 0; n--) {
        const tracker = `${segments.slice(0, n).join('/')}.dvc`;
        if (paths.check(tracker, 'dep') === undefined && paths.exists(tracker))
            return tracker;
    }
    return undefined;
}
function checkDeps(paths, parsed) {
    const problems = [];
    const made = madeByPrompts(parsed.map((p) => p.prompt.out));
    for (const { prompt, lines } of parsed) {
        // An indexed loop: this runs once per dep of every prompt, before any JIT.
        for (let i = 0; i < prompt.deps.length; i++) {
            const dep = prompt.deps[i];
            const own = ownFileProblem(dep, prompt);
            if (own) {
                problems.push({ file: prompt.path, line: lines.deps[i], ...own });
                continue;
            }
            const unsafe = paths.check(dep, 'dep') ?? paths.checkTree(dep);
            if (unsafe) {
                problems.push({
                    file: prompt.path,
                    line: lines.deps[i],
                    message: `dep ${dep}: ${unsafe}`,
                    hint: depHint(unsafe)
                });
            }
            else if (!made.has(dep) && !paths.exists(dep)) {
                const tracker = dvcTracker(paths, dep);
                problems.push({
                    file: prompt.path,
                    line: lines.deps[i],
                    ...(tracker
                        ? {
                            message: `${dep} (required by ${prompt.path}) is not in this checkout: DVC tracks it (${tracker}), and DVC-tracked data is not in git`,
                            hint: `fetch it before this step: \`dvc pull ${(0,shell_word/* shellPath */.G)(tracker)}\` with your DVC remote's credentials`
                        }
                        : {
                            message: `${dep} (required by ${prompt.path}) does not exist`,
                            hint: 'create it, fix the path, or remove it from `deps`'
                        })
                });
            }
        }
    }
    return problems;
}
/**
 * A dep no stage can have, or undefined: dvc.yaml and dvc.lock (and the root
 * folder holding them) change with every run, so the document would be stale
 * again forever; the prompt's own output, or a folder holding it, makes the
 * stage read what it writes.
 */
function ownFileProblem(dep, prompt) {
    if (dep === '.') {
        return {
            message: `dep . is the repository root (the folder holding dvc.yaml and dvc.lock; \`./\` is the same): DVC would hash the whole repository, dvc.lock and ${prompt.out} included, which every run rewrites, so ${prompt.out} would be stale again after every run`,
            hint: 'remove . from `deps`, and list the folders or files the document is about instead (e.g. `src`, `docs/api.md`)'
        };
    }
    if (names/* PIPELINE_FILES */.Vh.has(dep)) {
        return {
            message: `dep ${dep} is the pipeline's own ${dep}: every run rewrites it, so ${prompt.out} would be stale again after every run`,
            hint: `remove ${dep} from \`deps\` (list the source files or folders the document is about)`
        };
    }
    if ((0,names/* isSameOrInside */.Im)(dep, prompt.out)) {
        return {
            message: dep === prompt.out
                ? `dep ${dep} is the prompt's own output: the document would read what it writes`
                : `the prompt's output ${prompt.out} lies inside its dep ${dep}: the document would read what it writes`,
            hint: dep === prompt.out
                ? `remove ${dep} from \`deps\`, or set \`out\` to another file`
                : `set \`out\` to a path outside ${dep}, or list the files of ${dep} the document needs`
        };
    }
    return undefined;
}
/**
 * Deps that need not exist yet: an output some prompt writes, or a folder
 * holding one (as `dir` or `dir/`), so each dep is one set look-up.
 */
function madeByPrompts(outputs) {
    const made = new Set();
    for (const out of outputs) {
        made.add(out);
        for (let i = out.indexOf('/'); i >= 0; i = out.indexOf('/', i + 1)) {
            made.add(out.slice(0, i));
            made.add(out.slice(0, i + 1));
        }
    }
    return made;
}


/***/ }),

/***/ 9159:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  B: () => (/* binding */ loadPipeline),
  k: () => (/* binding */ loopStageOf)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/io/git.ts
var git = __webpack_require__(3000);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/repo/names.ts
var names = __webpack_require__(3452);
// EXTERNAL MODULE: ./src/core/repo/resolver.ts + 2 modules
var resolver = __webpack_require__(2915);
// EXTERNAL MODULE: ./src/core/graft/prompts.ts + 2 modules
var graft_prompts = __webpack_require__(9141);
// EXTERNAL MODULE: ./src/core/pipeline/stages.ts
var pipeline_stages = __webpack_require__(9875);
;// CONCATENATED MODULE: ./src/core/pipeline/graph.ts
// The stage DAG: stage B depends on stage A when a dep of B is an output of A,
// lies inside one (A writes a folder), or contains one (B reads a folder that A
// writes into). Outputs are indexed by path and by every parent folder, so
// building costs a few map lookups per dep, not a scan of all stages.


class StageGraph {
    stages;
    file;
    locate;
    index = new Map();
    children;
    parents;
    links = new Map();
    topo;
    constructor(stages, file, locate) {
        this.stages = stages;
        this.file = file;
        this.locate = locate;
        stages.forEach((s, i) => this.index.set(s.name, i));
        this.children = stages.map(() => new Set());
        this.parents = stages.map(() => new Set());
        this.topo = [];
    }
    /**
     * Builds the graph.
     * @param file where stages are declared (named in problems about a stage)
     * @param locate where a stage's dep is declared, for a prompt's stage: a cycle
     *   is then pinned on each prompt in the ring, at the dep that closes it
     * @throws GraftError on duplicate names or outputs, and on cycles (one
     *   problem per stage in each cycle)
     */
    static build(stages, file = 'dvc.yaml', locate = () => undefined) {
        const graph = new StageGraph(stages, file, locate);
        throwIf(graph.checkNames());
        const { owners, problems } = graph.indexOutputs();
        throwIf(problems);
        graph.link(owners);
        throwIf(graph.sort());
        return graph;
    }
    /** Stage names in dependency order; independent stages keep the given order. */
    order() {
        return this.topo.map((i) => this.stages[i].name);
    }
    /** Every stage `name` depends on, directly or not, in dependency order. */
    upstream(name) {
        const seen = this.reach([this.at(name)], this.parents);
        return this.topo.filter((i) => seen.has(i)).map((i) => this.stages[i].name);
    }
    /** Every stage that depends on one of `names`, directly or not, excluding `names`. */
    downstream(names) {
        const start = [...names].map((n) => this.at(n));
        const seen = this.reach(start, this.children);
        return new Set(this.topo.filter((i) => seen.has(i)).map((i) => this.stages[i].name));
    }
    /** Stages that depend directly on a given stage, in dependency order. */
    childrenOf(name) {
        return [...this.children[this.at(name)]]
            .sort((a, b) => this.topo.indexOf(a) - this.topo.indexOf(b))
            .map((i) => this.stages[i].name);
    }
    /** Stages a given stage depends on directly. */
    dependenciesOf(name) {
        return [...this.parents[this.at(name)]].sort((a, b) => a - b).map((i) => this.stages[i].name);
    }
    /** Stages grouped by depth: level 0 needs nothing, level n needs something from level n-1. */
    levels() {
        const depth = new Array(this.stages.length).fill(0);
        for (const i of this.topo)
            for (const c of this.children[i])
                depth[c] = Math.max(depth[c], depth[i] + 1);
        const levels = [];
        this.stages.forEach((s, i) => (levels[depth[i]] ??= []).push(s.name));
        return levels;
    }
    outputsOf(name) {
        return this.stages[this.at(name)].outs.map((o) => o.path);
    }
    has(name) {
        return this.index.has(name);
    }
    at(name) {
        const i = this.index.get(name);
        if (i === undefined)
            throw new Error(`no stage named ${name}`);
        return i;
    }
    reach(start, edges) {
        const seen = new Set();
        const stack = [...start];
        while (stack.length > 0) {
            for (const next of edges[stack.pop()]) {
                if (!seen.has(next)) {
                    seen.add(next);
                    stack.push(next);
                }
            }
        }
        for (const s of start)
            seen.delete(s);
        return seen;
    }
    checkNames() {
        if (this.index.size === this.stages.length)
            return [];
        const seen = new Set();
        const dups = this.stages.filter((s) => seen.size === seen.add(s.name).size);
        return dups.map((s) => this.problem(s, `two stages are named ${s.name}`, 'give every stage its own name'));
    }
    /** out path → owning stage; two stages writing one path (or one inside the other) are problems. */
    indexOutputs() {
        const owners = new Map();
        /** every parent folder of an output → a stage writing inside it */
        const within = new Map();
        const problems = [];
        this.stages.forEach((stage, i) => {
            for (const out of stage.outs) {
                const path = (0,names/* normalizeRepoPath */.NP)(out.path);
                const clash = owners.get(path) ?? ancestorOwner(path, owners) ?? within.get(path);
                if (clash !== undefined && clash !== i) {
                    const other = this.stages[clash];
                    const same = other.outs.some((o) => (0,names/* normalizeRepoPath */.NP)(o.path) === path);
                    problems.push(this.problem(stage, same
                        ? `stages ${other.name} and ${stage.name} both write ${path}`
                        : `outputs overlap: ${path} of stage ${stage.name} and an output of stage ${other.name} lie one inside the other`, 'each path may be the output of one stage only; change one of the outputs'));
                    continue;
                }
                owners.set(path, i);
                for (const parent of parentsOf(path))
                    if (!within.has(parent))
                        within.set(parent, i);
            }
        });
        return { owners, problems };
    }
    link(owners) {
        const writersInside = new Map();
        for (const [path, i] of owners) {
            for (const parent of parentsOf(path)) {
                let list = writersInside.get(parent);
                if (!list)
                    writersInside.set(parent, (list = []));
                list.push(i);
            }
        }
        this.stages.forEach((stage, to) => {
            for (const raw of stage.deps) {
                const dep = (0,names/* normalizeRepoPath */.NP)(raw);
                const from = owners.get(dep) ?? ancestorOwner(dep, owners);
                if (from !== undefined)
                    this.addEdge(from, to, dep);
                for (const inner of writersInside.get(dep) ?? [])
                    this.addEdge(inner, to, dep);
            }
        });
    }
    addEdge(from, to, path) {
        this.children[from].add(to);
        this.parents[to].add(from);
        const key = `${from}>${to}`;
        if (!this.links.has(key))
            this.links.set(key, path);
    }
    /** Kahn's algorithm with a min-heap on the given position, so ties keep the given order. */
    sort() {
        const indegree = this.parents.map((p) => p.size);
        const ready = new MinHeap();
        indegree.forEach((d, i) => d === 0 && ready.push(i));
        while (ready.size > 0) {
            const i = ready.pop();
            this.topo.push(i);
            for (const c of this.children[i])
                if (--indegree[c] === 0)
                    ready.push(c);
        }
        if (this.topo.length === this.stages.length)
            return [];
        return this.findCycles(indegree).flatMap((cycle) => this.cycleProblems(cycle));
    }
    /** Cycles among the stages Kahn could not order (each found once, by a DFS back edge). */
    findCycles(indegree) {
        const stuck = new Set(indegree.flatMap((d, i) => (d > 0 ? [i] : [])));
        const state = new Map();
        const cycles = [];
        for (const start of stuck) {
            if (state.has(start))
                continue;
            const path = [];
            const iters = [];
            const enter = (n) => {
                state.set(n, 'open');
                path.push(n);
                iters.push(this.children[n].values());
            };
            enter(start);
            while (path.length > 0) {
                const step = iters[iters.length - 1].next();
                if (step.done) {
                    state.set(path.pop(), 'done');
                    iters.pop();
                    continue;
                }
                const next = step.value;
                if (!stuck.has(next))
                    continue;
                if (state.get(next) === 'open')
                    cycles.push(path.slice(path.indexOf(next)));
                else if (!state.has(next))
                    enter(next);
            }
        }
        return cycles;
    }
    /**
     * One problem per stage in the ring, each pinned where that stage reads the
     * output of the stage before it: the prompt's dep line when a prompt declares
     * it, else the stage's line in dvc.yaml.
     */
    cycleProblems(cycle) {
        const names = cycle.map((i) => this.stages[i].name);
        const steps = cycle.map((from, k) => {
            const to = cycle[(k + 1) % cycle.length];
            return { from, to, path: this.links.get(`${from}>${to}`) };
        });
        const ring = `the pipeline has a cycle: ${[...names, names[0]].join(' → ')} (${steps
            .map(({ from, to, path }) => `${this.stages[to].name} reads ${path} written by ${this.stages[from].name}`)
            .join('; ')})`;
        const hint = 'a document cannot depend on itself, directly or through others: remove one of these deps';
        // In ring order, starting with the first stage of the cycle.
        return [steps[steps.length - 1], ...steps.slice(0, -1)].map(({ from, to, path }) => {
            const stage = this.stages[to];
            const at = this.locate(stage.name, path);
            if (!at)
                return this.problem(stage, ring, hint);
            return { ...at, message: `${ring}; the dep ${path} (written by ${this.stages[from].name}) closes it here`, hint };
        });
    }
    problem(stage, message, hint) {
        return { file: this.file, line: stage.line, message, hint };
    }
}
/** `docs/a/b.md` → `docs/a`, `docs` */
function parentsOf(path) {
    const parents = [];
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1))
        parents.push(path.slice(0, i));
    return parents;
}
/** The stage whose output is a folder holding `path`, if any. */
function ancestorOwner(path, owners) {
    // Called for every dep: walks the parents without building their list.
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
        const owner = owners.get(path.slice(0, i));
        if (owner !== undefined)
            return owner;
    }
    return undefined;
}
function throwIf(problems) {
    (0,errors/* throwIfProblems */.W8)(problems);
}
/** A binary min-heap of stage positions. */
class MinHeap {
    items = [];
    get size() {
        return this.items.length;
    }
    push(value) {
        const a = this.items;
        a.push(value);
        for (let i = a.length - 1; i > 0;) {
            const p = (i - 1) >> 1;
            if (a[p] <= a[i])
                break;
            [a[p], a[i]] = [a[i], a[p]];
            i = p;
        }
    }
    pop() {
        const a = this.items;
        const top = a[0];
        const last = a.pop();
        if (a.length > 0) {
            a[0] = last;
            for (let i = 0;;) {
                const l = 2 * i + 1;
                const r = l + 1;
                let m = i;
                if (l < a.length && a[l] < a[m])
                    m = l;
                if (r < a.length && a[r] < a[m])
                    m = r;
                if (m === i)
                    break;
                [a[m], a[i]] = [a[i], a[m]];
                i = m;
            }
        }
        return top;
    }
}

// EXTERNAL MODULE: ./src/core/dvc/dvcyaml.ts + 1 modules
var dvcyaml = __webpack_require__(7836);
// EXTERNAL MODULE: ./src/core/dvc/dvclock.ts
var dvclock = __webpack_require__(363);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
;// CONCATENATED MODULE: ./src/core/dvc/prehash.ts
// Prehashing: the md5s of the files dvc.lock records, computed on worker
// threads while the main thread reads and checks the prompts (the status
// engine then finds most hashes done). Every path is landed by the resolver
// first, here on the main thread; a worker only reads the real path of a
// regular file it was handed (see hash-worker.cjs). Anything a worker cannot
// settle, and every DVC 2 entry (md5 after dos2unix), is left to the engine.


/** Below this many files a worker's start (tens of ms) costs more than it saves. */
const PREHASH_MIN_FILES = 400;
/** About what one file entry takes in dvc.lock (path, hash, md5, size lines): to guess the count from the size. */
const LOCK_BYTES_PER_FILE = 100;
/** Paths per claim: small enough that the last batches under way end soon after the caller takes the rest. */
const BATCH = 128;
const MAX_WORKERS = 4;
/**
 * Hash workers started ahead of the work, so that their start (tens of ms)
 * overlaps reading dvc.yaml and dvc.lock: up to availableParallelism() − 1 (at
 * most 4), and none on one core or when `lockBytes` (dvc.lock's size) says
 * there are fewer files than pay for a worker. Hand them to {@link prehash}
 * (which ends them); they never keep the process alive.
 */
function startHashWorkers(lockBytes) {
    const count = Math.min(MAX_WORKERS, (0,external_node_os_.availableParallelism)() - 1, Math.ceil(lockBytes / (BATCH * LOCK_BYTES_PER_FILE)));
    if (count < 1 || lockBytes < PREHASH_MIN_FILES * LOCK_BYTES_PER_FILE)
        return [];
    const workers = [];
    for (let w = 0; w < count; w++) {
        try {
            const worker = new external_node_worker_threads_.Worker(__webpack_require__.ab + "hash-worker.cjs");
            worker.unref();
            worker.on('error', () => undefined); // a worker that fails answers nothing: see prehash
            workers.push(worker);
        }
        catch {
            break; // no thread to be had: the engine hashes everything itself
        }
    }
    return workers;
}
/** Ends workers that will get no work. */
function stopHashWorkers(workers) {
    for (const worker of workers)
        void worker.terminate();
}
/**
 * Hashes every `hash: md5` file entry of `lock` that `paths` accepts as a dep
 * (a regular file inside the repository) on `workers` (from
 * {@link startHashWorkers}), which it ends; with no workers, or fewer than
 * {@link PREHASH_MIN_FILES} files, nothing is hashed.
 */
function prehash(paths, lock, workers) {
    const files = { rels: [], reals: [], heads: [] };
    const index = new Map();
    for (const stage of lock.stages.values()) {
        for (const list of [stage.deps, stage.outs]) {
            for (const entry of list) {
                if (entry.hash !== 'md5' || entry.md5.endsWith('.dir'))
                    continue;
                const seen = index.get(entry.path);
                if (seen !== undefined) {
                    if (list === stage.outs)
                        files.heads[seen] = true;
                    continue;
                }
                const real = paths.regularFile(entry.path, 'dep');
                if (real === undefined)
                    continue;
                index.set(entry.path, files.rels.length);
                files.rels.push(entry.path);
                files.reals.push(real);
                files.heads.push(list === stage.outs);
            }
        }
    }
    const used = workers.slice(0, Math.ceil(files.rels.length / BATCH));
    stopHashWorkers(workers.slice(used.length));
    if (used.length === 0 || files.rels.length < PREHASH_MIN_FILES) {
        stopHashWorkers(used);
        const none = { md5s: new Map(), firstLines: new Map() };
        return { finish: () => Promise.resolve(none) };
    }
    return runWorkers(used, files);
}
function runWorkers(workers, { rels, reals, heads }) {
    const md5s = new Map();
    const firstLines = new Map();
    const found = { md5s, firstLines };
    const batches = Math.ceil(reals.length / BATCH);
    // The next batch to claim, shared with the workers (Atomics.add claims one).
    const next = new Int32Array(new SharedArrayBuffer(4));
    let open = workers.length;
    let allDone;
    const done = new Promise((resolve) => (allDone = resolve));
    for (const worker of workers) {
        let finished = false;
        const finish = () => {
            if (finished)
                return;
            finished = true;
            void worker.terminate();
            if (--open === 0)
                allDone();
        };
        worker.on('message', (answer) => {
            if (answer.done)
                return finish();
            answer.md5s.forEach((md5, i) => {
                if (md5 !== null)
                    md5s.set(rels[answer.id + i], md5);
            });
            answer.lines.forEach((line, i) => {
                if (line !== undefined)
                    firstLines.set(rels[answer.id + i], line);
            });
        });
        worker.on('error', finish);
        worker.on('exit', finish);
        worker.postMessage({ paths: reals, heads, next, batch: BATCH });
    }
    return {
        finish: async ({ takeRest = true } = {}) => {
            if (takeRest)
                Atomics.store(next, 0, batches); // what no worker has claimed yet is the caller's
            // Waited for now: the workers must keep the process alive until they answer (an unsettled await would end it).
            for (const worker of workers)
                worker.ref();
            await done;
            return found;
        }
    };
}

;// CONCATENATED MODULE: ./src/core/pipeline/load.ts
// The pipeline as it stands: prompts, dvc.yaml and dvc.lock read and joined
// into the stages the prompts ask for, and their graph.












/**
 * Reads prompts, dvc.yaml and dvc.lock and checks that they form a sound pipeline.
 * `prehash`: also start hashing dvc.lock's files on other threads (for the native status engine).
 */
async function loadPipeline(root, options = {}) {
    // dvc.yaml and dvc.lock are read while `git ls-files` runs; their errors
    // are still reported in the old order: files, prompts, dvc.yaml, dvc.lock.
    const listing = new git/* Git */.TU(root).listFiles();
    listing.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    const paths = new resolver/* RepoPathChecker */.x_(root);
    // Both pipeline files through the resolver first: a symlinked or special dvc.lock is never read.
    const pipelineFiles = [...names/* PIPELINE_FILES */.Vh].map((file) => pipelineFileProblem(paths, file));
    // Hash workers start now, so their start overlaps reading dvc.yaml and dvc.lock.
    const workers = options.prehash && !pipelineFiles[1] ? startHashWorkers(sizeOf((0,external_node_path_.join)(root, 'dvc.lock'))) : [];
    const yamlRead = await settle(pipelineFiles[0] ? Promise.reject(pipelineFiles[0]) : (0,dvcyaml/* readDvcYaml */.b8)(root));
    const lockRead = await settle(pipelineFiles[1] ? Promise.reject(pipelineFiles[1]) : (0,dvclock/* readDvcLock */.Hy)(root));
    const locked = lockRead.ok ? lockRead.value : undefined;
    const hashing = locked ? prehash(paths, locked, workers) : undefined;
    if (!locked)
        stopHashWorkers(workers);
    const files = await listing;
    const subPipelines = subPipelineFolders(files);
    const prompts = await (0,graft_prompts/* discoverPrompts */.jj)(root, ownPrompts(files, subPipelines, yamlRead.ok ? yamlRead.value : undefined), paths);
    const dvcYaml = unwrap(yamlRead);
    const lock = unwrap(lockRead);
    (0,errors/* throwIfProblems */.W8)((0,pipeline_stages/* stageNameClashes */.Jz)(prompts, dvcYaml));
    const drift = (0,pipeline_stages/* pipelineDrift */.CP)(prompts, dvcYaml, {
        exists: (path) => paths.check(path, 'dep') === undefined && paths.exists(path)
    });
    const orphaned = new Set(drift.filter((d) => d.kind === 'orphan-stage').map((d) => d.stage));
    const all = effectiveStages(prompts, dvcYaml);
    checkStagePaths(paths, all, new Set(prompts.map((p) => p.stageName)));
    const orphans = all.filter((s) => orphaned.has(s.name));
    const { stages, graph } = buildGraph(all.filter((s) => !orphaned.has(s.name)), lock, promptDepLocator(prompts));
    return { prompts, dvcYaml, lock, stages, orphans, graph, drift, subPipelines, prehash: hashing };
}
/** The folders below the root that hold a dvc.yaml of their own (a monorepo's packages), shortest first. */
function subPipelineFolders(files) {
    return files
        .filter((f) => f.endsWith('/dvc.yaml'))
        .map((f) => f.slice(0, -'/dvc.yaml'.length))
        .sort((a, b) => a.length - b.length);
}
/**
 * The repository's files without the prompts of another pipeline: a prompt
 * inside a folder that holds its own dvc.yaml (a monorepo's package, run with
 * that folder as working-directory, as Graft is run there) has its paths
 * relative to that folder, and is not this pipeline's, unless this dvc.yaml
 * already has a stage reading it. Read as this pipeline's, each one failed
 * the whole run (its deps "missing", its stage name taken twice).
 */
function ownPrompts(files, subPipelines, dvcYaml) {
    if (subPipelines.length === 0)
        return files;
    const claimed = new Set((dvcYaml?.stages ?? []).flatMap((s) => s.deps.map(names/* normalizeRepoPath */.NP)));
    const packages = new Set(subPipelines);
    return files.filter((f) => !(0,graft_prompts/* isPromptPath */.UX)(f) || claimed.has(f) || !insidePackage(f, packages));
}
/** True when a parent folder of `file` is one of `packages`: a look-up per folder, not a scan of every package per prompt. */
function insidePackage(file, packages) {
    for (let slash = file.indexOf('/'); slash !== -1; slash = file.indexOf('/', slash + 1)) {
        if (packages.has(file.slice(0, slash)))
            return true;
    }
    return false;
}
/**
 * The graph of `stages`, each foreach or matrix stage replaced by the items
 * dvc.lock holds for it (see loopItems): DVC judges and reports those one by
 * one (`name@key`), and a document reading one item's output is downstream of
 * that item. A lock that does not fit the pipeline (an item's old output now
 * another stage's, a cycle through old deps) leaves the stage whole: the
 * lock only adds links, and a stale lock never breaks the graph.
 */
function buildGraph(stages, lock, locate) {
    const items = lockItems(lock);
    const itemised = stages.flatMap((s) => loopItems(s, items));
    if (itemised.length !== stages.length || itemised.some((s, i) => s !== stages[i])) {
        try {
            return { stages: itemised, graph: StageGraph.build(itemised, 'dvc.yaml', locate) };
        }
        catch (error) {
            if (!(error instanceof errors/* GraftError */.Tz))
                throw error;
        }
    }
    return { stages, graph: StageGraph.build(stages, 'dvc.yaml', locate) };
}
/**
 * A foreach or matrix stage as the items dvc.lock records for it (`name@key`,
 * with the deps and outs DVC resolved when it last ran them), on the stage's
 * line of dvc.yaml; the stage itself when the lock has none (never run). The
 * lock writes those paths inside the stage's `wdir`, as dvc.yaml does. Only
 * repository paths are kept: these link stages, and are never read here.
 */
function loopItems(stage, lockItems) {
    if (stage.loop === undefined)
        return [stage];
    const place = (0,dvcyaml/* inWdir */.Qg)(stage.wdir);
    const repoPaths = (entries) => entries.map((e) => place(e.path)).filter((p) => (0,names/* lexicalPathProblem */.TC)(p, 'dep') === undefined);
    const items = (lockItems.get(stage.name) ?? []).map(([name, entry]) => ({
        name,
        cmd: entry.cmd,
        deps: repoPaths(entry.deps),
        outs: repoPaths(entry.outs).map((path) => ({ path, cache: true })),
        loop: stage.loop,
        ...(stage.line !== undefined ? { line: stage.line } : {}),
        ...(stage.alwaysChanged ? { alwaysChanged: true } : {}),
        ...(stage.frozen ? { frozen: true } : {})
    }));
    return items.length > 0 ? items : [stage];
}
/** dvc.lock's `name@key` entries by `name`, gathered once (not once per loop stage). */
function lockItems(lock) {
    const byLoop = new Map();
    for (const [name, entry] of lock?.stages ?? []) {
        const at = name.indexOf('@');
        if (at <= 0)
            continue;
        const loop = name.slice(0, at);
        const list = byLoop.get(loop);
        if (list)
            list.push([name, entry]);
        else
            byLoop.set(loop, [[name, entry]]);
    }
    return byLoop;
}
/**
 * The foreach or matrix stage of dvc.yaml that a `name@key` DVC reports
 * belongs to (an item the lock does not hold yet is in no graph); undefined
 * for any other name.
 */
function loopStageOf(pipeline, name) {
    const at = name.indexOf('@');
    if (at <= 0)
        return undefined;
    const base = name.slice(0, at);
    return pipeline.dvcYaml?.stages.find((s) => s.loop !== undefined && s.name === base);
}
/** A prompt stage's dep → the prompt file and the line of that dep in its frontmatter. */
function promptDepLocator(prompts) {
    const byStage = new Map(prompts.map((p) => [p.stageName, p]));
    return (stage, dep) => {
        const prompt = byStage.get(stage);
        if (!prompt)
            return undefined;
        const i = prompt.deps.indexOf(dep);
        return { file: prompt.path, line: i >= 0 ? prompt.depLines?.[i] : undefined };
    };
}
function pipelineFileProblem(paths, file) {
    const problem = paths.check(file, 'pipeline');
    return problem
        ? new errors/* GraftError */.Tz({
            file,
            message: `refusing to read ${file}: ${problem}`,
            hint: `make ${file} a plain file in the repository`
        })
        : undefined;
}
/**
 * Stages that no prompt defines (helper stages of dvc.yaml): their deps and
 * outs are hashed, so they pass the resolver's read rules too.
 * @throws GraftError naming dvc.yaml and each stage's line.
 */
function checkStagePaths(paths, stages, fromPrompts) {
    const problems = [];
    for (const stage of stages) {
        if (fromPrompts.has(stage.name))
            continue;
        for (const path of [...stage.deps, ...stage.outs.map((o) => o.path)]) {
            const problem = paths.check(path, 'dep') ?? paths.checkTree(path);
            if (problem)
                problems.push({
                    file: 'dvc.yaml',
                    line: stage.line,
                    message: `stage ${stage.name}: ${problem}`,
                    hint: 'fix the path in dvc.yaml, or remove the symlink or special file'
                });
        }
    }
    (0,errors/* throwIfProblems */.W8)(problems);
}
async function settle(p) {
    try {
        return { ok: true, value: await p };
    }
    catch (error) {
        return { ok: false, error };
    }
}
function unwrap(s) {
    if (!s.ok)
        throw s.error;
    return s.value;
}
/**
 * The pipeline the prompts ask for: a prompt's stage takes its deps and outs
 * from the prompt (dvc.yaml may lag behind) and keeps dvc.yaml's command;
 * stages that no prompt defines are taken from dvc.yaml as they are.
 */
function effectiveStages(prompts, dvcYaml) {
    const declared = new Map((dvcYaml?.stages ?? []).map((s) => [s.name, s]));
    const fromPrompts = new Map(prompts.map((p) => [p.stageName, p]));
    const stages = [];
    for (const s of dvcYaml?.stages ?? []) {
        const prompt = fromPrompts.get(s.name);
        const flags = { ...(s.alwaysChanged ? { alwaysChanged: true } : {}), ...(s.frozen ? { frozen: true } : {}) };
        stages.push(prompt ? { ...(0,pipeline_stages/* graftStage */.P9)(prompt), cmd: s.cmd, line: s.line, ...flags } : s);
    }
    for (const p of prompts)
        if (!declared.has(p.stageName))
            stages.push((0,pipeline_stages/* graftStage */.P9)(p));
    return stages;
}
/** A file's size in bytes; 0 when it is not there. */
function sizeOf(abs) {
    try {
        return (0,external_node_fs_.statSync)(abs, { throwIfNoEntry: false })?.size ?? 0;
    }
    catch {
        return 0;
    }
}


/***/ }),

/***/ 9416:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A3: () => (/* binding */ quotedFor),
/* harmony export */   "do": () => (/* binding */ dvcTarget),
/* harmony export */   vi: () => (/* binding */ quoteContexts)
/* harmony export */ });
/* harmony import */ var _shell_word_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2530);
// Names as a POSIX shell reads them. A stage's `cmd` is run by `dvc repro`
// through /bin/sh, and the commands the action's messages suggest are pasted
// into one: a prompt named `$(touch x).prompt.md`, or one with a space, must
// reach the program as one literal argument. Quoting is added only where the
// shell needs it, so the names Graft's generator writes unquoted stay
// byte-identical (and their stages' commands unchanged).

/**
 * The quoting in force at each of `offsets` of a shell command, as /bin/sh
 * reads it from the start: `'` opens and closes a single-quoted run (nothing
 * is special inside), `"` a double-quoted one (where `\` escapes `"`, `$`,
 * backtick and `\`), and a bare `\` escapes the next character. A template's
 * placeholder sits in whatever quoting its text opened before it —
 * `"--out={out}"` is inside double quotes though `{` follows `=` — and a value
 * put there must be written for that quoting, or `$(…)` in it would run.
 */
function quoteContexts(command, offsets) {
    const at = new Map();
    const wanted = new Set(offsets);
    let context = '';
    for (let i = 0; i <= command.length; i++) {
        if (wanted.has(i))
            at.set(i, context);
        const c = command[i];
        if (context === "'") {
            if (c === "'")
                context = '';
        }
        else if (context === '"') {
            if (c === '"')
                context = '';
            else if (c === '\\' && /["$`\\\n]/.test(command[i + 1] ?? ''))
                i++;
        }
        else if (c === "'" || c === '"')
            context = c;
        else if (c === '\\')
            i++;
    }
    return offsets.map((o) => at.get(o) ?? '');
}
/**
 * `value` written at a place of a command template whose quoting the
 * template already chose (see quoteContexts): inside `"…"` (where `"`, `$`,
 * backtick and `\` need a backslash), inside `'…'` (where only `'` needs
 * care), or bare (one shell word of its own). A path starting with `-` gets
 * `./` in every quoting: a program would read it as an option.
 */
function quotedFor(context, value, path) {
    const text = path && value.startsWith('-') ? `./${value}` : value;
    if (context === '"')
        return text.replace(/["$`\\]/g, '\\$&');
    if (context === "'")
        return text.replace(/'/g, `'\\''`);
    return (0,_shell_word_js__WEBPACK_IMPORTED_MODULE_0__/* .shellWord */ .r)(text);
}
/**
 * A stage as a target of the `dvc` CLI (`dvc repro X`, `dvc commit X`), ready
 * for a shell. DVC reads a bare target as a stage name unless it starts with
 * `-` (an option to the CLI) or is a pipeline file's name (`dvc.yaml` means
 * every stage of it, `dvc.lock` is refused): those are written
 * `dvc.yaml:NAME`, which DVC reads as stage NAME of ./dvc.yaml.
 */
function dvcTarget(stage) {
    const qualified = stage.startsWith('-') || stage === 'dvc.yaml' || stage === 'dvc.lock';
    return (0,_shell_word_js__WEBPACK_IMPORTED_MODULE_0__/* .shellWord */ .r)(qualified ? `dvc.yaml:${stage}` : stage);
}


/***/ }),

/***/ 9875:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CP: () => (/* binding */ pipelineDrift),
/* harmony export */   Jz: () => (/* binding */ stageNameClashes),
/* harmony export */   LS: () => (/* binding */ writtenFor),
/* harmony export */   MW: () => (/* binding */ paramsProblem),
/* harmony export */   P9: () => (/* binding */ graftStage),
/* harmony export */   Un: () => (/* binding */ commandTemplate),
/* harmony export */   dT: () => (/* binding */ leftBehindText),
/* harmony export */   wR: () => (/* binding */ deriveTemplate)
/* harmony export */ });
/* unused harmony exports graftCommand, applyTemplate, isGraftStage, graftPromptOf */
/* harmony import */ var _repo_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3452);
/* harmony import */ var _graft_prompts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9141);
/* harmony import */ var _dvc_dvcyaml_write_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4417);
/* harmony import */ var _shell_word_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2530);
/* harmony import */ var _shell_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9416);
/* harmony import */ var _phrasing_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1677);
// The pipeline the prompts define: one DVC stage per prompt, as Graft writes
// it, and the differences between that and the dvc.yaml on disk.






/** Placeholders of a command template (see deriveTemplate). */
const PLACEHOLDERS = { prompt: '{prompt}', out: '{out}', name: '{name}' };
/**
 * Graft's command for a prompt's stage. Each path and the name is one shell
 * word (see shell.ts): quoted only where a POSIX shell needs it, so that
 * `dvc repro` never runs a `$(…)` from a file name and Graft's own names stay
 * byte for byte as Graft writes them.
 */
function graftCommand(prompt) {
    return `bash scripts/render_llm.sh --prompt ${(0,_shell_word_js__WEBPACK_IMPORTED_MODULE_4__/* .shellPath */ .G)(prompt.path)} --out ${(0,_shell_word_js__WEBPACK_IMPORTED_MODULE_4__/* .shellPath */ .G)(prompt.out)} --name ${(0,_shell_word_js__WEBPACK_IMPORTED_MODULE_4__/* .shellWord */ .r)(prompt.stageName)}`;
}
/**
 * The stage Graft would write for a prompt. `template` (from deriveTemplate)
 * keeps a repository's own command shape for new stages.
 */
function graftStage(prompt, template) {
    return {
        name: prompt.stageName,
        cmd: template ? applyTemplate(template, prompt) : graftCommand(prompt),
        deps: [prompt.path, ...prompt.deps],
        outs: [{ path: prompt.out, cache: false }]
    };
}
/**
 * Turns an existing stage's command into a template by replacing its prompt
 * path, output path and stage name (whole shell words, as written: bare, in
 * the quoting shell.ts gives them, or inside the template's own quotes) with
 * placeholders. Undefined when the command does not name the prompt (nothing
 * to learn from), holds a placeholder's own text, or still names its prompt or output after that (written in a
 * way not recognised here): a template that kept the old output would make
 * every new stage write the old stage's document.
 */
function deriveTemplate(stage, prompt) {
    // a command that already holds a placeholder's text (`--fmt '{name}: …'`) would have it filled in
    if (/\{(?:prompt|out|name)\}/.test(stage.cmd))
        return undefined;
    let template = stage.cmd;
    for (const [value, placeholder, path] of [
        [prompt.path, PLACEHOLDERS.prompt, true],
        [prompt.out, PLACEHOLDERS.out, true],
        [stage.name, PLACEHOLDERS.name, false]
    ]) {
        const spellings = new Set([(0,_shell_js__WEBPACK_IMPORTED_MODULE_5__/* .quotedFor */ .A3)('', value, path), (0,_shell_js__WEBPACK_IMPORTED_MODULE_5__/* .quotedFor */ .A3)('"', value, path), (0,_shell_js__WEBPACK_IMPORTED_MODULE_5__/* .quotedFor */ .A3)("'", value, path)]);
        for (const word of spellings)
            if (word !== value)
                template = template.replace(wordPattern(word), placeholder);
        template = template.replace(wordPattern(value), placeholder);
    }
    if (!template.includes(PLACEHOLDERS.prompt))
        return undefined;
    return [prompt.path, prompt.out].some((p) => template.includes(p)) ? undefined : template;
}
/**
 * A template with the prompt's paths and name in place, each quoted for the
 * quoting the template has at its place (see quoteContexts): inside the
 * template's own `"…"` or `'…'` — also one opened earlier in the word, as in
 * `"--out={out}"` — or as one shell word.
 */
function applyTemplate(template, prompt) {
    const values = {
        [PLACEHOLDERS.prompt]: [prompt.path, true],
        [PLACEHOLDERS.out]: [prompt.out, true],
        [PLACEHOLDERS.name]: [prompt.stageName, false]
    };
    const places = /\{(?:prompt|out|name)\}/g;
    const offsets = [...template.matchAll(places)].map((m) => m.index);
    const quoting = (0,_shell_js__WEBPACK_IMPORTED_MODULE_5__/* .quoteContexts */ .vi)(template, offsets);
    const contexts = new Map(offsets.map((o, i) => [o, quoting[i]]));
    return template.replace(places, (placeholder, at) => {
        const [value, path] = values[placeholder];
        return (0,_shell_js__WEBPACK_IMPORTED_MODULE_5__/* .quotedFor */ .A3)(contexts.get(at) ?? '', value, path);
    });
}
/**
 * The command template a repository uses, learnt from its first prompt stage
 * whose command is not Graft's default, else (when no prompt's stage uses the
 * default either) from any other Graft stage of dvc.yaml (an orphan: in a
 * one-document repository, a renamed or moved prompt's old stage is the only
 * place the template is written), each read
 * with the prompt, output and name it was written for; undefined when all use
 * the default.
 */
function commandTemplate(prompts, dvc) {
    const byName = new Map((dvc?.stages ?? []).map((s) => [s.name, s]));
    const learnt = (stage, prompt) => stage.cmd === graftCommand(prompt) ? undefined : deriveTemplate(stage, prompt);
    let liveDefault = false;
    for (const prompt of prompts) {
        const stage = byName.get(prompt.stageName);
        if (stage && stage.cmd === graftCommand(prompt))
            liveDefault = true;
        const template = stage && learnt(stage, prompt);
        if (template)
            return template;
    }
    // a live stage in the default command says the repository's template; an orphan is older
    if (liveDefault)
        return undefined;
    for (const stage of dvc?.stages ?? []) {
        const prompt = writtenFor(stage);
        const template = prompt && learnt(stage, prompt);
        if (template)
            return template;
    }
    return undefined;
}
/**
 * The prompt a Graft stage was written for, as its own deps and output name
 * it (the file may be gone or renamed since); undefined for any other stage.
 */
function writtenFor(stage) {
    const path = graftPromptOf(stage);
    if (path === undefined)
        return undefined;
    return { path, stageName: stage.name, deps: [], out: stage.outs[0].path, body: '' };
}
/** A value as a whole word of a shell command: bounded by start/end, blanks, `=` or quotes. */
function wordPattern(value) {
    const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<=^|[\\s='"])${escaped}(?=$|[\\s'"])`, 'g');
}
/**
 * A document's stage with `params:` in dvc.yaml: DVC records their values in
 * the stage's dvc.lock entry, which generate writes without them (it reads no
 * params files), so after its commit `dvc status` would report the params file
 * as a new dep and every run would regenerate the document. generate refuses
 * it before any call; validate says so beforehand.
 */
function paramsProblem(stage) {
    return {
        file: 'dvc.yaml',
        line: stage.line,
        message: `stage ${stage.name} has params: generate cannot record param values in dvc.lock, so after its commit \`dvc status\` would call the stage changed again, and every run would regenerate ${stage.outs[0]?.path ?? 'its document'}`,
        hint: `remove params: from stage ${stage.name} and list the params file among the prompt's deps instead (its whole content then counts, as for any source)`
    };
}
/**
 * The scripts an older Graft generator (scripts/generate_dvc.py) listed
 * before the prompt in every stage's deps; later versions list none.
 */
const GRAFT_SCRIPT_DEPS = new Set([
    'scripts/render_llm.sh',
    'scripts/pack_prompt.py',
    'scripts/ensure_llm.py'
]);
/**
 * A stage Graft's generator would have written: its first dep is a prompt
 * file whose Graft stage name is the stage's name (after the render scripts
 * an older Graft listed first), and it writes one output. Only such a stage
 * can be an orphan (its prompt renamed or deleted); any other stage of
 * dvc.yaml (a helper that fetches a source, a training step, a stage that
 * lints the prompts) is the user's own, and neither sync nor generate ever
 * removes it.
 */
function isGraftStage(stage) {
    return graftPromptOf(stage) !== undefined;
}
/** The prompt a Graft stage (see isGraftStage) is written from; undefined for any other stage. */
function graftPromptOf(stage) {
    if (stage.outs.length !== 1)
        return undefined;
    const deps = stage.deps.map(_repo_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeRepoPath */ .NP);
    const first = deps.findIndex((d) => !GRAFT_SCRIPT_DEPS.has(d));
    const prompt = first < 0 ? undefined : deps[first];
    return prompt !== undefined && (0,_graft_prompts_js__WEBPACK_IMPORTED_MODULE_1__/* .isPromptPath */ .UX)(prompt) && (0,_graft_prompts_js__WEBPACK_IMPORTED_MODULE_1__/* .stageNameFor */ .tA)(prompt) === stage.name ? prompt : undefined;
}
/**
 * Prompts whose Graft stage name is taken in dvc.yaml by a stage that is not
 * theirs: it neither reads the prompt nor names it in its command, and is no
 * Graft stage of an older location of it (see isGraftStage) — a helper, a
 * training step. sync and generate would rewrite that stage as the prompt's
 * (its command, deps, outputs and `always_changed` gone), so the prompt is
 * refused instead, naming both places.
 */
function stageNameClashes(prompts, dvc) {
    const stages = new Map((dvc?.stages ?? []).map((s) => [s.name, s]));
    const problems = [];
    for (const prompt of prompts) {
        const stage = stages.get(prompt.stageName);
        if (!stage || isGraftStage(stage) || stage.cmd.includes(prompt.path))
            continue;
        if (stage.deps.some((d) => (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isSameOrInside */ .Im)((0,_repo_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeRepoPath */ .NP)(d), prompt.path)))
            continue; // reads it, or its folder
        problems.push({
            file: prompt.path,
            line: 1,
            message: `the file name gives the stage name ${prompt.stageName}, and dvc.yaml already has a stage ${prompt.stageName}${stage.line ? ` (line ${stage.line})` : ''} that is not this prompt's: it does not read ${prompt.path}; writing the prompt's stage would replace that one (its command, deps and outputs)`,
            hint: `rename the prompt file, or rename the stage ${prompt.stageName} in dvc.yaml`
        });
    }
    return problems;
}
/**
 * Where dvc.yaml and the prompts disagree. Stages are matched by name (Graft's
 * rule); commands are not compared, since other templates are legal.
 */
function pipelineDrift(prompts, dvc, options = {}) {
    const exists = options.exists ?? (() => false);
    const stages = new Map((dvc?.stages ?? []).map((s) => [s.name, s]));
    const drift = [];
    const promptStages = new Set(prompts.map((p) => p.stageName));
    const written = new Set(prompts.map((p) => (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeRepoPath */ .NP)(p.out)));
    // what each stage reads once dvc.yaml is in line: a prompt's stage its frontmatter, any other stage its own deps
    const reads = new Map([
        ...(dvc?.stages ?? [])
            .filter((s) => !promptStages.has(s.name) && !isGraftStage(s)) // an orphan reads nothing once removed
            .map((s) => [s.name, s.deps]),
        ...prompts.map((p) => [p.stageName, graftStage(p).deps])
    ]);
    /** A stage's outputs that stay in the work tree with no prompt writing them, who still reads them, and the words for it. */
    const left = (stage) => {
        const leftBehind = stage.outs.map((o) => (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeRepoPath */ .NP)(o.path)).filter((o) => !written.has(o) && exists(o));
        const readers = [...reads]
            .filter(([, deps]) => deps.some((d) => leftBehind.some((o) => (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isSameOrInside */ .Im)((0,_repo_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeRepoPath */ .NP)(d), o))))
            .map(([name]) => name)
            .sort();
        return { leftBehind, readers, note: leftBehindText(leftBehind, readers, 'reason') };
    };
    for (const prompt of prompts) {
        const stage = stages.get(prompt.stageName);
        const expected = graftStage(prompt);
        if (!stage) {
            drift.push({
                stage: prompt.stageName,
                kind: 'missing-stage',
                file: prompt.path,
                text: dvc === undefined
                    ? `there is no dvc.yaml yet, so no stage ${prompt.stageName} for ${prompt.path}; ${(0,_phrasing_js__WEBPACK_IMPORTED_MODULE_3__/* .phrasing */ .f2)().regenerate} (it writes dvc.yaml with the documents), or write dvc.yaml alone with \`graft-action sync\` (this action's CLI: docs/cli.md) and commit it`
                    : `dvc.yaml has no stage ${prompt.stageName} for ${prompt.path}; ${(0,_phrasing_js__WEBPACK_IMPORTED_MODULE_3__/* .phrasing */ .f2)().regenerate} (it adds the stage), or run \`graft-action sync\` (this action's CLI) and commit dvc.yaml, or add the stage by hand:\n${(0,_dvc_dvcyaml_write_js__WEBPACK_IMPORTED_MODULE_2__/* .formatStageYaml */ .Jf)(expected, 2)}`
            });
            continue;
        }
        const deps = listDiff(expected.deps, stage.deps);
        if (deps) {
            drift.push({
                stage: stage.name,
                kind: 'deps-differ',
                file: prompt.path,
                text: `the deps of stage ${stage.name} in dvc.yaml do not match ${prompt.path} (${deps}); ${(0,_phrasing_js__WEBPACK_IMPORTED_MODULE_3__/* .phrasing */ .f2)().regenerate}, or set its deps to: ${expected.deps.join(', ')}`
            });
        }
        const outs = listDiff([prompt.out], stage.outs.map((o) => o.path));
        if (outs) {
            const { leftBehind, readers, note } = left(stage);
            drift.push({
                stage: stage.name,
                kind: 'outs-differ',
                file: prompt.path,
                leftBehind,
                readers,
                text: `the outs of stage ${stage.name} in dvc.yaml do not match ${prompt.path} (${outs}); ${(0,_phrasing_js__WEBPACK_IMPORTED_MODULE_3__/* .phrasing */ .f2)().regenerate}, or set its outs to: ${prompt.out}${note}`
            });
        }
    }
    for (const stage of dvc?.stages ?? []) {
        const prompt = graftPromptOf(stage);
        if (promptStages.has(stage.name) || prompt === undefined)
            continue;
        if (exists(prompt))
            continue; // the file is there but not a prompt the run reads (ignored by git, in node_modules): not ours to remove
        const { leftBehind, readers, note } = left(stage);
        drift.push({
            stage: stage.name,
            kind: 'orphan-stage',
            file: 'dvc.yaml',
            line: stage.line,
            prompt,
            leftBehind,
            readers,
            text: `orphaned: stage ${stage.name} in dvc.yaml belongs to the prompt ${prompt}, which is gone (renamed or deleted); ` +
                `generate removes the stage from dvc.yaml and its entry from dvc.lock in its commit, as Graft's own repro would ` +
                `(locally: \`graft-action sync\`), or restore the prompt${note}`
        });
    }
    return drift;
}
/**
 * What becomes of outputs left in the work tree that no prompt writes any
 * more (a deleted or renamed prompt's document, a moved output's old file):
 * they stay, and are named. A stage that still reads one keeps reading it as a
 * plain source, no longer regenerated: said, so that deleting it (which the
 * words would otherwise suggest) does not leave that stage a missing dep.
 * `style`: `reason` for validate's reason, `change` for sync's and generate's list of changes.
 */
function leftBehindText(leftBehind, readers, style) {
    if (leftBehind.length === 0)
        return '';
    const many = leftBehind.length > 1;
    const [they, them] = many ? ['are', 'them'] : ['is', 'it'];
    const files = leftBehind.join(', ');
    if (readers.length > 0) {
        const named = readers.length > 5 ? `${readers.slice(0, 5).join(', ')} and ${readers.length - 5} more` : readers.join(', ');
        const who = readers.length > 1 ? `stages ${named} still read` : `stage ${named} still reads`;
        return `; ${files} ${they} left in place and no prompt writes ${them} any more, but ${who} ${them}: ${many ? 'they stay sources' : 'it stays a source'}, no longer regenerated — edit ${them} by hand from now on, or take ${them} out of those deps before deleting ${them}`;
    }
    return style === 'reason'
        ? `; ${files} ${they} left in place: no prompt writes ${them} any more, so delete ${them} (git rm) if no longer wanted`
        : `; ${files} ${they} left in place, and no prompt writes ${them} any more: delete ${them} if no longer wanted`;
}
/** How `actual` differs from `expected` (paths compared normalised), or undefined when equal. */
function listDiff(expected, actual) {
    const want = expected.map(_repo_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeRepoPath */ .NP);
    const have = actual.map(_repo_names_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeRepoPath */ .NP);
    if (want.length === have.length && want.every((p, i) => p === have[i]))
        return undefined;
    const missing = want.filter((p) => !have.includes(p));
    const extra = have.filter((p) => !want.includes(p));
    const parts = [];
    if (missing.length > 0)
        parts.push(`missing ${missing.join(', ')}`);
    if (extra.length > 0)
        parts.push(`not in the prompt: ${extra.join(', ')}`);
    if (parts.length === 0)
        parts.push(`order differs: dvc.yaml has ${have.join(', ')}`);
    return parts.join('; ');
}


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ kindOf),
/* harmony export */   YB: () => (/* binding */ lstatOrUndefined),
/* harmony export */   bt: () => (/* binding */ listFolder),
/* harmony export */   md: () => (/* binding */ statOrUndefined),
/* harmony export */   y: () => (/* binding */ lstatOrMissing)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
// What a directory entry is (file, folder, symlink, FIFO, …), asked without
// following it, and the stat calls that answer undefined instead of throwing.

/** What `entry` is (a Stats from lstat or stat, or a Dirent from a listing). */
function kindOf(entry) {
    if (entry.isSymbolicLink())
        return 'symlink';
    if (entry.isFile())
        return 'file';
    if (entry.isDirectory())
        return 'folder';
    if (entry.isFIFO())
        return 'FIFO (named pipe)';
    if (entry.isSocket())
        return 'socket';
    if (entry.isCharacterDevice())
        return 'character device';
    if (entry.isBlockDevice())
        return 'block device';
    return 'special file';
}
function lstatOrUndefined(abs) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(abs, { throwIfNoEntry: false });
    }
    catch {
        return undefined; // e.g. a file where a folder was expected
    }
}
/** A folder's entries and their kinds (no symlink followed); undefined when it cannot be listed. */
function listFolder(dir) {
    try {
        return new Map((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { withFileTypes: true }).map((entry) => [entry.name, kindOf(entry)]));
    }
    catch {
        return undefined;
    }
}
/** lstat; null when nothing is there, undefined on any other error (the caller then takes the general path). */
function lstatOrMissing(abs) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(abs, { throwIfNoEntry: false }) ?? null;
    }
    catch {
        return undefined;
    }
}
function statOrUndefined(abs) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(abs, { throwIfNoEntry: false });
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 2915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  x_: () => (/* binding */ RepoPathChecker)
});

// UNUSED EXPORTS: assertWritable, checkRepoPath

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/repo/kinds.ts
var kinds = __webpack_require__(1187);
// EXTERNAL MODULE: ./src/core/repo/names.ts
var names = __webpack_require__(3452);
;// CONCATENATED MODULE: ./src/core/repo/raw-names.ts
// File names that are not UTF-8: DVC cannot hash a folder holding one (nor can
// the action), so the resolver refuses it, and a message shows its bytes.


/** The raw name (bytes) of the first entry of folder `real` that is not valid UTF-8, if any. */
function notUtf8Name(real) {
    try {
        return (0,external_node_fs_.readdirSync)(real, { encoding: 'buffer' }).find((name) => !isUtf8(name));
    }
    catch {
        return undefined;
    }
}
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
function isUtf8(bytes) {
    try {
        STRICT_UTF8.decode(bytes);
        return true;
    }
    catch {
        return false;
    }
}
/** A raw name for a message: its UTF-8 parts as text, every other byte as `\xNN`, control characters escaped. */
function showRawName(bytes) {
    let out = '';
    for (let i = 0; i < bytes.length;) {
        const lead = bytes[i];
        const n = lead < 0x80
            ? 1
            : lead >= 0xc2 && lead <= 0xdf
                ? 2
                : lead >= 0xe0 && lead <= 0xef
                    ? 3
                    : lead >= 0xf0 && lead <= 0xf4
                        ? 4
                        : 0;
        const seq = n > 0 ? bytes.subarray(i, i + n) : undefined;
        if (seq && seq.length === n && isUtf8(seq)) {
            out += seq.toString('utf8');
            i += n;
        }
        else {
            out += `\\x${lead.toString(16).padStart(2, '0')}`;
            i++;
        }
    }
    return (0,names/* showPath */.P8)(out);
}
/** The problem for a folder dep `dir` holding a name that is not UTF-8 (`raw`). */
function notUtf8Problem(dir, raw) {
    const name = `${dir === '.' ? '' : `${(0,names/* showPath */.P8)(dir)}/`}${showRawName(raw)}`;
    return `${name} has a file name that is not valid UTF-8 (shown with \\x escapes): DVC cannot hash a folder holding it (its dvc status stops with "surrogates not allowed"), so neither can the action; rename the file`;
}

// EXTERNAL MODULE: ./src/core/repo/safe-read.ts
var safe_read = __webpack_require__(5828);
;// CONCATENATED MODULE: ./src/core/repo/writable.ts
// Whether the runner can write an output: the nearest folder that exists on
// the way to it must be a folder, and writable.



/** The end of the problem for an output whose folder the runner cannot write (the fix is a permission, not the path). */
const NOT_WRITABLE = 'is not writable';
/**
 * What stops a write into `dir`: its nearest existing ancestor, when that is
 * a file or not writable; else null. `landed`: `dir` is known to be a folder,
 * so only its permission is asked.
 */
function writeBlocker(dir, landed) {
    for (;;) {
        if (!landed) {
            const stats = (0,kinds/* statOrUndefined */.md)(dir);
            if (!stats) {
                const up = (0,external_node_path_.dirname)(dir);
                if (up === dir)
                    return null;
                dir = up;
                continue;
            }
            if (!stats.isDirectory())
                return { dir, isFile: true };
        }
        try {
            (0,external_node_fs_.accessSync)(dir, external_node_fs_.constants.W_OK);
        }
        catch {
            return { dir, isFile: false };
        }
        return null;
    }
}

;// CONCATENATED MODULE: ./src/core/repo/resolver.ts
// The one path resolver. Every path the action reads or writes — prompt files,
// deps and the files inside directory deps, dvc.yaml, dvc.lock, outputs and the
// previous drafts read from the work tree — comes from content a pull request
// can edit, so each goes through here before any byte is read or written. It
// decides where a path really lands after every symlink and refuses, with a
// message naming the path:
// - anything that lands outside the repository (the pipeline's root);
// - anything inside `.git/` (at any depth: nested repositories too), `.github/`
//   or `.dvc/`, compared case-insensitively and ignoring trailing dots and
//   spaces (on macOS and Windows runners `.GIT` and `.github.` are those
//   folders), for the declared path and the resolved one alike;
// - anything that is neither a regular file nor a folder (a FIFO would hang
//   the run, a device would never end);
// - control characters in a path, C0 and C1 (they would end up in logs and commands).
// Outputs must also be writable files: not a folder, not under a file.
// DVC's own folder has a role of its own (`dvc-state`, for the engine that
// runs the real DVC, which reads and writes there): inside `.dvc/`, and no
// symlink anywhere on the way (DVC would write its lock through one).
// The names found inside a folder dep are the folder's data, not paths of the
// action's own: DVC hashes them whatever they hold (a newline, U+007F, a
// backslash), and so does the action; they pass every rule above but the one
// on control characters, a backslash in one is a character of the name, and
// any message shows them escaped (showPath). A name that is not UTF-8 is








/** A `..` after a separator: a real path holding it is left to path.relative. */
const UP = `${external_node_path_.sep}..`;
/** lstats into one folder before it is listed: a listing pays for itself in folders with many files read. */
const LOOKS_BEFORE_LISTING = 3;
/**
 * A problem message for a repository-relative path, or undefined when it is
 * safe for `role` (see the file's header for the rules).
 */
function checkRepoPath(root, rel, role) {
    return new RepoPathChecker(root).check(rel, role);
}
/**
 * The resolver for one repository and one run: the root's real path and each
 * verdict are looked up once. It never notices the file system changing, so
 * make a new one for each run (and after writing).
 */
class RepoPathChecker {
    root;
    realRoot;
    /** the real root with a separator after it: what every real path inside starts with */
    rootPrefix;
    verdicts = {
        prompt: new Map(),
        dep: new Map(),
        output: new Map(),
        pipeline: new Map(),
        'dvc-state': new Map()
    };
    trees = new Map();
    /** verdicts on the names inside folder deps (see checkEntry), by their path */
    entries = new Map();
    landings = new Map();
    /** real folder → how often it was looked into, then its entries' kinds (see entryKind) */
    listings = new Map();
    /** real folder → what stops a write into it (null: nothing), asked once per folder */
    blockers = new Map();
    constructor(root) {
        this.root = root;
    }
    /** The problem with `rel` for `role`, or undefined when it may be used. */
    check(rel, role) {
        const verdicts = this.verdicts[role];
        if (verdicts.has(rel))
            return verdicts.get(rel);
        const verdict = this.judge(rel, role);
        verdicts.set(rel, verdict);
        return verdict;
    }
    /**
     * The real absolute path of `rel`, checked for `role`.
     * @throws GraftError naming `rel` (and `at`, the prompt and line that asked for it) when refused.
     */
    resolve(rel, role, at) {
        const problem = this.check(rel, role);
        if (problem)
            throw refusal(rel, role, problem, at);
        return this.land((0,names/* normalizeRepoPath */.NP)(rel)).real;
    }
    /**
     * Reads a file through the resolver; undefined when nothing is there.
     * @throws GraftError when the path is refused, or names a folder.
     */
    readText(rel, role, at) {
        const real = this.resolve(rel, role, at);
        const kind = this.land((0,names/* normalizeRepoPath */.NP)(rel)).kind;
        if (!kind)
            return undefined;
        if (kind === 'folder')
            throw refusal(rel, role, `${rel} is a folder, not a file`, at);
        return (0,safe_read/* readRegularFile */.XF)(real, (0,names/* showPath */.P8)((0,names/* normalizeRepoPath */.NP)(rel)), { noFollow: true });
    }
    /**
     * The real path of `rel` when it passes the `role` checks and is a regular
     * file; undefined otherwise (nothing is thrown: for work done ahead, whose
     * refusals the run's own checks report).
     */
    regularFile(rel, role) {
        if (this.check(rel, role) !== undefined)
            return undefined;
        const landing = this.land((0,names/* normalizeRepoPath */.NP)(rel));
        return landing.kind === 'file' ? landing.real : undefined;
    }
    /** Whether `rel` exists, following symlinks (a dangling link does not). Call after check(). */
    exists(rel) {
        return this.land((0,names/* normalizeRepoPath */.NP)(rel)).kind !== undefined;
    }
    /**
     * For a folder dep: every entry below it, walked without following symlinked
     * folders (as DVC walks), must itself pass the `dep` rules, its name judged
     * as data (see checkEntry).
     * @returns the first problem found (names in it escaped), or undefined.
     */
    checkTree(rel) {
        return this.tree((0,names/* normalizeRepoPath */.NP)(rel));
    }
    /**
     * The `dep` rules for a path inside a folder dep, its names taken as they
     * are on disk: no control-character rule (shown escaped instead) and no
     * normalising (a `\` is part of a name). `rel` must be a folder dep's
     * normalised path, then names as listed, joined by `/`.
     */
    checkEntry(rel) {
        if (this.entries.has(rel))
            return this.entries.get(rel);
        const problem = this.judge(rel, 'dep', true);
        const verdict = problem === undefined ? undefined : (0,names/* showPath */.P8)(problem);
        this.entries.set(rel, verdict);
        return verdict;
    }
    /**
     * Reads a file found inside a folder dep (a name of it may hold any
     * character: see checkEntry); undefined when nothing is there.
     * @throws GraftError when the path is refused, or is a folder
     */
    readEntry(rel) {
        const problem = this.checkEntry(rel);
        if (problem)
            throw refusal(rel, 'dep', problem);
        const landing = this.land(rel);
        if (!landing.kind)
            return undefined;
        if (landing.kind === 'folder')
            throw refusal(rel, 'dep', `${(0,names/* showPath */.P8)(rel)} is a folder, not a file`);
        return (0,safe_read/* readRegularFile */.XF)(landing.real, (0,names/* showPath */.P8)(rel), { noFollow: true });
    }
    tree(normal) {
        if (this.landings.get(normal)?.kind === 'file')
            return undefined; // most deps: no tree to walk
        if (this.trees.has(normal))
            return this.trees.get(normal);
        const verdict = this.walkTree(normal);
        this.trees.set(normal, verdict);
        return verdict;
    }
    walkTree(dir) {
        const landing = this.land(dir);
        if (landing.kind !== 'folder')
            return undefined;
        let entries;
        try {
            entries = (0,external_node_fs_.readdirSync)(landing.real, { withFileTypes: true });
        }
        catch {
            return undefined; // not a folder after all, or unreadable: the file checks speak for it
        }
        for (const entry of entries) {
            // a name that is not UTF-8 reads back with U+FFFD in its place: ask the raw names
            if (entry.name.includes('\uFFFD')) {
                const raw = notUtf8Name(landing.real);
                if (raw !== undefined)
                    return notUtf8Problem(dir, raw);
            }
            const child = dir === '.' ? entry.name : `${dir}/${entry.name}`;
            // exactly what DVC and hash.ts skip; anything else (a `.github/`, a `.GIT`, a `.dvc` file) is judged
            if (entry.name === '.git' || (entry.isDirectory() && names/* DVC_SKIPPED_DIRS */.YL.has(entry.name)))
                continue;
            const problem = this.checkEntry(child);
            if (problem)
                return problem;
            if (entry.isDirectory()) {
                const below = this.tree(child);
                if (below)
                    return below;
            }
        }
        return undefined;
    }
    /** `entry`: a path inside a folder dep, judged as data (see checkEntry). */
    judge(rel, role, entry = false) {
        if (role === 'dvc-state')
            return this.dvcStateProblem(rel);
        const lexical = entry ? (0,names/* entryLexicalProblem */.Ah)(rel) : (0,names/* lexicalPathProblem */.TC)(rel, role);
        if (lexical)
            return lexical;
        const normal = entry ? rel : (0,names/* normalizeRepoPath */.NP)(rel);
        if (role === 'pipeline') {
            const own = (0,kinds/* lstatOrUndefined */.YB)((0,external_node_path_.join)(this.root, normal));
            if (own?.isSymbolicLink())
                return `${normal} is a symlink; the action reads and writes the pipeline's files only as plain files`;
        }
        const landing = this.land(normal);
        if (landing.problem)
            return landing.problem;
        const where = this.repoRelative(landing.real);
        if (where === '..' || where.startsWith('../') || (0,external_node_path_.isAbsolute)(where))
            return `${this.through(normal)}, outside the repository`;
        const folder = where === normal ? undefined : (0,names/* forbiddenFolder */.ss)(where); // `normal` itself passed the lexical checks
        if (folder)
            return `${this.through(normal)}, inside ${folder}/, which the action never reads or writes`;
        if (role === 'output' && where === '')
            return `${normal} is the repository root, not a file`;
        if (role === 'output' && names/* PIPELINE_FILES */.Vh.has(where))
            return `${this.through(normal)}, the pipeline's own ${where}`;
        const kind = landing.kind;
        if (!kind)
            return role === 'output' ? this.writableProblem(normal, landing.real) : undefined;
        if (kind !== 'file' && kind !== 'folder')
            return `${normal} is a ${kind}, not a regular file; the action reads only files and folders`;
        if (kind === 'folder' && (role === 'output' || role === 'prompt' || role === 'pipeline'))
            return `${normal} is a folder, not a file`;
        if (role === 'output')
            return this.writableProblem(normal, landing.real);
        return undefined;
    }
    /**
     * An entry of DVC's own folder: the common lexical checks, inside `.dvc/`
     * (that exact name: DVC looks for no other), and every component from the
     * root up to the entry a real folder or, last, a regular file — no symlink,
     * wherever it points: DVC opens its lock files for writing through them.
     */
    dvcStateProblem(rel) {
        if (rel.trim() === '')
            return 'the path is empty';
        if (names/* CONTROL */.W3.test(rel))
            return `${(0,names/* showPath */.P8)(rel)} holds a control character (a line break, tab, …)`;
        const normal = (0,names/* normalizeRepoPath */.NP)(rel);
        if ((0,external_node_path_.isAbsolute)(rel) || normal === '..' || normal.startsWith('../'))
            return `${rel} leaves the repository`;
        const parts = normal.split('/');
        if (parts[0] !== '.dvc')
            return `${rel} is not inside .dvc/`;
        let abs = this.realRootPath();
        for (let i = 0; i < parts.length; i++) {
            abs = (0,external_node_path_.join)(abs, parts[i]);
            const stats = (0,kinds/* lstatOrUndefined */.YB)(abs);
            if (!stats)
                return undefined; // not there: DVC makes it, inside .dvc/
            const shown = parts.slice(0, i + 1).join('/');
            const kind = (0,kinds/* kindOf */.I)(stats);
            if (kind === 'symlink')
                return `${this.through(shown)}; DVC would read and write through it`;
            if (kind === 'file' && i === parts.length - 1)
                return undefined;
            if (kind !== 'folder')
                return i === parts.length - 1
                    ? `${shown} is a ${kind}, not a regular file`
                    : `${normal} cannot exist: ${shown} is a ${kind}, not a folder`;
        }
        return undefined;
    }
    /** "`link` is a symlink to `target`": the first symlink on the way to `normal`, for a message. */
    through(normal) {
        const parts = normal.split('/');
        for (let i = 1; i <= parts.length; i++) {
            const link = parts.slice(0, i).join('/');
            const abs = (0,external_node_path_.join)(this.realRootPath(), link);
            if (!(0,kinds/* lstatOrUndefined */.YB)(abs)?.isSymbolicLink())
                continue;
            let target;
            try {
                target = external_node_fs_.realpathSync.native(abs);
            }
            catch {
                target = (0,external_node_path_.resolve)((0,external_node_path_.dirname)(abs), (0,external_node_fs_.readlinkSync)(abs));
            }
            const shown = (0,external_node_path_.relative)(this.realRootPath(), target).split(external_node_path_.sep).join('/');
            const inside = shown !== '' && !shown.startsWith('../') && !(0,external_node_path_.isAbsolute)(shown);
            return `${link} is a symlink to ${inside ? shown : target}${link === normal ? '' : ` (on the way to ${normal})`}`;
        }
        return `${normal} leads to ${this.land(normal).real}`;
    }
    /** An output's folder must be writable: the nearest existing one is asked. */
    writableProblem(normal, real) {
        const folder = (0,external_node_path_.dirname)(real);
        let blocker = this.blockers.get(folder);
        if (blocker === undefined) {
            // The folder has usually landed already (as the output's parent): then only its permission is asked.
            const slash = normal.lastIndexOf('/');
            const parent = this.landings.get(slash < 0 ? '.' : normal.slice(0, slash));
            blocker = writeBlocker(folder, parent?.kind === 'folder' && parent.real === folder);
            this.blockers.set(folder, blocker);
        }
        if (blocker === null)
            return undefined;
        const shown = (0,external_node_path_.relative)(this.realRootPath(), blocker.dir).split(external_node_path_.sep).join('/') || '.';
        return blocker.isFile
            ? `${normal} cannot be written: ${shown} is a file, not a folder`
            : `${normal} cannot be written: its folder ${shown} ${NOT_WRITABLE}`;
    }
    /** A real path relative to the real root, `/`-separated (`..` first when outside). */
    repoRelative(real) {
        const realRoot = this.realRootPath();
        const inside = (this.rootPrefix ??= realRoot.endsWith(external_node_path_.sep) ? realRoot : realRoot + external_node_path_.sep);
        if (real.startsWith(inside) && !real.includes(UP)) {
            const rel = real.slice(inside.length);
            return external_node_path_.sep === '/' ? rel : rel.split(external_node_path_.sep).join('/');
        }
        return (0,external_node_path_.relative)(realRoot, real).split(external_node_path_.sep).join('/');
    }
    realRootPath() {
        return (this.realRoot ??= external_node_fs_.realpathSync.native(this.root));
    }
    /** Follows every symlink of `normal` (a normalised relative path); the part that does not exist yet is appended. */
    land(normal) {
        let landing = this.landings.get(normal);
        if (!landing) {
            landing = this.follow(normal);
            this.landings.set(normal, landing);
        }
        return landing;
    }
    follow(normal) {
        // The common case: the parent folder has landed (cached), and the last
        // component is no symlink, so it lands right inside the parent's real path.
        const slash = normal.lastIndexOf('/');
        const parent = normal === '.' ? undefined : this.land(slash < 0 ? '.' : normal.slice(0, slash));
        const name = slash < 0 ? normal : normal.slice(slash + 1);
        if (parent && !parent.problem && (!parent.kind || parent.kind === 'folder') && name !== '..' && name !== '') {
            const abs = parent.real.endsWith(external_node_path_.sep) ? parent.real + name : parent.real + external_node_path_.sep + name;
            if (!parent.kind)
                return { real: abs }; // below a folder that is not there (yet)
            const kind = this.entryKind(parent.real, name, abs);
            if (kind === null)
                return { real: abs };
            if (kind && kind !== 'symlink')
                return { real: abs, kind };
        }
        return this.walk(normal);
    }
    /**
     * What `name` is in the real folder `dir` (`abs` is the two joined), without
     * following it: null when nothing is there, undefined when unsure (the
     * caller takes the general path). The first looks into a folder are one
     * lstat each; then the folder is listed once (one readdir, dearer than an
     * lstat, answers for every entry, and makes no Stats objects). A name the listing lacks is
     * asked with lstat: on a case-insensitive volume it may be there in another
     * spelling, which the general path settles.
     */
    entryKind(dir, name, abs) {
        const state = this.listings.get(dir) ?? 0;
        let listing;
        if (typeof state === 'number')
            this.listings.set(dir, state < LOOKS_BEFORE_LISTING ? state + 1 : ((listing = (0,kinds/* listFolder */.bt)(dir)) ?? 'unlistable'));
        else if (state !== 'unlistable')
            listing = state;
        const listed = listing?.get(name);
        if (listed)
            return listed;
        const stats = (0,kinds/* lstatOrMissing */.y)(abs);
        if (stats === null || stats === undefined)
            return stats;
        // There, yet not listed: another spelling on a case-insensitive volume (or made since): the general path settles it.
        return listing ? undefined : (0,kinds/* kindOf */.I)(stats);
    }
    /** The general case: realpath, and when something on the way is missing or dangling, a walk one component at a time. */
    walk(normal) {
        const realRoot = this.realRootPath();
        const abs = normal === '.' ? realRoot : realRoot + (realRoot.endsWith(external_node_path_.sep) ? '' : external_node_path_.sep) + normal.split('/').join(external_node_path_.sep);
        try {
            const real = external_node_fs_.realpathSync.native(abs);
            const kind = (0,kinds/* kindOf */.I)((0,external_node_fs_.statSync)(real));
            return { real, kind };
        }
        catch (error) {
            const code = error.code;
            if (code === 'ELOOP')
                return { real: abs, problem: `${normal} is a symlink loop` };
            if (code !== 'ENOENT' && code !== 'ENOTDIR')
                return { real: abs, problem: `${normal} cannot be read (${code ?? 'unknown error'})` };
        }
        // Something on the way is missing (or dangling): walk it, one component at a time.
        let current = realRoot;
        const parts = normal.split('/');
        for (let i = 0; i < parts.length; i++) {
            const next = (0,external_node_path_.join)(current, parts[i]);
            const stats = (0,kinds/* lstatOrUndefined */.YB)(next);
            if (!stats)
                return { real: (0,external_node_path_.join)(next, ...parts.slice(i + 1)) };
            if (stats.isSymbolicLink()) {
                let target;
                try {
                    target = external_node_fs_.realpathSync.native(next);
                }
                catch (error) {
                    if (error.code === 'ELOOP')
                        return { real: next, problem: `${parts.slice(0, i + 1).join('/')} is a symlink loop` };
                    target = (0,external_node_path_.resolve)((0,external_node_path_.dirname)(next), (0,external_node_fs_.readlinkSync)(next)); // dangling: where it would write
                    return { real: (0,external_node_path_.join)(target, ...parts.slice(i + 1)) };
                }
                current = target;
            }
            else if (!stats.isDirectory() && i < parts.length - 1) {
                return {
                    real: (0,external_node_path_.join)(next, ...parts.slice(i + 1)),
                    problem: `${normal} cannot exist: ${parts.slice(0, i + 1).join('/')} is a file, not a folder`
                };
            }
            else {
                current = next;
            }
        }
        return { real: current };
    }
}
/** The error for a refused path, pinned on the prompt line that asked for it when there is one. */
function refusal(rel, role, problem, at) {
    const verb = role === 'output' ? 'write' : 'read';
    return new errors/* GraftError */.Tz({
        file: at?.file ?? (0,names/* showPath */.P8)(rel),
        line: at?.line,
        message: `refusing to ${verb} ${(0,names/* showPath */.P8)(rel)}: ${problem}`,
        hint: problem.endsWith(NOT_WRITABLE)
            ? 'make the folder writable for the runner (an earlier step may have changed its permissions), then re-run'
            : role === 'output'
                ? "outputs must be plain files inside the repository, outside .git/, .github/ and .dvc/; fix the prompt's `out` or remove the symlink"
                : 'paths must stay inside the repository, outside .git/, .github/ and .dvc/, and be regular files or folders; fix the path or remove the symlink'
    });
}
/** Throws when an output may not be written; call it right before writing. */
function assertWritable(root, rel) {
    new RepoPathChecker(root).resolve(rel, 'output');
}


/***/ }),

/***/ 2530:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ shellPath),
/* harmony export */   r: () => (/* binding */ shellWord)
/* harmony export */ });
// One word of a POSIX shell command: the commands the action's messages
// suggest (`git checkout -- PATH`, `dvc repro STAGE`) are pasted into a
// shell, and a stage's `cmd` is run by one, so a repository name (a file
// named `$(touch x).md`, or with a space) must reach the program as one
// literal argument. Quoting is added only where the shell needs it. At the
// core's ground: the lowest layers (io's restore hints) suggest commands too.
/**
 * Characters a shell word may hold bare: letters, digits, `_ . / @ % + = : , -`
 * and every character from U+00A1 up (no shell gives those a meaning). Not
 * the blanks, quotes, `$`, backticks, `\`, `;&|<>()`, globs `*?[]`, braces,
 * `~` and `#` (special at a word's start), `!` (history in an interactive
 * bash), `^` (a pipe in old shells), nor any control character. A word may
 * not start with `=` either: zsh (macOS's shell) replaces `=ls` with the path
 * of the program ls.
 */
const BARE = /^(?!=)[\w./@%+=:,\u00a1-\u{10ffff}-]+$/u;
/**
 * `word` as one argument of a POSIX shell command: as it is when that is
 * safe, else in single quotes (a `'` inside written `'\''`).
 */
function shellWord(word) {
    if (BARE.test(word))
        return word;
    return `'${word.replace(/'/g, `'\\''`)}'`;
}
/**
 * A repository path as one argument: {@link shellWord}, and `./` before a
 * path that starts with `-`, which a program would otherwise read as an option.
 */
function shellPath(path) {
    return shellWord(path.startsWith('-') ? `./${path}` : path);
}


/***/ }),

/***/ 9219:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N7: () => (/* binding */ yamlDoubleQuoted),
/* harmony export */   iL: () => (/* binding */ isPlainString),
/* harmony export */   j5: () => (/* binding */ yamlKey),
/* harmony export */   t$: () => (/* binding */ yamlValue)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _plain_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5723);
// Writes YAML scalars the way DVC's YAML library (ruamel.yaml, block style,
// width 80) writes them in dvc.lock: plain when the text would read back as
// the same string, else single-quoted, else double-quoted; long plain and
// single-quoted values fold at spaces near column 80. Matching it byte for
// byte keeps the diffs of dvc.lock small and reviewable.


const WIDTH = 80;
const WS = new Set(['\0', ' ', '\t', '\r', '\n', '\x85', '\u2028', '\u2029']);
const BREAKS = new Set(['\n', '\x85', '\u2028', '\u2029']);
/**
 * The text that follows `key:` for a string value: a space, then the scalar.
 * `column` is where the colon ends; `indent` is where folded lines start.
 */
function yamlValue(value, column, indent) {
    const chars = [...value];
    const style = chooseStyle(value, chars, false);
    const text = style === 'plain' ? writePlain(chars, column, indent) : style === 'single' ? writeSingle(chars, column, indent) : '';
    // ruamel can fold after a run of spaces (or keep a leading no-break space),
    // which does not read back as the same string; then DVC itself would see a
    // changed command. Double quotes always read back exactly.
    return text && readsBackAs(text, value) ? text : ` ${writeDouble(chars)}`;
}
function readsBackAs(text, value) {
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(`k:${text}\n`);
    return doc.errors.length === 0 && doc.get('k') === value;
}
/** A mapping key as ruamel writes it (never folded). */
function yamlKey(value) {
    const chars = [...value];
    const style = chooseStyle(value, chars, true);
    if (style === 'plain')
        return value;
    if (style === 'single')
        return `'${value.replaceAll("'", "''")}'`;
    return writeDouble(chars);
}
/** Whether `value`, written plain on one line, reads back as this same string. */
function isPlainString(value) {
    return chooseStyle(value, [...value], true) === 'plain';
}
function chooseStyle(value, chars, asKey) {
    const a = analyze(chars);
    const resolvesToString = (0,_plain_js__WEBPACK_IMPORTED_MODULE_1__/* .plainIsString */ .Y0)(value);
    if (resolvesToString && a.blockPlain && !(asKey && (chars.length === 0 || a.multiline)))
        return 'plain';
    // Any line break (NEL, LS and PS are breaks to ruamel, not to the `yaml` package) is escaped in double quotes:
    // raw inside single quotes, ruamel folds it into a space.
    if (value.includes("'") || /[\n\r\x85\u2028\u2029]/.test(value))
        return 'double';
    return a.singleQuoted && !(asKey && a.multiline) ? 'single' : 'double';
}
function analyze(chars) {
    const n = chars.length;
    if (n === 0)
        return { blockPlain: true, singleQuoted: true, multiline: false };
    const text = chars.join('');
    let indicators = text.startsWith('---') || text.startsWith('...');
    let lineBreaks = false;
    let special = false;
    let leadingOrTrailing = false;
    let breakSpace = false;
    let spaceBreak = false;
    let prevSpace = false;
    let prevBreak = false;
    for (let i = 0; i < n; i++) {
        const ch = chars[i];
        const precededByWs = i === 0 || WS.has(chars[i - 1]);
        const followedByWs = i + 1 >= n || WS.has(chars[i + 1]);
        if (i === 0) {
            if ('#,[]{}&*!|>\'"%@`'.includes(ch))
                indicators = true;
            if ((ch === '?' || ch === ':' || ch === '-') && followedByWs)
                indicators = true;
        }
        else if ((ch === ':' && followedByWs) || (ch === '#' && precededByWs)) {
            indicators = true;
        }
        if (BREAKS.has(ch))
            lineBreaks = true;
        if (!(ch === '\n' || (ch >= ' ' && ch <= '~')) && !isPrintableUnicode(ch))
            special = true;
        if (ch === ' ') {
            if (i === 0 || i === n - 1)
                leadingOrTrailing = true;
            if (prevBreak)
                breakSpace = true;
            prevSpace = true;
            prevBreak = false;
        }
        else if (BREAKS.has(ch)) {
            if (i === 0 || i === n - 1)
                leadingOrTrailing = true;
            if (prevSpace)
                spaceBreak = true;
            prevSpace = false;
            prevBreak = true;
        }
        else {
            prevSpace = prevBreak = false;
        }
    }
    const blockPlain = !leadingOrTrailing && !breakSpace && !special && !spaceBreak && !lineBreaks && !indicators;
    const singleQuoted = !breakSpace && !special && !spaceBreak;
    return { blockPlain, singleQuoted, multiline: lineBreaks };
}
function isPrintableUnicode(ch) {
    const c = ch.codePointAt(0) ?? 0;
    return (c !== 0xfeff &&
        (c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff)));
}
/** ruamel's plain writer: a space at or past the width becomes a line break; a word that would overflow starts a new line. */
function writePlain(chars, column, indent) {
    const out = new Writer(column, indent);
    out.write(' ');
    let spaces = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
        const ch = end < chars.length ? chars[end] : undefined;
        if (spaces) {
            if (ch !== ' ') {
                if (start + 1 === end && out.column >= WIDTH)
                    out.newline();
                else
                    out.write(chars.slice(start, end).join(''));
                start = end;
            }
        }
        else if (ch === undefined || ch === ' ') {
            const word = chars.slice(start, end);
            if (word.length + out.column > WIDTH && out.column > indent)
                out.newline();
            out.write(word.join(''));
            start = end;
        }
        if (ch !== undefined)
            spaces = ch === ' ';
    }
    return out.text;
}
/** ruamel's single-quoted writer: `'` doubled, a lone inner space past the width becomes a line break. */
function writeSingle(chars, column, indent) {
    const out = new Writer(column, indent);
    out.write(" '");
    let spaces = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
        const ch = end < chars.length ? chars[end] : undefined;
        if (spaces) {
            if (ch !== ' ') {
                if (start + 1 === end && out.column > WIDTH && start !== 0 && end !== chars.length)
                    out.newline();
                else
                    out.write(chars.slice(start, end).join(''));
                start = end;
            }
        }
        else if ((ch === undefined || ch === ' ' || ch === "'") && start < end) {
            out.write(chars.slice(start, end).join(''));
            start = end;
        }
        if (ch === "'") {
            out.write("''");
            start = end + 1;
        }
        if (ch !== undefined)
            spaces = ch === ' ';
    }
    out.write("'");
    return out.text;
}
const ESCAPES = {
    '\0': '0',
    '\x07': 'a',
    '\b': 'b',
    '\t': 't',
    '\n': 'n',
    '\v': 'v',
    '\f': 'f',
    '\r': 'r',
    '\x1b': 'e',
    '"': '"',
    '\\': '\\',
    '\x85': 'N',
    '\xa0': '_',
    '\u2028': 'L',
    '\u2029': 'P'
};
/** `value` double-quoted with ruamel's escapes, on one line: reads back as `value` in every YAML reader. */
function yamlDoubleQuoted(value) {
    return writeDouble([...value]);
}
/** Double-quoted with ruamel's escapes, on one line (ruamel may fold it; both read back the same). */
function writeDouble(chars) {
    let out = '"';
    for (const ch of chars) {
        const c = ch.codePointAt(0) ?? 0;
        const plain = (c >= 0x20 && c <= 0x7e && ch !== '"' && ch !== '\\') ||
            (isPrintableUnicode(ch) && c !== 0x85 && c !== 0x2028 && c !== 0x2029);
        if (plain)
            out += ch;
        else if (ESCAPES[ch] !== undefined)
            out += `\\${ESCAPES[ch]}`;
        else if (c <= 0xff)
            out += `\\x${hex(c, 2)}`;
        else if (c <= 0xffff)
            out += `\\u${hex(c, 4)}`;
        else
            out += `\\U${hex(c, 8)}`;
    }
    return `${out}"`;
}
function hex(c, width) {
    return c.toString(16).toUpperCase().padStart(width, '0');
}
/** Tracks the output column the way the emitter does (in code points). */
class Writer {
    column;
    indent;
    text = '';
    constructor(column, indent) {
        this.column = column;
        this.indent = indent;
    }
    write(data) {
        this.text += data;
        this.column += [...data].length;
    }
    newline() {
        this.text += `\n${' '.repeat(this.indent)}`;
        this.column = this.indent;
    }
}


/***/ }),

/***/ 5723:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ec: () => (/* binding */ isSafePlainLine),
/* harmony export */   JO: () => (/* binding */ RUAMEL_BINARY),
/* harmony export */   Sm: () => (/* binding */ pyyamlTags),
/* harmony export */   Ur: () => (/* binding */ isSafePlain),
/* harmony export */   VR: () => (/* binding */ isSafePlainKey),
/* harmony export */   Y0: () => (/* binding */ plainIsString),
/* harmony export */   d$: () => (/* binding */ IMPLICIT_KEY_MAX)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
// For the fast line readers: is a one-line plain scalar certainly read back
// by the `yaml` package as this same string? Deliberately narrow (a safe
// character set, no `: ` or ` #` possible); anything else answers false and
// the caller falls back to the full parser, which settles every other case.

/**
 * PyYAML's implicit resolvers (yaml/resolver.py), Graft's reader of the
 * frontmatter, where the `yaml` package's YAML 1.1 schema reads more: it
 * takes `y`/`n` for bools, `.`, `._` and `+.` for floats (null on output),
 * `1e3` and `09` for numbers, where PyYAML, and so Graft, reads strings. Keyed
 * by the tag and its format.
 */
const PYYAML_TESTS = {
    'bool:true': /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    'bool:false': /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    'int:': /^[-+]?(?:0|[1-9][0-9_]*)$/,
    'int:TIME': /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/,
    'float:': /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/,
    'float:EXP': /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*[eE][-+][0-9]+|\.[0-9][0-9_]*[eE][-+][0-9]+)$/,
    'timestamp:': /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/
};
/**
 * The `yaml` package's YAML 1.1 tags narrowed to PyYAML's resolvers (a
 * `customTags` for every YAML 1.1 parse and stringify): the frontmatter is
 * read as Graft reads it, so `deps: [.]` is the path `.`, not null.
 */
function pyyamlTags(tags) {
    return tags.map((tag) => {
        if (typeof tag === 'string' || !('test' in tag) || !tag.test || !tag.default)
            return tag;
        const kind = tag.tag.replace('tag:yaml.org,2002:', '');
        if (kind === 'float' && tag.test.source.includes('inf'))
            return tag; // .inf and .nan: as PyYAML
        const key = kind === 'bool' ? `bool:${tag.test.source.includes('rue') ? 'true' : 'false'}` : `${kind}:${tag.format ?? ''}`;
        const test = PYYAML_TESTS[key];
        return test ? { ...tag, test } : tag;
    });
}
/** Starts like no indicator (a `-` only before a non-space), holds no `:`, `#`, quote, `$` or tab, ends with no space. */
const SAFE_TEXT = /^(?:[A-Za-z0-9_./]|-(?=[^ ]))[A-Za-z0-9_./ +=,()@~%-]*$/;
/** The default tags the parser tries on a plain scalar: none may match. */
const IMPLICIT = {
    core: implicitTest('core'),
    'yaml-1.1': implicitTest('yaml-1.1')
};
/** The tags' own tests, joined into one alternation when they allow it (one match instead of one per tag). */
function implicitTest(schema) {
    const tags = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Schema */ .Sj(schema === 'core' ? { schema } : { schema, customTags: pyyamlTags }).tags;
    const tests = tags.flatMap((tag) => (tag.default && tag.test ? [tag.test] : []));
    if (tests.some((t) => t.flags !== ''))
        return (text) => tests.some((t) => t.test(text));
    const joined = new RegExp(tests.map((t) => `(?:${t.source})`).join('|'));
    return (text) => joined.test(text);
}
/** True only when `text`, written plain (as a value or a key), reads back as this same string. */
function isSafePlain(text, schema) {
    return SAFE_TEXT.test(text) && !text.endsWith(' ') && !IMPLICIT[schema](text);
}
/**
 * An implicit key's longest length: the `:` must come at most 1024
 * characters after the key's start (YAML 1.2 §7.4.2; the `yaml` package
 * counts UTF-16 code units, ruamel refuses longer keys too).
 */
const IMPLICIT_KEY_MAX = 1024;
/** True only when `text`, written plain as a mapping key, reads back as this same string. */
function isSafePlainKey(text, schema) {
    return text.length <= IMPLICIT_KEY_MAX && isSafePlain(text, schema);
}
/** A continuation line of a folded plain scalar, trimmed: safe text that does not start like a list item. */
function isSafePlainLine(trimmed) {
    return SAFE_TEXT.test(trimmed) && !trimmed.endsWith(' ');
}
/**
 * A plain scalar that ruamel (DVC's YAML reader) takes for a binary integer,
 * where YAML 1.2's core schema (the `yaml` package) sees a string (ruamel's
 * resolver, YAML 1.2 mode: `0b` and binary digits).
 */
const RUAMEL_BINARY = /^[-+]?0b[01_]+$/;
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
];
/**
 * Whether a plain scalar of this text is a string to both readers of the
 * pipeline files: DVC's (ruamel, YAML 1.2) and ours (the `yaml` package's
 * 1.2 core schema). Only the type is judged here; whether the text can be
 * plain at all (indicators, `: `, ` #`, edges) is the emitter's business.
 * The writers quote whatever fails this, so `<<`, `0o7`, `1_000`, `.1e1`,
 * `._` or `2001-12-14` never change meaning on the way to DVC.
 */
function plainIsString(text) {
    return !RUAMEL_NON_STRING.some((re) => re.test(text)) && !IMPLICIT.core(text);
}


/***/ }),

/***/ 3474:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cg: () => (/* binding */ scalarString),
/* harmony export */   NP: () => (/* binding */ inLineEndsOf),
/* harmony export */   P: () => (/* binding */ refuseYamlBombs),
/* harmony export */   WF: () => (/* binding */ parseYamlSource),
/* harmony export */   Yz: () => (/* binding */ pairKey),
/* harmony export */   bW: () => (/* binding */ removeBlockPairs),
/* harmony export */   ct: () => (/* binding */ applyEdits),
/* harmony export */   kd: () => (/* binding */ lineEnd)
/* harmony export */ });
/* unused harmony exports YAML_SOURCE_MAX_BYTES, YAML_MAX_EXPANDED_NODES, loneCrAsLf */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _plain_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5723);
// The one line-numbered YAML parse (dvc.yaml, dvc.lock, frontmatter, the
// dvc.yaml writer): it keeps node positions, so every error can name the line
// a user must fix.



/**
 * Parses YAML text. Duplicate keys are errors, as in DVC's and PyYAML's readers.
 * @throws GraftError naming `file`, the line and column, with `hint`, on a syntax error.
 */
function parseYamlSource(text, file, hint, options = {}) {
    const { source, lineCounter } = parse(text, file, hint, options);
    const { doc } = source;
    const error = doc.errors[0];
    if (error) {
        const pos = lineCounter.linePos(error.pos[0]);
        // The parser gives up on very deep nesting with the engine's own words
        // ("Maximum call stack size exceeded"); say what it means instead.
        if (/call stack/i.test(error.message)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GraftError */ .Tz({
                file,
                line: pos.line,
                message: `${options.subject ?? file} nests lists or mappings too deeply to read (line ${pos.line}, column ${pos.col})`,
                hint: `remove the nesting: nothing in ${options.subject ?? file} needs more than a few levels; ${hint}`
            });
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GraftError */ .Tz({
            file,
            line: pos.line,
            message: `${options.subject ?? file} is not valid YAML (line ${pos.line}, column ${pos.col}): ${firstLine(error.message)}`,
            hint
        });
    }
    refuseAliasBombs(source, options.subject ?? file, hint);
    return source;
}
/**
 * For a YAML file another program reads (DVC's vars and params files): refuses
 * what would make that reader run without end — a file too large for the
 * general reader, an alias bomb — and leaves syntax errors to that reader.
 * @throws GraftError naming `file` (and the alias's line)
 */
function refuseYamlBombs(text, file, hint) {
    const { source } = parse(text, file, hint, {});
    if (source.doc.errors.length === 0)
        refuseAliasBombs(source, file, hint);
}
function parse(text, file, hint, options) {
    refuseOversized(text, file, options.subject ?? file, hint);
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    // uniqueKeys: DVC's YAML reader also refuses a key given twice (two stages, one name).
    const version = options.version ?? '1.2';
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(loneCrAsLf(text), {
        lineCounter,
        prettyErrors: false,
        uniqueKeys: true,
        version,
        // YAML 1.1 is PyYAML's (Graft's frontmatter): plain scalars resolve as it resolves them
        ...(version === '1.1' ? { customTags: _plain_js__WEBPACK_IMPORTED_MODULE_2__/* .pyyamlTags */ .Sm } : {})
    });
    const lineOf = (node) => {
        const range = node?.range;
        return range ? lineCounter.linePos(range[0]).line : undefined;
    };
    return { source: { file, doc, lineOf, linePos: (offset) => lineCounter.linePos(offset) }, lineCounter };
}
/**
 * The largest text the general reader takes. It keeps every node with its
 * position, about 35 times the text's size in memory (a 50 MB dvc.lock in
 * flow style took 1.8 GB); the fast readers take DVC's and Graft's own block
 * layouts at any size, so only a file far larger than any real one comes here.
 */
const YAML_SOURCE_MAX_BYTES = 16 * 1024 * 1024;
function refuseOversized(text, file, subject, hint) {
    if (text.length <= YAML_SOURCE_MAX_BYTES)
        return;
    const mb = (n) => `${(n / (1024 * 1024)).toFixed(0)} MB`;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GraftError */ .Tz({
        file,
        message: `${subject} is ${mb(Buffer.byteLength(text))} in a YAML layout only the general reader takes (flow style, anchors, comments…), and that reader stops at ${mb(YAML_SOURCE_MAX_BYTES)}: reading it would take gigabytes of memory`,
        hint: `write it in block style (as DVC and Graft write their files), or make it smaller; ${hint}`
    });
}
/**
 * Aliases may repeat a node, and aliases of aliases multiply: a few lines
 * (`b: [*a, *a, …]`, `c: [*b, *b, …]`) stand for millions of nodes, which
 * DVC's reader (and anything that walks the data) expands without end. The
 * whole document is measured, every key (not only those the action reads),
 * as a reader would expand it; more than this many nodes is refused.
 */
const YAML_MAX_EXPANDED_NODES = 100_000;
function refuseAliasBombs(src, subject, hint) {
    const { doc } = src;
    if (!hasAlias(doc.contents))
        return;
    const sizes = new Map();
    const expanding = new Set();
    let worst;
    // Nodes as a reader expands them; an alias counts as what it stands for.
    const size = (node) => {
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node)) {
            const target = node.resolve(doc);
            if (!target)
                return 1;
            // an alias inside its own anchor stands for an endless tree
            const n = expanding.has(target) ? Number.POSITIVE_INFINITY : size(target);
            if (!worst || n > worst.size)
                worst = { alias: node, size: n };
            return n;
        }
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(node))
            return size(node.key) + size(node.value);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isCollection */ .P3)(node))
            return 1;
        const known = sizes.get(node);
        if (known !== undefined)
            return known;
        expanding.add(node);
        let n = 1;
        for (const item of node.items) {
            n += size(item);
            if (n > YAML_MAX_EXPANDED_NODES)
                break;
        }
        expanding.delete(node);
        sizes.set(node, n);
        return n;
    };
    const total = size(doc.contents);
    if (total <= YAML_MAX_EXPANDED_NODES || !worst)
        return;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GraftError */ .Tz({
        file: src.file,
        line: src.lineOf(worst.alias),
        message: `${subject} uses YAML aliases (*name) that expand to ${Number.isFinite(total) ? `more than ${YAML_MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes` : 'themselves, without end'}: an alias bomb, which DVC would spend hours or all memory reading`,
        hint: `write the values out, or use fewer aliases of aliases; ${hint}`
    });
}
/** Whether any alias is in the tree (the common file has none, and is not measured). */
function hasAlias(node) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
        return true;
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(node))
        return hasAlias(node.key) || hasAlias(node.value);
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isCollection */ .P3)(node) && node.items.some(hasAlias);
}
/** A mapping pair's key as text. */
function pairKey(pair) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : String(pair.key);
}
/** The offset just past the line break that ends the line holding `offset` (or the text's end). */
function lineEnd(text, offset) {
    const nl = text.indexOf('\n', offset);
    return nl < 0 ? text.length : nl + 1;
}
/** The string value of a scalar node, or undefined for anything else. */
function scalarString(node) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && typeof node.value === 'string' ? node.value : undefined;
}
function firstLine(text) {
    return text.split('\n')[0].trim();
}
/**
 * `text` without the pairs of the block mapping `map` whose keys are in `keys`:
 * each cut from the start of its key's line to the end of the line holding its
 * value's last character, so comments and blank lines between pairs stay.
 * `map` must come from parsing `text`. Keys not in the map are ignored.
 */
function removeBlockPairs(text, map, keys) {
    const cuts = [];
    for (const pair of map.items) {
        if (!keys.has(pairKey(pair)))
            continue;
        const keyRange = pair.key.range;
        const start = text.lastIndexOf('\n', keyRange[0] - 1) + 1;
        const valueRange = pair.value?.range;
        const last = valueRange ? valueRange[0] + text.slice(valueRange[0], valueRange[1]).trimEnd().length : keyRange[1];
        cuts.push([start, lineEnd(text, Math.max(last - 1, start))]);
    }
    let out = text;
    for (const [start, end] of cuts.reverse())
        out = out.slice(0, start) + out.slice(end);
    return out;
}
/** `text` with every edit applied (they must not overlap), in one pass however many there are. */
function applyEdits(text, edits) {
    const parts = [];
    let at = 0;
    for (const e of [...edits].sort((a, b) => a.start - b.start)) {
        parts.push(text.slice(at, e.start), e.text);
        at = e.end;
    }
    parts.push(text.slice(at));
    return parts.join('');
}
/**
 * Edits `text` in one line-ending style, and gives the result in the style of
 * the file: the style most of its lines end with — CRLF (a file committed from
 * a Windows editor, or with core.autocrlf), CR alone (classic Mac OS; YAML,
 * and so DVC's reader, takes a lone CR for a line break too), else LF. Every
 * line of the result ends the same way, also the lines `edit` adds and any
 * stray line of another style (DVC itself rewrites a whole file LF on Linux;
 * keeping the file's own style keeps the diff to the lines that changed). YAML
 * reads the three alike, inside scalars too, so no value changes. `edit` sees
 * LF only; a new file (`text` undefined) is LF.
 */
function inLineEndsOf(text, edit) {
    if (text === undefined || !text.includes('\r'))
        return edit(text);
    const crlf = text.split('\r\n').length - 1;
    const cr = text.split('\r').length - 1 - crlf;
    const lf = text.split('\n').length - 1 - crlf;
    const result = edit(text.replace(/\r\n?/g, '\n'));
    if (crlf > lf && crlf >= cr)
        return result.replace(/\n/g, '\r\n');
    return cr > lf && cr > crlf ? result.replace(/\n/g, '\r') : result;
}
/**
 * `text` with each lone CR (one not before a LF) made a LF: YAML counts a
 * lone CR as a line break (ruamel, DVC's reader, does), the `yaml` package
 * does not (it would read a CR-only dvc.yaml as one line). Same length, so
 * offsets and line numbers stay those of the file.
 */
function loneCrAsLf(text) {
    return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}


/***/ })

};
