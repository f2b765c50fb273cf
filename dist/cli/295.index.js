export const id = 295;
export const ids = [295];
export const modules = {

/***/ 8295:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  generateCommand: () => (/* binding */ generateCommand),
  generateHelp: () => (/* binding */ generateHelp),
  packCommand: () => (/* binding */ packCommand),
  packHelp: () => (/* binding */ packHelp)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/io/git.ts
var io_git = __webpack_require__(3000);
// EXTERNAL MODULE: ./src/core/graft/header.ts
var graft_header = __webpack_require__(501);
;// CONCATENATED MODULE: ./src/core/pack/header-rev.ts
// Reads the one thing change detection needs from a Graft header: `rev=`, the
// revision whose sources the generator looked at.

/**
 * The `rev=` of the header on the first line of `text`; undefined when there is
 * no header, or the rev is `workspace` (generated from uncommitted files).
 */
function headerRev(text) {
    const rev = (0,graft_header/* parseHeader */.RW)(text.split('\n', 1)[0])?.rev;
    return rev && rev !== 'workspace' ? rev : undefined;
}
/** `text` without its first line when that line is a Graft header. */
function stripHeaderLine(text) {
    const end = text.indexOf('\n');
    const first = end === -1 ? text : text.slice(0, end);
    if (!(0,graft_header/* isHeaderLine */.Sd)(first))
        return text;
    return end === -1 ? '' : text.slice(end + 1);
}
/** `text` without every Graft header line at its top (Graft sometimes wrote two). */
function stripLeadingHeaders(text) {
    let rest = text;
    for (;;) {
        const next = stripHeaderLine(rest);
        if (next === rest)
            return rest;
        rest = next;
    }
}

// EXTERNAL MODULE: ./src/core/phrasing.ts
var phrasing = __webpack_require__(1677);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/core/dvc/dvclock-fast.ts
var dvclock_fast = __webpack_require__(7182);
;// CONCATENATED MODULE: ./src/core/pack/lock-history.ts
// When did a stage's dvc.lock entry take its current value? That commit is the
// moment DVC (or this action) last brought the stage up to date: the output,
// its deps and the lock were committed together.
//
// One `git log` lists the commits that changed dvc.lock, one `git cat-file
// --batch-check` names the dvc.lock blob of each and of its parents, and each
// blob is parsed once: a run over hundreds of stages costs a few git calls.


/** Walking further than this means the entry is older than anything useful. */
const MAX_COMMITS = 1000;
class LockHistory {
    git;
    lockPath;
    commits;
    commitsHead;
    blobs = new Map();
    constructor(git, lockPath) {
        this.git = git;
        this.lockPath = lockPath;
    }
    /** Forgets the walked history, e.g. after fetching more of a shallow clone. */
    reset() {
        this.commits = undefined;
    }
    /**
     * The newest commit reachable from HEAD whose dvc.lock holds the stage's current
     * entry while none of its parents does; undefined when HEAD has no entry for the
     * stage. So a regeneration merged from a branch is found on the branch, not at the
     * merge. A commit without parents (root, or the edge of a shallow clone) counts as
     * introducing whatever it holds.
     */
    async lastChange(stage) {
        const head = await this.git.revParse('HEAD');
        if (!head)
            return undefined;
        const { list, blobs } = await this.walk(head);
        const current = await this.entry(blobs.get(head), stage);
        if (current === undefined)
            return undefined;
        for (const { commit, parents } of list) {
            if ((await this.entry(blobs.get(commit), stage)) !== current)
                continue;
            const inParent = await Promise.all(parents.map(async (p) => (await this.entry(blobs.get(p), stage)) === current));
            if (!inParent.includes(true))
                return commit;
        }
        return undefined;
    }
    walk(head) {
        if (!this.commits || this.commitsHead !== head) {
            this.commitsHead = head;
            this.commits = this.readHistory(head);
        }
        return this.commits;
    }
    async readHistory(head) {
        const log = await this.git
            .withEnv({ GIT_LITERAL_PATHSPECS: '1' })
            .tryExec(['log', `--max-count=${MAX_COMMITS}`, '--format=%H %P', head, '--', this.lockPath]);
        const list = (log.code === 0 ? log.stdout : '')
            .split('\n')
            .filter(Boolean)
            .map((line) => {
            const [commit, ...parents] = line.trim().split(' ');
            return { commit, parents };
        });
        const revs = [...new Set([head, ...list.flatMap((c) => [c.commit, ...c.parents])])];
        return { list, blobs: await this.lockBlobs(revs) };
    }
    /** rev → dvc.lock blob at that rev, for every rev that has one, in one git call. */
    async lockBlobs(revs) {
        // `./`: the lock path is relative to cwd, which may be a folder below the git root.
        const input = revs.map((rev) => `${rev}:./${this.lockPath}\n`).join('');
        const out = await this.git.exec(['cat-file', '--batch-check=%(objectname) %(objecttype)'], input);
        const blobs = new Map();
        out
            .split('\n')
            .slice(0, revs.length)
            .forEach((line, i) => {
            const [oid, type] = line.split(' ');
            if (type === 'blob')
                blobs.set(revs[i], oid);
        });
        return blobs;
    }
    /** The stage's entry in a dvc.lock blob, as canonical JSON (see lockStageEntries). */
    async entry(blob, stage) {
        if (!blob)
            return undefined;
        if (!this.blobs.has(blob))
            this.blobs.set(blob, this.parseBlob(blob));
        return (await this.blobs.get(blob))?.get(stage);
    }
    /** A corrupt historical lock is treated as holding no entries, not as an error. */
    async parseBlob(blob) {
        try {
            return lockStageEntries(await this.git.exec(['cat-file', 'blob', blob]));
        }
        catch {
            return undefined;
        }
    }
}
/**
 * Each stage's entry in a dvc.lock text → canonical JSON: keys sorted, an
 * empty or missing `deps` or `outs` left out, so a change of layout alone is
 * no change. A lock in DVC's own layout is read by the fast reader: the YAML
 * parser takes about half a second per 1000 stages, and a walk back through
 * history reads many blobs. Anything else goes to the YAML parser.
 * @returns undefined when the text holds no stages
 * @throws the YAML parser's error on text that is not YAML
 */
function lockStageEntries(text) {
    const fast = (0,dvclock_fast/* fastParseDvcLock */.mB)(text);
    const stages = fast
        ? Object.fromEntries([...fast.stages].map(([name, s]) => [name, { cmd: s.cmd, deps: s.deps, outs: s.outs }]))
        : (0,dist/* parse */.qg)(text)?.stages;
    if (typeof stages !== 'object' || stages === null || Object.keys(stages).length === 0)
        return undefined;
    return new Map(Object.entries(stages).map(([name, value]) => [name, canonicalJson(value)]));
}
function canonicalJson(value) {
    return JSON.stringify(value, (_key, v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v))
            return v;
        const sorted = {};
        for (const [k, x] of Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
            if ((k === 'deps' || k === 'outs') && (x === null || (Array.isArray(x) && x.length === 0)))
                continue;
            sorted[k] = x;
        }
        return sorted;
    });
}
const histories = new WeakMap();
/** The history of `lockPath` for this Git instance, shared by every stage of a run. */
function lockHistory(git, lockPath = 'dvc.lock') {
    let byPath = histories.get(git);
    if (!byPath)
        histories.set(git, (byPath = new Map()));
    let history = byPath.get(lockPath);
    if (!history)
        byPath.set(lockPath, (history = new LockHistory(git, lockPath)));
    return history;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/core/io/git-auth.ts
var git_auth = __webpack_require__(5339);
;// CONCATENATED MODULE: ./src/core/io/remote-auth.ts
// Authentication for one git command at a time. The token travels as an HTTP
// header given to that one process as command-line configuration (the git
// runner's GIT_CONFIG_* variables): never in .git/config, never in the remote
// URL, never on a command line (where `ps` and error messages would show it),
// and only to a remote reached over HTTP(S) — a token means nothing to a
// local path or an SSH remote, so they never see it.



/**
 * Runs one git command against `remote` with the token (when given); never
 * throws for a non-zero exit, and the returned output carries no secret.
 */
async function gitWithAuth(git, remote, token, args) {
    const result = await (await withToken(git, remote, token)).tryExec(args);
    return { code: result.code, stdout: (0,git_auth/* scrubSecret */.SK)(result.stdout, token), stderr: (0,git_auth/* scrubSecret */.SK)(result.stderr, token) };
}
/**
 * git's words when the remote did not take the credentials it was given (HTTP
 * 401): git then asks for a user name, which it may not prompt for in CI.
 */
function isTokenRefused(text) {
    return /could not read Username|terminal prompts disabled|returned error: 401|Authentication failed|Invalid username or password/i.test(text);
}
/** What to do about a token GitHub refused with 401 (expired or revoked), for git and for the API alike. */
const EXPIRED_TOKEN_HINT = 'a GitHub App installation token (actions/create-github-app-token) lasts one hour from its creation: create it in the same job right before this step, and keep the run under the hour (fewer documents per run: max-documents or targets); replace a revoked or expired personal access token in its secret; then re-run the workflow';
/**
 * The error for a token the remote refused while `doing` (e.g. "pushing to
 * main"): what it means, and what to do — never git's "could not read Username".
 */
function tokenRefused(doing, token) {
    return new GraftError({
        message: token
            ? `origin refused the token while ${doing} (HTTP 401): it has expired or was revoked`
            : `origin asked for credentials while ${doing} (HTTP 401), and the action was given no token`,
        hint: token
            ? EXPIRED_TOKEN_HINT
            : 'pass `token` (the default ${{ github.token }}, or an App token or PAT that may write to the repository), then re-run the workflow'
    });
}
/**
 * `git` with the token's header for `remote` when it is reached over HTTP(S)
 * (io/git.ts withRemoteAuth: only where the token belongs); `git` itself otherwise.
 */
async function withToken(git, remote, token) {
    return token ? git.withRemoteAuth(remote, token) : git;
}

;// CONCATENATED MODULE: ./src/core/pack/shallow.ts
// Shallow clones (actions/checkout's default is depth 1) cut history short: the
// commit at the edge looks as if it created every file. A baseline found at the
// edge is therefore unproven, and more history must be fetched.



async function isShallow(git) {
    const r = await git.tryExec(['rev-parse', '--is-shallow-repository']);
    return r.stdout.trim() === 'true';
}
/** The commits at the edge of a shallow clone (their parents are missing). */
async function shallowEdge(git) {
    const path = (await git.exec(['rev-parse', '--git-path', 'shallow'])).trim();
    try {
        const text = await (0,promises_.readFile)((0,external_node_path_.resolve)(git.cwd, path), 'utf8');
        return new Set(text.split('\n').filter(Boolean));
    }
    catch {
        return new Set();
    }
}
const DEFAULT_DEEPEN_STEPS = [50, 500, 'unshallow'];
/**
 * Fetches more history from `remote` (`git fetch --deepen=N` or `--unshallow`,
 * no tags), with `token` as the HTTP header of this one git process when given
 * (io/remote-auth.ts: a repository checked out with persist-credentials: false
 * has no credentials of its own). Returns git's error text (the token scrubbed)
 * on failure, undefined on success.
 */
async function deepen(git, remote, step, token) {
    const how = step === 'unshallow' ? '--unshallow' : `--deepen=${step}`;
    const r = await gitWithAuth(git, remote, token, ['fetch', '--quiet', '--no-tags', how, remote]);
    if (r.code === 0)
        return undefined;
    if (isTokenRefused(r.stderr))
        return token
            ? 'origin refused the token (HTTP 401: it has expired or was revoked)'
            : 'origin asked for credentials (HTTP 401) and the action was given no token';
    return r.stderr.trim() || `git fetch exited with ${r.code}`;
}
function describeStep(remote, step) {
    return step === 'unshallow' ? `git fetch --unshallow ${remote}` : `git fetch --deepen=${step} ${remote}`;
}

;// CONCATENATED MODULE: ./src/core/pack/baseline.ts
// The baseline of a document: the revision at which it was last generated.
// Diffing the sources from there (not from HEAD~1) shows the model every change
// it has not seen yet, however many commits they span.





/**
 * The commit `stage`'s output was last generated from, read from the history
 * there is. Fetches nothing: in a shallow clone, deepenForBaselines runs first,
 * once for the run; a baseline still at the edge of the fetched history is
 * unproven (the edge commit looks as if it created every file), so the
 * document gets no baseline and the full current sources, never HEAD~1.
 */
async function findBaseline(git, stage, options = {}) {
    const found = await locateReadable(git, stage, options);
    if (!(await atShallowEdge(git, found)))
        return found;
    return missingHistory(stage, "it lies beyond the fetched history of this shallow clone; see the 'Shallow clone' line above");
}
/**
 * Makes a shallow clone's history deep enough for the baseline of every one of
 * `stages`, once, before documents are packed in parallel (parallel fetches
 * collide on .git/shallow.lock). Each round finds every baseline, and while
 * any lies at the edge of the fetched history, fetches the next step of
 * `deepenSteps` — one fetch for all of them. Every fetch is logged; a failed
 * one is logged with git's message and ends the deepening (those documents
 * then get the full current sources: findBaseline). Never throws for git.
 * @returns the outputs whose baseline is still unproven (empty when every baseline was found, or the clone is not shallow)
 */
async function deepenForBaselines(git, stages, options) {
    const remote = options.remote ?? 'origin';
    const steps = [...(options.deepenSteps ?? DEFAULT_DEEPEN_STEPS)];
    for (;;) {
        if (!(await isShallow(git)))
            return [];
        const found = await Promise.all(stages.map((stage) => locateReadable(git, stage, options)));
        const edge = await shallowEdge(git);
        const unproven = stages
            .filter((_s, i) => found[i].rev !== undefined && edge.has(found[i].rev))
            .map((s) => s.output);
        if (unproven.length === 0)
            return [];
        const step = steps.shift();
        const which = `${unproven.length} document(s): ${unproven.join(', ')}`;
        if (step === undefined) {
            options.log.warn(`Shallow clone: after fetching more history, the baseline of ${which} is still not proven; they get the full current sources. ${fullHistoryHint()}`);
            return unproven;
        }
        options.log.info(`Shallow clone: the baseline of ${which} may lie beyond the fetched history; fetching more, once for all: ${describeStep(remote, step)}`);
        const error = await deepen(git, remote, step, options.token);
        if (error) {
            options.log.warn(`Shallow clone: could not fetch more history (${describeStep(remote, step)}): ${error}. ` +
                `The baseline of ${which} is unknown, so they get the full current sources. ${fullHistoryHint()}`);
            return unproven;
        }
        lockHistory(git, options.lockPath).reset();
    }
}
const fullHistoryHint = () => `To avoid this, ${(0,phrasing/* phrasing */.f2)().fullHistory}.`;
async function atShallowEdge(git, found) {
    return found.rev !== undefined && (await isShallow(git)) && (await shallowEdge(git)).has(found.rev);
}
function missingHistory(stage, why) {
    return {
        source: 'none',
        note: `the commit that last generated ${stage.output} is not available (${why}); ` +
            `the full current sources will be shown. ${fullHistoryHint()}`
    };
}
/**
 * locate, or no baseline when a partial clone cannot fetch the old dvc.lock
 * or output it needs: the document then gets its full current sources, and
 * the log says why (never git's own words).
 */
async function locateReadable(git, stage, options) {
    try {
        return await locate(git, stage, options);
    }
    catch (error) {
        if (!(error instanceof io_git/* LazyFetchError */.n3))
            throw error;
        return unreadable(stage.output, error);
    }
}
/** No baseline for `output`, because `error` (a failed fetch of a partial clone) kept the history unread. */
function unreadable(output, error) {
    const problem = error.problems[0];
    return {
        source: 'none',
        degraded: true,
        note: `the history of ${output} cannot be read: ${problem.message}; it gets its full current sources instead of a diff — ${problem.hint}`
    };
}
/**
 * Picks the baseline from what history offers:
 * - L, the commit that gave the stage's dvc.lock entry its current value: `dvc repro`
 *   and this action commit output and lock together, so L is exact.
 * - H, the header's `rev=` (HEAD when the output was rendered), when it is an ancestor of
 *   HEAD; H is the render's parent, so it is at most a little older than the truth.
 * - O, the last commit that touched the output file.
 * L wins, unless H is newer than L: then the output was regenerated without the lock.
 * Without L, H wins when it is not newer than O (O can be a later hand edit, a reformat,
 * which re-read no source); taking the older of the two never loses a change, at worst it
 * shows one the document already reflects. A header newer than its file's own commit was
 * copied from elsewhere and is ignored.
 */
async function locate(git, stage, options) {
    const lock = await lockHistory(git, options.lockPath).lastChange(stage.name);
    const header = await headerCommit(git, stage.output);
    if (lock) {
        if (header && header !== lock && (await isAncestor(git, lock, header))) {
            return { rev: header, source: 'header', note: `header rev is newer than the last dvc.lock change ${baseline_short(lock)}` };
        }
        return { rev: lock, source: 'lock' };
    }
    const output = await lastCommitTouching(git, stage.output);
    if (!output) {
        return { source: 'none', note: `${stage.output} has never been committed; the full current sources will be shown` };
    }
    if (header && (await isAncestor(git, header, output)))
        return { rev: header, source: 'header' };
    return { rev: output, source: 'output' };
}
/** The header's rev at HEAD, resolved to a full sha, when it names an ancestor of HEAD. */
async function headerCommit(git, output) {
    const text = await git.show('HEAD', output);
    const rev = text === undefined ? undefined : headerRev(text);
    const sha = rev === undefined ? undefined : await git.revParse(rev);
    return sha && (await isAncestor(git, sha, 'HEAD')) ? sha : undefined;
}
async function lastCommitTouching(git, path) {
    const r = await git.tryExec(['log', '-1', '--format=%H', 'HEAD', '--', path]);
    return r.code === 0 ? r.stdout.trim() || undefined : undefined;
}
async function isAncestor(git, ancestor, descendant) {
    return (await git.tryExec(['merge-base', '--is-ancestor', ancestor, descendant])).code === 0;
}
function baseline_short(sha) {
    return sha.slice(0, 7);
}

// EXTERNAL MODULE: ./node_modules/diff/libesm/patch/create.js
var create = __webpack_require__(4112);
// EXTERNAL MODULE: ./src/core/repo/resolver.ts + 2 modules
var resolver = __webpack_require__(2915);
;// CONCATENATED MODULE: ./src/core/pack/prompt-body.ts
// The prompt body as Graft sees it: everything after the frontmatter's closing
// `---` line. Used for the prompt at the baseline, which may no longer parse
// as the current prompt parser expects (old YAML), so no YAML is read here.
const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n/;
function promptBody(text) {
    const match = FRONTMATTER.exec(text);
    return match ? text.slice(match[0].length) : text;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/core/io/exec.ts
var exec = __webpack_require__(1983);
// EXTERNAL MODULE: ./src/core/repo/names.ts
var names = __webpack_require__(3452);
// EXTERNAL MODULE: ./src/core/repo/safe-read.ts
var safe_read = __webpack_require__(5828);
;// CONCATENATED MODULE: ./src/core/pack/secret-shapes.ts
// Strings that are credentials by their shape alone, whatever they are assigned
// to. Prefixes from AWS's access key id format and GitHub's token formats.
/** AWS's documentation examples (AKIAIOSFODNN7EXAMPLE, …) end in EXAMPLE. */
const awsExample = (hit) => hit.endsWith('EXAMPLE');
const SECRET_SHAPES = [
    { name: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, harmless: awsExample },
    { name: 'a GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b/g },
    { name: 'a GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}\b/g }
];

;// CONCATENATED MODULE: ./src/core/pack/redact.ts
// Source files sometimes hold example credentials (`.env` samples, CI snippets).
// Before a source diff leaves the machine, values are masked by the name they
// are assigned to (*SECRET*, *TOKEN*, *PASSWORD*, *_KEY, as in `.env` files and
// YAML) and by their shape (AWS access key ids, GitHub tokens). Plain settings
// such as `AWS_REGION=us-east-1` stay readable: Graft's blanket `AWS_*=`
// masking garbled documentation of them.

/** `NAME=value`, `NAME: value`, `"NAME": "value"` where NAME says it holds a secret. */
const SECRET_ASSIGNMENT = /((?:^|[^A-Za-z0-9_])["']?([A-Za-z0-9_.-]*(?:SECRET|TOKEN|PASSWORD|PASSWD|_KEY)[A-Za-z0-9_]*)["']?\s*[:=]\s*)(["']?)([^\s"',}]+)\3/gim;
/** The text with secret-named values and secret-shaped strings replaced by `***`. */
function redactSecrets(text) {
    let out = text.replace(SECRET_ASSIGNMENT, (whole, lead, _name, quote, value) => value === '***' || value.startsWith('${') || value.startsWith('$(') ? whole : `${lead}${quote}***${quote}`);
    for (const shape of SECRET_SHAPES)
        out = out.replace(shape.pattern, (hit) => (shape.harmless?.(hit) ? hit : '***'));
    return out;
}

;// CONCATENATED MODULE: ./src/core/pack/source-diff.ts
// The source diff the model is shown: every change to the deps since the
// baseline, committed or not, including new untracked files. Git computes it
// against a scratch index so the user's index and working tree stay untouched.
// A submodule among the deps (a folder dep that is a checked-out submodule, or
// one inside a folder dep) shows its own files' diff between the two commits
// when the checkout has both, else its current files, like any folder dep.
// That diff is run here, in the submodule, through the one git runner (its
// own configuration's programs off, no external diff or textconv): git's
// `--submodule=diff` would start a git of its own in the submodule, which
// runs the diff drivers the submodule's configuration names.










/** The most source text one document may read, whatever the budget. */
const MAX_SOURCE_BYTES = safe_read/* MAX_TEXT_BYTES */.$D;
const DEFAULT_LIMIT = {
    maxBytes: MAX_SOURCE_BYTES,
    why: `more than the action reads for one document (${describeBytes(MAX_SOURCE_BYTES)})`
};
/** The stand-in for a dep whose new text exists only once this run has regenerated it. */
function pendingText(path) {
    return `(${path} is regenerated earlier in this run; its new text exists only then, so this plan cannot show the change)\n`;
}
/**
 * With a baseline: the diff since it, or (when nothing changed) each dep's current
 * text, which does not count as a change. Without one: each dep's current text as
 * a new file, which does. Secrets are masked either way.
 */
async function sourceDiff(git, deps, baselineRev, overrides = new Map(), limit = DEFAULT_LIMIT) {
    // Sizes first: a folder dep of gigabytes is refused before a byte of it is read.
    const files = await measureDeps(git, deps, overrides, limit);
    if (!baselineRev) {
        const text = await wholeFiles(git, files, overrides, 'NEW FILE');
        return { text: redactSecrets(text), changed: text.trim() !== '' };
    }
    const fromGit = deps.filter((d) => !overrides.has(d));
    const changed = await gitDiff(git, baselineRev, fromGit, limit);
    const diffs = [changed.text];
    // a submodule whose commit at the baseline this checkout lacks (a shallow submodule): its files as they are now
    const absent = files.filter((f) => changed.absent.some((sub) => (0,names/* isSameOrInside */.Im)(sub, f.file)));
    if (absent.length > 0)
        diffs.push(await wholeFiles(git, absent, overrides, 'CURRENT CONTENT'));
    for (const dep of deps.filter((d) => overrides.has(d))) {
        diffs.push(await overrideDiff(git, baselineRev, dep, overrides.get(dep)));
    }
    const text = diffs.filter((d) => d.trim() !== '').join('\n');
    if (text !== '')
        return { text: redactSecrets(text), changed: true };
    return { text: redactSecrets(await wholeFiles(git, files, overrides, 'CURRENT CONTENT')), changed: false };
}
/**
 * The deps as files (a folder dep: the files git sees under it), after
 * checking that their current text fits `limit`.
 * @throws GraftError naming the dep that holds the most, its size and file count
 */
async function measureDeps(git, deps, overrides, limit) {
    const files = [];
    const perDep = [];
    let total = 0;
    for (const dep of deps) {
        const own = await expandDep(git, dep, overrides);
        let bytes = 0;
        for (const { file } of own) {
            const override = overrides.get(file);
            bytes += override ? Buffer.byteLength(override.after) : ((await sizeOf(git, file)) ?? 0);
        }
        files.push(...own);
        perDep.push({ dep, bytes, files: own.length });
        total += bytes;
    }
    if (total <= limit.maxBytes)
        return files;
    const largest = perDep.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    throw new errors/* GraftError */.Tz({
        file: limit.promptPath,
        message: `the sources of this document hold ${describeBytes(total)}, ${limit.why}, so they are not read; ` +
            `dep ${largest.dep} alone holds ${describeBytes(largest.bytes)} in ${largest.files} file(s)`,
        hint: 'list as deps only the files the document needs (a narrower folder, or single files), or raise max-input-tokens if the model can take it'
    });
}
/** "3.1 GB", "40 MB", "12 KB". */
function describeBytes(bytes) {
    const units = [
        [1024 ** 3, 'GB'],
        [1024 ** 2, 'MB'],
        [1024, 'KB']
    ];
    for (const [size, unit] of units)
        if (bytes >= size)
            return `${(bytes / size).toFixed(bytes >= 10 * size ? 0 : 1)} ${unit}`;
    return `${bytes} bytes`;
}
/** Options every diff here takes: plain text, no program the configuration names, no guessing at renames. */
const DIFF_OPTIONS = ['--unified=3', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames'];
/** `git diff <baseline>` against the working tree's state of `paths`, untracked files included. */
async function gitDiff(git, baselineRev, paths, limit) {
    if (paths.length === 0)
        return { text: '', absent: [] };
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'graft-index-'));
    try {
        const literal = git.withEnv({ GIT_LITERAL_PATHSPECS: '1' });
        const scratch = literal.withEnv({ GIT_INDEX_FILE: (0,external_node_path_.join)(dir, 'index') });
        // Seed with the real index's entries so tracked files that .gitignore matches still count
        // (--index-info takes paths from the repository root; cwd may be a folder below it).
        const staged = await literal.execPaths(['ls-files', '--stage', '--full-name', '-z'], paths);
        if (staged)
            await scratch.exec(['update-index', '-z', '--index-info'], staged);
        // Present paths take the working tree's state; seeded paths gone from disk become deletions
        // (`add --all` of a dep records both, for a folder's files too: one pathspec per dep, not per file).
        const prefix = (await git.exec(['rev-parse', '--show-prefix'])).trim();
        const seeded = indexPaths(staged).map((p) => p.slice(prefix.length));
        const present = new Set(await existing(git, paths));
        const toAdd = paths.filter((p) => present.has(p) || seeded.some((s) => s === p || s.startsWith(`${p}/`)));
        if (toAdd.length > 0)
            await addQuietly(scratch, toAdd);
        const budget = new OutputBudget(limit, paths, baselineRev);
        // The old side (deleted or shrunk files) counts too: the diff itself is bounded.
        const text = await budget.take((maxOutputBytes) => scratch.execPaths([
            'diff',
            '--cached',
            '--relative',
            ...DIFF_OPTIONS,
            // submodules are diffed below, in their own checkouts
            '--ignore-submodules=all',
            '--src-prefix=a/',
            '--dst-prefix=b/',
            baselineRev
        ], paths, { maxOutputBytes }));
        const links = gitlinks(await scratch.execPaths([
            'diff',
            '--cached',
            '--relative',
            '--raw',
            '-z',
            '--no-abbrev',
            '--no-renames',
            '--ignore-submodules=none',
            baselineRev
        ], paths));
        const absent = [];
        const parts = [text];
        for (const link of links) {
            const sub = await submoduleDiff(git, link, budget);
            parts.push(sub.text);
            absent.push(...sub.absent);
        }
        return { text: parts.filter((t) => t !== '').join(''), absent };
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
const ZERO_ID = /^0+$/;
const GITLINK_MODE = '160000';
/** The gitlinks among `git diff --raw -z` entries (`:oldmode newmode oldid newid status\0path\0`). */
function gitlinks(raw) {
    const fields = raw.split('\0');
    const links = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
        const [oldMode, newMode, oldId, newId] = fields[i].replace(/^:/, '').split(' ');
        if (oldMode !== GITLINK_MODE && newMode !== GITLINK_MODE)
            continue;
        links.push({
            path: fields[i + 1],
            old: oldMode === GITLINK_MODE ? oldId : '0'.repeat(oldId.length),
            new: newMode === GITLINK_MODE ? newId : '0'.repeat(newId.length)
        });
    }
    return links;
}
/**
 * A submodule's own file diff between its two commits, headed as git's
 * `--submodule=diff` heads it (`Submodule P a..b:`), run in its checkout
 * through the one git runner (Git.below: the submodule's configuration is read
 * for its own overrides). Its commits missing from the checkout (a shallow
 * submodule), or no checkout: the header says so and the caller shows its
 * current files. Submodules inside it are diffed the same way. `git` is the
 * repository holding the gitlink; `shown` the submodule's path as the diff shows it.
 */
async function submoduleDiff(git, link, budget, shown = link.path) {
    const short = (id) => id.slice(0, 7);
    const added = ZERO_ID.test(link.old);
    const deleted = ZERO_ID.test(link.new);
    const checkout = !deleted && (await isCheckout(git, link.path)) ? git.below(link.path) : undefined;
    const has = async (id) => ZERO_ID.test(id) || (await checkout?.revParse(id)) !== undefined;
    const present = checkout !== undefined && (await has(link.old)) && (await has(link.new));
    const note = deleted ? ' (submodule deleted)' : added ? ' (new submodule)' : present ? '' : ' (commits not present)';
    const header = `Submodule ${shown} ${short(link.old)}${note === '' ? '..' : '...'}${short(link.new)}${note === '' ? ':' : note}\n`;
    if (!checkout || !present)
        return { text: header, absent: deleted ? [] : [shown] };
    // a new submodule: its files against the empty tree, as git shows them
    const from = added ? (await checkout.exec(['hash-object', '-t', 'tree', '--stdin'], '')).trim() : link.old;
    const range = [from, link.new];
    const prefixes = [`--src-prefix=a/${shown}/`, `--dst-prefix=b/${shown}/`];
    const text = await budget.take((maxOutputBytes) => checkout.exec(['diff', ...DIFF_OPTIONS, '--ignore-submodules=all', ...prefixes, ...range], undefined, {
        maxOutputBytes
    }));
    const parts = [header, text];
    const absent = [];
    const raw = await checkout.exec([
        'diff',
        '--raw',
        '-z',
        '--no-abbrev',
        '--no-renames',
        '--ignore-submodules=none',
        ...range
    ]);
    for (const nested of gitlinks(raw)) {
        const below = await submoduleDiff(checkout, nested, budget, `${shown}/${nested.path}`);
        parts.push(below.text);
        absent.push(...below.absent);
    }
    return { text: parts.join(''), absent };
}
/** What is left of `limit` for the diffs of one document; over it, the error names the deps. */
class OutputBudget {
    limit;
    paths;
    baselineRev;
    left;
    constructor(limit, paths, baselineRev) {
        this.limit = limit;
        this.paths = paths;
        this.baselineRev = baselineRev;
        this.left = limit.maxBytes;
    }
    /** Runs a diff bounded by what is left, and counts what it returned. */
    async take(diff) {
        const text = await diff(this.left).catch((error) => {
            if (!(error instanceof exec/* OutputTooLarge */.zp))
                throw error;
            throw new errors/* GraftError */.Tz({
                file: this.limit.promptPath,
                message: `the changes to ${this.paths.join(', ')} since ${this.baselineRev.slice(0, 12)} are over ${describeBytes(this.limit.maxBytes)}, ${this.limit.why}`,
                hint: 'list as deps only the files the document needs, or raise max-input-tokens if the model can take it'
            });
        });
        this.left -= Buffer.byteLength(text);
        return text;
    }
}
/** Paths of `git ls-files --stage -z` entries (`mode sha stage<TAB>path`). */
function indexPaths(staged) {
    return staged
        .split('\0')
        .filter(Boolean)
        .map((entry) => entry.slice(entry.indexOf('\t') + 1));
}
/** `git add`, tolerating only "this path is ignored" (an ignored new file is not a source git knows). */
async function addQuietly(scratch, paths) {
    const r = await scratch.tryExecPaths(['add', '--all'], paths);
    if (r.code !== 0 && !/ignored by one of your \.gitignore files/.test(r.stderr)) {
        throw new Error(`git add (scratch index) failed: ${r.stderr.trim()}`);
    }
}
/** The dep's text at the baseline against its text from this run. */
async function overrideDiff(git, baselineRev, path, override) {
    // Diff from the baseline, not from `before`: the upstream may also have changed in
    // commits since this document was generated, and the model must see those too.
    if (override.pending)
        return `--- a/${path}\n+++ b/${path}\n@@ REGENERATED IN THIS RUN @@\n${pendingText(path)}`;
    const old = (await git.show(baselineRev, path)) ?? '';
    if (old === override.after)
        return '';
    return (0,create/* createTwoFilesPatch */.ss)(`a/${path}`, `b/${path}`, old, override.after, undefined, undefined, {
        context: 3,
        headerOptions: create/* FILE_HEADERS_ONLY */.jr
    });
}
/** Graft's whole-file shape: `--- a/P`, `+++ b/P`, `@@ <marker> @@`, the text; blank line between files. */
/** The hunk line above a dep shown whole (no diff): every line after it is the file's text. */
function wholeFileHunk(marker) {
    return `@@ ${marker} @@`;
}
async function wholeFiles(git, files, overrides, marker) {
    const chunks = [];
    const paths = new resolver/* RepoPathChecker */.x_(git.cwd);
    for (const { file, inFolder } of files) {
        const override = overrides.get(file);
        // Through the resolver: nothing outside the repository or inside .git/, .github/, .dvc/ is shown to the model;
        // a file found inside a folder dep may have any name (it is the folder's data), shown escaped.
        const text = override
            ? override.pending
                ? pendingText(file)
                : override.after
            : ((inFolder ? paths.readEntry(file) : paths.readText(file, 'dep')) ?? '');
        const shown = (0,names/* showPath */.P8)(file);
        chunks.push(`--- a/${shown}\n+++ b/${shown}\n${wholeFileHunk(marker)}\n${text}`);
    }
    return chunks.join('\n\n');
}
/**
 * A dep as files: a directory dep becomes the files git sees under it
 * (tracked or not, not ignored), a submodule's checkout among them its own files.
 */
async function expandDep(git, dep, overrides) {
    const what = overrides.has(dep) ? 'file' : await kind(git, dep);
    if (what === 'file')
        return [{ file: dep, inFolder: false }];
    return what === 'dir' ? (await filesUnder(git, dep)).map((file) => ({ file, inFolder: true })) : [];
}
async function sizeOf(git, path) {
    try {
        return (await (0,promises_.stat)((0,external_node_path_.join)(git.cwd, path))).size;
    }
    catch {
        return undefined;
    }
}
async function filesUnder(git, dir) {
    const out = await git
        .withEnv({ GIT_LITERAL_PATHSPECS: '1' })
        .exec(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', dir]);
    const listed = [...new Set(out.split('\0').filter(Boolean))].sort();
    const present = [];
    for (const file of listed) {
        const what = await kind(git, file);
        if (what === 'file')
            present.push(file);
        // listed, and a folder: a submodule's checkout (git lists its gitlink) or a nested repository; its files come
        // from its own repository (an empty folder, a submodule never checked out, has none: git would answer for this one)
        else if (what === 'dir' && (await isCheckout(git, file.replace(/\/$/, '')))) {
            const sub = file.replace(/\/$/, '');
            for (const inner of await filesUnder(git.below(sub), '.'))
                present.push(`${sub}/${inner}`);
        }
    }
    return present;
}
async function existing(git, paths) {
    const present = [];
    for (const path of paths)
        if (await kind(git, path))
            present.push(path);
    return present;
}
/** A real folder (not a symlink to one: git would then run in whatever repository it leads to) holding a `.git`. */
async function isCheckout(git, dir) {
    const own = await (0,promises_.lstat)((0,external_node_path_.join)(git.cwd, dir)).catch(() => undefined);
    return own?.isDirectory() === true && (await kind(git, `${dir}/.git`)) !== undefined;
}
async function kind(git, path) {
    try {
        const s = await (0,promises_.stat)((0,external_node_path_.join)(git.cwd, path));
        return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/core/pack/changes.ts
// What changed for one document since its baseline: the sources, the prompt's
// instructions, and what the previous draft was. Read-only: nothing on disk moves.







async function detectChanges(git, input) {
    const deps = input.deps.filter((d) => d !== input.promptPath);
    refuseOutsidePaths(input.promptPath, deps);
    const previousDraft = await committedDraft(git, input.output, input.draftOnDisk);
    // Without a previous draft there is nothing the diff could be applied to: the model writes
    // the document from the sources, so it is shown their whole text (as for a never-generated one).
    const source = await sourceDiff(git, deps, previousDraft === undefined ? undefined : input.baseline.rev, input.overrides, input.sourceLimit && { ...input.sourceLimit, promptPath: input.promptPath });
    const prompt = await promptChange(git, input);
    return {
        sourceDiff: source.text,
        sourcesChanged: source.changed,
        ...prompt,
        ...(previousDraft === undefined ? {} : { previousDraft })
    };
}
/** Git refuses such paths, and the model must never be shown files from outside the repository. */
function refuseOutsidePaths(promptPath, deps) {
    const outside = deps.filter((d) => (0,external_node_path_.isAbsolute)(d) || external_node_path_.posix.normalize(d.replace(/\\/g, '/')).split('/')[0] === '..');
    if (outside.length === 0)
        return;
    throw new errors/* GraftError */.Tz(outside.map((dep) => ({
        file: promptPath,
        message: `dep ${dep} is outside the repository`,
        hint: 'list deps as paths relative to the repository root, inside it'
    })));
}
/**
 * The body at the baseline against the body now, both trimmed: frontmatter-only
 * edits (model, deps) are not instructions. A prompt that did not exist at the
 * baseline counts as unchanged, as in Graft.
 */
async function promptChange(git, input) {
    const before = input.baseline.rev ? await git.show(input.baseline.rev, input.promptPath) : undefined;
    if (before === undefined)
        return { promptChanged: false };
    const old = promptBody(before).trim();
    const now = input.body.trim();
    if (old === now)
        return { promptChanged: false };
    if (old === '')
        return { promptChanged: true };
    const diff = (0,create/* createTwoFilesPatch */.ss)(`a/${input.promptPath}`, `b/${input.promptPath}`, `${old}\n`, `${now}\n`, undefined, undefined, {
        context: 3,
        headerOptions: create/* FILE_HEADERS_ONLY */.jr
    });
    return { promptChanged: true, promptDiff: diff };
}
/**
 * The output at HEAD (the working tree's only with `onDisk`, read through the
 * resolver) minus its leading Graft header lines;
 * undefined when nothing else is left. Graft writes the header twice when the model
 * returns only a header line (Graft's own docs/configuration.md at c3e6db5 holds two
 * header lines and nothing else): such a file is no draft.
 */
async function committedDraft(git, output, onDisk = false) {
    const text = onDisk ? new resolver/* RepoPathChecker */.x_(git.cwd).readText(output, 'output') : await git.show('HEAD', output);
    if (text === undefined)
        return undefined;
    const draft = stripLeadingHeaders(text);
    return draft.trim() === '' ? undefined : draft;
}

;// CONCATENATED MODULE: ./src/core/pack/directive.ts
// Which of Graft's five actions the model must take, from what changed.
const REASONS = {
    GENERATE: 'no previous draft; write the document from the sources',
    UPDATE: 'sources changed, instructions did not; carry the source changes into the draft',
    REFINE: 'instructions changed, sources did not; apply the instruction changes to the draft',
    REFRESH: 'sources and instructions both changed; apply both to the draft',
    MAINTAIN: 'nothing changed; return the previous draft unchanged'
};
function decideDirective(changes) {
    const directive = pick(changes);
    return { directive, line: directiveLine(directive) };
}
/** The standard "Action required" line for a directive. */
function directiveLine(directive) {
    return `${directive} (${REASONS[directive]})`;
}
function pick(changes) {
    if (!changes.previousDraft?.trim())
        return 'GENERATE';
    if (changes.sourcesChanged && changes.promptChanged)
        return 'REFRESH';
    if (changes.promptChanged)
        return 'REFINE';
    if (changes.sourcesChanged)
        return 'UPDATE';
    return 'MAINTAIN';
}

// EXTERNAL MODULE: ./src/core/graft/models.ts
var models = __webpack_require__(5926);
;// CONCATENATED MODULE: ./src/core/render/token-estimate.ts
// Input tokens from characters, for when Bedrock has not counted (or must not
// be asked yet): an estimate, and a floor that no real prompt goes below.
/**
 * Characters per input token when Bedrock cannot count: Anthropic's rule of
 * thumb for Claude on English text (about 3.5); code and non-Latin scripts
 * have fewer characters per token, so the estimate can be low for them.
 */
const CHARS_PER_TOKEN = 3.5;
/**
 * The most characters per token a whole prompt averages: English prose runs
 * about 3.5 to 4.5, code and other scripts fewer. Only text built to tokenise
 * densely (long runs of one character) goes above; a refusal made on this
 * floor is right for every real prompt, so it needs no count from Bedrock.
 */
const MAX_CHARS_PER_TOKEN = 6;
/**
 * The most bytes of source one token stands for: {@link MAX_CHARS_PER_TOKEN}
 * characters, and a little more for text beyond ASCII (more bytes to a
 * character, but also fewer characters to a token). Deps holding more bytes
 * than max-input-tokens × this are over the budget whatever the count, and
 * are refused before a byte of them is read.
 */
const MAX_BYTES_PER_TOKEN = 8;
/** The estimate: characters ÷ {@link CHARS_PER_TOKEN}, rounded up. */
function estimateTokens(chars) {
    return Math.ceil(chars / CHARS_PER_TOKEN);
}
/** The floor: characters ÷ {@link MAX_CHARS_PER_TOKEN}, rounded down; the real count is at least this. */
function tokenFloor(chars) {
    return Math.floor(chars / MAX_CHARS_PER_TOKEN);
}

;// CONCATENATED MODULE: ./src/core/render/errors.ts
// What went wrong with a model call, in two parts: the kind (which decides
// whether we retry) and a message saying what to fix. Every message names the
// document, the model id, the region and the AWS request id.




/** A render failure the user must act on; `kind` says how it was classified. */
class RenderError extends errors/* GraftError */.Tz {
    kind;
    requestId;
    attempts;
    scope;
    constructor(kind, context, message, hint, requestId, attempts = 1, scope = 'account') {
        super({ file: context.label, message: `${message} ${describeCall(context, requestId, attempts)}`, hint });
        this.kind = kind;
        this.requestId = requestId;
        this.attempts = attempts;
        this.scope = scope;
        this.name = 'RenderError';
    }
}
function describeCall(c, requestId, attempts) {
    const tries = attempts > 1 ? `, after ${attempts} attempts` : '';
    const purpose = c.purpose ? `; ${c.purpose}` : '';
    return `(model ${c.modelId}, region ${c.region}, request id ${requestId ?? 'none'}${tries}${purpose})`;
}
function errorFacts(err) {
    const e = (err ?? {});
    // Node's happy-eyeballs connect fails with an AggregateError whose parts hold the address.
    const part = (Array.isArray(e.errors) ? e.errors[0] : e.cause);
    const code = typeof e.code === 'string' ? e.code : typeof part?.code === 'string' ? part.code : undefined;
    const message = typeof e.message === 'string' && e.message !== ''
        ? e.message
        : typeof part?.message === 'string'
            ? part.message
            : String(err);
    const status = e.$metadata?.httpStatusCode;
    // An answer the SDK could not read as Bedrock's JSON: a proxy's or load balancer's page. Its markup and the
    // SDK's "inspect the hidden field {error}.$response" are no reason; the status is kept, and decides the retry.
    if (status !== undefined && /Deserialization error/.test(message)) {
        return {
            name: 'ErrorPage',
            message: `HTTP ${status}: an answer that is not Bedrock's (an error page from a proxy or load balancer in front of it?)`,
            status
        };
    }
    return {
        name: typeof e.name === 'string' ? e.name : 'Error',
        message,
        status,
        requestId: e.$metadata?.requestId,
        ...(e.$metadata?.clockSkewCorrected ? { skewCorrected: true } : {}),
        ...(code ? { code } : {}),
        ...hostOf(e, part)
    };
}
function hostOf(...errors) {
    for (const e of errors) {
        if (typeof e?.hostname === 'string')
            return { host: e.hostname };
        if (typeof e?.address === 'string')
            return { host: typeof e.port === 'number' ? `${e.address}:${e.port}` : e.address };
    }
    return {};
}
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
const TLS_CODE = /^(CERT_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH|ERR_OSSL_)/;
function networkProblem(f) {
    if (f.status !== undefined)
        return undefined;
    const code = f.code ?? /\b(E[A-Z_]{4,})\b/.exec(f.message)?.[1];
    if (!code)
        return undefined;
    if (DNS_CODES.has(code))
        return 'dns';
    if (REFUSED_CODES.has(code))
        return 'refused';
    if (TLS_CODE.test(code))
        return 'tls';
    return undefined;
}
const THROTTLED = new Set(['ThrottlingException', 'ModelNotReadyException', 'TooManyRequestsException']);
const SERVER = new Set([
    'InternalServerException',
    'ServiceUnavailableException',
    'ModelStreamErrorException',
    'IncompleteStream',
    'StreamIdle'
]);
const TIMEOUT = new Set(['TimeoutError', 'ModelTimeoutException', 'RenderTimeout']);
/** Connection-level failures that a second try usually survives (a refused or unresolvable host is not one: see networkProblem). */
const NETWORK = /ECONNRESET|EPIPE|socket hang up|Premature close|aborted/i;
/**
 * Bedrock's per-day token quota: the same ThrottlingException (429) as the
 * per-minute one, told apart by its words ("Too many tokens per day, please
 * wait before trying again."). It resets within a day, so no wait in a run helps.
 */
function dailyQuota(f) {
    return THROTTLED.has(f.name) && /\bper day\b|\bdaily\b/i.test(f.message);
}
function classify(f) {
    if (networkProblem(f) || dailyQuota(f))
        return 'fatal';
    if (f.skewCorrected)
        return 'clock';
    if (THROTTLED.has(f.name) || f.status === 429)
        return 'throttled';
    if (TIMEOUT.has(f.name) || f.status === 408)
        return 'timeout';
    if (SERVER.has(f.name) || (f.status !== undefined && f.status >= 500))
        return 'server';
    if (f.status === undefined && NETWORK.test(`${f.name} ${f.message}`))
        return 'server';
    return 'fatal';
}
/** Builds the user-facing error for a failure we will not (or can no longer) retry. */
function renderFailure(err, context, attempts, requestId) {
    const f = errorFacts(err);
    const id = f.requestId ?? requestId;
    const kind = classify(f);
    const [message, hint] = explain(f, context);
    return new RenderError(kind, context, message, hint, id, attempts, scopeOf(f, kind, context));
}
/** A timeout or a request Bedrock refused as invalid concerns one document; the rest concern every call. */
function scopeOf(f, kind, c) {
    if (kind === 'timeout')
        return 'document';
    if (f.name === 'ValidationException' && !isBareClaude4(c.modelId) && !/on-demand throughput/i.test(f.message))
        return 'document';
    return 'account';
}
function explain(f, c) {
    const said = `${f.name}: ${f.message}`;
    if (dailyQuota(f))
        return [
            `Bedrock's daily token quota for this model is used up (${said})`,
            `the quota resets within a day: re-run then, or ask AWS for a higher "tokens per day" quota for the model (Service Quotas → Amazon Bedrock), or use another region or a cross-region profile (us.… / eu.… / global.…), set in ${(0,phrasing/* setting */.Pe)('aws-region')} or the prompt's \`model\``
        ];
    switch (f.name) {
        case 'ThrottlingException':
        case 'ModelNotReadyException':
        case 'TooManyRequestsException':
            return [
                `Bedrock kept throttling the request (${said})`,
                `lower ${(0,phrasing/* setting */.Pe)('concurrency')}, retry later, or ask AWS for a higher Bedrock quota`
            ];
        case 'AccessDeniedException':
            return [
                `Bedrock denied access (${said})`,
                `grant the role bedrock:InvokeModelWithResponseStream on ${c.modelId} (and, for an inference profile, on the foundation model in every region it routes to), and check the account's Anthropic model access: the use-case form submitted and the AWS Marketplace subscription made by a first call from a principal allowed aws-marketplace:Subscribe (see graft-action's docs/aws.md)`
            ];
        case 'ResourceNotFoundException':
            return [
                `Bedrock does not know this model here (${said})`,
                `check the model id; try a region where the model is offered (us-east-1, us-west-2) or its cross-region profile (us.… / eu.… / apac.… / global.…), and set ${(0,phrasing/* setting */.Pe)('aws-region')} to match`
            ];
        case 'ValidationException':
            return explainValidation(f, c);
        case 'ServiceQuotaExceededException':
            return [
                `Bedrock quota exceeded (${said})`,
                `lower ${(0,phrasing/* setting */.Pe)('max-tokens')} or ${(0,phrasing/* setting */.Pe)('concurrency')}, or request a quota increase in the Service Quotas console`
            ];
        case 'ExpiredTokenException':
            return [
                `the AWS session expired during the run (${said})`,
                c.audience === 'terminal'
                    ? `refresh the session, then run again: ${terminalCredentialsHint(process.env.AWS_PROFILE)}`
                    : EXPIRED_SESSION_HINT
            ];
        case 'InvalidSignatureException':
            if (CLOCK_REFUSAL.test(f.message))
                return [
                    `AWS refused the request for the time it was signed at: this machine's clock is off (${said})`,
                    "set the machine's clock right (NTP: `timedatectl set-ntp true`, chrony); on a self-hosted runner, check its time source"
                ];
            return [`AWS rejected or could not find the credentials (${said})`, credentialsHint(c.audience ?? 'actions')];
        case 'UnrecognizedClientException':
        case 'CredentialsProviderError':
            return [`AWS rejected or could not find the credentials (${said})`, credentialsHint(c.audience ?? 'actions')];
        case 'CredentialsTimeout':
            return [
                `AWS credentials could not be had in time (${f.message})`,
                credentialsTimeoutHint(c.audience ?? 'actions', process.env.AWS_PROFILE)
            ];
    }
    const network = networkProblem(f);
    if (network)
        return explainNetwork(network, f);
    const kind = classify(f);
    if (f.name === 'ErrorPage' && kind === 'fatal')
        return [
            `something between this machine and Bedrock answered instead of it (${f.message})`,
            'check HTTPS_PROXY and NO_PROXY (a proxy that refuses or intercepts the host), and any AWS_ENDPOINT_URL_BEDROCK_RUNTIME or AWS_ENDPOINT_URL in the environment'
        ];
    if (kind === 'timeout')
        return [
            `the model call timed out (${said})`,
            `raise ${(0,phrasing/* setting */.Pe)('timeout-minutes')}, or lower \`max_tokens\` for this prompt`
        ];
    if (kind === 'server')
        return [
            `Bedrock failed repeatedly (${said})`,
            'retry the run later; check the AWS Health Dashboard for Bedrock in this region'
        ];
    if (f.name === 'ModelErrorException' || f.status === 424)
        return [
            `the model failed while processing this request (${said})`,
            're-run once; if it fails the same way, make the prompt smaller (fewer or smaller deps) or lower its `max_tokens`'
        ];
    // Bedrock answered: its own words say what it refused, not the network or the credentials
    if (f.status !== undefined)
        return [
            `Bedrock refused the request (${said})`,
            "Bedrock's message above names what it refused; check the prompt frontmatter (`model`, `max_tokens`, `temperature`)"
        ];
    return [`the model call failed (${said})`, 'check the model id, region and credentials'];
}
/** AWS's words for a signature refused for its time: "Signature expired: … is now earlier than …", "Signature not yet current". */
const CLOCK_REFUSAL = /Signature expired|Signature not yet current|RequestTimeTooSkewed|too skewed/i;
/** Bedrock's words for a prompt longer than the model's context window (Converse 400, Anthropic's own text). */
const TOO_LONG = /input is too long|prompt is too long|too many input tokens|context window|context length/i;
/** Bedrock's words for a maxTokens above the model's output limit. */
const OUTPUT_LIMIT = /max_?tokens|maximum (?:number of )?(?:output )?tokens|output tokens/i;
/**
 * A prompt larger than the model's context window, said the same way wherever it
 * is found (before the call, from Bedrock's 400, or from the stream's stop
 * reason): the document, its input tokens, the window, and the ways out.
 * @param tokens the prompt's input tokens; `how` says how they were known ("counted by Bedrock", "estimated from 812,000 characters")
 */
function contextWindowExceeded(c) {
    const window = c.window === undefined ? "the model's context window" : `the ${c.window} tokens of ${c.modelId}'s context window`;
    const prompt = `~${c.tokens} input tokens (${c.how})`;
    return [
        c.written === undefined
            ? `the prompt of ${c.document} is too large for the model: ${prompt}, more than ${window}`
            : `the prompt of ${c.document} leaves too little of ${window} for the reply: with ${prompt}, the reply ran into the window's end after ${c.written} output tokens`,
        'make the prompt smaller: fewer or smaller `deps` in its frontmatter (a folder dep sends every file in it, a generated upstream its whole text); ' +
            'leave this document out of the run with `targets` while the others are regenerated; or choose a model with a larger context window (`model:` in its frontmatter). ' +
            'Re-running sends the same prompt and fails the same way'
    ];
}
/** What stopped a reply at its output budget, for the message and the hint. */
function outputBudgetNamed(c) {
    const budget = c.maxTokens === undefined ? 'max_tokens' : `max_tokens ${c.maxTokens}`;
    return {
        budget: c.maxTokensFrom ? `${budget}, set by ${c.maxTokensFrom}` : budget,
        hint: c.maxTokensFrom?.startsWith("the model's")
            ? 'the model cannot write more in one reply: split the document (a prompt asking for less), or choose a model with a higher output limit'
            : `raise \`max_tokens\` in the prompt frontmatter, or ${(0,phrasing/* setting */.Pe)('max-tokens')} for prompts that set none (both are capped at the model’s output limit); ` +
                'if the reply should not be that long, tell the prompt what length to write'
    };
}
function explainValidation(f, c) {
    const said = `${f.name}: ${f.message}`;
    if (isBareClaude4(c.modelId) || /on-demand throughput/i.test(f.message)) {
        const bare = c.modelId.replace(/^arn:aws:bedrock:[^/]*\//, '');
        return [
            `Bedrock refused the model id (${said})`,
            `Claude 4 models are served only through inference profiles: use us.${bare} or global.${bare} (or the alias bedrock-claude-v4.5-sonnet-us)`
        ];
    }
    if (TOO_LONG.test(f.message)) {
        const tokens = estimateTokens(c.promptChars ?? 0);
        const [message, hint] = contextWindowExceeded({
            document: c.label,
            modelId: c.modelId,
            tokens,
            how: `estimated from its ${c.promptChars ?? 0} characters`,
            window: (0,models/* contextWindow */.qq)(c.modelId)
        });
        return [`${message} (${said})`, hint];
    }
    if (OUTPUT_LIMIT.test(f.message)) {
        const named = outputBudgetNamed(c);
        return [`Bedrock refused the output budget of this call, ${named.budget} (${said})`, named.hint];
    }
    return [
        `Bedrock rejected the request (${said})`,
        'check the prompt frontmatter (`max_tokens`, `temperature`) and the model id'
    ];
}
/** The network failure named as one: what failed, and where to look (never the model id). */
function explainNetwork(problem, f) {
    const at = f.host ? ` at ${f.host}` : '';
    const said = `${f.code ?? f.name}: ${f.message}`;
    const proxy = 'behind a proxy, set HTTPS_PROXY (and NO_PROXY for hosts to reach directly)';
    if (problem === 'dns') {
        return [
            `could not reach Bedrock${at}: the host name did not resolve (${said}); this is the network, DNS or a proxy, not the model id`,
            `check the region is spelt right and that this machine resolves the name; ${proxy}; an AWS_ENDPOINT_URL_BEDROCK_RUNTIME or AWS_ENDPOINT_URL in the environment overrides the endpoint`
        ];
    }
    if (problem === 'refused') {
        return [
            `could not reach Bedrock${at}: the connection was refused or the host is unreachable (${said}); this is the network, DNS or a proxy, not the model id`,
            `check the firewall and any AWS_ENDPOINT_URL_BEDROCK_RUNTIME or AWS_ENDPOINT_URL in the environment; ${proxy}`
        ];
    }
    return [
        `the TLS connection to Bedrock${at} failed (${said}); this is the network or a proxy that intercepts TLS, not the model id`,
        `behind a TLS-intercepting proxy, point NODE_EXTRA_CA_CERTS at its CA certificate (PEM); check HTTPS_PROXY and the endpoint's scheme (https)`
    ];
}
/** `anthropic.claude-sonnet-4…`, `anthropic.claude-opus-4-1…`: a Claude 4 id without a profile prefix. */
function isBareClaude4(modelId) {
    return /^anthropic\.claude-(?:[a-z]+-)?4/.test(modelId);
}
/**
 * Credentials that worked, then expired: the session was shorter than the run.
 * configure-aws-credentials asks for one hour unless `role-duration-seconds` says
 * more, and the role's "Maximum session duration" (IAM, 1 to 12 hours) caps it.
 */
const EXPIRED_SESSION_HINT = 'the run outlived its AWS session: raise `role-duration-seconds` on the aws-actions/configure-aws-credentials step ' +
    '(its default is 3600, one hour) to cover the whole run, and raise the role\'s "Maximum session duration" in IAM to at least as much ' +
    '(up to 12 hours); or regenerate fewer documents per run (`targets`)';
/** How to give credentials, for whoever must act: the workflow's author, or the person at the terminal. */
function credentialsHint(audience, profile) {
    return audience === 'actions' ? CREDENTIALS_HINT : terminalCredentialsHint(profile);
}
/** What to do when the SDK's credential chain hangs: find the source, or give keys, which are used first. */
function credentialsTimeoutHint(audience, profile) {
    const run = profile ? `AWS_PROFILE=${profile} aws sts get-caller-identity` : '`aws sts get-caller-identity`';
    return (`find the source that hangs: ${profile ? `\`${run}\`` : run} asks the same chain; a profile's credential_process must print its JSON and exit; ` +
        'STS (for a role or web identity) and the SSO portal must be reachable from this machine. ' +
        (audience === 'actions'
            ? 'Or give the job keys (configure-aws-credentials exports them): exported AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are used without asking the chain'
            : 'Or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: they are used without asking the chain'));
}
/** For a person at a terminal: a profile (with SSO), or keys; where the SDK looks. */
function terminalCredentialsHint(profile) {
    const name = profile || '<profile>';
    return (`use an AWS profile: AWS_PROFILE=${name}, defined in ~/.aws/config or ~/.aws/credentials ` +
        `(for IAM Identity Center, run \`aws sso login --profile ${name}\` first; \`aws configure sso\` sets one up), ` +
        'or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys); ' +
        '`aws sts get-caller-identity` shows what the SDK finds');
}
/** For a workflow's author. */
const CREDENTIALS_HINT = 'give the job AWS credentials in one of two ways: (1) OIDC — add `permissions: id-token: write` to the job and a step ' +
    '`uses: aws-actions/configure-aws-credentials@v6` with `role-to-assume: <role ARN>` and `aws-region: <region>` before this action; ' +
    'or (2) repository secrets — set env `AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}` and ' +
    '`AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}` (and `AWS_REGION`, or the `aws-region` input)';

;// CONCATENATED MODULE: ./src/core/render/edit-tool.ts

const EDIT_TOOL_NAME = 'edit_document';
/**
 * Stop reasons Bedrock gives a tool call the model botched (the SDK's
 * StopReason): like a reply cut off, edits that cannot be applied.
 */
const MALFORMED_STOPS = new Set(['malformed_tool_use', 'malformed_model_output']);
const EDIT_TOOL = {
    name: EDIT_TOOL_NAME,
    description: 'Apply edits to the previous draft of the document. Each old_text is copied exactly from the previous draft ' +
        'and occurs there exactly once; the edits do not overlap; an empty list means the draft is already right.',
    schema: {
        type: 'object',
        properties: {
            edits: {
                type: 'array',
                description: 'The edits, in order; empty when the previous draft needs no change.',
                items: {
                    type: 'object',
                    properties: {
                        old_text: {
                            type: 'string',
                            description: 'Text copied exactly from the previous draft (every character, whitespace and line breaks included), long enough to occur there exactly once.'
                        },
                        new_text: { type: 'string', description: 'What replaces old_text (empty to delete it).' }
                    },
                    required: ['old_text', 'new_text']
                }
            }
        },
        required: ['edits']
    }
};
/**
 * The characters a tool adds to a request (its name, description and schema as
 * JSON), which Bedrock counts as input: where a call's tokens are counted from
 * characters, and reserved before it, they count with the prompt's.
 */
function toolChars(tool) {
    return tool === undefined ? 0 : JSON.stringify([tool.name, tool.description, tool.schema]).length;
}
/**
 * The edits in the tool's input (the JSON text the stream delivered in pieces).
 * `edits` given as a JSON string holding the list is read as that list (models
 * sometimes encode a nested value so); any other shape is refused.
 */
function readEdits(input) {
    let value;
    try {
        value = JSON.parse(input);
    }
    catch (error) {
        // where it broke, never the model's text itself (it reaches logs and comments)
        const message = error.message;
        const at = /position (\d+)/.exec(message)?.[1];
        const where = at ? ` (at character ${at})` : /end of JSON/i.test(message) ? ' (it ends early)' : '';
        return { ok: false, reason: `the ${EDIT_TOOL_NAME} input is not valid JSON${where}` };
    }
    let list = value?.edits;
    if (typeof list === 'string') {
        try {
            list = JSON.parse(list);
        }
        catch {
            // reported below as not a list
        }
    }
    if (typeof value !== 'object' || value === null || !Array.isArray(list))
        return { ok: false, reason: `the ${EDIT_TOOL_NAME} input has no list of edits` };
    const edits = [];
    for (const [i, item] of list.entries()) {
        const pair = item;
        if (typeof pair !== 'object' ||
            pair === null ||
            typeof pair.old_text !== 'string' ||
            typeof pair.new_text !== 'string')
            return { ok: false, reason: `edit ${i + 1} is not an {old_text, new_text} pair of strings` };
        edits.push({ oldText: pair.old_text, newText: pair.new_text });
    }
    return { ok: true, edits };
}
/**
 * Bedrock refused the request because the model takes no tools (a
 * ValidationException that names tool use, e.g. "This model doesn't support
 * tool use in streaming mode." or "…doesn't support the toolConfig.toolChoice.tool field").
 */
function refusesToolUse(f) {
    return f.name === 'ValidationException' && /\btool/i.test(f.message);
}
/** The model cannot be asked for edits: the caller rewrites the whole document instead. */
class ToolUseRefused extends RenderError {
    /** Bedrock's own words */
    said;
    constructor(cause, context, attempts) {
        const f = errorFacts(cause);
        super('fatal', context, `Bedrock refused tool use for this model (${f.name}: ${f.message})`, 'set `update-style: rewrite` for this model, or use a Claude model, which takes tools', f.requestId, attempts, 'document');
        this.name = 'ToolUseRefused';
        this.said = f.message;
    }
}

;// CONCATENATED MODULE: ./src/core/pack/system-text.ts
// The standing instructions at the top of every packed prompt. Graft sends no
// separate system message, so this text travels inside the one user message.
// They end with what to reply: the whole document, or (edit mode, a previous
// draft exists) edits to it through the edit_document tool.

const CHANGE_MODEL = `You keep one Markdown document in step with the files it is written from.
Below you get a CHANGE ANALYSIS, then the previous draft of the document (if any),
a unified diff of the source files since that draft was written, and the author's
instructions. When the sources did not change, the "diff" holds their full current
text instead, marked "@@ CURRENT CONTENT @@"; a source with no history is marked
"@@ NEW FILE @@".

Do exactly what the "Action required" line says:
- GENERATE: there is no previous draft. Write the whole document from the sources,
  following the instructions.
- UPDATE: the sources changed and the instructions did not. Change only what the
  source diff makes untrue, incomplete or missing; leave every other line of the
  previous draft exactly as it is.
- REFINE: the instructions changed and the sources did not. Read the prompt diff and
  make only the edits the new instructions call for: a corrected fact is a one-line
  change, a new tone or structure may touch much more. Keep the rest as it is.
- REFRESH: both changed. Apply what the source diff and the prompt diff each require,
  and nothing else.
- MAINTAIN: nothing changed. Return the previous draft unchanged, character for character.`;
/** Whole-document mode: the reply is the document. */
const SYSTEM_TEXT = `${CHANGE_MODEL}

Reply with the final document and nothing else: no preamble, no closing remarks,
no code fence around the document, and no "Generated by Graft" header comment
(one is added for you).`;
/** Edit mode: the reply is a call of the edit tool, whose input lists the edits to the previous draft. */
const EDITS_SYSTEM_TEXT = `${CHANGE_MODEL}

Reply by calling the ${EDIT_TOOL_NAME} tool, never with text. Its input is the list of
edits that turns the previous draft into the final document; every line no edit
touches stays exactly as it is. An edit is {old_text, new_text}:
- old_text is copied exactly from the previous draft, character for character
  (spaces, punctuation and line breaks included), and occurs there exactly once:
  take in neighbouring words until it does.
- new_text replaces it; an empty new_text deletes it. To add text, put the text it
  follows (or precedes) in old_text and repeat that text in new_text.
- The edits are applied in order and do not overlap: no old_text includes text
  another edit changes or writes.
- An empty list means the previous draft is already right.
Never write a "Generated by Graft" header comment (one is added for you).`;

;// CONCATENATED MODULE: ./src/core/pack/packed-prompt.ts


function packPrompt(input) {
    const { changes, directive } = input;
    const body = input.body.trim();
    const sections = [
        `SYSTEM:\n${input.system ?? (input.style === 'edits' ? EDITS_SYSTEM_TEXT : SYSTEM_TEXT)}`,
        changeAnalysis(changes, directive),
        `USER:\n${block('PREVIOUS DRAFT', changes.previousDraft ?? '')}`,
        block('SOURCE DIFF', changes.sourceDiff)
    ];
    if (changes.promptChanged && changes.promptDiff) {
        sections.push(block('PROMPT DIFF', changes.promptDiff), block('CURRENT INSTRUCTIONS', body));
    }
    else {
        sections.push(block('INSTRUCTIONS', body));
    }
    return `${sections.join('\n\n')}\n`;
}
function changeAnalysis(changes, directive) {
    const line = typeof directive === 'string' ? directiveLine(directive) : directive.line;
    return [
        'CHANGE ANALYSIS:',
        `- Source files: ${changes.sourcesChanged ? 'CHANGED' : 'NO CHANGES'}`,
        `- Prompt instructions: ${changes.promptChanged ? 'CHANGED' : 'NO CHANGES'}`,
        `- Previous draft: ${changes.previousDraft ? 'EXISTS' : 'NONE'}`,
        `- Action required: ${line}`
    ].join('\n');
}
/** A marked block; a trailing line break (LF or CRLF) of the content is not doubled before the END marker. */
function block(name, content) {
    const text = content.replace(/\r?\n$/, '');
    return `---BEGIN ${name}---\n${text}\n---END ${name}---`;
}

// EXTERNAL MODULE: ./src/core/settings.ts
var settings = __webpack_require__(1922);
;// CONCATENATED MODULE: ./src/core/pack/update-style.ts
// What a document with a previous draft asks the model for: `edits` to the
// draft (Converse tool use; every untouched byte stays as it was) or the whole
// document again (`rewrite`). A document without a draft (GENERATE) is always
// written whole; MAINTAIN makes no call.

const UPDATE_STYLES = ['edits', 'rewrite'];
/**
 * How one document's request is made: its directive under the `update-style`
 * setting. UPDATE, REFINE and REFRESH have a draft to edit; GENERATE has none.
 */
function requestStyle(directive, setting) {
    return setting === 'edits' && (directive === 'UPDATE' || directive === 'REFINE' || directive === 'REFRESH')
        ? 'edits'
        : 'rewrite';
}
/**
 * The setting as typed ("input update-style", "--update-style").
 * @throws GraftError naming the label and the choices
 */
function parseUpdateStyle(raw, label) {
    return (0,settings/* parseChoice */.HU)(raw, UPDATE_STYLES, label, 'edits: UPDATE, REFINE and REFRESH ask the model for edits to the previous draft (a whole-document rewrite only when they do not apply); rewrite: the model writes every document whole');
}

;// CONCATENATED MODULE: ./src/core/pack/document.ts






/** What the model is shown for one document: baseline → changes → directive → packed prompt. */
async function packDocument(git, doc, options) {
    const output = doc.prompt.out;
    let baseline = options.baseline ?? (await findAndAnnounce(git, doc, options));
    const changesSince = (since) => detectChanges(git, {
        promptPath: doc.prompt.path,
        body: doc.prompt.body,
        deps: doc.prompt.deps,
        output,
        baseline: since,
        overrides: options.overrides,
        sourceLimit: options.sourceLimit,
        draftOnDisk: options.draftOnDisk
    });
    let changes;
    try {
        changes = await changesSince(baseline);
    }
    catch (error) {
        // A partial clone could not fetch the baseline's contents: the full current sources, said plainly.
        if (!(error instanceof io_git/* LazyFetchError */.n3) || !baseline.rev)
            throw error;
        baseline = unreadable(output, error);
        options.log.warn(`${output}: ${baseline.note}`);
        changes = await changesSince(baseline);
    }
    let { directive, line } = decideDirective(changes);
    if (options.refresh && directive !== 'GENERATE') {
        directive = 'REFRESH';
        line = `REFRESH (${options.refresh})`;
    }
    else if (directive === 'MAINTAIN' && options.force) {
        // A forced run asks for a fresh text even though nothing changed.
        directive = 'REFRESH';
        line = 'REFRESH (forced: rewrite from the current sources and instructions)';
    }
    const style = requestStyle(directive, options.updateStyle ?? 'rewrite');
    const packed = packPrompt({ body: doc.prompt.body, changes, directive: { directive, line }, style });
    return { baseline, changes, directive, line, style, packed, body: doc.prompt.body };
}
/** The same document packed for a whole-document rewrite (the fallback when edits do not apply). */
function packedForRewrite(doc) {
    if (doc.style === 'rewrite')
        return doc;
    const { body, changes, directive, line } = doc;
    return { ...doc, style: 'rewrite', packed: packPrompt({ body, changes, directive: { directive, line } }) };
}
/** The document's baseline, its note (why it is what it is) logged once, when it is found. */
async function findAndAnnounce(git, doc, options) {
    const output = doc.prompt.out;
    const baseline = options.baselineRev
        ? {
            rev: options.baselineRev,
            source: 'output',
            note: `diffing against ${options.baselineRev.slice(0, 12)}, the tree this run generated from before the rebase`
        }
        : await findBaseline(git, { output, name: doc.stage.name });
    // a note that names the document already reads as a sentence of its own
    const note = baseline.note?.startsWith(output) ? baseline.note : `${output}: ${baseline.note}`;
    if (baseline.note && baseline.degraded)
        options.log.warn(note);
    else if (baseline.note)
        options.log.info(note);
    return baseline;
}

// EXTERNAL MODULE: ./src/core/defaults.ts
var defaults = __webpack_require__(5553);
// EXTERNAL MODULE: ./src/core/yaml/source.ts
var source = __webpack_require__(3474);
;// CONCATENATED MODULE: ./src/core/render/prices.ts
// What a model call costs, in dollars: AWS's published on-demand prices per
// model, which a run may override (`model-prices`) for negotiated prices or
// models this table lacks. Costs are estimates from the tokens Bedrock reports;
// the bill is AWS's.





/** When the table's prices were read from AWS's Bedrock pricing page. */
const PRICES_AS_OF = 'December 2026';
/**
 * On-demand list prices by model family (the Bedrock id without its profile
 * prefix, date and version), dollars per million tokens, as of
 * {@link PRICES_AS_OF}. Prompt-cache writes cost 1.25× the input price, reads
 * 0.1×, where Bedrock offers caching for the model. For the 4.5 generation and
 * later, `global.` profiles are the base price and every other way to call the
 * model costs {@link REGIONAL_PREMIUM}× that.
 */
const LIST_PRICES = new Map([
    ['claude-3-haiku', { input: 0.25, output: 1.25 }],
    ['claude-3-5-haiku', { input: 0.8, output: 4, cacheWrite: 1, cacheRead: 0.08 }],
    ['claude-3-5-sonnet', { input: 3, output: 15 }],
    ['claude-3-7-sonnet', { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 }],
    ['claude-sonnet-4', { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 }],
    ['claude-sonnet-4-5', { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3, regionalPremium: true }],
    ['claude-sonnet-4-6', { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3, regionalPremium: true }],
    ['claude-haiku-4-5', { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1, regionalPremium: true }],
    ['claude-opus-4', { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 }],
    ['claude-opus-4-1', { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 }],
    ['claude-opus-4-5', { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5, regionalPremium: true }]
]);
const REGIONAL_PREMIUM = 1.1;
const ARN = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile|system-defined-inference-profile)\/(.+)$/;
const PROFILE = /^(us|eu|apac|global|us-gov|jp|au|ca)\./;
const FAMILY = /^anthropic\.(claude-[a-z0-9-]+?)(?:-\d{8})?(?:-v\d+(?::\d+)?)?$/;
/**
 * The list-price family of a Bedrock model id, inference-profile id or ARN
 * (`us.anthropic.claude-sonnet-4-5-20250929-v1:0` → claude-sonnet-4-5, not
 * global), or undefined for what it cannot read (an application inference
 * profile's ARN names no model).
 */
function modelFamily(modelId) {
    let id = modelId.trim();
    if (id.startsWith('arn:')) {
        const arn = ARN.exec(id);
        if (!arn)
            return undefined;
        id = arn[1];
    }
    const profile = PROFILE.exec(id);
    const family = FAMILY.exec(profile ? id.slice(profile[0].length) : id);
    return family ? { family: family[1], global: profile?.[1] === 'global' } : undefined;
}
/**
 * The price of one call to `modelId`: the run's own (`overrides`, by model id)
 * first, else the list price of its family; undefined when neither knows it.
 */
function priceOf(modelId, overrides) {
    const own = overrides?.get(modelId.trim());
    if (own)
        return own;
    const found = modelFamily(modelId);
    const list = found && LIST_PRICES.get(found.family);
    if (!list)
        return undefined;
    const factor = list.regionalPremium && !found.global ? REGIONAL_PREMIUM : 1;
    const scaled = (n) => (n === undefined ? undefined : round(n * factor));
    return {
        input: scaled(list.input),
        output: scaled(list.output),
        ...(list.cacheRead === undefined ? {} : { cacheRead: scaled(list.cacheRead) }),
        ...(list.cacheWrite === undefined ? {} : { cacheWrite: scaled(list.cacheWrite) })
    };
}
/** Dollars per million tokens to 6 decimals: 3 × 1.1 is 3.3, not 3.3000000000000003. */
function round(n) {
    return Math.round(n * 1e6) / 1e6;
}
/** The dollars `usage` costs at `price`. */
function costUsd(usage, price) {
    return ((usage.inputTokens * price.input +
        usage.outputTokens * price.output +
        (usage.cacheReadTokens ?? 0) * (price.cacheRead ?? price.input) +
        (usage.cacheWriteTokens ?? 0) * (price.cacheWrite ?? price.input)) /
        1_000_000);
}
/**
 * Whether `usd` is over `limit`, to the micro-dollar: sums of float prices
 * (0.1 + 0.2) must not put a run exactly at its limit over it.
 */
function overLimit(usd, limit) {
    return Math.round(usd * 1e6) > Math.round(limit * 1e6);
}
/** Dollars for people: cents from a cent up, four decimals below, "< $0.0001" for a trace. */
function formatUsd(usd) {
    if (usd === 0)
        return '$0.00';
    if (usd < 0.0001)
        return '< $0.0001';
    return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}
/** Dollars for machines (the `cost_usd` output): six decimals at most, no exponent. */
function usdOutput(usd) {
    return String(Number(usd.toFixed(6)));
}
const FIELDS = {
    input: 'input',
    output: 'output',
    cache_read: 'cacheRead',
    cache_write: 'cacheWrite'
};
/** No model costs more per million tokens; a larger figure is a slip (a price per token, or per thousand, is far smaller). */
const MOST_PER_MILLION = 1000;
const LONGEST = 100_000;
const EXAMPLE = 'e.g. `{"bedrock-claude-v4.5-sonnet-us": {"input": 3, "output": 15}}`, or the same in YAML; ' +
    'prices in dollars per million tokens, with optional cache_read and cache_write';
/**
 * The `model-prices` setting: a JSON or YAML mapping from a model (an alias or a
 * Bedrock model id, inference profile or ARN, as prompts name it) to
 * `{input, output, cache_read?, cache_write?}` in dollars per million tokens.
 * `label` names the setting in errors ("input model-prices", "--model-prices").
 * Empty text is no overrides.
 * @throws GraftError naming the setting, the model and the field, with what to write.
 */
function parseModelPrices(text, label) {
    if (text.trim() === '')
        return new Map();
    if (text.length > LONGEST)
        throw new errors/* GraftError */.Tz({
            message: `${label} is ${text.length} characters long`,
            hint: `list only the models you use; ${EXAMPLE}`
        });
    const src = (0,source/* parseYamlSource */.WF)(text, '', EXAMPLE, { subject: label });
    const root = src.doc.contents;
    if (!(0,dist/* isMap */.jh)(root))
        throw new errors/* GraftError */.Tz({ message: `${label} must be a mapping from model to prices`, hint: EXAMPLE });
    const problems = [];
    const prices = new Map();
    const named = new Map();
    for (const pair of root.items) {
        const key = (0,dist/* isScalar */.jn)(pair.key) ? pair.key.value : undefined;
        if (typeof key !== 'string' || key.trim() === '') {
            problems.push({
                message: `${label}: a key is not a model name (line ${src.lineOf(pair.key)})`,
                hint: EXAMPLE
            });
            continue;
        }
        const name = JSON.stringify(key);
        const modelId = (0,models/* modelIdFor */.gy)(key);
        if (!modelId) {
            problems.push({
                message: `${label}: ${name} is neither a model alias nor a Bedrock model id`,
                hint: `key each price by the model as your prompts (or ${(0,phrasing/* setting */.Pe)('model')}) name it: an alias such as bedrock-claude-v4.5-sonnet-us, or a model id, inference profile or ARN (anthropic.…, us.…, global.…, arn:aws:bedrock:…)`
            });
            continue;
        }
        const earlier = named.get(modelId);
        if (earlier !== undefined) {
            problems.push({
                message: `${label}: ${name} and ${JSON.stringify(earlier)} both price ${modelId}`,
                hint: 'give each model one price'
            });
            continue;
        }
        named.set(modelId, key);
        const price = readPrice(pair.value, `${label}: ${name}`, problems);
        if (price)
            prices.set(modelId, price);
    }
    if (problems.length > 0)
        throw new errors/* GraftError */.Tz(problems);
    return prices;
}
function readPrice(node, where, problems) {
    if (!(0,dist/* isMap */.jh)(node)) {
        problems.push({ message: `${where} must be a mapping of prices`, hint: EXAMPLE });
        return undefined;
    }
    const price = {};
    let ok = true;
    for (const pair of node.items) {
        const field = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '';
        const name = Object.hasOwn(FIELDS, field) ? FIELDS[field] : undefined;
        if (!name) {
            problems.push({
                message: `${where}: unknown field ${JSON.stringify(field)}`,
                hint: `the fields are ${Object.keys(FIELDS).join(', ')} (dollars per million tokens)`
            });
            ok = false;
            continue;
        }
        const value = (0,dist/* isScalar */.jn)(pair.value) ? pair.value.value : undefined;
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MOST_PER_MILLION) {
            const shown = (0,dist/* isScalar */.jn)(pair.value) ? JSON.stringify(String(pair.value.value)) : 'not a number';
            problems.push({
                message: `${where}: ${field} is ${shown}, not a price`,
                hint: `write dollars per million tokens as a number from 0 to ${MOST_PER_MILLION}, e.g. ${field}: 3`
            });
            ok = false;
            continue;
        }
        price[name] = value;
    }
    for (const required of ['input', 'output']) {
        if (ok && price[required] === undefined) {
            problems.push({ message: `${where} has no ${required} price`, hint: EXAMPLE });
            ok = false;
        }
    }
    return ok ? price : undefined;
}

;// CONCATENATED MODULE: ./src/core/generate/budget.ts
// The run's spending limits. Before the first request of any kind, every
// document the model must render is measured from its packed prompt's
// characters alone: a run that is over max-documents, or whose prompts are too
// large for max-input-tokens, max-cost-usd or a model's context window even at
// the fewest tokens those characters can make, is refused there, so nothing
// (CountTokens included) leaves the runner for it. A run that goes on is
// estimated (Bedrock's CountTokens where the model can be counted, else
// characters ÷ 3.5) and checked again. Output tokens cannot be known in
// advance: the cost estimate prices each document's output at its max_tokens,
// and generate adds up what the model reports, stopping new documents past
// max-output-tokens or max-cost-usd.









/** The defaults of defaults.ts as one Budget (no limit in dollars). */
const DEFAULT_BUDGET = {
    maxDocuments: defaults/* DEFAULT_MAX_DOCUMENTS */.Qw,
    maxInputTokens: defaults/* DEFAULT_MAX_INPUT_TOKENS */.To,
    maxOutputTokens: defaults/* DEFAULT_MAX_OUTPUT_TOKENS */.ig
};
/**
 * Sources smaller than this are read and counted, and the budget check names
 * the run's estimate (the clearer message); only more is refused unread.
 */
const MIN_UNREAD_BYTES = 64 * 1024 * 1024;
/**
 * How much source text one document may read under `budget`: what
 * max-input-tokens could take however dense the text (at least 64 MB, at most
 * MAX_SOURCE_BYTES); more is refused before a byte of it is read.
 */
function sourceLimit(budget) {
    const byBudget = budget.maxInputTokens * MAX_BYTES_PER_TOKEN;
    if (byBudget >= MAX_SOURCE_BYTES) {
        return {
            maxBytes: MAX_SOURCE_BYTES,
            why: `more than the action reads for one document (${describeBytes(MAX_SOURCE_BYTES)})`
        };
    }
    return {
        maxBytes: Math.max(byBudget, MIN_UNREAD_BYTES),
        why: `more than max-input-tokens ${budget.maxInputTokens} can take (at most ${describeBytes(byBudget)}, at up to ${MAX_BYTES_PER_TOKEN} bytes per token)`
    };
}
/** The characters a document's call sends. */
const sentChars = (item) => item.packed.length + toolChars(item.tool);
/** Runs fn over items with at most `limit` at once; results in the items' order. */
async function mapPool(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}
function documentEstimate(item, tokens, counted, prices) {
    const { doc } = item;
    const price = priceOf(doc.modelId, prices);
    return {
        output: doc.prompt.out,
        prompt: doc.prompt.path,
        modelId: doc.modelId,
        chars: sentChars(item),
        tokens,
        counted,
        maxTokens: doc.maxTokens,
        ...(price ? { costUsd: costUsd({ inputTokens: tokens, outputTokens: doc.maxTokens }, price) } : {})
    };
}
function summed(documents, method, kind) {
    const priced = documents.every((d) => d.costUsd !== undefined);
    return {
        documents,
        total: documents.reduce((t, d) => t + d.tokens, 0),
        method,
        kind,
        ...(priced ? { costUsd: documents.reduce((t, d) => t + d.costUsd, 0) } : {})
    };
}
/**
 * The least each prompt can cost, from its characters alone (characters ÷
 * {@link MAX_CHARS_PER_TOKEN}): made before any request, so that a run these
 * figures already refuse sends nothing, not even a CountTokens request.
 */
function floorEstimate(items, prices) {
    return summed(items.map((item) => documentEstimate(item, tokenFloor(sentChars(item)), false, prices)), `at least characters ÷ ${MAX_CHARS_PER_TOKEN}, the fewest tokens any text of that length makes; not counted, so nothing was sent to Bedrock`, 'floor');
}
/**
 * Input tokens for each packed prompt. With a counter, one CountTokens call
 * per document (at most `concurrency` at once); a model it fails for once is
 * estimated from characters from then on, and the log says why.
 */
async function estimateInput(items, counter, concurrency, log, prices) {
    const uncountable = new Map();
    const documents = await mapPool(items, concurrency, async (item) => {
        const { doc, packed, tool } = item;
        if (counter && !uncountable.has(doc.modelId)) {
            try {
                const tokens = await counter({ modelId: doc.modelId, prompt: packed, ...(tool ? { tool } : {}) });
                return documentEstimate(item, tokens, true, prices);
            }
            catch (error) {
                if (!uncountable.has(doc.modelId)) {
                    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
                    uncountable.set(doc.modelId, why);
                    log.info(`Token estimate: Bedrock CountTokens is not available for ${doc.modelId} (${why}); estimating at ${CHARS_PER_TOKEN} characters per token`);
                }
            }
        }
        return documentEstimate(item, estimateTokens(sentChars(item)), false, prices);
    });
    const counted = documents.filter((d) => d.counted).length;
    const method = counted === documents.length
        ? 'counted by Bedrock CountTokens'
        : counted === 0
            ? `estimated at ${CHARS_PER_TOKEN} characters per token${counter ? '' : ' (no Bedrock token counting here)'}`
            : `${counted} counted by Bedrock CountTokens, ${documents.length - counted} estimated at ${CHARS_PER_TOKEN} characters per token`;
    return summed(documents, method, 'estimate');
}
/** One log line: how many documents, how many input tokens, how they were counted, and the most it can cost. */
function describeEstimate(e) {
    return (`Input estimate before any model call: ${e.total} tokens for ${e.documents.length} document(s) to render (${e.method}); ` +
        describeCost(e));
}
function describeCost(e) {
    if (e.costUsd !== undefined)
        return `cost up to ~${formatUsd(e.costUsd)} (input as estimated, output at each document's max_tokens; an estimate, not a cap)`;
    const unpriced = [...new Set(e.documents.filter((d) => d.costUsd === undefined).map((d) => d.modelId))];
    return `cost unknown: no price for ${unpriced.join(', ')} (add it to \`model-prices\`)`;
}
const LISTED = 50;
/**
 * With `max-cost-usd` set, every model the run would call must have a price:
 * a GraftError naming each unpriced model and its documents, before any request.
 */
function checkPrices(e, budget) {
    if (budget.maxCostUsd === undefined)
        return;
    const byModel = new Map();
    for (const d of e.documents.filter((d) => d.costUsd === undefined))
        byModel.set(d.modelId, [...(byModel.get(d.modelId) ?? []), d]);
    if (byModel.size === 0)
        return;
    throw new errors/* GraftError */.Tz([...byModel].map(([modelId, docs]) => ({
        file: docs[0].prompt,
        message: `${(0,phrasing/* setting */.Pe)('max-cost-usd')} is set, but this action knows no price for ${modelId} (used by ${docs.map((d) => d.output).join(', ')}), ` +
            'so the run cannot be held to it; no model was called',
        hint: `add the model to ${(0,phrasing/* setting */.Pe)('model-prices')} with its prices in dollars per million tokens, e.g. {"${modelId}": {"input": 3, "output": 15}}; or leave ${(0,phrasing/* setting */.Pe)('max-cost-usd')} empty`
    })));
}
/**
 * Every document whose prompt is larger than its model's context window (where
 * the window is known): a GraftError naming each, before the call. Only a floor
 * or a count is certain enough to refuse on; an estimate from characters is left
 * for Bedrock to judge.
 */
function checkContextWindows(e) {
    const problems = [];
    for (const d of e.documents) {
        const window = (0,models/* contextWindow */.qq)(d.modelId);
        if (window === undefined || d.tokens <= window || (e.kind === 'estimate' && !d.counted))
            continue;
        const [message, hint] = contextWindowExceeded({
            document: d.output,
            modelId: d.modelId,
            tokens: d.tokens,
            how: e.kind === 'floor'
                ? `at least, from its ${d.chars} characters; not counted, so nothing was sent to Bedrock`
                : 'counted by Bedrock CountTokens',
            window
        });
        problems.push({ file: d.prompt, message: `${message}; no model was called`, hint });
    }
    if (problems.length > 0)
        throw new errors/* GraftError */.Tz(problems);
}
/**
 * Throws a GraftError naming every document and its estimate when the run is
 * over max-documents, max-input-tokens or max-cost-usd. Exactly at a limit is
 * within it.
 */
function checkBudget(e, budget) {
    const over = [];
    const atLeast = e.kind === 'floor' ? 'at least ' : '';
    if (e.documents.length > budget.maxDocuments)
        over.push(`${e.documents.length} documents to render, over ${(0,phrasing/* setting */.Pe)('max-documents')} (${budget.maxDocuments})`);
    if (e.total > budget.maxInputTokens)
        over.push(`${atLeast}~${e.total} input tokens, over ${(0,phrasing/* setting */.Pe)('max-input-tokens')} (${budget.maxInputTokens})`);
    if (budget.maxCostUsd !== undefined && e.costUsd !== undefined && overLimit(e.costUsd, budget.maxCostUsd))
        over.push(`${atLeast}~${formatUsd(e.costUsd)} with each reply at its max_tokens, over ${(0,phrasing/* setting */.Pe)('max-cost-usd')} (${formatUsd(budget.maxCostUsd)})`);
    if (over.length === 0)
        return;
    const largest = [...e.documents].sort((a, b) => b.tokens - a.tokens);
    const lines = largest
        .slice(0, LISTED)
        .map((d) => `  ${d.output}: ${atLeast}~${d.tokens} tokens (${d.chars} characters, ${d.modelId}` +
        (d.costUsd === undefined ? ')' : `, ${formatUsd(d.costUsd)} with ${d.maxTokens} output tokens)`));
    if (largest.length > LISTED)
        lines.push(`  … and ${largest.length - LISTED} more`);
    throw new errors/* GraftError */.Tz({
        message: `this run is over its budget, so no model was called: ${over.join('; ')}. ` +
            `Input tokens ${e.method}; total ${atLeast}~${e.total} for ${e.documents.length} document(s), largest first:\n${lines.join('\n')}`,
        hint: `regenerate fewer documents per run with ${(0,phrasing/* setting */.Pe)('targets')}, raise ${(0,phrasing/* setting */.Pe)('max-documents')}, ${(0,phrasing/* setting */.Pe)('max-input-tokens')} or ${(0,phrasing/* setting */.Pe)('max-cost-usd')} if this spend is intended, ` +
            'or split the run (one job per pipeline or per target list, e.g. a matrix)' +
            (budget.maxCostUsd !== undefined && e.costUsd !== undefined && overLimit(e.costUsd, budget.maxCostUsd)
                ? `; the cost counts each reply at its max_tokens, so a lower \`max_tokens\` (or ${(0,phrasing/* setting */.Pe)('max-tokens')}) lowers it`
                : '')
    });
}
/**
 * What a run's rendered documents cost, from the tokens Bedrock reported:
 * `usd` is undefined when a rendered document's model has no price, and
 * `unpriced` names those models.
 */
function runCost(documents) {
    const unpriced = [...new Set(documents.filter((d) => d.rendered && d.costUsd === undefined).map((d) => d.modelId))];
    if (unpriced.length > 0)
        return { unpriced };
    return { usd: documents.reduce((t, d) => t + (d.rendered ? (d.costUsd ?? 0) : 0), 0), unpriced };
}

;// CONCATENATED MODULE: ./src/core/generate/spend.ts
// What a run's model calls cost: every call Bedrock answered, whether its reply
// was used or not (a reply cut off at max_tokens is billed in full, and so is a
// reply that failed its checks), by the tokens Bedrock reported; a call that
// reported none (a stream that broke off, or ended without its usage) is counted
// from its characters and marked as estimated. One ledger per run, shared by its
// rounds, so the totals stay true when a run fails half-way: they are what the
// outputs, the summary and the comment report, and what max-output-tokens and
// max-cost-usd are held to.

class RunSpend {
    prices;
    calls = [];
    /** `prices`: the run's own (`model-prices`), over the list prices. */
    constructor(prices) {
        this.prices = prices;
    }
    /** Records one call Bedrock answered, for `document` (its output path). */
    record(document, modelId, usage) {
        const price = priceOf(modelId, this.prices);
        this.calls.push({ ...usage, document, modelId, ...(price ? { usd: costUsd(usage, price) } : {}) });
    }
    /** How many calls are recorded: pass it to totals() later for the calls made since. */
    get count() {
        return this.calls.length;
    }
    /** Every call of the run, or of one document; only those recorded after the first `from` when given. */
    totals(document, from = 0) {
        const calls = this.calls.slice(from).filter((c) => document === undefined || c.document === document);
        const unpriced = [...new Set(calls.filter((c) => c.usd === undefined).map((c) => c.modelId))];
        return {
            calls: calls.length,
            inputTokens: calls.reduce((t, c) => t + c.inputTokens, 0),
            outputTokens: calls.reduce((t, c) => t + c.outputTokens, 0),
            ...(unpriced.length === 0 ? { usd: calls.reduce((t, c) => t + c.usd, 0) } : {}),
            unpriced,
            estimatedCalls: calls.filter((c) => c.estimated).length
        };
    }
    /** Dollars of the calls whose model has a price (all of them while max-cost-usd is set). */
    pricedUsd() {
        return this.calls.reduce((t, c) => t + (c.usd ?? 0), 0);
    }
}

// EXTERNAL MODULE: ./src/core/validate/hand-edits.ts
var hand_edits = __webpack_require__(2577);
// EXTERNAL MODULE: ./src/core/pipeline/shell.ts
var shell = __webpack_require__(9416);
;// CONCATENATED MODULE: ./src/core/generate/plan.ts
// Which documents generate rewrites: the stale ones (or, with `force`, every
// targeted one), each backed by a prompt. Stages that no prompt defines are
// not ours to render (validate says to `dvc repro` them), documents waiting
// for one are left until that is done, and frozen stages are never rerun, as
// DVC never reruns them.





/**
 * The documents generate rewrites, in dependency order, each with its model and
 * output-token limit.
 * Left out: stages no prompt defines, frozen stages (`frozen: true`), and
 * documents with a `needs-repro` reason (downstream of a changing stage no
 * prompt defines); {@link leftStale} lists those of them that are stale.
 * @throws GraftError for a frozen stage named in `targets` with `force`, an
 *   unknown model, or a prompt whose `max_tokens` exceeds its model's output
 *   limit (every such prompt, at once, before any model call).
 */
function planGeneration(report, options) {
    const { pipeline } = report;
    const promptOf = new Map(pipeline.prompts.map((p) => [p.stageName, p]));
    const why = new Map(report.stale.map((d) => [d.stage, d.reasons.map((r) => r.text)]));
    const handEdited = new Set(report.stale.filter((d) => d.reasons.some((r) => r.kind === 'edited-by-hand')).map((d) => d.stage));
    const chosen = options.force
        ? pipeline.graph.order().filter((n) => report.targets.has(n))
        : report.stale.map((d) => d.stage);
    const byName = new Map(pipeline.stages.map((s) => [s.name, s]));
    // frozen: true — DVC never reruns the stage; neither does generate. Forcing one by name is a contradiction.
    const frozen = chosen.filter((n) => byName.get(n)?.frozen);
    if (options.force && report.explicitTargets) {
        const named = frozen.filter((n) => report.namedTargets.has(n));
        if (named.length > 0) {
            throw new errors/* GraftError */.Tz(named.map((n) => ({
                file: 'dvc.yaml',
                line: byName.get(n).line,
                message: `stage ${n} is frozen (frozen: true in dvc.yaml), so it is never regenerated, even with force`,
                hint: `remove frozen: true from stage ${n} (or run \`dvc unfreeze ${(0,shell/* dvcTarget */["do"])(n)}\`) to regenerate it, or leave it out of ${(0,phrasing/* setting */.Pe)('targets')}`
            })));
        }
    }
    const waiting = new Set(report.stale.filter((d) => d.reasons.some((r) => r.kind === 'needs-repro')).map((d) => d.stage));
    const names = chosen.filter((n) => promptOf.has(n) && !byName.get(n)?.frozen && !waiting.has(n));
    const inPlan = new Set(names);
    const problems = [];
    const plan = names.map((name) => {
        const prompt = promptOf.get(name);
        const modelName = prompt.model ?? options.defaultModel ?? defaults/* DEFAULT_MODEL */.UB;
        // A prompt's own model is blamed on its `model:` line; the default on the input that set it.
        const modelId = prompt.model !== undefined
            ? (0,models/* resolveModel */.AX)(prompt.model, { file: prompt.path, line: prompt.modelLine })
            : (0,models/* resolveModelSetting */.Os)(modelName, 'the model input (the model of prompts that name none)');
        const limit = (0,models/* outputTokenLimit */.YD)(modelId);
        if (prompt.maxTokens !== undefined && limit !== undefined && prompt.maxTokens > limit) {
            problems.push({
                file: prompt.path,
                line: prompt.maxTokensLine,
                message: `max_tokens is ${prompt.maxTokens}, above the output limit of ${modelName} (${limit} tokens); Bedrock would refuse the call`,
                hint: `set \`max_tokens: ${limit}\` or less, or choose a model with a higher limit`
            });
        }
        const fallback = options.maxTokens ?? defaults/* DEFAULT_MAX_TOKENS */.Uc;
        const capped = prompt.maxTokens === undefined && limit !== undefined && limit < fallback;
        return {
            stage: byName.get(name),
            prompt,
            modelName,
            modelId,
            maxTokens: prompt.maxTokens ?? (limit === undefined ? fallback : Math.min(fallback, limit)),
            maxTokensFrom: prompt.maxTokens !== undefined
                ? `\`max_tokens: ${prompt.maxTokens}\` in ${prompt.path}${prompt.maxTokensLine ? ` (line ${prompt.maxTokensLine})` : ''}`
                : capped
                    ? `the model's output limit (${limit} tokens for ${modelName}; max-tokens is ${fallback})`
                    : `the max-tokens setting (${prompt.path} sets no \`max_tokens\`)`,
            after: pipeline.graph.upstream(name).filter((u) => inPlan.has(u)),
            reasons: why.get(name) ?? ['forced'],
            handEdited: handEdited.has(name)
        };
    });
    if (problems.length > 0)
        throw new errors/* GraftError */.Tz(problems);
    return plan;
}
/**
 * The targeted stale stages a plan leaves stale (not prompts, frozen, or
 * waiting for a `dvc repro`), in dependency order; their reasons say what to
 * run. Orphans are not among them: generate removes them.
 */
function leftStale(report, plan) {
    const planned = new Set(plan.map((d) => d.stage.name));
    // an orphan is not left stale: generate removes it (pipeline-files.ts)
    const orphans = new Set(report.pipeline.orphans.map((s) => s.name));
    return report.stale.filter((d) => !planned.has(d.stage) && !orphans.has(d.stage));
}

;// CONCATENATED MODULE: ./src/core/generate/schedule.ts
// Runs tasks in dependency order: a task starts once every task it depends on
// has finished, with at most `concurrency` running at once. A failure the
// caller calls local (one document's own: a timeout, a cut-off reply) stops
// only what depends on the failed task, so the others still run (and their
// work is kept, e.g. in the render cache); any other failure, or stop(),
// stops new starts at once. The tasks in flight always finish. Then, if
// anything failed, DagFailed is thrown.
/** What a run that did not complete left behind. */
class DagFailed extends Error {
    failures;
    done;
    skipped;
    stopped;
    constructor(
    /** every failure, in the order they happened */
    failures, 
    /** tasks that finished */
    done, 
    /** tasks never started: behind a failed task, or after the run stopped */
    skipped, 
    /** why new starts stopped before the run ran out of tasks, if they did */
    stopped) {
        super(failures.length > 0 ? errorMessage(failures[0].error) : (stopped ?? 'the run stopped'));
        this.failures = failures;
        this.done = done;
        this.skipped = skipped;
        this.stopped = stopped;
        this.name = 'DagFailed';
    }
}
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
async function runDag(tasks, concurrency, options = {}) {
    const results = new Map();
    const pending = new Map(tasks.map((t) => [t.id, t]));
    const running = new Map();
    const failures = [];
    const failed = new Set();
    let stopped;
    const ids = new Set(tasks.map((t) => t.id));
    const ready = (t) => t.after.every((id) => results.has(id) || !ids.has(id));
    const blocked = (t) => t.after.some((id) => failed.has(id));
    while ((pending.size > 0 && !stopped) || running.size > 0) {
        if (!stopped)
            stopped = options.stopReason?.();
        if (!stopped) {
            for (const task of [...pending.values()]) {
                if (running.size >= Math.max(1, concurrency))
                    break;
                if (blocked(task)) {
                    // a task behind a failed one never starts; neither does what lies behind it
                    pending.delete(task.id);
                    failed.add(task.id);
                    continue;
                }
                if (!ready(task))
                    continue;
                pending.delete(task.id);
                running.set(task.id, task.run().then((value) => {
                    results.set(task.id, value);
                    running.delete(task.id);
                }, (error) => {
                    failures.push({ id: task.id, error });
                    failed.add(task.id);
                    if (!(options.isLocal?.(error) ?? false))
                        stopped ??= errorMessage(error);
                    running.delete(task.id);
                }));
            }
        }
        if (running.size === 0) {
            if (stopped || pending.size === 0)
                break;
            // a pass removes what waits on a failed task; go round again until none is left
            if ([...pending.values()].some(blocked))
                continue;
            if (failures.length > 0)
                break;
            throw new Error(`tasks can never start: ${[...pending.keys()].join(', ')}`);
        }
        await Promise.race(running.values());
    }
    if (failures.length > 0 || stopped) {
        const skipped = tasks.map((t) => t.id).filter((id) => !results.has(id) && !failures.some((f) => f.id === id));
        throw new DagFailed(failures, [...results.keys()], skipped, stopped);
    }
    return results;
}

// EXTERNAL MODULE: ./src/core/io/transaction.ts
var io_transaction = __webpack_require__(9276);
;// CONCATENATED MODULE: ./src/core/generate/preflight.ts
// Before the first model call: everything that could make the final write
// fail is checked, so a refusal never comes after money was spent. Every
// output of the plan must be writable as a file (not a folder, not under a
// file, not through a symlink that leaves the repository or enters .git/,
// .github/, .dvc/), and dvc.yaml and dvc.lock must be plain files.



/**
 * Checks the plan's writes against the file system as it is now.
 * @throws GraftError listing every problem, each naming the prompt (or pipeline file) to fix.
 */
function preflight(root, plan) {
    const paths = new resolver/* RepoPathChecker */.x_(root);
    const problems = [];
    for (const file of names/* PIPELINE_FILES */.Vh) {
        const problem = paths.check(file, 'pipeline');
        if (problem)
            problems.push({
                file,
                message: `cannot write ${file}: ${problem}`,
                hint: `make ${file} a plain file (git rm the symlink and commit the real file)`
            });
    }
    for (const doc of plan) {
        for (const out of doc.stage.outs) {
            const problem = paths.check(out.path, 'output');
            if (problem) {
                problems.push({
                    file: doc.prompt.path,
                    message: `cannot write ${(0,names/* showPath */.P8)(out.path)}: ${problem}`,
                    hint: 'point `out` at a file path inside the repository (not a folder, not under a file, not through a symlink), or fix the file system'
                });
            }
        }
    }
    (0,errors/* throwIfProblems */.W8)(problems);
}

;// CONCATENATED MODULE: ./src/core/pack/secrets.ts
// The last line of defence before a model call: the packed prompt must hold
// none of the secrets this run knows (the token and its base64 forms, AWS
// secret and session keys, every value the adapter masked) and no string
// shaped like a credential. A hit stops the run before anything is sent.


/** Shorter values are too likely to occur by chance (and GitHub masks nothing that short either). */
const MIN_SECRET_LENGTH = 8;
/**
 * The values to look for: each given secret, and the base64 forms a token takes
 * in git's `http.extraheader` (`x-access-token:<token>`) and alone.
 */
function secretForms(secrets) {
    const forms = new Set();
    for (const secret of secrets) {
        const value = secret?.trim();
        if (!value || value.length < MIN_SECRET_LENGTH)
            continue;
        forms.add(value);
        forms.add(Buffer.from(value).toString('base64').replace(/=+$/, ''));
        forms.add(Buffer.from(`x-access-token:${value}`).toString('base64').replace(/=+$/, ''));
    }
    return [...forms];
}
/** The secrets a process environment holds that must never reach a prompt (the SDK's and git's). */
function environmentSecrets(env) {
    return [
        env.AWS_SECRET_ACCESS_KEY,
        env.AWS_SESSION_TOKEN,
        env.GITHUB_TOKEN,
        env.GH_TOKEN,
        env.ACTIONS_RUNTIME_TOKEN
    ].filter((v) => typeof v === 'string' && v !== '');
}
/**
 * Throws when `packed` holds a known secret or a credential-shaped string.
 * `document` is the output being generated; the error names the file the
 * secret came from, read from the packed prompt's section markers.
 * @throws GraftError before any model call.
 */
function assertNoSecrets(packed, knownForms, context) {
    for (const form of knownForms) {
        const at = packed.indexOf(form);
        if (at >= 0)
            throw leak(packed, at, 'a secret of this run (a token or key the runner holds)', context);
    }
    for (const shape of SECRET_SHAPES) {
        shape.pattern.lastIndex = 0;
        for (let m = shape.pattern.exec(packed); m; m = shape.pattern.exec(packed)) {
            if (!shape.harmless?.(m[0]))
                throw leak(packed, m.index, shape.name, context);
        }
    }
}
function leak(packed, at, what, context) {
    const source = sourceAt(packed, at, context);
    return new errors/* GraftError */.Tz({
        file: source,
        message: `stopped before calling the model for ${context.document}: the packed prompt holds ${what}, from ${source}`,
        hint: `remove the secret from ${source} (and rotate it if it was ever pushed), or drop that file from the prompt's deps; nothing was sent`
    });
}
/** Which file a position of the packed prompt shows: a diff's `+++ b/P`, the previous draft, or the prompt. */
function sourceAt(packed, at, context) {
    const before = packed.slice(0, at);
    const section = /---BEGIN ([A-Z ]+)---/g;
    let name = '';
    for (let m = section.exec(before); m; m = section.exec(before))
        name = m[1];
    if (name === 'PREVIOUS DRAFT')
        return context.document;
    if (name === 'SOURCE DIFF') {
        const headers = [...before.matchAll(/^(?:\+\+\+ b|--- a)\/(.+)$/gm)];
        if (headers.length > 0)
            return headers[headers.length - 1][1];
    }
    return context.prompt;
}

// EXTERNAL MODULE: ./src/core/shell-word.ts
var shell_word = __webpack_require__(2530);
// EXTERNAL MODULE: ./src/core/dvc/dvclock.ts
var dvclock = __webpack_require__(363);
// EXTERNAL MODULE: ./src/core/dvc/hash.ts
var hash = __webpack_require__(5655);
// EXTERNAL MODULE: ./src/core/dvc/lfs-pointer.ts
var lfs_pointer = __webpack_require__(824);
// EXTERNAL MODULE: ./src/core/pipeline/unchecked-submodules.ts
var unchecked_submodules = __webpack_require__(8056);
// EXTERNAL MODULE: ./src/core/pipeline/sync.ts
var sync = __webpack_require__(6291);
// EXTERNAL MODULE: ./src/core/pipeline/stages.ts
var stages = __webpack_require__(9875);
;// CONCATENATED MODULE: ./src/core/generate/pipeline-files.ts
// dvc.yaml and dvc.lock as generate leaves them: brought in line with the
// prompts as sync does (pipeline/sync.ts) for the stages the run renders — a
// new prompt gains a stage in the repository's own command template, changed
// deps follow the frontmatter, a moved output rewrites its stage — and every
// orphan (the stage of a renamed or deleted prompt) goes with its lock entry;
// every rewritten document's lock entry holds the new hashes, so the real
// `dvc status` reports it up to date. Kept in memory until the run succeeds.













class PipelineFiles {
    root;
    pipeline;
    plan;
    declared;
    /** each rendered stage's new lock entry, in the order recorded; spliced into dvc.lock in one pass at the end */
    lockStages = new Map();
    edits;
    constructor(root, pipeline, plan) {
        this.root = root;
        this.pipeline = pipeline;
        this.plan = plan;
        this.declared = new Map((pipeline.dvcYaml?.stages ?? []).map((s) => [s.name, s]));
    }
    /**
     * What the run changes in dvc.yaml (and so in dvc.lock): sync's edits for
     * the planned stages, and every orphan removed. Worked out once, reading
     * dvc.yaml through the resolver (it does not change during a run).
     * @throws GraftError for a dvc.yaml this tool cannot edit (stages in flow style, …)
     */
    sync() {
        this.edits ??= (0,sync/* syncEdits */.Vf)(this.pipeline, new resolver/* RepoPathChecker */.x_(this.root).readText('dvc.yaml', 'pipeline'), new Set(this.plan.map((d) => d.stage.name)));
        return this.edits;
    }
    /** The command the stage has (or will have) in dvc.yaml. */
    commandOf(doc) {
        return this.sync().written.get(doc.stage.name)?.cmd ?? this.declared.get(doc.stage.name)?.cmd ?? doc.stage.cmd;
    }
    /**
     * Hashes, before any model call, every dep the run's lock entries will hash
     * and the run does not write, with the rules recordLock applies: what would
     * make it fail after the renders (a .dvcignore inside a directory dep, a
     * broken link, a dep that is gone, a dvc.yaml or dvc.lock it cannot edit)
     * fails here, with its file named.
     */
    async precheck() {
        this.refuseParams();
        const written = new Set(this.plan.flatMap((d) => d.stage.outs.map((o) => (0,names/* normalizeRepoPath */.NP)(o.path))));
        const deps = new Set(this.plan.flatMap((d) => d.stage.deps.map(names/* normalizeRepoPath */.NP)).filter((p) => !written.has(p)));
        const hasher = new hash/* Hasher */.OP({ root: this.root }); // its own: recordLock must see the files as the run leaves them
        const entries = await Promise.all([...deps].map((p) => (0,dvclock/* lockEntryFor */.PZ)(this.root, p, false, hasher)));
        // the documents as they are (each a previous draft, or a dep of a later one): read for LFS pointers too
        await Promise.all([...written].map(async (p) => (await isFile((0,external_node_path_.join)(this.root, p))) && (await hasher.file((0,external_node_path_.join)(this.root, p)))));
        await refuseLfsPointers(this.root, [...hasher.lfsPointers], this.plan);
        await this.refuseUncheckedSubmodules(new Map(entries.map((e) => [e.path, e.md5])));
        // dvc.yaml and dvc.lock edited now as the run will edit them (the lock with placeholder
        // entries): a file this tool cannot edit (stages in flow style, …) fails here, not after the renders.
        this.sync();
        this.editedLock(this.plan.map((d) => [d.stage.name, { cmd: this.commandOf(d), deps: [], outs: [] }]));
    }
    /**
     * Submodules the checkout lacks among the deps (see unchecked-submodules.ts),
     * where a dep holding one would be recorded with another hash than dvc.lock
     * has (a stage with no entry yet included): refused before any model call,
     * each on the prompt line that lists it. `hashes`: each dep's md5 as it is now.
     * @throws GraftError naming every such submodule
     */
    async refuseUncheckedSubmodules(hashes) {
        const missing = await (0,unchecked_submodules/* uncheckedSubmodules */.k)(new io_git/* Git */.TU(this.root), [...hashes.keys()]);
        const problems = [];
        for (const link of missing) {
            for (const doc of this.plan) {
                const i = doc.stage.deps.findIndex((dep) => (0,names/* isSameOrInside */.Im)((0,names/* normalizeRepoPath */.NP)(dep), link));
                if (i < 0)
                    continue;
                const dep = (0,names/* normalizeRepoPath */.NP)(doc.stage.deps[i]);
                const locked = this.pipeline.lock?.stages
                    .get(doc.stage.name)
                    ?.deps.find((e) => (0,names/* normalizeRepoPath */.NP)(e.path) === dep);
                if (locked?.md5 === hashes.get(dep))
                    continue; // recorded so already: nothing would change
                const line = doc.prompt.depLines?.[doc.prompt.deps.findIndex((d) => (0,names/* normalizeRepoPath */.NP)(d) === dep)];
                problems.push({
                    file: doc.prompt.path,
                    line: line ?? 1,
                    message: `${(0,names/* showPath */.P8)(link)} is a Git submodule this checkout did not check out (an empty folder here): a document generated now would be written without the submodule's files, and dvc.lock would record the empty folder's hash for ${(0,names/* showPath */.P8)(dep)}, which every checkout with the submodule calls changed`,
                    hint: unchecked_submodules/* UNCHECKED_SUBMODULE_HINT */.M
                });
            }
        }
        (0,errors/* throwIfProblems */.W8)(problems);
    }
    /** A planned stage with `params:` in dvc.yaml, refused before any call (see paramsProblem). */
    refuseParams() {
        (0,errors/* throwIfProblems */.W8)(this.plan
            .map((d) => this.declared.get(d.stage.name))
            .filter((s) => s?.params === true)
            .map(stages/* paramsProblem */.MW));
    }
    /** Hashes the stage's deps and outs as they are now and records them. */
    async recordLock(doc) {
        const entry = async (path) => (0,dvclock/* lockEntryFor */.PZ)(this.root, path);
        const [deps, outs] = await Promise.all([
            Promise.all(doc.stage.deps.map(entry)),
            Promise.all(doc.stage.outs.map((o) => entry(o.path)))
        ]);
        this.lockStages.set(doc.stage.name, { cmd: this.commandOf(doc), deps, outs });
    }
    /** The files to write: [path, text]; only those whose text changes. */
    filesToWrite() {
        const files = [];
        const { yaml, changes } = this.sync();
        if (yaml !== undefined && changes.length > 0)
            files.push(['dvc.yaml', yaml]);
        const lock = this.editedLock([...this.lockStages]);
        if (lock !== undefined)
            files.push(['dvc.lock', lock]);
        return files;
    }
    /** dvc.lock without the entries sync drops, with `stages` set; undefined when nothing changes. */
    editedLock(stages) {
        const { lockGone } = this.sync();
        if (stages.length === 0 && lockGone.length === 0)
            return undefined;
        const text = new resolver/* RepoPathChecker */.x_(this.root).readText('dvc.lock', 'pipeline');
        const kept = text !== undefined && lockGone.length > 0 ? (0,dvclock/* removeLockStages */.dQ)(text, lockGone) : text;
        return stages.length > 0 ? (0,dvclock/* setLockStages */.rW)(kept, stages) : kept;
    }
}
/**
 * Git LFS pointers among the deps (the checkout lacks their content, see
 * lfs-pointer.ts): refused before any model call and before anything is
 * written, each named, on the prompt line that lists it (or the folder holding it).
 * @throws GraftError naming every pointer file
 */
async function refuseLfsPointers(root, pointers, plan) {
    const shaped = pointers.map((abs) => (0,external_node_path_.relative)(root, abs).split(external_node_path_.sep).join('/'));
    const outputs = plan.flatMap((d) => d.stage.outs.map((o) => (0,names/* normalizeRepoPath */.NP)(o.path)));
    const tracked = await (0,lfs_pointer/* lfsTracked */.U)(new io_git/* Git */.TU(root), [...new Set([...shaped, ...outputs])]);
    const problems = [];
    // A document Git LFS tracks, not a pointer here: the action commits without git-lfs's filter (it runs no
    // program the repository configures), so the commit would hold the document where Git LFS expects a pointer.
    for (const doc of plan)
        for (const out of doc.stage.outs.map((o) => (0,names/* normalizeRepoPath */.NP)(o.path)))
            if (tracked?.has(out) && !shaped.includes(out))
                problems.push({
                    file: doc.prompt.path,
                    line: doc.prompt.outLine ?? 1,
                    message: `${(0,names/* showPath */.P8)(out)}, the document this prompt writes, is tracked with Git LFS (filter=lfs in .gitattributes): the action commits without Git LFS's filter (it runs no program the repository configures), so the commit would hold the document itself where Git LFS expects a pointer`,
                    hint: `stop tracking generated documents with Git LFS (narrow the filter=lfs pattern in .gitattributes, or \`git lfs untrack ${(0,shell_word/* shellPath */.G)(out)}\`), or set \`out\` to a path it does not cover`
                });
    for (const pointer of shaped.filter((p) => tracked?.has(p) ?? true).sort()) {
        const writer = plan.find((d) => d.stage.outs.some((o) => (0,names/* normalizeRepoPath */.NP)(o.path) === pointer));
        if (writer) {
            problems.push({
                file: writer.prompt.path,
                line: writer.prompt.outLine ?? 1,
                message: `${(0,names/* showPath */.P8)(pointer)}, the document this prompt writes, is a Git LFS pointer, not the document: the repository tracks it with Git LFS and this checkout did not fetch LFS files; the pointer would be taken for the previous draft (and for a source of the documents reading it), and dvc.lock would record its md5, which every checkout with the content calls changed`,
                hint: LFS_HINT
            });
            continue;
        }
        const doc = plan.find((d) => d.stage.deps.some((dep) => (0,names/* isSameOrInside */.Im)((0,names/* normalizeRepoPath */.NP)(dep), pointer)));
        const i = doc?.prompt.deps.findIndex((dep) => (0,names/* isSameOrInside */.Im)((0,names/* normalizeRepoPath */.NP)(dep), pointer)) ?? -1;
        problems.push({
            file: doc ? doc.prompt.path : (0,names/* showPath */.P8)(pointer),
            line: doc ? (i >= 0 ? doc.prompt.depLines?.[i] : 1) : undefined,
            message: `${(0,names/* showPath */.P8)(pointer)} is a Git LFS pointer, not the file's content: the repository tracks it with Git LFS and this checkout did not fetch LFS files; a document generated from it would describe the pointer, and dvc.lock would record the pointer's md5, which every checkout with the content calls changed`,
            hint: LFS_HINT
        });
    }
    (0,errors/* throwIfProblems */.W8)(problems);
}
const LFS_HINT = 'check out with LFS files: actions/checkout with `lfs: true` (or run `git lfs pull` before this action), then run again';
async function isFile(abs) {
    return (await (0,promises_.stat)(abs).catch(() => undefined))?.isFile() === true;
}

;// CONCATENATED MODULE: ./src/core/render/non-text.ts
// What a model's reply may carry that is not text, and so never belongs in a
// document: a NUL (git then calls the file binary, and the bot commit's diff
// hides what changed from its reviewer) and an unpaired UTF-16 surrogate (a
// JSON escape such as \ud800, written to the file as U+FFFD). Replies arrive as
// JSON, where both can come in escaped.
/** The first character of `text` that is not text, and its line (1-based); undefined when there is none. */
function nonText(text) {
    const nul = text.indexOf('\u0000');
    const lone = firstLoneSurrogate(text);
    if (nul < 0 && lone < 0)
        return undefined;
    const at = nul < 0 ? lone : lone < 0 ? nul : Math.min(nul, lone);
    return {
        what: at === nul ? 'a NUL character' : 'an unpaired surrogate',
        line: text.slice(0, at).split('\n').length
    };
}
/** The index of the first surrogate without its pair, or -1. */
function firstLoneSurrogate(text) {
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff) {
            const next = text.charCodeAt(i + 1);
            if (next >= 0xdc00 && next <= 0xdfff)
                i++;
            else
                return i;
        }
        else if (c >= 0xdc00 && c <= 0xdfff)
            return i;
    }
    return -1;
}

;// CONCATENATED MODULE: ./src/core/render/edits.ts
// The model's edits to the previous draft, applied exactly as the standing
// instructions define them: each old_text occurs exactly once in the text as
// the earlier edits of the list left it, no edit reaches into text an earlier
// edit wrote, no new_text holds what is not text (non-text.ts), and the result
// is a document (not empty, no Graft header line: the action adds the header).
// Anything else is refused with the edit's number and the reason, so the caller
// can rewrite the whole document instead.


/**
 * `draft` (the exact text the model was shown) with `edits` applied in order.
 *
 * Line endings: a draft whose every line break is CRLF is matched and edited
 * with its line breaks read as LF, and every line break of the result is CRLF
 * again, so an old_text copied with LF (or CRLF) matches and the file keeps
 * its own endings. A draft with no CRLF at all reads an edit's CRLF as LF. A
 * draft that mixes both is matched byte for byte.
 */
function applyDraftEdits(draft, edits) {
    const crlf = (0,graft_header/* usesCrlf */.k0)(draft);
    const plain = crlf || !draft.includes('\r\n');
    const norm = (s) => (plain ? s.replace(/\r\n/g, '\n') : s);
    let text = norm(draft);
    const written = [];
    for (const [i, edit] of edits.entries()) {
        const n = i + 1;
        let oldText = norm(edit.oldText);
        let newText = norm(edit.newText);
        if (oldText === '')
            return { ok: false, edit: n, reason: `old_text ${n} is empty` };
        const unterminated = atUnterminatedEnd(text, oldText);
        if (unterminated !== undefined) {
            oldText = unterminated;
            newText = newText.replace(/\r?\n$/, ''); // its whole line break (CRLF in a mixed draft): no lone CR
        }
        const bad = nonText(newText);
        if (bad)
            return {
                ok: false,
                edit: n,
                reason: `new_text ${n} holds ${bad.what === 'a NUL character' ? bad.what : `${bad.what} (not text)`}`
            };
        const start = text.indexOf(oldText);
        if (start < 0)
            return { ok: false, edit: n, reason: `old_text ${n} not found` };
        // a second match may overlap the first ("aa" in "aaa"): the edit is just as ambiguous
        if (text.indexOf(oldText, start + 1) >= 0) {
            return { ok: false, edit: n, reason: `old_text ${n} occurs ${occurrences(text, oldText)} times` };
        }
        const end = start + oldText.length;
        const hit = written.find((w) => w.start === w.end ? start < w.start && w.start < end : start < w.end && w.start < end);
        if (hit)
            return { ok: false, edit: n, reason: `edit ${n} overlaps edit ${hit.edit}` };
        text = text.slice(0, start) + newText + text.slice(end);
        const shift = newText.length - oldText.length;
        for (const w of written) {
            if (w.start >= end) {
                w.start += shift;
                w.end += shift;
            }
        }
        written.push({ start, end: start + newText.length, edit: n });
    }
    if (text.trim() === '')
        return { ok: false, reason: 'the edits leave the document empty' };
    if (text.split('\n').some((line) => (0,graft_header/* isHeaderLine */.Sd)(line))) {
        const culprit = edits.findIndex((e) => e.newText.includes(graft_header/* HEADER_PREFIX */.d4));
        return culprit >= 0
            ? { ok: false, edit: culprit + 1, reason: `new_text ${culprit + 1} writes a Graft header line` }
            : { ok: false, reason: 'the edited document holds a Graft header line' };
    }
    return { ok: true, text: crlf ? text.replace(/\n/g, '\r\n') : text };
}
/**
 * The old_text without its final line break, when the model copied the last
 * line of a draft that has none with one (deepagents#2856): that old_text is
 * nowhere in the draft, and without its break it ends the draft and occurs
 * nowhere else, so the edit can mean only that place. Undefined otherwise (the
 * exact rule then decides).
 */
function atUnterminatedEnd(text, oldText) {
    if (!oldText.endsWith('\n') || text.endsWith('\n') || text.includes(oldText))
        return undefined;
    const key = oldText.slice(0, -1);
    return key !== '' && text.endsWith(key) && occurrences(text, key) === 1 ? key : undefined;
}
/** How often `needle` occurs in `text`, overlapping occurrences included. */
function occurrences(text, needle) {
    let count = 0;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1))
        count++;
    return count;
}

;// CONCATENATED MODULE: ./src/core/generate/render-document.ts
// One document's text from the model, in the style its request was packed
// for. Edit mode asks for edits to the previous draft (the edit_document tool)
// and applies them to the exact draft it sent; when they cannot be applied (no
// match, two matches, overlap, no tool call, bad input, a reply cut off, a
// model that takes no tools) the document is rendered once more, whole, with
// the same directive. Every call is checked for secrets and reserved against
// max-cost-usd before it starts, and told to the run's ledger for every
// attempt Bedrock answered (RenderRequest.onUsage); every text goes into the
// render cache.





/**
 * The render cache's key: model, output limit (as sent), temperature, the style
 * asked for and the packed prompt; in edit mode also the exact draft the edits
 * apply to (the prompt shows it without its final line break, and an edited
 * text keeps its draft's ending).
 */
function renderCacheKey(doc, packed) {
    const draft = packed.style === 'edits' ? [(0,graft_header/* sha256Hex */.fg)(packed.changes.previousDraft ?? '')] : [];
    return (0,graft_header/* sha256Hex */.fg)(JSON.stringify([doc.modelId, doc.maxTokens, doc.prompt.temperature ?? null, packed.style, packed.packed, ...draft]));
}
/**
 * The tool a document's first call carries: edit_document for edits to a
 * previous draft, none for a whole document. What the estimate counts and what
 * renderDocument sends.
 */
function requestTool(packedDoc) {
    return packedDoc.style === 'edits' && packedDoc.changes.previousDraft !== undefined ? EDIT_TOOL : undefined;
}
async function renderDocument(ctx, doc, packedDoc) {
    const draft = packedDoc.changes.previousDraft;
    if (requestTool(packedDoc) === undefined || draft === undefined)
        return rewrite(ctx, doc, packedDoc);
    const key = renderCacheKey(doc, packedDoc);
    const hit = await cached(ctx, doc, key);
    if (hit)
        return hit;
    const tried = await tryEdits(ctx, doc, packedDoc, draft);
    if (tried.ok) {
        await ctx.cache?.put(key, JSON.stringify({ body: tried.rendered.body, style: 'edits', sig: tried.rendered.sig }));
        return tried.rendered;
    }
    const out = doc.prompt.out;
    // a model that takes no tools was named once already (tryEdits): no warning per document
    if (tried.refused)
        ctx.log.info(`${out}: rewriting the whole document (${tried.reason})`);
    else
        ctx.log.warn(`${out}: edits did not apply: ${tried.reason}; rewriting the whole document`);
    const over = ctx.overBudget();
    if (over)
        throw new errors/* GraftError */.Tz({
            file: doc.prompt.path,
            message: `${out}: no rewrite after edits that did not apply: ${over}`
        });
    // the rewrite is a call of its own: reserved against max-cost-usd before it starts (rewrite → call);
    // a failure of it says what it was, since the failed edit attempt is in the log only
    const whole = await rewrite(ctx, doc, packedForRewrite(packedDoc), `the whole-document rewrite after edits that did not apply: ${tried.reason}`);
    const entry = { body: whole.body, style: 'edits→rewrite', sig: whole.sig, editsFailed: tried.reason };
    await ctx.cache?.put(key, JSON.stringify(entry));
    const calls = whole.calls + tried.calls;
    // a rewrite the cache held after an edit call that was made is not a cache hit: that call was billed
    return { ...whole, style: 'edits→rewrite', editsFailed: tried.reason, calls, cached: calls === 0 };
}
/** The whole document, from the cache or one call; `fallback`: why, when it follows edits that did not apply. */
async function rewrite(ctx, doc, packedDoc, fallback) {
    const key = renderCacheKey(doc, packedDoc);
    const hit = await cached(ctx, doc, key);
    if (hit)
        return hit;
    const sig = (0,graft_header/* sha256Hex */.fg)(packedDoc.packed);
    const req = request(ctx, doc, packedDoc.packed);
    const result = await call(ctx, doc, fallback ? { ...req, purpose: fallback } : req, fallback !== undefined);
    const entry = { body: result.text, style: 'rewrite', sig };
    await ctx.cache?.put(key, JSON.stringify(entry));
    return { body: result.text, asIs: false, style: 'rewrite', sig, calls: 1, cached: false };
}
/**
 * One model call: checked for secrets, reserved against max-cost-usd while it
 * runs, and every attempt Bedrock answers told to the run's ledger.
 */
async function call(ctx, doc, req, fallback = false) {
    ctx.checkSecrets(req.prompt, doc);
    const release = ctx.reserve(doc, req, fallback);
    try {
        return await (await ctx.renderer()).render({ ...req, onUsage: (usage) => ctx.record(doc, usage) });
    }
    finally {
        release();
    }
}
/** One call in edit mode, and the edits applied to `draft`; or why they cannot be. */
async function tryEdits(ctx, doc, packedDoc, draft) {
    const refused = { ok: false, reason: `Bedrock refuses tool use for ${doc.modelId}`, refused: true };
    if (ctx.noTools.has(doc.modelId))
        return { ...refused, calls: 0 };
    let result;
    try {
        result = await call(ctx, doc, { ...request(ctx, doc, packedDoc.packed), tool: EDIT_TOOL });
    }
    catch (error) {
        if (!(error instanceof ToolUseRefused))
            throw error;
        // said once per model: its other documents skip edit mode without a call
        if (!ctx.noTools.has(doc.modelId)) {
            ctx.noTools.add(doc.modelId);
            ctx.log.warn(`${doc.modelId}: Bedrock refuses tool use for this model (${error.said}), so its documents are rewritten whole in this run; set update-style: rewrite to skip the attempt`);
        }
        // refused before it was taken (HTTP 400): Bedrock bills nothing, the ledger holds nothing
        return { ...refused, calls: 1 };
    }
    const outcome = editedDraft(result, draft, doc.maxTokens);
    if (!outcome.ok)
        return { ok: false, reason: outcome.reason, calls: 1 };
    const count = outcome.edits;
    ctx.log.info(`${doc.prompt.out}: ${count} edit(s) applied to the previous draft`);
    return {
        ok: true,
        rendered: {
            body: outcome.text,
            asIs: true,
            style: 'edits',
            sig: (0,graft_header/* sha256Hex */.fg)(packedDoc.packed),
            cached: false,
            calls: 1
        }
    };
}
/** The draft with the reply's edits applied, or why the reply cannot give it. */
function editedDraft(result, draft, maxTokens) {
    if (result.stopReason === 'max_tokens')
        return { ok: false, reason: `the reply was cut off at max_tokens (${maxTokens})` };
    if (MALFORMED_STOPS.has(result.stopReason))
        return { ok: false, reason: `Bedrock stopped the reply as ${result.stopReason}` };
    const calls = (result.toolUses ?? []).filter((t) => t.name === EDIT_TOOL_NAME);
    if (calls.length === 0)
        return {
            ok: false,
            reason: `the model did not call ${EDIT_TOOL_NAME}${result.text.trim() ? ' (it replied with text)' : ''}`
        };
    if (calls.length > 1)
        return { ok: false, reason: `the model called ${EDIT_TOOL_NAME} ${calls.length} times` };
    const read = readEdits(calls[0].input);
    if (!read.ok)
        return read;
    const applied = applyDraftEdits(draft, read.edits);
    return applied.ok ? { ok: true, text: applied.text, edits: read.edits.length } : applied;
}
function request(ctx, doc, prompt) {
    return {
        prompt,
        modelId: doc.modelId,
        maxTokens: doc.maxTokens,
        maxTokensFrom: doc.maxTokensFrom,
        temperature: doc.prompt.temperature,
        timeoutMs: ctx.timeoutMs,
        label: doc.prompt.out,
        signal: ctx.signal
    };
}
/** A render-cache entry for `key` (prefetched or read now), or undefined; an entry that does not read back is a miss. */
async function cached(ctx, doc, key) {
    const raw = ctx.prefetched.get(key) ?? (await ctx.cache?.get(key));
    if (raw === undefined)
        return undefined;
    let entry;
    try {
        entry = JSON.parse(raw);
    }
    catch {
        return undefined;
    }
    if (typeof entry?.body !== 'string' || typeof entry.sig !== 'string')
        return undefined;
    const style = entry.style === 'edits' || entry.style === 'edits→rewrite' ? entry.style : 'rewrite';
    ctx.log.info(`${doc.prompt.out}: render cache hit, no model call (${style})`);
    return {
        body: entry.body,
        asIs: style === 'edits',
        style,
        ...(typeof entry.editsFailed === 'string' ? { editsFailed: entry.editsFailed } : {}),
        sig: entry.sig,
        calls: 0,
        cached: true
    };
}

// EXTERNAL MODULE: ./node_modules/diff/libesm/diff/line.js + 1 modules
var line = __webpack_require__(7073);
;// CONCATENATED MODULE: ./src/core/generate/line-changes.ts
// What a regeneration changed, in numbers a reviewer can use: lines added and
// removed out of the document's lines (a real line diff), and a warning when
// an UPDATE changes far more of the document than its source diff calls for.


/**
 * Past this many added and removed lines the diff stops (its cost grows with
 * lines × changes: 30,000 lines rewritten whole would take minutes) and every
 * line counts as changed, which such a change nearly is.
 */
const MAX_EDIT_LENGTH = 1000;
/**
 * Lines added and removed from `before` to `after` (both without the Graft
 * header), and `after`'s line count. The lines both share at their start and
 * end are no part of the change: only what lies between is diffed (and counted
 * whole past the diff's limit), so one large section added to a large document
 * counts as that section.
 */
function lineChange(before, after) {
    const lines = countLines(after);
    const a = splitLines(before);
    const b = splitLines(after);
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start])
        start++;
    let end = 0;
    while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
        end++;
    const oldMiddle = a.slice(start, a.length - end);
    const newMiddle = b.slice(start, b.length - end);
    const changes = (0,line/* diffLines */.Pp)(oldMiddle.join(''), newMiddle.join(''), { maxEditLength: MAX_EDIT_LENGTH });
    if (!changes)
        return { added: newMiddle.length, removed: oldMiddle.length, lines };
    let added = 0;
    let removed = 0;
    for (const c of changes) {
        if (c.added)
            added += c.count;
        else if (c.removed)
            removed += c.count;
    }
    return { added, removed, lines };
}
/** `+3 −1 of 212 lines` */
function describeLineChange(c) {
    return `+${c.added} −${c.removed} of ${c.lines} line${c.lines === 1 ? '' : 's'}`;
}
/** The lines of `text`, each with its line break (the last may have none). */
function splitLines(text) {
    return text === '' ? [] : text.split(/(?<=\n)/);
}
function countLines(text) {
    if (text === '')
        return 0;
    return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
const WHOLE = new Set([wholeFileHunk('NEW FILE'), wholeFileHunk('CURRENT CONTENT')]);
/**
 * Lines a source diff adds or removes (its `+`/`-` lines, not the `+++`/`---`
 * file headers). A dep shown whole (no baseline: a shallow checkout, a history
 * that cannot be read) counts every line of its text (trailing blank lines left
 * out): all of it is new to the model.
 */
function diffChangedLines(diff) {
    const lines = diff.split('\n');
    let n = 0;
    let whole;
    const endWhole = () => {
        if (!whole)
            return;
        while (whole.length > 0 && whole[whole.length - 1] === '')
            whole.pop();
        n += whole.length;
        whole = undefined;
    };
    for (const [i, line] of lines.entries()) {
        const fileHeader = line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ');
        if (fileHeader)
            endWhole();
        if (whole)
            whole.push(line);
        else if (WHOLE.has(line))
            whole = [];
        else if ((line.startsWith('+') && !line.startsWith('+++ ')) || (line.startsWith('-') && !fileHeader))
            n++;
    }
    endWhole();
    return n;
}
/**
 * The threshold, from measurement (docs/update-styles.md, "How much change is
 * too much"): in Graft's own history, whole-document rewrites of unchanged or
 * barely changed sources changed 46–100% of their documents' lines (median
 * about 70%), while careful UPDATEs changed at most 5%. An UPDATE is flagged
 * when it changes at least 30% of the document's lines, at least 5 lines (a
 * few lines of a tiny document are quickly read), and more lines than its
 * source diff changed.
 */
const DISPROPORTION = { share: 0.3, minLines: 5 };
/**
 * How far this UPDATE's change looks larger than its source diff calls for, or
 * undefined. Only UPDATE is judged: a changed instruction (REFINE, REFRESH) may
 * rightly touch every line (a new tone, another language).
 */
function disproportionateChange(directive, change, sourceDiffLines) {
    if (directive !== 'UPDATE')
        return undefined;
    const changed = Math.max(change.added, change.removed);
    // out of the longer of the two texts (the old one has lines − added + removed)
    const share = changed / Math.max(change.lines, change.lines - change.added + change.removed, 1);
    if (share < DISPROPORTION.share || changed < DISPROPORTION.minLines || changed <= sourceDiffLines)
        return undefined;
    return { share, sourceDiffLines };
}
/** `this UPDATE changed 60% of its lines (+60 −60 of 100 lines) for a source diff of 3 changed lines; review the whole document` */
function describeDisproportion(d, change) {
    const n = d.sourceDiffLines;
    return `this UPDATE changed ${Math.round(d.share * 100)}% of its lines (${describeLineChange(change)}) for a source diff of ${n} changed line${n === 1 ? '' : 's'}; review the whole document`;
}

;// CONCATENATED MODULE: ./src/core/generate/generate.ts
// generate: rewrite the stale documents through the model, in dependency
// order, all or nothing. plan → (baseline → changes → directive → pack →
// render → write → lock entry) per document → dvc.yaml and dvc.lock.


























async function generate(options) {
    const whole = planGeneration(options.report, {
        force: options.force,
        defaultModel: options.defaultModel,
        maxTokens: options.maxTokens
    });
    const plan = options.upTo === undefined ? whole : upTo(whole, options.upTo);
    const { log } = options;
    const left = leftStale(options.report, plan);
    for (const d of left) {
        log.warn(`${d.outputs.join(', ') || d.stage} (stage ${d.stage}) stays stale, generate does not render it: ${d.reasons.map((r) => r.text).join('; ')}`);
    }
    // dvc.yaml in line with the prompts, as Graft's repro has it: orphans go even when nothing is rendered.
    const files = new PipelineFiles(options.root, options.report.pipeline, plan);
    const pipelineChanges = options.upTo === undefined ? files.sync().changes : [];
    for (const c of pipelineChanges)
        log.info(`dvc.yaml: ${(0,sync/* describeSyncChange */.n8)(c, options.dryRun ? 'would' : 'did')}`);
    if (plan.length === 0) {
        log.info(left.length > 0
            ? `Nothing generate can render: ${left.length} stale stage(s) need the steps above first.`
            : pipelineChanges.length > 0
                ? 'No document to render: only dvc.yaml and dvc.lock are brought in line with the prompts.'
                : 'Nothing to generate: every targeted document is up to date.');
        // no model call: the ledger stays empty
        const spend = options.spend ?? new RunSpend(options.prices);
        if (pipelineChanges.length === 0 || options.dryRun)
            return { documents: [], changedFiles: [], dryRun: options.dryRun, spend, pipelineChanges };
        return {
            documents: [],
            changedFiles: await writePipelineFiles(options.root, files),
            dryRun: false,
            spend,
            pipelineChanges
        };
    }
    const outputs = plan.map((p) => p.prompt.out).join(', ');
    log.info(options.dryRun
        ? `Dry run: planning ${plan.length} document(s); no model is called and nothing is written: ${outputs}`
        : `Generating ${plan.length} document(s), ${options.concurrency} at a time: ${outputs}`);
    // Everything that could make the final write fail is refused before the first model call.
    if (options.handEdits === 'fail')
        (0,hand_edits/* refuseHandEdits */.tQ)(options.report.stale.filter((d) => plan.some((p) => p.stage.name === d.stage)));
    preflight(options.root, plan);
    const run = new GenerationRun(options, plan, files);
    await run.precheck();
    // A shallow clone is deepened here, once, before documents are packed in parallel.
    await run.deepenHistory();
    try {
        // Before any model call: what each document would send, and whether the budget allows it.
        const estimate = await run.estimate();
        const results = await runDag(plan.map((doc) => ({ id: doc.stage.name, after: doc.after, run: () => run.document(doc) })), options.concurrency, {
            isLocal: (error) => error instanceof RenderError && error.scope === 'document',
            stopReason: () => (options.signal?.aborted ? 'interrupted' : run.overBudget())
        });
        const documents = plan.map((d) => results.get(d.stage.name));
        const over = run.overBudget();
        if (over)
            throw new errors/* GraftError */.Tz({ message: over, hint: spentBudgetHint() });
        if (options.dryRun)
            return { documents, changedFiles: [], dryRun: true, estimate, spend: run.spend, pipelineChanges };
        await run.finish();
        return {
            documents,
            changedFiles: await run.transaction.changedPaths(),
            dryRun: false,
            estimate,
            spend: run.spend,
            pipelineChanges
        };
    }
    catch (error) {
        const unrestored = await run.transaction.rollback();
        let failure = error instanceof DagFailed ? runFailure(error, plan, options.cache !== undefined, unrestored.length === 0) : error;
        if (options.signal?.aborted)
            failure = interrupted(options.signal);
        if (unrestored.length === 0)
            throw failure;
        throw new errors/* GraftError */.Tz([...problemsOf(failure), ...unrestored]);
    }
}
/**
 * A run with no document to render that only brings dvc.yaml and dvc.lock in
 * line (an orphan removed): both written through a transaction, all or nothing.
 */
async function writePipelineFiles(root, files) {
    preflight(root, []);
    const transaction = new io_transaction/* FileTransaction */.Z(root);
    try {
        for (const [path, text] of files.filesToWrite())
            await transaction.write(path, text);
        return await transaction.changedPaths();
    }
    catch (error) {
        const unrestored = await transaction.rollback();
        if (unrestored.length === 0)
            throw error;
        throw new errors/* GraftError */.Tz([...problemsOf(error), ...unrestored]);
    }
}
function problemsOf(error) {
    return error instanceof errors/* GraftError */.Tz
        ? error.problems
        : [{ message: error instanceof Error ? error.message : String(error) }];
}
/** The error of a run cancelled from outside (SIGTERM, SIGINT): what was rolled back is said by the caller's log. */
function interrupted(signal) {
    const why = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'cancelled');
    return new errors/* GraftError */.Tz({
        message: `generate was interrupted (${why}): every file it had written was put back, nothing is committed`
    });
}
const spentBudgetHint = () => `raise the limit that stopped the run (${(0,phrasing/* setting */.Pe)('max-output-tokens')} or ${(0,phrasing/* setting */.Pe)('max-cost-usd')}) if this spend is intended (the texts rendered so far are in the render cache, so a re-run does not pay for them again), or regenerate fewer documents at a time with ${(0,phrasing/* setting */.Pe)('targets')}`;
/**
 * One error for a run that did not complete: every failure's own problem(s),
 * then what happened to the rest. A single failure with nothing else to say
 * is thrown as it is.
 */
function runFailure(failed, plan, cached, allRestored) {
    const outputOf = new Map(plan.map((d) => [d.stage.name, d.prompt.out]));
    const names = (ids) => ids.map((id) => outputOf.get(id) ?? id).join(', ');
    const problems = failed.failures.flatMap(({ error }) => problemsOf(error));
    if (failed.failures.length === 0 && failed.stopped)
        problems.push({ message: failed.stopped, hint: spentBudgetHint() });
    const local = failed.failures.every(({ error }) => error instanceof RenderError && error.scope === 'document');
    if (failed.failures.length === 1 && failed.skipped.length === 0 && failed.done.length === 0)
        return failed.failures[0].error;
    const rest = [];
    if (failed.done.length > 0) {
        rest.push((allRestored
            ? `${failed.done.length} other document(s) were rendered but not written (all or nothing): ${names(failed.done)}`
            : `${failed.done.length} other document(s) were rendered: ${names(failed.done)}; what the run wrote was put back, except the file(s) named below`) +
            (cached
                ? '; their texts are in the render cache, so a re-run calls the model only for the failed documents and what depends on them'
                : ''));
    }
    if (failed.skipped.length > 0) {
        rest.push(`not started${local ? ' (they depend on a failed document)' : ''}: ${names(failed.skipped)}`);
    }
    // "Nothing was written" only when rollback put every file back; otherwise the files it could not restore follow.
    if (rest.length > 0)
        problems.push({ message: `${allRestored ? 'Nothing was written. ' : ''}${rest.join('. ')}.` });
    return new errors/* GraftError */.Tz(problems);
}
/** `stage` and every stage of the plan it waits for, directly or not, in plan order. */
function upTo(plan, stage) {
    const byName = new Map(plan.map((d) => [d.stage.name, d]));
    const keep = new Set();
    const visit = (name) => {
        if (keep.has(name) || !byName.has(name))
            return;
        keep.add(name);
        for (const u of byName.get(name).after)
            visit(u);
    };
    visit(stage);
    return plan.filter((d) => keep.has(d.stage.name));
}
/** State shared by the documents of one run. */
class GenerationRun {
    options;
    plan;
    transaction;
    git;
    files;
    /** output → its text before and after this run (pending in a dry run), for the diffs of downstream prompts */
    rewritten = new Map();
    renderer;
    shortHead;
    /** packs made for the estimate, reused by documents whose upstream this run does not rewrite */
    prepacked = new Map();
    /** render-cache texts found for the estimate, by cache key */
    prefetched = new Map();
    /** every model call of the run, its reply used or not */
    spend;
    /** the most the calls in flight may still cost (their input as estimated, their replies at max_tokens) */
    reservedUsd = 0;
    /** each document's input tokens as estimated before the run, and the characters they were estimated from */
    estimated = new Map();
    secretForms;
    /** models Bedrock refused tools for: their documents are rewritten whole */
    noTools = new Set();
    constructor(options, plan, files) {
        this.options = options;
        this.plan = plan;
        this.transaction = new io_transaction/* FileTransaction */.Z(options.root);
        // In a partial clone, git fetches old contents on its own: with the action's token.
        this.git = new io_git/* Git */.TU(options.root).withLazyFetchToken(options.gitToken, options.gitServer);
        this.files = files;
        this.spend = options.spend ?? new RunSpend(options.prices);
    }
    /**
     * Packs every document as it stands, looks each up in the render cache, and
     * estimates the input tokens of those the model must render (Bedrock's
     * CountTokens where it can count, else characters ÷ 3.5); then checks the
     * budget. Throws a GraftError over budget, before any model call. A document
     * downstream of one this run rewrites is estimated from today's text of its
     * upstream (the real prompt adds the upstream's diff) and counted as a call.
     */
    async estimate() {
        const { log } = this.options;
        const planned = new Set(this.plan.map((d) => d.stage.name));
        const rewrites = new Set();
        const packs = await mapPool(this.plan, this.options.concurrency, (doc) => this.pack(doc, new Map()));
        const candidates = [];
        this.plan.forEach((doc, i) => {
            const packedDoc = packs[i];
            this.prepacked.set(doc.stage.name, packedDoc);
            const upstreamRewritten = doc.after.some((u) => planned.has(u) && rewrites.has(u));
            if (packedDoc.directive === 'MAINTAIN' && !upstreamRewritten)
                return;
            rewrites.add(doc.stage.name);
            // its first call as it will go out: one whose upstream this run rewrites is an UPDATE by then
            const style = upstreamRewritten
                ? requestStyle('UPDATE', this.options.updateStyle ?? defaults/* DEFAULT_UPDATE_STYLE */.Kg)
                : packedDoc.style;
            const tool = requestTool({ style, changes: packedDoc.changes });
            candidates.push({ doc, packed: packedDoc, final: !upstreamRewritten, ...(tool ? { tool } : {}) });
        });
        // A document whose prompt is final and whose text the render cache holds costs nothing.
        const { cache } = this.options;
        const hits = await mapPool(candidates, this.options.concurrency, async ({ doc, packed, final }) => {
            if (!final || this.options.dryRun || !cache)
                return false;
            const key = renderCacheKey(doc, packed);
            const hit = await cache.get(key);
            if (hit !== undefined)
                this.prefetched.set(key, hit);
            return hit !== undefined;
        });
        // an edit-mode document's first call carries the edit_document tool: counted with its prompt
        const toRender = candidates
            .filter((_c, i) => !hits[i])
            .map((c) => ({ doc: c.doc, packed: c.packed.packed, tool: c.tool }));
        if (toRender.length === 0)
            return undefined;
        // Counting tokens sends the packed prompt to Bedrock too: no secret may be in it.
        for (const { doc, packed } of toRender) {
            assertNoSecrets(packed, (this.secretForms ??= secretForms(this.options.secrets ?? [])), {
                document: doc.prompt.out,
                prompt: doc.prompt.path
            });
        }
        const { budget, prices } = this.options;
        // Every refusal that needs no count comes before the first request of any kind (CountTokens carries the prompt).
        const floor = floorEstimate(toRender, prices);
        const refused = this.refuse(() => {
            checkPrices(floor, budget);
            checkContextWindows(floor);
            checkBudget(floor, budget);
        });
        // Counting is only for a run that goes on.
        const counter = refused ? undefined : await this.counter();
        const estimate = await estimateInput(toRender, counter, this.options.concurrency, log, prices);
        for (const d of estimate.documents)
            this.estimated.set(d.output, { tokens: d.tokens, chars: d.chars });
        log.info(describeEstimate(estimate));
        if (!refused)
            this.refuse(() => {
                checkContextWindows(estimate);
                checkBudget(estimate, budget);
            });
        return estimate;
    }
    /**
     * Runs a refusal check: a real run throws its GraftError; a dry run says
     * where the real run would stop and goes on. True when it refused.
     */
    refuse(check) {
        if (!this.options.dryRun) {
            check();
            return false;
        }
        try {
            check();
            return false;
        }
        catch (error) {
            this.options.log.warn(`Dry run: the real run would stop here, before any request to Bedrock: ${error.message}`);
            return true;
        }
    }
    /** Why new documents must not start (the output tokens or the dollars are spent), or undefined. */
    overBudget() {
        const { maxOutputTokens, maxCostUsd } = this.options.budget;
        const spent = this.spend.totals();
        const counted = spent.estimatedCalls > 0 ? `, ${spent.estimatedCalls} call(s) counted from characters` : '';
        if (spent.outputTokens > maxOutputTokens)
            return `this run's model output reached ${spent.outputTokens} tokens${counted}, over ${(0,phrasing/* setting */.Pe)('max-output-tokens')} (${maxOutputTokens}): no further document was started and nothing was written`;
        const usd = this.spend.pricedUsd();
        if (maxCostUsd !== undefined && overLimit(usd, maxCostUsd))
            return `this run's model calls cost ~${formatUsd(usd)} by the tokens Bedrock reported${counted}, over ${(0,phrasing/* setting */.Pe)('max-cost-usd')} (${formatUsd(maxCostUsd)}): no further document was started and nothing was written`;
        return undefined;
    }
    /**
     * With max-cost-usd set, holds back what a call may cost at most (its input as
     * estimated, its reply at max_tokens) while it runs; a call that could take
     * the run over the limit, with what is spent and what the calls in flight may
     * still cost, does not start. So the limit holds while several documents are
     * in flight, when a prompt grew past its estimate (a downstream prompt
     * carries its upstream's diff), and for each call of a document: a
     * whole-document rewrite after edits that did not apply is a call of its own.
     * Returns the release.
     * @throws GraftError naming the document, before its request.
     */
    reserve(doc, request, fallback) {
        const limit = this.options.budget.maxCostUsd;
        const price = priceOf(doc.modelId, this.options.prices);
        if (limit === undefined || !price)
            return () => { };
        const known = this.estimated.get(doc.prompt.out);
        // what the call sends: its prompt, and the tool's definition when it carries one (counted so in the estimate too)
        const chars = request.prompt.length + toolChars(request.tool);
        // the estimate made before the run, plus what the prompt grew by since
        const input = known === undefined
            ? estimateTokens(chars)
            : known.tokens + (chars > known.chars ? estimateTokens(chars - known.chars) : 0);
        const most = costUsd({ inputTokens: input, outputTokens: doc.maxTokens }, price);
        const spent = this.spend.pricedUsd();
        if (overLimit(spent + this.reservedUsd + most, limit)) {
            const what = fallback
                ? `${doc.prompt.out}: no rewrite after edits that did not apply: the rewrite may cost`
                : `${doc.prompt.out} was not started: its call may cost`;
            throw new errors/* GraftError */.Tz({
                file: doc.prompt.path,
                message: `${what} up to ~${formatUsd(most)} (~${input} input tokens, the reply at max_tokens ${doc.maxTokens}), ` +
                    `and with ~${formatUsd(spent)} spent and up to ~${formatUsd(this.reservedUsd)} for the calls in flight the run could pass ${(0,phrasing/* setting */.Pe)('max-cost-usd')} (${formatUsd(limit)}); ` +
                    'nothing was written',
                hint: spentBudgetHint()
            });
        }
        this.reservedUsd += most;
        let held = true;
        return () => {
            if (held)
                this.reservedUsd -= most;
            held = false;
        };
    }
    /** The renderer's token counter, or undefined (dry runs without credentials; models it cannot count). */
    async counter() {
        if (this.options.dryRun) {
            try {
                const renderer = await this.rendererOnce();
                return renderer.countTokens?.bind(renderer);
            }
            catch (error) {
                // One short line: the reason, without its advice or details (a dry run needs no credentials).
                const said = error instanceof errors/* GraftError */.Tz ? error.problems[0].message : error.message.split('\n')[0];
                const why = said.replace(/\s*\(.*\)$/, '');
                this.options.log.info(`Dry run without Bedrock (${why}): tokens are estimated from characters`);
                this.renderer = undefined;
                return undefined;
            }
        }
        const renderer = await this.rendererOnce();
        return renderer.countTokens?.bind(renderer);
    }
    rendererOnce() {
        this.renderer ??= this.options.renderer();
        return this.renderer;
    }
    pack(doc, overrides) {
        const refresh = doc.handEdited && this.options.handEdits === 'regenerate'
            ? 'edited by hand, and hand-edits is regenerate: rewrite from the current sources and instructions, the hand-edited text as the previous draft'
            : undefined;
        return packDocument(this.git, doc, {
            overrides,
            force: this.options.force,
            log: this.options.log,
            baselineRev: this.options.baselineRev,
            // packed again after an upstream was rewritten: the baseline found for the estimate stands
            baseline: this.prepacked.get(doc.stage.name)?.baseline,
            refresh,
            // the hand-edited text is what was found edited, committed or not (at a terminal, often not yet)
            draftOnDisk: doc.handEdited,
            sourceLimit: sourceLimit(this.options.budget),
            updateStyle: this.options.updateStyle ?? defaults/* DEFAULT_UPDATE_STYLE */.Kg
        });
    }
    /**
     * In a shallow clone, fetches the history every planned document's baseline
     * needs, once for the run (deepenForBaselines); not needed when every
     * document is diffed against `baselineRev`.
     */
    async deepenHistory() {
        if (this.options.baselineRev)
            return;
        await deepenForBaselines(this.git, this.plan.map((doc) => ({ output: doc.prompt.out, name: doc.stage.name })), { token: this.options.gitToken, log: this.options.log });
    }
    /** What would fail the final write, checked before the first model call. */
    precheck() {
        return this.files.precheck();
    }
    async document(doc) {
        const { log } = this.options;
        const started = Date.now();
        const output = doc.prompt.out;
        const overrides = this.overridesFor(doc);
        const packedDoc = (overrides.size === 0 ? this.prepacked.get(doc.stage.name) : undefined) ?? (await this.pack(doc, overrides));
        const { baseline, packed, directive, line, style } = packedDoc;
        // A dry run writes nothing: what it would rewrite reaches downstream documents as pending.
        if (this.options.dryRun && directive !== 'MAINTAIN')
            this.rewritten.set(output, { before: '', after: '', pending: true });
        const sig = (0,graft_header/* sha256Hex */.fg)(packed);
        const base = {
            stage: doc.stage.name,
            output,
            prompt: doc.prompt.path,
            directive,
            directiveLine: line,
            reasons: doc.reasons,
            modelId: doc.modelId,
            promptChars: packed.length,
            sig,
            inputTokens: 0,
            outputTokens: 0,
            costUsd: 0,
            ms: 0,
            cached: false,
            rendered: false,
            baseline: baseline.rev ? baseline.rev.slice(0, 12) : 'none',
            ...(directive === 'MAINTAIN' ? {} : { style })
        };
        const asks = directive === 'MAINTAIN'
            ? ''
            : style === 'edits'
                ? '; asks for edits to the previous draft'
                : '; asks for the whole document';
        log.info(`${output}: ${line}; packed prompt ${packed.length} characters${asks}`);
        if (doc.handEdited) {
            base.handEdit = directive === 'MAINTAIN' ? 'kept' : 'regenerated';
            log.info(base.handEdit === 'kept'
                ? `${output}: edited by hand; with ${(0,phrasing/* setting */.Pe)('hand-edits', 'keep')} the edit is accepted as it is: no model call, and dvc.lock ${this.options.dryRun ? 'would record' : 'records'} its new hash`
                : `${output}: edited by hand; the model ${this.options.dryRun ? 'would get' : 'gets'} the hand-edited text as the previous draft`);
        }
        if (this.options.dryRun)
            return { ...base, packed, ms: Date.now() - started };
        if (directive !== 'MAINTAIN') {
            const from = this.spend.count;
            const rendered = await renderDocument(this.renderContext(), doc, packedDoc);
            // every call made for the document in this round (a failed edit attempt's, a refused reply's included)
            const spent = this.spend.totals(output, from);
            const header = (0,graft_header/* formatHeader */.RX)({
                model: doc.modelName,
                sig: rendered.sig,
                rev: await this.head(),
                date: (this.options.now ?? (() => new Date()))()
            });
            const before = new resolver/* RepoPathChecker */.x_(this.options.root).readText(output, 'output') ?? '';
            const draft = packedDoc.changes.previousDraft;
            // the document keeps its own line-ending style, rewritten whole or edited
            const after = (0,graft_header/* composeDocument */.wI)(header, rendered.body, {
                asIs: rendered.asIs,
                crlf: draft !== undefined && (0,graft_header/* usesCrlf */.k0)(draft)
            });
            await this.transaction.write(output, after);
            this.rewritten.set(output, { before, after });
            const lines = lineChange(draft ?? '', stripHeaderLine(after));
            const disproportionate = disproportionateChange(directive, lines, packedDoc.changes.sourcesChanged ? diffChangedLines(packedDoc.changes.sourceDiff) : 0);
            if (rendered.editsFailed)
                base.editsFailed = rendered.editsFailed;
            if (disproportionate) {
                base.disproportionate = disproportionate;
                log.warn(`${output}: ${describeDisproportion(disproportionate, lines)}`);
            }
            Object.assign(base, {
                sig: rendered.sig,
                inputTokens: spent.inputTokens,
                outputTokens: spent.outputTokens,
                costUsd: spent.usd,
                ...(spent.estimatedCalls > 0 ? { usageEstimated: true } : {}),
                cached: rendered.cached,
                rendered: true,
                style: rendered.style,
                calls: rendered.calls,
                lines
            });
        }
        await this.files.recordLock(doc);
        const ms = Date.now() - started;
        log.info(`${output}: done in ${(ms / 1000).toFixed(1)} s`);
        return { ...base, ms };
    }
    /** Writes dvc.yaml (when stages were added or changed) and dvc.lock. */
    async finish() {
        for (const [path, text] of await this.files.filesToWrite())
            await this.transaction.write(path, text);
    }
    overridesFor(doc) {
        const overrides = new Map();
        for (const dep of doc.prompt.deps) {
            const change = this.rewritten.get(dep);
            if (change)
                overrides.set(dep, change);
        }
        return overrides;
    }
    /** What renderDocument needs of this run: the renderer, the cache, the secrets check, the ledger and the budget. */
    renderContext() {
        return {
            renderer: () => this.rendererOnce(),
            cache: this.options.cache,
            prefetched: this.prefetched,
            log: this.options.log,
            timeoutMs: this.options.timeoutMs,
            signal: this.options.signal,
            checkSecrets: (packed, doc) => assertNoSecrets(packed, (this.secretForms ??= secretForms(this.options.secrets ?? [])), {
                document: doc.prompt.out,
                prompt: doc.prompt.path
            }),
            // every call Bedrock answers goes to the ledger, a fallback's failed edit attempt included
            record: (doc, usage) => this.spend.record(doc.prompt.out, doc.modelId, usage),
            reserve: (doc, request, fallback) => this.reserve(doc, request, fallback),
            overBudget: () => this.overBudget(),
            noTools: this.noTools
        };
    }
    head() {
        this.shortHead ??= this.git
            .tryExec(['rev-parse', '--short', 'HEAD'])
            .then((r) => (r.code === 0 ? r.stdout.trim() : 'workspace'));
        return this.shortHead;
    }
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-bedrock-runtime/dist-cjs/index.js
var dist_cjs = __webpack_require__(7462);
// EXTERNAL MODULE: ./node_modules/@smithy/node-http-handler/dist-cjs/index.js
var node_http_handler_dist_cjs = __webpack_require__(1279);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/config/index.js
var submodules_config = __webpack_require__(7291);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: ./node_modules/agent-base/dist/index.js + 1 modules
var agent_base_dist = __webpack_require__(319);
// EXTERNAL MODULE: ./node_modules/https-proxy-agent/dist/index.js + 2 modules
var https_proxy_agent_dist = __webpack_require__(8270);
// EXTERNAL MODULE: ./node_modules/proxy-from-env/index.js
var proxy_from_env = __webpack_require__(8182);
;// CONCATENATED MODULE: ./src/core/io/proxy.ts





/**
 * An http.Agent that decides per request: directly (a plain keep-alive agent)
 * when no proxy applies to the target URL, else through a CONNECT tunnel to
 * the proxy, one tunnel agent per proxy URL. The environment is read at each
 * request, so a process may set it after creating the agent.
 */
class EnvProxyAgent extends agent_base_dist/* Agent */.g6 {
    direct;
    tunnels = new Map();
    constructor() {
        super({ keepAlive: true });
        this.direct = { http: new external_node_http_.Agent({ keepAlive: true }), https: new external_node_https_.Agent({ keepAlive: true }) };
    }
    connect(_req, opts) {
        const scheme = opts.secureEndpoint ? 'https' : 'http';
        const proxy = proxyFor(`${scheme}://${hostForUrl(opts.host ?? 'localhost')}:${opts.port}`);
        if (!proxy)
            return this.direct[scheme];
        let tunnel = this.tunnels.get(proxy);
        if (!tunnel) {
            tunnel = new https_proxy_agent_dist/* HttpsProxyAgent */.b(proxy, { keepAlive: true });
            this.tunnels.set(proxy, tunnel);
        }
        return tunnel;
    }
    /** Closes every pooled socket (direct and tunnelled). */
    destroy() {
        this.direct.http.destroy();
        this.direct.https.destroy();
        for (const tunnel of this.tunnels.values())
            tunnel.destroy();
        super.destroy();
    }
}
/**
 * The proxy URL for `url` under the environment's HTTPS_PROXY / HTTP_PROXY /
 * ALL_PROXY / NO_PROXY, or undefined for a direct connection.
 */
function proxyFor(url) {
    return (0,proxy_from_env/* getProxyForUrl */.T)(url) || undefined;
}
/** IPv6 literals go in brackets in a URL. */
function hostForUrl(host) {
    return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

;// CONCATENATED MODULE: ./src/core/render/retry.ts
const DEFAULT_BACKOFF_MS = [5000, 15000, 45000];
/** The last error of a call that will not be retried, with how many tries it took. */
class AttemptsFailed extends Error {
    last;
    attempts;
    constructor(last, attempts) {
        super(last instanceof Error ? last.message : String(last));
        this.last = last;
        this.attempts = attempts;
        this.name = 'AttemptsFailed';
    }
}
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Runs `attempt(n, timeoutMs)` until it succeeds or the policy gives up;
 * throws AttemptsFailed. The timeout doubles after a timed-out try.
 */
async function withRetries(attempt, timeoutMs, policy) {
    let backoffsUsed = 0;
    let timeoutRetried = false;
    let clockRetried = false;
    let limit = timeoutMs;
    for (let n = 1;; n++) {
        try {
            return { value: await attempt(n, limit), attempts: n };
        }
        catch (err) {
            const kind = policy.classify(err);
            let waitMs = 0;
            if ((kind === 'throttled' || kind === 'server') && backoffsUsed < policy.backoffMs.length) {
                waitMs = policy.backoffMs[backoffsUsed++];
            }
            else if (kind === 'clock' && !clockRetried) {
                // the SDK has corrected its clock offset: the same request, signed again, at once
                clockRetried = true;
            }
            else if (kind === 'timeout' && !timeoutRetried) {
                timeoutRetried = true;
                limit *= 2;
            }
            else {
                throw new AttemptsFailed(err, n);
            }
            policy.onRetry(err, kind, waitMs, n + 1);
            if (waitMs > 0)
                await policy.sleep(waitMs);
        }
    }
}

;// CONCATENATED MODULE: ./src/core/render/limiter.ts
// How many model requests may be in flight at once, adapted to the account's
// Bedrock quota (additive increase, multiplicative decrease, as TCP and the
// AWS SDKs' adaptive retry mode do): a ThrottlingException halves the number
// in flight (at least one); a run of successes raises the limit by one, up to
// the `concurrency` input. Each attempt of a request holds a slot; a request
// waiting out its backoff holds none. One halving per wave: throttles of
// requests started before the last halving do not halve again, but they tell
// how many the account admitted (in flight minus throttled), and the limit is
// never left above that.
//
// Climbing back is quick up to just below the level that was throttled (a run
// as long as the limit per step). Going past it is a probe that costs one
// throttled request and its 5 s backoff when the quota has not grown, so it
// waits for a run PROBE_RUN times the limit, twice as long after each probe
// that was throttled (quotas rarely grow within a run).
/** Successes per slot before probing past the level that was throttled. */
const PROBE_RUN = 16;
class AdaptiveLimiter {
    max;
    options;
    current;
    inFlight = 0;
    epoch = 0;
    successes = 0;
    /** the lowest level known to be throttled: probing at or past it waits for a longer run */
    ceiling = Infinity;
    /** the last wave of throttles: requests in flight at its first throttle, and throttles counted */
    wave = { inFlight: 0, throttles: 0 };
    /** probes past the ceiling that were throttled since the last one that held */
    failedProbes = 0;
    waiting = [];
    /**
     * @param max the most requests in flight (the `concurrency` input), ≥ 1
     * @param options.fixed keep `max` whatever happens (the limiter only counts)
     * @param options.onChange told each time the limit moves, for the log
     */
    constructor(max, options = {}) {
        this.max = max;
        this.options = options;
        this.current = Math.max(1, max);
    }
    /** The number of requests currently allowed in flight. */
    get limit() {
        return this.current;
    }
    /** Waits for a free slot. */
    async acquire() {
        while (this.inFlight >= this.current)
            await new Promise((resolve) => this.waiting.push(resolve));
        this.inFlight++;
        return { epoch: this.epoch };
    }
    /**
     * Gives a slot back with the attempt's outcome. `throttled` halves the
     * in-flight count (this attempt included) unless a halving already answered
     * the wave this attempt belonged to; each further throttle of that wave
     * lowers the estimate of what the account admits, and the limit with it. A
     * run of consecutive successes of attempts started since the last halving
     * raises the limit by one, up to `max` (see the file's header for the run's length).
     */
    release(slot, outcome) {
        const inFlight = this.inFlight;
        this.inFlight--;
        if (!this.options.fixed) {
            if (outcome === 'throttled')
                this.throttled(slot, inFlight);
            else if (outcome === 'ok' && slot.epoch === this.epoch)
                this.succeeded();
        }
        this.wake();
    }
    throttled(slot, inFlight) {
        this.successes = 0;
        if (slot.epoch === this.epoch) {
            if (this.current >= this.ceiling)
                this.failedProbes++;
            this.wave = { inFlight, throttles: 1 };
            this.ceiling = inFlight;
            this.epoch++;
            this.move(Math.max(1, Math.floor(Math.min(this.current, inFlight) / 2)), 'throttled');
        }
        else if (slot.epoch === this.epoch - 1) {
            // the same wave: the account admitted at most the others in flight
            this.wave.throttles++;
            const admitted = Math.max(1, this.wave.inFlight - this.wave.throttles);
            this.ceiling = Math.min(this.ceiling, admitted + 1);
            if (this.current > admitted)
                this.move(admitted, 'throttled');
        }
    }
    succeeded() {
        // only successes at the current limit say it is safe to go higher
        this.successes++;
        const probing = this.current + 1 >= this.ceiling;
        if (this.current >= this.ceiling && this.successes >= this.current) {
            // a probe held: the quota grew
            this.ceiling = this.current + 1;
            this.failedProbes = 0;
        }
        const run = probing ? PROBE_RUN * this.current * 2 ** this.failedProbes : this.current;
        if (this.successes >= run && this.current < this.max) {
            this.successes = 0;
            this.move(this.current + 1, 'recovered');
        }
    }
    move(to, why) {
        if (to === this.current)
            return;
        const from = this.current;
        this.current = to;
        this.options.onChange?.({ from, to, why });
    }
    /** Wakes as many waiters as there are free slots; each re-checks when it runs. */
    wake() {
        const free = this.current - this.inFlight;
        if (free > 0)
            for (const resolve of this.waiting.splice(0, free))
                resolve();
    }
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/credential-provider-env/dist-cjs/index.js
var credential_provider_env_dist_cjs = __webpack_require__(5606);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/credential-provider-node/dist-cjs/index.js
var credential_provider_node_dist_cjs = __webpack_require__(5861);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/core/abandoned.ts
var abandoned = __webpack_require__(4127);
;// CONCATENATED MODULE: ./src/core/render/credentials.ts
// Which AWS credentials a run uses. The SDK's default chain, with one change:
// exported keys (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, what
// aws-actions/configure-aws-credentials sets) come first even when AWS_PROFILE
// is set. The JS SDK v3 takes the profile first, so an AWS_PROFILE left by
// another step or the runner image (a profile that does not exist here, or
// whose credential_process fails) hides valid keys; the AWS CLI, the JS SDK v2
// and botocore take the keys, and the v3 maintainers call that the intended
// order (aws/aws-sdk-js-v3#2549, #6277). Both halves are the SDK's own providers.
// The chain has a time limit: the SDK runs a profile's credential_process with
// no limit, and a stalled STS or SSO endpoint can hold it as long, so a helper
// that never returns would hang the step until the job's timeout.







/**
 * How long the SDK's chain may take to find credentials: far more than a
 * credential_process, an STS role assumption or the metadata service take when
 * they work; a person at a terminal gets longer (a helper may ask for an MFA code).
 */
const CREDENTIALS_TIMEOUT_MS = { actions: 30_000, terminal: 120_000 };
/**
 * A drop-in for the client's `credentialDefaultProvider`: the environment's
 * keys when both are set, else the SDK's default chain (AWS_PROFILE, SSO,
 * web identity, shared files, credential_process, container and instance
 * metadata) built with the same client config, given `limitMs` to answer.
 */
function keysFirstProvider(init = {}, limitMs = CREDENTIALS_TIMEOUT_MS.actions) {
    const keys = (0,credential_provider_env_dist_cjs.fromEnv)(init);
    const chain = (0,credential_provider_node_dist_cjs.defaultProvider)(init);
    return async (properties) => {
        try {
            return await keys();
        }
        catch (error) {
            // fromEnv says "try the next provider" when the keys are not there; anything else is real
            if (!error.tryNextLink)
                throw error;
        }
        return withinLimit(chain(properties), limitMs);
    };
}
/** The chain's answer, or a CredentialsTimeout once `limitMs` passed (the chain is left running, and recorded as such). */
function withinLimit(work, limitMs) {
    let timer;
    const late = new Promise((_resolve, reject) => {
        timer = setTimeout(() => {
            (0,abandoned/* abandonWork */.$)();
            reject(new CredentialsTimeout(limitMs));
        }, limitMs);
    });
    work.catch(() => undefined); // a chain given up on must not surface later
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
/** The SDK's chain found no credentials in time: something in it hangs. */
class CredentialsTimeout extends Error {
    limitMs;
    constructor(limitMs) {
        super(`the AWS SDK's credential chain found nothing within ${limitMs / 1000} s: one of its sources hangs ` +
            "(a profile's credential_process, SSO, a role assumed through STS, or the container or instance metadata service)");
        this.limitMs = limitMs;
        this.name = 'CredentialsTimeout';
    }
}
/**
 * A sentence for the log when AWS_PROFILE is set but the exported keys are
 * used instead (as the AWS CLI does); undefined otherwise.
 */
function shadowedProfileNote(env = process.env) {
    if (!env.AWS_PROFILE || !env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY)
        return undefined;
    return (`AWS_PROFILE is "${env.AWS_PROFILE}", and AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set too: ` +
        'using the exported keys, as the AWS CLI does (unset them to use the profile)');
}
/** The AWS settings files the SDK reads instead of ~/.aws when these name them. */
const AWS_FILE_VARIABLES = (/* unused pure expression or super */ null && (['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']));
/**
 * Refuses AWS settings files inside `checkouts` (the repository): a pull request
 * could then write what the SDK reads — a profile's credential_process (a command
 * this process would run, with its secrets), its region, its endpoint_url (where
 * Bedrock requests, prompts included, would go).
 * @throws GraftError naming the variable and the file.
 */
function refuseRepositoryAwsFiles(checkouts, env = process.env) {
    const roots = checkouts.map(real);
    const problems = AWS_FILE_VARIABLES.flatMap((name) => {
        const value = env[name]?.trim();
        if (!value)
            return [];
        const file = real(resolve(value));
        const inside = roots.find((root) => isWithin(root, file));
        if (inside === undefined)
            return [];
        return [
            {
                message: `${name} is ${value}, a file in the repository: a pull request could change what the AWS SDK reads there — ` +
                    "a profile's credential_process (a command this step would run), its region, or its endpoint_url (where Bedrock requests, prompts included, would go)",
                hint: `keep AWS settings outside the checkout: write them in an earlier step to a file under $RUNNER_TEMP (or ~/.aws) and point ${name} there, or let aws-actions/configure-aws-credentials export keys`
            }
        ];
    });
    if (problems.length > 0)
        throw new GraftError(problems);
}
/** The path with every symlink resolved, as far as it exists. */
function real(path) {
    try {
        return realpathSync(path);
    }
    catch {
        const parent = dirname(path);
        return parent === path ? path : join(real(parent), basename(path));
    }
}

;// CONCATENATED MODULE: ./src/core/render/cancellation.ts
// Cancelling a run (SIGTERM, SIGINT) reaches every model call in flight
// through one AbortSignal, shared by every document, attempt and retry wait.
/** The error of a call abandoned because the run was cancelled (classified fatal: never retried). */
function cancelled(signal) {
    const why = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'cancelled');
    return Object.assign(new Error(`the run was cancelled (${why})`), { name: 'RunCancelled' });
}
/**
 * `work`, unless the run is cancelled first (the watcher is dropped as soon as
 * `work` settles).
 */
async function unlessCancelled(work, signal) {
    if (!signal)
        return work;
    if (signal.aborted)
        throw cancelled(signal);
    let unwatch = () => { };
    const stop = new Promise((_resolve, reject) => {
        unwatch = whenAborted(signal, () => reject(cancelled(signal)));
    });
    try {
        return await Promise.race([work, stop]);
    }
    finally {
        unwatch();
    }
}
/** What to do when a signal aborts, for every call in flight that watches it. */
const watchers = new WeakMap();
/**
 * Runs `fn` when `signal` aborts; returns a function that stops watching. The
 * run's one signal is shared by every document, attempt and retry wait, so it
 * gets one listener, whatever the concurrency, and each call adds and drops
 * its own watcher here: a listener per call would pile up past Node's limit of
 * 10 (MaxListenersExceededWarning) with a few documents in flight, and one left
 * behind per attempt would grow with every document of a long run.
 */
function whenAborted(signal, fn) {
    let set = watchers.get(signal);
    if (!set) {
        const all = new Set();
        signal.addEventListener('abort', () => [...all].forEach((watcher) => watcher()), { once: true });
        watchers.set(signal, all);
        set = all;
    }
    set.add(fn);
    const mine = set;
    return () => void mine.delete(fn);
}

;// CONCATENATED MODULE: ./src/core/render/usage.ts
// The tokens one model call used, as Bedrock reports them at the end of its
// stream (the `metadata` event), checked before anything adds them up: a stream
// that ends without its usage, or that reports figures no call can have
// (negative, fractional, not numbers, more output than max_tokens allows, no
// input for a prompt), would otherwise read as a free call — a $0.00 cost and
// limits never reached. Such a call is counted from its characters instead
// (the prompt sent, the reply received), and marked as estimated.

/**
 * The call's usage: Bedrock's figures when they are whole numbers a call can
 * have, else both counted from characters (÷ 3.5), with `why` saying what was
 * wrong with Bedrock's usage ("it reported none", …).
 */
function readUsage(reported, size) {
    const why = unusable(reported, size);
    if (why === undefined) {
        const { inputTokens, outputTokens } = reported;
        return { inputTokens, outputTokens, estimated: false };
    }
    return {
        inputTokens: estimateTokens(size.promptChars),
        outputTokens: Math.min(estimateTokens(size.replyChars), size.maxTokens),
        estimated: true,
        why
    };
}
function unusable(reported, size) {
    if (reported === undefined || reported === null)
        return 'it reported none';
    const { inputTokens, outputTokens } = reported;
    const count = (n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
    if (!count(inputTokens) || !count(outputTokens))
        return `it is not two whole numbers: ${describe(inputTokens)} input, ${describe(outputTokens)} output tokens`;
    if (outputTokens > size.maxTokens)
        return `it says ${outputTokens} output tokens, more than the call's max_tokens (${size.maxTokens})`;
    if (inputTokens === 0 && size.promptChars > 0)
        return `it says 0 input tokens for a prompt of ${size.promptChars} characters`;
    return undefined;
}
function describe(n) {
    return typeof n === 'number' ? String(n) : n === undefined ? 'no' : (JSON.stringify(n)?.slice(0, 40) ?? typeof n);
}

;// CONCATENATED MODULE: ./src/core/render/bedrock.ts
// Renders one packed prompt through Claude on Bedrock (ConverseStream). The
// SDK's own retries are off; ours (retry.ts) decide. A reply is accepted only
// when it is complete: stopped at end_turn/stop_sequence, non-empty, and more
// than a Graft header line — the caller writes nothing otherwise. With a tool
// (edit mode) the request forces that tool, and the reply is the tool's input
// as streamed; whether it can be used (a cut-off reply, no call, bad input) is
// the caller's to judge, since it has a fallback.

















const CONNECT_TIMEOUT_MS = 10_000;
/**
 * Any request of the client that sets no limit of its own — those the credential
 * chain makes through it (an STS role assumption, SSO) — fails after this long
 * without an answer, instead of waiting for ever. Model calls and token counts set their own.
 */
const REQUEST_TIMEOUT_MS = 20_000;
/**
 * How long Bedrock may send nothing — no answer to the request, or no event
 * in the reply stream since the one before — before the try is given up as
 * broken. Bedrock (or a proxy before it) at times stops sending on a
 * connection that stays open (anthropics/claude-code#64556): the whole call's
 * limit alone (timeout-minutes, doubled on its retry) made that half an hour
 * per document. A live stream sends an event per few tokens; the longest
 * healthy wait, for the first token of a very large prompt, is well under this.
 */
const STREAM_IDLE_MS = 120_000;
const COMPLETE_STOPS = new Set(['end_turn', 'stop_sequence']);
/**
 * With a tool, a reply may also stop to call it; or at max_tokens, or with a
 * tool call Bedrock found malformed: edits that cannot be applied, for the
 * caller to judge (it falls back).
 */
const TOOL_STOPS = new Set([...COMPLETE_STOPS, 'tool_use', 'max_tokens', ...MALFORMED_STOPS]);
class BedrockRenderer {
    client;
    region;
    log;
    sleep;
    backoffMs;
    progressEveryMs;
    streamIdleMs;
    limiter;
    audience;
    usageWarned = false;
    constructor(opts) {
        this.region = requireRegion(opts.region, opts.audience);
        this.client = bedrockClient(this.region, opts.audience);
        this.log = opts.log;
        this.sleep = opts.sleep ?? realSleep;
        this.backoffMs = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
        this.progressEveryMs = opts.progressEveryMs ?? 5000;
        this.streamIdleMs = opts.streamIdleMs ?? STREAM_IDLE_MS;
        this.audience = opts.audience ?? 'actions';
        if (opts.concurrency !== undefined) {
            this.limiter = new AdaptiveLimiter(opts.concurrency, {
                fixed: opts.fixedConcurrency,
                onChange: ({ from, to, why }) => why === 'throttled'
                    ? this.log.warn(`Bedrock is throttling: at most ${to} model request(s) in flight from now on (was ${from})`)
                    : this.log.info(`Bedrock stopped throttling: at most ${to} model request(s) in flight (was ${from})`)
            });
        }
    }
    /**
     * The input tokens Bedrock counts for this prompt (CountTokens, free of
     * charge), asked of the foundation model behind an inference profile id
     * (`us.anthropic…` → `anthropic…`). Throws when Bedrock cannot count for
     * this model here (some models and regions offer no CountTokens) or the
     * role may not call it; the caller then estimates from characters.
     */
    async countTokens(req) {
        const modelId = foundationModelId(req.modelId);
        const out = await this.client.send(new dist_cjs/* CountTokensCommand */.Li4({
            modelId,
            input: {
                converse: {
                    messages: [{ role: 'user', content: [{ text: req.prompt }] }],
                    ...(req.tool ? { toolConfig: toolConfig(req.tool) } : {})
                }
            }
        }), { requestTimeout: CONNECT_TIMEOUT_MS * 3 });
        if (typeof out.inputTokens !== 'number')
            throw new Error('CountTokens returned no inputTokens');
        return out.inputTokens;
    }
    async render(req) {
        const context = {
            label: req.label,
            modelId: req.modelId,
            region: this.region,
            audience: this.audience,
            promptChars: req.prompt.length,
            maxTokens: req.maxTokens,
            maxTokensFrom: req.maxTokensFrom,
            ...(req.purpose ? { purpose: req.purpose } : {})
        };
        const started = Date.now();
        let outcome;
        try {
            outcome = await withRetries((n, limitMs) => this.limited(() => this.attempt(req, n, limitMs)), req.timeoutMs, {
                backoffMs: this.backoffMs,
                sleep: (ms) => unlessCancelled(this.sleep(ms), req.signal),
                classify: (err) => classify(errorFacts(err)),
                onRetry: (err, kind, waitMs, next) => this.log.warn(retryNotice(context, err, kind, waitMs, next))
            });
        }
        catch (err) {
            const [last, attempts] = err instanceof AttemptsFailed ? [err.last, err.attempts] : [err, 1];
            if (req.tool && refusesToolUse(errorFacts(last)))
                throw new ToolUseRefused(last, context, attempts);
            throw renderFailure(last, context, attempts);
        }
        const { value, attempts } = outcome;
        checkComplete(value, req, context, attempts);
        const ms = Date.now() - started;
        const chars = req.tool
            ? `${value.toolUses.reduce((n, t) => n + t.input.length, 0)} chars of ${req.tool.name} input`
            : `${value.text.length} chars`;
        const counted = value.usageEstimated ? ' (counted from characters)' : '';
        this.log.info(`${req.label}: ${chars}, ${value.outputTokens} output tokens${counted} in ${(ms / 1000).toFixed(1)} s`);
        return {
            text: value.text,
            ...(req.tool ? { toolUses: value.toolUses } : {}),
            inputTokens: value.inputTokens,
            outputTokens: value.outputTokens,
            usageEstimated: value.usageEstimated,
            stopReason: value.stopReason,
            attempts,
            ms
        };
    }
    /** One attempt holding one of the limiter's slots (none while it backs off). */
    async limited(attempt) {
        if (!this.limiter)
            return attempt();
        const slot = await this.limiter.acquire();
        let outcome = 'other';
        try {
            const value = await attempt();
            outcome = 'ok';
            return value;
        }
        catch (err) {
            if (classify(errorFacts(err)) === 'throttled')
                outcome = 'throttled';
            throw err;
        }
        finally {
            this.limiter.release(slot, outcome);
        }
    }
    /** Frees the client's sockets. */
    close() {
        this.client.destroy();
    }
    /** One try, bounded as a whole (headers and stream) by `limitMs`. */
    async attempt(req, n, limitMs) {
        if (req.signal?.aborted)
            throw cancelled(req.signal);
        this.log.info(`${req.label}: calling ${req.modelId} in ${this.region}${n > 1 ? ` (attempt ${n})` : ''}`);
        const controller = new AbortController();
        const unwatch = req.signal ? whenAborted(req.signal, () => controller.abort()) : undefined;
        const seen = {};
        let timer;
        const deadline = new Promise((_resolve, reject) => {
            timer = setTimeout(() => {
                const message = `no complete reply within ${formatSeconds(limitMs)}`;
                reject(Object.assign(new Error(message), { name: 'RenderTimeout', $metadata: { requestId: seen.requestId } }));
                controller.abort();
            }, limitMs);
        });
        const work = this.call(req, limitMs, controller, seen);
        work.catch(() => undefined); // an attempt abandoned at the deadline must not surface later
        try {
            return await unlessCancelled(Promise.race([work, deadline]), req.signal);
        }
        finally {
            clearTimeout(timer);
            unwatch?.();
        }
    }
    /** `seen` receives the request id as soon as the reply's headers arrive. */
    async call(req, limitMs, controller, seen) {
        const command = new dist_cjs/* ConverseStreamCommand */.vDc({
            modelId: req.modelId,
            messages: [{ role: 'user', content: [{ text: req.prompt }] }],
            inferenceConfig: {
                maxTokens: req.maxTokens,
                ...(req.temperature === undefined ? {} : { temperature: req.temperature })
            },
            ...(req.tool ? { toolConfig: toolConfig(req.tool) } : {})
        });
        // the credentials first (memoised by the client; their chain has its own limit): the idle limit is Bedrock's alone
        await this.client.config.credentials();
        const out = await withinIdle(this.client.send(command, { abortSignal: controller.signal, requestTimeout: limitMs }), this.streamIdleMs, controller, () => `Bedrock sent nothing for ${formatSeconds(this.streamIdleMs)} after the request, on a connection still open`);
        const requestId = out.$metadata.requestId;
        seen.requestId = requestId;
        // Bedrock took the call: from here on it is billed, whatever becomes of the reply.
        const read = { text: '', toolUses: [], chars: 0, stopReason: '' };
        try {
            await this.readStream(silenceBounded(out.stream, this.streamIdleMs, controller, read), req.label, read);
        }
        catch (err) {
            this.spent(req, read);
            throw new StreamFailure(err, requestId);
        }
        const usage = this.spent(req, read);
        return {
            text: read.text,
            toolUses: read.toolUses,
            stopReason: read.stopReason,
            inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens,
            usageEstimated: usage.estimated,
            requestId
        };
    }
    /** The attempt's usage (checked, else counted from characters), told to the caller. */
    spent(req, read) {
        const usage = readUsage(read.usage, {
            // the tool's definition is input too
            promptChars: req.prompt.length + toolChars(req.tool),
            replyChars: read.chars,
            maxTokens: req.maxTokens
        });
        if (usage.why && read.stopReason) {
            // a stream that broke off never reports usage; one that finished without a usable one is worth saying
            const note = `${req.label}: Bedrock's usage for this call cannot be used (${usage.why}); its tokens are counted from characters instead: ~${usage.inputTokens} input, ~${usage.outputTokens} output`;
            if (this.usageWarned)
                this.log.info(note);
            else
                this.log.warn(note);
            this.usageWarned = true;
        }
        req.onUsage?.({ inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, estimated: usage.estimated });
        return usage;
    }
    /** Reads the stream into `read` as it arrives, so a stream that breaks off still says how much came. */
    async readStream(stream, label, read) {
        const blocks = new Map();
        const tools = new Map();
        let lastLog = Date.now();
        for await (const event of stream ?? []) {
            const start = event.contentBlockStart;
            if (start?.start?.toolUse) {
                tools.set(start.contentBlockIndex ?? 0, { name: start.start.toolUse.name ?? '', input: '' });
            }
            const delta = event.contentBlockDelta;
            // tool input arrives as pieces of one JSON text; they are joined before anything reads them
            const piece = delta?.delta?.text ?? delta?.delta?.toolUse?.input;
            if (delta && piece !== undefined) {
                const index = delta.contentBlockIndex ?? 0;
                if (delta.delta?.text !== undefined)
                    blocks.set(index, (blocks.get(index) ?? '') + piece);
                else {
                    const tool = tools.get(index) ?? { name: '', input: '' };
                    tool.input += piece;
                    tools.set(index, tool);
                }
                read.chars += piece.length;
                if (Date.now() - lastLog >= this.progressEveryMs) {
                    lastLog = Date.now();
                    this.log.info(`${label}: ${read.chars} chars (~${Math.round(read.chars / 4)} tokens) so far`);
                }
            }
            if (event.messageStop)
                read.stopReason = event.messageStop.stopReason ?? '';
            if (event.metadata && 'usage' in event.metadata)
                read.usage = event.metadata.usage;
        }
        if (!read.stopReason)
            throw Object.assign(new Error('the reply stream ended before the model stopped'), { name: 'IncompleteStream' });
        read.text = [...blocks.entries()]
            .sort(([a], [b]) => a - b)
            .map(([, t]) => t)
            .join('');
        read.toolUses = [...tools.entries()].sort(([a], [b]) => a - b).map(([, t]) => t);
    }
}
/**
 * `work` (the answer's headers, the stream's next event) within `idleMs`: else
 * the connection is dropped and the try fails as a StreamIdle, retried as a
 * broken stream is, with `said()` as its message.
 */
async function withinIdle(work, idleMs, controller, said) {
    let timer;
    const silent = new Promise((_resolve, reject) => {
        timer = setTimeout(() => {
            reject(Object.assign(new Error(said()), { name: 'StreamIdle' }));
            controller.abort();
        }, idleMs);
    });
    try {
        return await Promise.race([work, silent]);
    }
    finally {
        clearTimeout(timer);
    }
}
/** The stream's events, each of which must come within `idleMs` of the one before (withinIdle). */
async function* silenceBounded(stream, idleMs, controller, read) {
    if (!stream)
        return;
    const events = stream[Symbol.asyncIterator]();
    const said = () => `the reply stream went silent: nothing for ${formatSeconds(idleMs)} after ${read.chars} chars, on a connection still open`;
    for (;;) {
        const next = await withinIdle(events.next(), idleMs, controller, said);
        if (next.done)
            return;
        yield next.value;
    }
}
/** The one tool of a request, forced (toolChoice): the reply is its input. */
function toolConfig(tool) {
    return {
        tools: [
            {
                toolSpec: {
                    name: tool.name,
                    description: tool.description,
                    inputSchema: { json: tool.schema }
                }
            }
        ],
        toolChoice: { tool: { name: tool.name } }
    };
}
/** An exception in the middle of a stream: keeps its kind and the response's request id. */
class StreamFailure extends Error {
    $metadata;
    constructor(cause, requestId) {
        const facts = errorFacts(cause);
        super(facts.message);
        this.name = facts.name;
        this.$metadata = { requestId };
    }
}
/** Rejects a reply that must not be written as a document. */
function checkComplete(reply, req, context, attempts) {
    const fail = (message, hint) => {
        throw new RenderError('fatal', context, message, hint, reply.requestId, attempts, 'document');
    };
    // with a tool, a reply cut off (or malformed) is the caller's to judge: it falls back to a whole document
    if (reply.stopReason === 'max_tokens' && !req.tool) {
        const named = outputBudgetNamed(context);
        fail(`the reply was cut off at its output budget, ${named.budget} (${reply.outputTokens} tokens written), so nothing was written`, named.hint);
    }
    if (reply.stopReason === 'model_context_window_exceeded') {
        const counted = !reply.usageEstimated;
        const [message, hint] = contextWindowExceeded({
            document: req.label,
            modelId: req.modelId,
            tokens: counted ? reply.inputTokens : estimateTokens(req.prompt.length),
            how: counted ? 'as Bedrock reported them' : `estimated from its ${req.prompt.length} characters`,
            window: (0,models/* contextWindow */.qq)(req.modelId),
            written: reply.outputTokens
        });
        fail(`${message}, so nothing was written`, hint);
    }
    if (!(req.tool ? TOOL_STOPS : COMPLETE_STOPS).has(reply.stopReason)) {
        fail(`the model stopped with "${reply.stopReason}" instead of finishing, so nothing was written`, 'for content_filtered or guardrail_intervened, revise the prompt or its sources; otherwise re-run');
    }
    // a tool's input (or its absence) is judged by the caller, who reads it as edits
    if (req.tool)
        return;
    if (reply.text.trim() === '') {
        fail('the model returned no text, so nothing was written', 'check the prompt asks for the document itself, then re-run');
    }
    const bad = nonText(reply.text);
    if (bad) {
        fail(`the model returned text with ${bad.what} (line ${bad.line}), so nothing was written`, 'a document holds none (git would call it binary, or the file would differ from the reply); re-run');
    }
    if ((0,graft_header/* stripHeaders */.JY)(reply.text).trim() === '') {
        fail('the model returned only a Graft header line, so nothing was written', 'tell the prompt to write the document body (the header is added by the action), then re-run');
    }
}
function retryNotice(c, err, kind, waitMs, next) {
    const f = errorFacts(err);
    const what = `${c.label}: ${f.name} from ${c.modelId} in ${c.region} (request id ${f.requestId ?? 'none'}): ${f.message}`;
    if (kind === 'timeout')
        return `${what}; retrying once with twice the time limit (attempt ${next})`;
    if (kind === 'clock')
        return `${what}; this machine's clock is off, and the AWS SDK has corrected for it from Bedrock's answer: retrying at once (attempt ${next})`;
    return `${what}; retrying in ${formatSeconds(waitMs)} (attempt ${next})`;
}
function formatSeconds(ms) {
    return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
/** A cross-region inference profile id names its foundation model after a geography prefix. */
function foundationModelId(modelId) {
    return modelId.replace(/^(?:us|eu|apac|jp|au|ca|us-gov|global)\./, '');
}
function requireRegion(region, audience = 'actions') {
    if (region)
        return region;
    throw new errors/* GraftError */.Tz({
        message: 'no AWS region is set for Bedrock',
        hint: `set ${(0,phrasing/* setting */.Pe)('aws-region')} or AWS_REGION; and ${credentialsHint(audience)}`
    });
}
/**
 * HTTP/1.1 with explicit time limits (the default handler is HTTP/2 and a
 * request timeout would only warn); no endpoint, so AWS_ENDPOINT_URL_BEDROCK_RUNTIME
 * applies; one SDK attempt, since retry.ts retries. Connections go through the
 * proxy HTTPS_PROXY / HTTP_PROXY name, unless NO_PROXY exempts the host (io/proxy.ts).
 */
function bedrockClient(region, audience = 'actions') {
    const agent = new EnvProxyAgent();
    return new dist_cjs/* BedrockRuntimeClient */.mam({
        region,
        // exported keys before AWS_PROFILE, as the AWS CLI takes them, and a time limit on the chain (credentials.ts)
        credentialDefaultProvider: (init) => keysFirstProvider(init, CREDENTIALS_TIMEOUT_MS[audience]),
        maxAttempts: 1,
        requestHandler: new node_http_handler_dist_cjs.NodeHttpHandler({
            connectionTimeout: CONNECT_TIMEOUT_MS,
            requestTimeout: REQUEST_TIMEOUT_MS,
            throwOnRequestTimeout: true,
            httpAgent: agent,
            httpsAgent: agent
        })
    });
}
/**
 * Fails early, before any model call, when the run has no region or the SDK's
 * default chain finds no credentials. The advice suits `audience`: workflow
 * steps inside Actions, AWS_PROFILE / `aws sso login` / ~/.aws at a terminal;
 * an AWS_PROFILE that names no profile in the shared files is reported as such.
 * @throws GraftError with what was missing and how to provide it.
 */
async function checkCredentials(region, audience = 'actions') {
    const resolved = requireRegion(region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION, audience);
    const client = bedrockClient(resolved, audience);
    try {
        await client.config.credentials();
    }
    catch (err) {
        const profile = process.env.AWS_PROFILE || process.env.AWS_DEFAULT_PROFILE;
        if (err instanceof CredentialsTimeout)
            throw new errors/* GraftError */.Tz({ message: err.message, hint: credentialsTimeoutHint(audience, profile) });
        const missing = profile ? await missingProfile(profile) : undefined;
        if (missing)
            throw missing;
        throw new errors/* GraftError */.Tz({
            message: `no AWS credentials found for Bedrock (${errorFacts(err).message})`,
            hint: credentialsHint(audience, profile)
        });
    }
    finally {
        client.destroy();
    }
}
/**
 * A GraftError when `profile` is in neither shared file (read as the SDK reads
 * them: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/…), listing
 * the profiles that are there; undefined when it exists (then the failure lies
 * elsewhere, e.g. an expired SSO session).
 */
async function missingProfile(profile) {
    const files = await (0,submodules_config.loadSharedConfigFiles)({ ignoreCache: true }).catch(() => ({
        configFile: {},
        credentialsFile: {}
    }));
    const all = new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)]);
    if (all.has(profile))
        return undefined;
    // sections such as [sso-session x] and [services x] come back as "sso-session.x": not profiles
    const names = new Set([...all].filter((n) => !/^(sso-session|services)\./.test(n)));
    const config = process.env.AWS_CONFIG_FILE || '~/.aws/config';
    const credentials = process.env.AWS_SHARED_CREDENTIALS_FILE || '~/.aws/credentials';
    const there = [...names].sort();
    return new errors/* GraftError */.Tz({
        message: `AWS_PROFILE is "${profile}", but no profile of that name is in ${config} or ${credentials}` +
            (there.length > 0 ? ` (profiles there: ${there.join(', ')})` : ' (no profiles there at all)'),
        hint: `set AWS_PROFILE to one of them, or create it with \`aws configure --profile ${profile}\` (\`aws configure sso --profile ${profile}\` for IAM Identity Center)`
    });
}

;// CONCATENATED MODULE: ./src/core/render/region.ts
// The Bedrock region, found where AWS users expect it: what the run names, then
// the environment, then the profile's own `region` in the shared config files
// (read by the SDK's own config loader), then us-east-1.



/**
 * The region: `explicit` (the `aws-region` input, `--region`) when set, else
 * AWS_REGION, else AWS_DEFAULT_REGION (the AWS CLI's), else the `region` of the
 * profile the SDK would use (AWS_PROFILE, else `default`) in AWS_CONFIG_FILE /
 * AWS_SHARED_CREDENTIALS_FILE or ~/.aws/config and ~/.aws/credentials, else
 * {@link DEFAULT_REGION}. Never asks the instance metadata service (a laptop
 * would wait for it). Unreadable config files count as no region there.
 * @param label names `explicit` in `from` ("the aws-region input", "--region")
 */
async function resolveRegion(explicit, label) {
    return checked(await findRegion(explicit, label));
}
async function findRegion(explicit, label) {
    if (explicit?.trim())
        return { region: explicit.trim(), from: label };
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
        const value = process.env[name]?.trim();
        if (value)
            return { region: value, from: name };
    }
    const fromProfile = await profileRegion();
    if (fromProfile)
        return fromProfile;
    return { region: defaults/* DEFAULT_REGION */.t9, from: 'the default' };
}
/** What an AWS region name is made of (us-east-1, us-gov-west-1, eusc-de-east-1): one DNS label, in lower case. */
const REGION_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/**
 * The region, when it can be one: it becomes part of Bedrock's host name and of
 * every request's signature, so anything else (a typo, a space, a dot, upper
 * case) fails here, naming where it came from, and not as a failed call per document.
 * @throws GraftError naming the region's source.
 */
function checked(found) {
    if (found.region.length <= 63 && REGION_NAME.test(found.region))
        return found;
    throw new errors/* GraftError */.Tz({
        message: `the Bedrock region ${JSON.stringify(found.region.slice(0, 80))} (from ${found.from}) is not an AWS region name`,
        hint: 'an AWS region name is lower-case letters, digits and hyphens, e.g. us-east-1 or eu-west-3; fix it where it came from, or set the region explicitly (the `aws-region` input, `--region`)'
    });
}
async function profileRegion() {
    const profile = (0,submodules_config.getProfileName)({});
    try {
        const region = await (0,submodules_config.loadConfig)({
            // the environment was read above, in the order the AWS CLI reads it
            environmentVariableSelector: () => undefined,
            configFileSelector: submodules_config.NODE_REGION_CONFIG_OPTIONS.configFileSelector,
            default: () => undefined
        }, { ...submodules_config.NODE_REGION_CONFIG_FILE_OPTIONS, profile, ignoreCache: true })();
        return region?.trim()
            ? { region: region.trim(), from: `the region of profile ${profile} in the AWS config files` }
            : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/core/generate/left-stale.ts
var left_stale = __webpack_require__(5986);
// EXTERNAL MODULE: ./src/core/validate/validate.ts + 3 modules
var validate = __webpack_require__(5685);
// EXTERNAL MODULE: ./src/cli/args.ts
var args = __webpack_require__(7593);
// EXTERNAL MODULE: ./src/cli/dvc-locator.ts
var dvc_locator = __webpack_require__(4314);
// EXTERNAL MODULE: ./src/core/pipeline/targets.ts
var targets = __webpack_require__(8488);
// EXTERNAL MODULE: ./src/cli/terminal-log.ts
var terminal_log = __webpack_require__(4491);
// EXTERNAL MODULE: ./src/cli/help.ts
var help = __webpack_require__(7911);
// EXTERNAL MODULE: ./src/core/log.ts
var core_log = __webpack_require__(4325);
;// CONCATENATED MODULE: ./src/cli/generate-command.ts
// `graft-action generate` and `graft-action pack`: the generate core in a terminal.

























const generateHelp = () => (0,help/* helpPage */.r)({
    usage: 'graft-action generate [options] [targets...]',
    about: 'Regenerates the stale documents (or the targets) through Claude on AWS Bedrock,\n' +
        'in dependency order, and updates dvc.yaml and dvc.lock. All or nothing.\n' +
        "Credentials come from the AWS SDK's default chain (environment, profile, SSO).",
    sections: [
        {
            heading: 'Options',
            rows: [
                ['--dry-run', 'show each directive and packed-prompt size; call no model, write nothing'],
                ['--force', 'regenerate the targets even when up to date'],
                [
                    '--downstream <include|report>',
                    'with targets: also regenerate what reads them (include, the default),\nor only the targets, naming what is left stale (report)'
                ],
                ['--model <name>', `model for prompts that name none (default ${defaults/* DEFAULT_MODEL */.UB})`],
                [
                    '--region <region>',
                    "Bedrock region (default AWS_REGION, AWS_DEFAULT_REGION, the AWS profile's\nregion in ~/.aws/config, us-east-1)"
                ],
                ['--max-tokens <n>', `output limit for prompts without max_tokens (default ${defaults/* DEFAULT_MAX_TOKENS */.Uc})`],
                [
                    '--concurrency <n>',
                    `renders at once (default ${defaults/* DEFAULT_CONCURRENCY */.WH}); fewer for a while when Bedrock throttles`
                ],
                ['--fixed-concurrency', 'keep --concurrency renders in flight even when Bedrock throttles'],
                [
                    '--max-documents <n>',
                    `refuse, before any model call, a run rendering more (default ${DEFAULT_BUDGET.maxDocuments})`
                ],
                [
                    '--max-input-tokens <n>',
                    `refuse, before any model call, a run estimated above this (default ${DEFAULT_BUDGET.maxInputTokens})`
                ],
                [
                    '--max-output-tokens <n>',
                    `stop and fail (writing nothing) once the model wrote more (default ${DEFAULT_BUDGET.maxOutputTokens})`
                ],
                [
                    '--max-cost-usd <dollars>',
                    'refuse, before any model call, a run that may cost more (each reply at its\nmax_tokens), and stop and fail (writing nothing) once it did (default: no limit)'
                ],
                [
                    '--model-prices <json|yaml>',
                    `prices per million tokens for models the price table lacks, or negotiated ones:\n{"<alias or model id>": {"input": 3, "output": 15}} (list prices as of ${PRICES_AS_OF})`
                ],
                ['--timeout-minutes <n>', `per document (default ${defaults/* DEFAULT_TIMEOUT_MINUTES */.EV})`],
                ['--engine <auto|native|dvc>', 'staleness engine (default auto)'],
                [
                    '--hand-edits <keep|regenerate|fail>',
                    'a generated document edited by hand: accept the edit into dvc.lock,\nrewrite it from the edit (REFRESH), or fail (default keep)'
                ],
                [
                    '--update-style <edits|rewrite>',
                    `UPDATE, REFINE and REFRESH: ask for edits to the previous draft, rewriting\nthe whole document only when they do not apply (edits), or ask for the\nwhole document (rewrite) (default ${defaults/* DEFAULT_UPDATE_STYLE */.Kg})`
                ],
                ...help/* COMMON_ROWS */.i
            ]
        }
    ]
});
const packHelp = () => (0,help/* helpPage */.r)({
    usage: 'graft-action pack [options] <target>',
    about: 'Prints the packed prompt generate would send for one document (an output path\n' +
        'or a stage name), after a line naming its directive: the run is planned as\n' +
        'generate plans it, so a document whose upstreams are regenerated first gets the\n' +
        'directive generate gives it. Calls no model, writes nothing.',
    sections: [
        {
            heading: 'Options',
            rows: [
                [
                    '--update-style <edits|rewrite>',
                    `the request as generate makes it: UPDATE, REFINE and REFRESH ask for edits\nto the previous draft (edits), or for the whole document (rewrite)\n(default ${defaults/* DEFAULT_UPDATE_STYLE */.Kg})`
                ],
                ...help/* COMMON_ROWS */.i
            ]
        }
    ]
});
function positiveInt(name, raw, fallback) {
    return raw === undefined ? fallback : (0,args/* asUsage */.im)(() => (0,settings/* parsePositiveInt */.EJ)(raw, `--${name}`, fallback));
}
async function generateCommand(argv) {
    const { values, positionals } = (0,args/* parseCommandLine */.Du)('generate', argv, {
        'dry-run': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        downstream: { type: 'string', default: defaults/* DEFAULT_DOWNSTREAM */.hP },
        model: { type: 'string', default: defaults/* DEFAULT_MODEL */.UB },
        region: { type: 'string' },
        'max-tokens': { type: 'string' },
        concurrency: { type: 'string' },
        'fixed-concurrency': { type: 'boolean', default: false },
        'max-documents': { type: 'string' },
        'max-input-tokens': { type: 'string' },
        'max-output-tokens': { type: 'string' },
        'max-cost-usd': { type: 'string' },
        'model-prices': { type: 'string' },
        'timeout-minutes': { type: 'string' },
        engine: { type: 'string', default: 'auto' },
        'hand-edits': { type: 'string', default: defaults/* DEFAULT_HAND_EDITS */.GG },
        'update-style': { type: 'string', default: defaults/* DEFAULT_UPDATE_STYLE */.Kg },
        cwd: { type: 'string', short: 'C', default: '.' }
    });
    if (values.help) {
        process.stdout.write(generateHelp());
        return 0;
    }
    // Every option is checked before any work: a typo costs no validation and no model call.
    const engine = (0,args/* asUsage */.im)(() => (0,settings/* parseEngineChoice */.xC)(values.engine, '--engine'));
    const downstream = (0,args/* asUsage */.im)(() => (0,settings/* parseDownstream */.k9)(values.downstream, '--downstream'));
    (0,args/* asUsage */.im)(() => (0,models/* resolveModelSetting */.Os)(values.model, '--model'));
    const handEdits = (0,args/* asUsage */.im)(() => (0,hand_edits/* parseHandEditPolicy */.z4)(values['hand-edits'], '--hand-edits'));
    const updateStyle = (0,args/* asUsage */.im)(() => parseUpdateStyle(values['update-style'], '--update-style'));
    const maxTokens = positiveInt('max-tokens', values['max-tokens'], defaults/* DEFAULT_MAX_TOKENS */.Uc);
    const concurrency = positiveInt('concurrency', values.concurrency, defaults/* DEFAULT_CONCURRENCY */.WH);
    const timeoutMs = positiveInt('timeout-minutes', values['timeout-minutes'], defaults/* DEFAULT_TIMEOUT_MINUTES */.EV) * 60_000;
    const budget = {
        maxDocuments: positiveInt('max-documents', values['max-documents'], DEFAULT_BUDGET.maxDocuments),
        maxInputTokens: positiveInt('max-input-tokens', values['max-input-tokens'], DEFAULT_BUDGET.maxInputTokens),
        maxOutputTokens: positiveInt('max-output-tokens', values['max-output-tokens'], DEFAULT_BUDGET.maxOutputTokens),
        maxCostUsd: (0,args/* asUsage */.im)(() => (0,settings/* parseUsd */._e)(values['max-cost-usd'] ?? '', '--max-cost-usd'))
    };
    const prices = (0,args/* asUsage */.im)(() => parseModelPrices(values['model-prices'] ?? '', '--model-prices'));
    const root = (0,external_node_path_.resolve)(values.cwd);
    const log = (0,terminal_log/* terminalLog */.d)(false);
    // --region wins; else as the SDK finds it: the environment, then the AWS profile's own region
    const { region, from } = await resolveRegion(values.region, '--region');
    // Advice for whoever reads it: a workflow's author when run inside GitHub Actions, else the person at the terminal.
    const audience = process.env.GITHUB_ACTIONS === 'true' ? 'actions' : 'terminal';
    const report = await (0,validate/* validate */.tf)({
        root,
        engine,
        targets: positionals.flatMap((p) => (0,targets/* parseTargetList */.n5)(p)),
        downstream,
        handEdits,
        log,
        dvc: dvc_locator/* dvcOnPath */.q
    });
    const controller = new AbortController();
    const onSignal = (signal) => {
        log.warn(`${signal} received: stopping and putting back every file written`);
        controller.abort(new Error(signal));
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    const spend = new RunSpend(prices);
    const result = await generate({
        spend,
        signal: controller.signal,
        root,
        report,
        secrets: environmentSecrets(process.env),
        force: values.force,
        defaultModel: values.model,
        maxTokens,
        concurrency,
        budget,
        timeoutMs,
        dryRun: values['dry-run'],
        handEdits,
        updateStyle,
        prices,
        renderer: async () => {
            await checkCredentials(region, audience);
            log.info(`Bedrock region: ${region} (from ${from})`);
            const shadowed = shadowedProfileNote();
            if (shadowed)
                log.info(shadowed);
            return new BedrockRenderer({ region, log, audience, concurrency, fixedConcurrency: values['fixed-concurrency'] });
        },
        log
    })
        .catch((error) => {
        // the run failed, but what its calls cost is billed all the same
        if (spend.totals().calls > 0)
            process.stderr.write(`Spent before the run stopped: ${spendLine(spend.totals())}\n`);
        throw error;
    })
        .finally(() => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
    });
    if (result.dryRun) {
        // Each document's directive and style are already in the log above: once is enough.
        const counts = new Map();
        for (const d of result.documents)
            counts.set(d.directive, (counts.get(d.directive) ?? 0) + 1);
        const tally = [...counts].map(([directive, n]) => `${n} ${directive}`).join(', ');
        process.stdout.write(`Dry run: ${result.documents.length} document(s) planned${tally ? ` (${tally})` : ''}; no model was called and nothing was written.\n`);
        const e = result.estimate;
        if (e)
            process.stdout.write(e.costUsd === undefined
                ? `Expected cost: unknown (no price for ${[...new Set(e.documents.filter((d) => d.costUsd === undefined).map((d) => d.modelId))].join(', ')}; give it with --model-prices)\n`
                : `Expected cost: up to ~${formatUsd(e.costUsd)} (each reply at its max_tokens, the input as estimated; an estimate, not a cap: --max-cost-usd sets one)\n`);
    }
    else {
        for (const d of result.documents) {
            const about = d.usageEstimated ? '~' : '';
            const cost = d.costUsd === undefined ? 'no price' : `${about}${formatUsd(d.costUsd)}`;
            const tokens = d.rendered ? `, ${about}${d.inputTokens} in / ${about}${d.outputTokens} out tokens, ${cost}` : '';
            const change = d.lines ? `; ${describeLineChange(d.lines)}, ${d.style}` : '';
            process.stdout.write(`${(0,core_log/* escapeLog */.Ah)(`${d.output}: ${d.directiveLine}`)} — packed prompt ${d.promptChars} chars${tokens}${change}\n`);
            if (d.editsFailed)
                process.stdout.write(`  ${(0,core_log/* escapeLog */.Ah)(`edits did not apply: ${d.editsFailed}; rewrote the whole document`)}\n`);
            if (d.disproportionate && d.lines)
                process.stdout.write(`  ${(0,core_log/* escapeLog */.Ah)(`warning: ${describeDisproportion(d.disproportionate, d.lines)}`)}\n`);
        }
    }
    if (!result.dryRun) {
        const spent = spend.totals();
        process.stdout.write(`Tokens: ${spent.inputTokens} input, ${spent.outputTokens} output\n`);
        process.stdout.write(`Cost: ${costText(spent)}\n`);
    }
    if (!result.dryRun && result.changedFiles.length > 0)
        process.stdout.write(`Changed: ${(0,core_log/* escapeLog */.Ah)(result.changedFiles.join(', '))}\n`);
    (0,terminal_log/* printLeftStale */.k)((0,left_stale/* leftStale */.X)(report, result.dryRun ? [] : result.changedFiles), result.dryRun ? 'are stale' : 'are stale after this run');
    return 0;
}
/** A run's calls in one line: how many, their tokens, and what they cost. */
function spendLine(spent) {
    return `${spent.calls} model call(s), ${spent.inputTokens} input and ${spent.outputTokens} output tokens; cost ${costText(spent)}`;
}
function costText(spent) {
    if (spent.usd === undefined)
        return `unknown (no price for ${spent.unpriced.join(', ')}; give it with --model-prices)`;
    const counted = spent.estimatedCalls > 0
        ? `, and for ${spent.estimatedCalls} call(s) whose usage Bedrock did not report, from their characters (${CHARS_PER_TOKEN} per token)`
        : '';
    return `${formatUsd(spent.usd)} (estimated from the tokens Bedrock reported${counted}; list prices as of ${PRICES_AS_OF})`;
}
async function packCommand(argv) {
    const { values, positionals } = (0,args/* parseCommandLine */.Du)('pack', argv, {
        'update-style': { type: 'string', default: defaults/* DEFAULT_UPDATE_STYLE */.Kg },
        cwd: { type: 'string', short: 'C', default: '.' }
    });
    if (values.help) {
        process.stdout.write(packHelp());
        return 0;
    }
    if (positionals.length !== 1)
        throw new args/* UsageError */.eb({ message: 'pack takes exactly one target', hint: 'e.g. graft-action pack docs/overview.md' });
    const updateStyle = (0,args/* asUsage */.im)(() => parseUpdateStyle(values['update-style'], '--update-style'));
    const root = (0,external_node_path_.resolve)(values.cwd);
    const log = (0,terminal_log/* terminalLog */.d)(true);
    const dryRun = (report, force) => generate({
        root,
        report,
        force,
        defaultModel: defaults/* DEFAULT_MODEL */.UB,
        maxTokens: defaults/* DEFAULT_MAX_TOKENS */.Uc,
        concurrency: 1,
        timeoutMs: defaults/* DEFAULT_TIMEOUT_MINUTES */.EV * 60_000,
        budget: DEFAULT_BUDGET,
        dryRun: true,
        updateStyle,
        upTo: stage,
        // No credentials, no token counting: the estimate falls back to characters.
        renderer: async () => ({
            render: async () => {
                throw new Error('pack calls no model');
            }
        }),
        log
    });
    // The target's stage: validating it alone also checks that it names a document.
    const targeted = await (0,validate/* validate */.tf)({
        root,
        engine: 'native',
        targets: positionals,
        downstream: 'report',
        log,
        dvc: dvc_locator/* dvcOnPath */.q
    });
    const stage = [...targeted.targets][0];
    if (!targeted.pipeline.prompts.some((p) => p.stageName === stage))
        throw new errors/* GraftError */.Tz({ message: `${positionals[0]} has no prompt to pack` });
    // The whole run, as generate plans it, up to the target: upstreams it regenerates first shape what the target is sent.
    let note = '';
    let doc = (await dryRun(await (0,validate/* validate */.tf)({ root, engine: 'native', log, dvc: dvc_locator/* dvcOnPath */.q }), false)).documents.find((d) => d.stage === stage);
    if (!doc) {
        note = ' — up to date: generate sends this only with --force';
        doc = (await dryRun(targeted, true)).documents.find((d) => d.stage === stage);
    }
    if (!doc) {
        // left out even when forced: it waits for a `dvc repro` of a stage that is not a prompt
        const why = targeted.stale.find((d) => d.stage === stage)?.reasons.map((r) => r.text) ?? [];
        throw new errors/* GraftError */.Tz({
            message: `generate would not render ${positionals[0]} now${why.length > 0 ? `: ${why.join('; ')}` : ''}`,
            hint: 'do what the reasons say first, then pack it again'
        });
    }
    // the header line is ours (names escaped); the packed prompt after it is what the model reads, as it is
    process.stdout.write(`# ${(0,core_log/* escapeLog */.Ah)(`${doc.output}: ${doc.directiveLine}`)}${note}\n${doc.packed ?? ''}`);
    return 0;
}


/***/ }),

/***/ 9276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ FileTransaction)
/* harmony export */ });
/* unused harmony export describeFsError */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _shell_word_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2530);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4296);
/* harmony import */ var _repo_names_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3452);
/* harmony import */ var _repo_resolver_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2915);
// All or nothing on disk: every file generate writes goes through here. The
// first write of a path keeps its original bytes; rollback() puts every one
// back (or removes the file when it did not exist), trying every file even
// when some cannot be restored, and returns a problem for each of those
// naming the file and the cause. Writes are atomic (temporary file, then
// rename), so a reader never sees half a document. Once rollback has begun, no
// write is accepted (a render that finishes after a cancellation cannot put a
// document back on disk).







class FileTransaction {
    root;
    originals = new Map();
    /** writes under way: rollback waits for them before restoring */
    inFlight = new Set();
    closed = false;
    constructor(root) {
        this.root = root;
    }
    /** Writes `content` to `rel` atomically; throws a GraftError naming the file and the cause. */
    async write(rel, content) {
        if (this.closed) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({ file: rel, message: `not writing ${rel}: the run is being rolled back` });
        }
        this.check(rel);
        const work = this.writeOnce(rel, content);
        this.inFlight.add(work);
        try {
            await work;
        }
        finally {
            this.inFlight.delete(work);
        }
    }
    async writeOnce(rel, content) {
        const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, rel);
        if (!this.originals.has(rel))
            this.originals.set(rel, await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(abs).catch(() => undefined));
        try {
            await atomicWrite(abs, content);
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({
                file: rel,
                message: `could not write ${rel}: ${describeFsError(error)}`,
                hint: 'free disk space or make the folder writable for the runner, then re-run (nothing this run wrote was kept)'
            });
        }
    }
    /** Every write goes through the resolver: outputs as outputs, dvc.yaml and dvc.lock as the pipeline's own plain files. */
    check(rel) {
        new _repo_resolver_js__WEBPACK_IMPORTED_MODULE_5__/* .RepoPathChecker */ .x_(this.root).resolve(rel, _repo_names_js__WEBPACK_IMPORTED_MODULE_4__/* .PIPELINE_FILES */ .Vh.has(rel) ? 'pipeline' : 'output');
    }
    /** paths written whose bytes now differ from what was there before */
    async changedPaths() {
        const changed = [];
        for (const [rel, before] of this.originals) {
            const now = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, rel)).catch(() => undefined);
            if (!before || !now || !before.equals(now))
                changed.push(rel);
        }
        return changed;
    }
    /**
     * Puts back every file written, newest first, trying each even after one
     * fails; refuses further writes. Returns one problem per file it could not
     * restore (file, cause, and what to do), empty when all went back.
     */
    async rollback() {
        this.closed = true;
        await Promise.allSettled([...this.inFlight]);
        const problems = [];
        for (const [rel, before] of [...this.originals].reverse()) {
            const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, rel);
            try {
                if (before === undefined)
                    await removeFile(abs);
                else
                    await atomicWrite(abs, before);
            }
            catch (error) {
                problems.push({
                    file: rel,
                    message: `could not restore ${rel} after the failed run (${describeFsError(error)}); it still holds this run's ${before === undefined ? 'new file' : 'text'}`,
                    hint: before === undefined
                        ? `delete ${rel} by hand (or \`git clean -f -- ${(0,_shell_word_js__WEBPACK_IMPORTED_MODULE_6__/* .shellPath */ .G)(rel)}\`) before committing anything`
                        : `restore it by hand with \`git checkout -- ${(0,_shell_word_js__WEBPACK_IMPORTED_MODULE_6__/* .shellPath */ .G)(rel)}\` before committing anything`
                });
            }
        }
        this.originals.clear();
        return problems;
    }
}
/** `ENOSPC (no space left on device)`: the errno code and what it means, else the message. */
function describeFsError(error) {
    const e = error;
    const meaning = {
        ENOSPC: 'no space left on device',
        EROFS: 'read-only file system',
        EACCES: 'permission denied',
        EPERM: 'operation not permitted',
        EDQUOT: 'disk quota exceeded',
        ENOTDIR: 'a parent is not a folder',
        EEXIST: 'a file is in the way',
        EISDIR: 'it is a folder',
        EIO: 'input/output error'
    };
    if (e?.code && meaning[e.code])
        return `${e.code}, ${meaning[e.code]}`;
    if (e?.code)
        return e.code;
    return error instanceof Error ? error.message : String(error);
}
/** Deletes a file; one already gone is fine. (fs.rm would report EPERM as a failed rmdir's ENOTDIR.) */
async function removeFile(abs) {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(abs);
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
    }
}
async function atomicWrite(abs, content) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(abs), { recursive: true });
    const tmp = `${abs}.graft-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}.tmp`;
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(tmp, content);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(tmp, abs);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(tmp, { force: true }).catch(() => undefined);
        throw error;
    }
}


/***/ }),

/***/ 6291:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HQ: () => (/* binding */ writeSync),
/* harmony export */   R4: () => (/* binding */ planSync),
/* harmony export */   Vf: () => (/* binding */ syncEdits),
/* harmony export */   n8: () => (/* binding */ describeSyncChange)
/* harmony export */ });
/* harmony import */ var _repo_safe_read_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5828);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _dvc_dvcyaml_write_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4417);
/* harmony import */ var _dvc_dvclock_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(363);
/* harmony import */ var _io_transaction_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9276);
/* harmony import */ var _load_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9159);
/* harmony import */ var _stages_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9875);
// sync: dvc.yaml (and dvc.lock) brought in line with the prompts, as Graft's
// own `graft sync` does, without generating anything. New prompts gain a stage
// in the repository's command template; a prompt stage's deps follow its
// frontmatter; a stage whose output moved is rewritten; the stage of a prompt
// that is gone is removed with its dvc.lock entry. Stages that are not Graft's
// (no *.prompt.md dep) and every other byte of both files stay as written.







/**
 * What sync would change in the repository at `root`, and the new texts.
 * Reads prompts, dvc.yaml and dvc.lock; writes nothing.
 * @throws GraftError for a prompt, dvc.yaml or dvc.lock that cannot be read
 *   (file and line named), as validate does.
 */
async function planSync(root) {
    const pipeline = await (0,_load_js__WEBPACK_IMPORTED_MODULE_5__/* .loadPipeline */ .B)(root);
    const yamlText = await readText(root, 'dvc.yaml');
    const lockText = await readText(root, 'dvc.lock');
    const edit = syncEdits(pipeline, yamlText);
    if (edit.changes.length === 0)
        return { changes: [], files: [] };
    const files = [];
    if (edit.yaml !== undefined && edit.yaml !== yamlText)
        files.push({ path: 'dvc.yaml', text: edit.yaml });
    if (lockText !== undefined && edit.lockGone.length > 0)
        files.push({ path: 'dvc.lock', text: (0,_dvc_dvclock_js__WEBPACK_IMPORTED_MODULE_3__/* .removeLockStages */ .dQ)(lockText, edit.lockGone) });
    return { changes: edit.changes, files };
}
/**
 * The edits that bring dvc.yaml in line with the prompts, as Graft's own sync
 * (and its `repro`, which syncs first) would: a stage for each new prompt, in
 * the repository's command template; a prompt stage's deps as its frontmatter
 * says; a stage whose output moved, rewritten; the stage of a prompt that is
 * gone (an orphan, see isGraftStage), removed. `scope`, when given, limits
 * all but the removals to those stages (generate edits only the stages it
 * renders; an orphan belongs to no document and always goes).
 */
function syncEdits(pipeline, yamlText, scope) {
    const prompts = new Map(pipeline.prompts.map((p) => [p.stageName, p]));
    const declared = new Map((pipeline.dvcYaml?.stages ?? []).map((s) => [s.name, s]));
    const template = (0,_stages_js__WEBPACK_IMPORTED_MODULE_6__/* .commandTemplate */ .Un)(pipeline.prompts, pipeline.dvcYaml);
    const hasLockEntry = (stage) => pipeline.lock?.stages.has(stage) ?? false;
    const changes = [];
    const remove = [];
    const add = [];
    const newDeps = [];
    for (const d of pipeline.drift) {
        const prompt = prompts.get(d.stage);
        if (d.kind !== 'orphan-stage' && scope && !scope.has(d.stage))
            continue;
        if (d.kind === 'missing-stage' && prompt) {
            add.push((0,_stages_js__WEBPACK_IMPORTED_MODULE_6__/* .graftStage */ .P9)(prompt, template));
            changes.push({ kind: 'add', stage: d.stage, prompt: prompt.path, lockEntry: false });
        }
        else if (d.kind === 'outs-differ' && prompt) {
            // the stage's own command, learnt with its old output, keeps its shape with the new one
            const old = declared.get(d.stage);
            const own = (0,_stages_js__WEBPACK_IMPORTED_MODULE_6__/* .deriveTemplate */ .wR)(old, (0,_stages_js__WEBPACK_IMPORTED_MODULE_6__/* .writtenFor */ .LS)(old) ?? { ...prompt, out: old.outs[0]?.path ?? prompt.out });
            remove.push(d.stage);
            add.push((0,_stages_js__WEBPACK_IMPORTED_MODULE_6__/* .graftStage */ .P9)(prompt, own ?? template));
            changes.push({
                kind: 'outs',
                stage: d.stage,
                prompt: prompt.path,
                lockEntry: hasLockEntry(d.stage),
                leftBehind: d.leftBehind ?? [],
                readers: d.readers ?? []
            });
        }
        else if (d.kind === 'deps-differ' && prompt) {
            newDeps.push({ ...declared.get(d.stage), deps: (0,_stages_js__WEBPACK_IMPORTED_MODULE_6__/* .graftStage */ .P9)(prompt).deps });
            changes.push({ kind: 'deps', stage: d.stage, prompt: prompt.path, lockEntry: false });
        }
        else if (d.kind === 'orphan-stage') {
            remove.push(d.stage);
            changes.push({
                kind: 'remove',
                stage: d.stage,
                prompt: d.prompt,
                lockEntry: hasLockEntry(d.stage),
                leftBehind: d.leftBehind ?? [],
                readers: d.readers ?? []
            });
        }
    }
    // a stage rewritten for its new output takes its new deps with it
    const rewritten = new Set(remove);
    const kept = changes.filter((c) => !(c.kind === 'deps' && rewritten.has(c.stage)));
    const written = new Map(add.map((s) => [s.name, s]));
    if (kept.length === 0)
        return { changes: [], yaml: yamlText, written, lockGone: [] };
    let yaml = yamlText;
    if (yaml !== undefined && remove.length > 0)
        yaml = (0,_dvc_dvcyaml_write_js__WEBPACK_IMPORTED_MODULE_2__/* .removeStagesFromDvcYaml */ .Gr)(yaml, remove);
    if (yaml !== undefined)
        yaml = (0,_dvc_dvcyaml_write_js__WEBPACK_IMPORTED_MODULE_2__/* .updateStagesDeps */ .NM)(yaml, newDeps.filter((stage) => !rewritten.has(stage.name)));
    if (add.length > 0)
        yaml = (0,_dvc_dvcyaml_write_js__WEBPACK_IMPORTED_MODULE_2__/* .addStagesToDvcYaml */ .mR)(yaml, add);
    return { changes: kept, yaml, written, lockGone: kept.filter((c) => c.lockEntry).map((c) => c.stage) };
}
/** One change in words: for sync's output, generate's log, summary and commit message. */
function describeSyncChange(c, mood) {
    const did = mood === 'did';
    const lock = c.lockEntry ? ' and its dvc.lock entry' : '';
    switch (c.kind) {
        case 'add':
            return `${did ? 'added' : 'add'} stage ${c.stage} (${c.prompt})`;
        case 'deps':
            return `${did ? 'updated' : 'update'} the deps of stage ${c.stage} (${c.prompt})`;
        case 'outs':
            return `${did ? 'rewrote' : 'rewrite'} stage ${c.stage} for its new output (${c.prompt})${lock}${(0,_stages_js__WEBPACK_IMPORTED_MODULE_6__/* .leftBehindText */ .dT)(c.leftBehind ?? [], c.readers ?? [], 'change')}`;
        case 'remove':
            return `${did ? 'removed' : 'remove'} stage ${c.stage}${lock}: its prompt ${c.prompt ?? ''} is gone (renamed or deleted)${(0,_stages_js__WEBPACK_IMPORTED_MODULE_6__/* .leftBehindText */ .dT)(c.leftBehind ?? [], c.readers ?? [], 'change')}`;
    }
}
/**
 * Writes the plan's files through generate's FileTransaction: atomic writes,
 * dvc.yaml and dvc.lock refused when they lead out of the repository, and
 * both files put back as they were when either write fails.
 * @throws GraftError for a pipeline file that is a symlink out of the repository.
 */
async function writeSync(root, plan) {
    const transaction = new _io_transaction_js__WEBPACK_IMPORTED_MODULE_4__/* .FileTransaction */ .Z(root);
    try {
        for (const f of plan.files)
            await transaction.write(f.path, f.text);
    }
    catch (error) {
        await transaction.rollback();
        throw error;
    }
}
async function readText(root, rel) {
    return (0,_repo_safe_read_js__WEBPACK_IMPORTED_MODULE_0__/* .readRegularFile */ .XF)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, rel), rel, { noFollow: true });
}


/***/ })

};
