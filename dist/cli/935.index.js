export const id = 935;
export const ids = [935];
export const modules = {

/***/ 4314:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ dvcOnPath)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_defaults_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5553);
/* harmony import */ var _core_io_which_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(181);
// The CLI never installs DVC: it uses the one on PATH, or says how to get it.



const dvcOnPath = {
    find: async () => (0,_core_io_which_js__WEBPACK_IMPORTED_MODULE_2__/* .which */ .K7)('dvc'),
    install: async () => {
        // on PATH, but only in the workspace a workflow checked out into (GITHUB_WORKSPACE): not "not on PATH"
        const planted = (0,_core_io_which_js__WEBPACK_IMPORTED_MODULE_2__/* .foundOnlyInCheckout */ .m5)('dvc');
        if (planted)
            throw (0,_core_io_which_js__WEBPACK_IMPORTED_MODULE_2__/* .inCheckoutProblem */ .BK)('dvc', planted);
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GraftError */ .Tz({
            message: 'dvc is not on PATH',
            hint: `pip install "dvc==${_core_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_DVC_VERSION */ .N4}", or use --engine native`
        });
    }
};


/***/ }),

/***/ 4491:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ terminalLog),
/* harmony export */   k: () => (/* binding */ printLeftStale)
/* harmony export */ });
/* harmony import */ var _core_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4325);
/* harmony import */ var _style_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1715);
// The core's Log for a terminal: progress to stderr, so stdout stays clean for
// --json; group titles in bold and warnings in yellow when stderr is a terminal.


function terminalLog(quiet) {
    return {
        info: (m) => {
            if (!quiet)
                process.stderr.write(`${(0,_core_log_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeLog */ .Ah)(m)}\n`);
        },
        warn: (m) => process.stderr.write(`${_style_js__WEBPACK_IMPORTED_MODULE_1__/* .err */ ._q.warning('warning:')} ${(0,_core_log_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeLog */ .Ah)(m)}\n`),
        group: async (name, fn) => {
            if (!quiet)
                process.stderr.write(`${_style_js__WEBPACK_IMPORTED_MODULE_1__/* .err */ ._q.bold(`== ${(0,_core_log_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeLog */ .Ah)(name)}`)}\n`);
            return fn();
        }
    };
}
/** What a targeted run leaves stale outside its targets, on stdout after the run's own lines; nothing when it leaves nothing. */
function printLeftStale(left, verb) {
    if (left.length === 0)
        return;
    process.stdout.write(`${_style_js__WEBPACK_IMPORTED_MODULE_1__/* .out */ .FD.stale(`${left.length} document(s) outside the targets ${verb}:`)}\n`);
    for (const d of left)
        process.stdout.write(`  ${(0,_core_log_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeLog */ .Ah)(d.outputs.join(', '))}  (${(0,_core_log_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeLog */ .Ah)(d.why)})\n`);
    process.stdout.write('Run without targets, or with --downstream include, to bring them up to date.\n');
}


/***/ }),

/***/ 5553:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AZ: () => (/* binding */ DEFAULT_DVC_TIME_LIMIT_MINUTES),
/* harmony export */   EV: () => (/* binding */ DEFAULT_TIMEOUT_MINUTES),
/* harmony export */   GG: () => (/* binding */ DEFAULT_HAND_EDITS),
/* harmony export */   Kg: () => (/* binding */ DEFAULT_UPDATE_STYLE),
/* harmony export */   N4: () => (/* binding */ DEFAULT_DVC_VERSION),
/* harmony export */   Qw: () => (/* binding */ DEFAULT_MAX_DOCUMENTS),
/* harmony export */   To: () => (/* binding */ DEFAULT_MAX_INPUT_TOKENS),
/* harmony export */   UB: () => (/* binding */ DEFAULT_MODEL),
/* harmony export */   Uc: () => (/* binding */ DEFAULT_MAX_TOKENS),
/* harmony export */   WH: () => (/* binding */ DEFAULT_CONCURRENCY),
/* harmony export */   hP: () => (/* binding */ DEFAULT_DOWNSTREAM),
/* harmony export */   ig: () => (/* binding */ DEFAULT_MAX_OUTPUT_TOKENS),
/* harmony export */   t9: () => (/* binding */ DEFAULT_REGION)
/* harmony export */ });
/* unused harmony exports DEFAULT_MAX_COST_USD, DEFAULT_MODEL_PRICES, DEFAULT_COMMIT_USER_NAME, DEFAULT_COMMIT_USER_EMAIL, DEFAULT_COMMIT_VIA, DEFAULT_ON_PROTECTED, ACTION_INPUT_DEFAULTS */
// Every default of the action and the CLI, once. The action.yml files state
// the same values (a project test holds them equal); inputs and options that
// are left empty fall back to these.
/** Graft's default model alias (graft-format.md, "Models"). */
const DEFAULT_MODEL = 'bedrock-claude-v4.5-sonnet-us';
/** Bedrock region when neither the input, AWS_REGION / AWS_DEFAULT_REGION nor the AWS profile names one (render/region.ts). */
const DEFAULT_REGION = 'us-east-1';
/** Output tokens per document unless the prompt sets `max_tokens`; capped at the model's own limit. */
const DEFAULT_MAX_TOKENS = 16000;
/** Renders in flight at once. */
const DEFAULT_CONCURRENCY = 4;
/** Minutes one document may take before it is retried once, then failed. */
const DEFAULT_TIMEOUT_MINUTES = 10;
/**
 * The run's budget (max-documents, max-input-tokens, max-output-tokens):
 * generous for a normal run, finite so one mistake (a model or template
 * change that makes every document stale) cannot spend without bound —
 * 100 documents, 5 M input tokens (≈ $15 at Claude Sonnet 4.5's $3 per
 * million), 1 M output tokens (≈ $15 at $15 per million).
 */
const DEFAULT_MAX_DOCUMENTS = 100;
const DEFAULT_MAX_INPUT_TOKENS = 5_000_000;
const DEFAULT_MAX_OUTPUT_TOKENS = 1_000_000;
/**
 * max-cost-usd: no limit in dollars unless the user sets one (the token limits
 * above always hold); `model-prices`: none, the list prices of render/prices.ts apply.
 */
const DEFAULT_MAX_COST_USD = '';
const DEFAULT_MODEL_PRICES = '';
/**
 * Minutes the real `dvc status` may run before it is stopped (it hashes every
 * dep, so a large pipeline takes a while; a dep that never ends reading would
 * hold the job until GitHub's own six hours).
 */
const DEFAULT_DVC_TIME_LIMIT_MINUTES = 10;
/** The DVC release line `engine: dvc` installs when DVC is absent. */
const DEFAULT_DVC_VERSION = '3.*';
/** The bot identity of the commit (a GitHub App's no-reply address shape). */
const DEFAULT_COMMIT_USER_NAME = 'graft-bot[bot]';
const DEFAULT_COMMIT_USER_EMAIL = 'graft-bot[bot]@users.noreply.github.com';
/**
 * How the bot commit is made. `api` (GraphQL createCommitOnBranch) is the
 * better commit — GitHub signs it with the workflow token or an App token
 * (Verified), it passes signed-commit rules, `expectedHeadOid` makes it
 * race-safe — but it changes the author to the token's identity, ignores
 * commit-user-*, caps the size of one commit and needs the API reachable. For
 * v1 the default stays `git`, so existing workflows keep their bot identity;
 * the README recommends `api` and v2 should make it the default.
 */
const DEFAULT_COMMIT_VIA = 'git';
/** When protection refuses the commit: one rolling pull request (`fail` fails the step). */
const DEFAULT_ON_PROTECTED = 'pull-request';
/**
 * What a targeted run does with the documents downstream of its targets:
 * `include` takes them into the run (a forced refresh of one document leaves
 * nothing stale behind it), `report` keeps the run to the targets and names
 * what it left stale.
 */
const DEFAULT_DOWNSTREAM = 'include';
/** A generated document edited by hand: accept the edit into dvc.lock, said plainly (see validate/hand-edits.ts). */
const DEFAULT_HAND_EDITS = 'keep';
/**
 * UPDATE, REFINE and REFRESH ask the model for edits to the previous draft
 * (pack/update-style.ts): a one-line change costs a one-line edit, and every
 * other byte stays as it was. `rewrite` asks for the whole document.
 */
const DEFAULT_UPDATE_STYLE = 'edits';
/**
 * The action inputs whose defaults are stated in action.yml, with the value
 * each must state. Inputs whose default depends on the run (aws-region, token)
 * are not listed.
 */
const ACTION_INPUT_DEFAULTS = {
    command: 'auto',
    'working-directory': '.',
    engine: 'auto',
    targets: '',
    downstream: DEFAULT_DOWNSTREAM,
    'fail-on-stale': 'false',
    cache: 'true',
    force: 'false',
    'dry-run': 'false',
    push: 'true',
    comment: 'true',
    'allow-untrusted-head': 'false',
    model: DEFAULT_MODEL,
    'max-tokens': String(DEFAULT_MAX_TOKENS),
    concurrency: String(DEFAULT_CONCURRENCY),
    'timeout-minutes': String(DEFAULT_TIMEOUT_MINUTES),
    'max-documents': String(DEFAULT_MAX_DOCUMENTS),
    'max-input-tokens': String(DEFAULT_MAX_INPUT_TOKENS),
    'max-output-tokens': String(DEFAULT_MAX_OUTPUT_TOKENS),
    'max-cost-usd': DEFAULT_MAX_COST_USD,
    'model-prices': DEFAULT_MODEL_PRICES,
    'dvc-version': DEFAULT_DVC_VERSION,
    'commit-user-name': DEFAULT_COMMIT_USER_NAME,
    'commit-user-email': DEFAULT_COMMIT_USER_EMAIL,
    'commit-via': DEFAULT_COMMIT_VIA,
    'on-protected': DEFAULT_ON_PROTECTED,
    'hand-edits': DEFAULT_HAND_EDITS,
    'update-style': DEFAULT_UPDATE_STYLE
};


/***/ }),

/***/ 5986:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ leftStale)
/* harmony export */ });
/**
 * The documents outside `report.targets` that are stale after a run that
 * rewrote `rewritten` (output paths whose text changed), in dependency order.
 */
function leftStale(report, rewritten) {
    if (!report.explicitTargets)
        return [];
    const { graph, stages, prompts } = report.pipeline;
    const promptOf = new Map(prompts.map((p) => [p.stageName, p.path]));
    const why = new Map();
    for (const d of report.outsideTargets)
        why.set(d.stage, `stale before the run, outside the targets: ${d.reasons.map((r) => r.text).join('; ')}`);
    const changed = new Set(rewritten);
    for (const stage of stages) {
        const outs = stage.outs.map((o) => o.path).filter((o) => changed.has(o));
        if (outs.length === 0)
            continue;
        for (const down of graph.downstream([stage.name])) {
            if (report.targets.has(down) || why.has(down))
                continue;
            why.set(down, `reads ${outs.join(', ')} (directly or through another document), which this run regenerated`);
        }
    }
    const byName = new Map(stages.map((s) => [s.name, s]));
    return graph
        .order()
        .filter((name) => why.has(name))
        .map((name) => ({
        stage: name,
        outputs: byName.get(name).outs.map((o) => o.path),
        prompt: promptOf.get(name),
        why: why.get(name)
    }));
}


/***/ }),

/***/ 501:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JY: () => (/* binding */ stripHeaders),
/* harmony export */   RW: () => (/* binding */ parseHeader),
/* harmony export */   RX: () => (/* binding */ formatHeader),
/* harmony export */   Sd: () => (/* binding */ isHeaderLine),
/* harmony export */   d4: () => (/* binding */ HEADER_PREFIX),
/* harmony export */   fg: () => (/* binding */ sha256Hex),
/* harmony export */   k0: () => (/* binding */ usesCrlf),
/* harmony export */   wI: () => (/* binding */ composeDocument)
/* harmony export */ });
/* unused harmony export utcDate */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// The first line of every generated document, in Graft's exact format. It
// records which model wrote the text, from which packed prompt (sig) and at
// which revision, so a later run can find its baseline and spot hand edits.

const HEADER_PREFIX = '<!-- Generated by Graft';
function sha256Hex(text) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text, 'utf8').digest('hex');
}
/** `YYYY-MM-DD` in UTC, as Graft's `date -u +%F`. */
function utcDate(when) {
    return when.toISOString().slice(0, 10);
}
function formatHeader(fields) {
    const date = typeof fields.date === 'string' ? fields.date : utcDate(fields.date);
    return `${HEADER_PREFIX} | model=${fields.model} | sig=${fields.sig} | rev=${fields.rev} | ${date} -->`;
}
const HEADER_PATTERN = /^<!-- Generated by Graft \| model=(.*?) \| sig=([0-9a-f]*) \| rev=([^\s|]*) \| (\d{4}-\d{2}-\d{2}) -->\s*$/;
// What can stand before a header without being seen: every character Unicode
// says to render as nothing (Default_Ignorable_Code_Point: the byte-order mark
// U+FEFF, zero-width space, non-joiner and joiner U+200B–U+200D, word joiner
// U+2060 and the invisible operators after it, bidirectional marks, embeddings,
// overrides and isolates, the soft hyphen, variation selectors, Hangul fillers,
// tag characters…). A header behind them is still a header: it renders the
// same. (An indented line stays a line of text, as in Graft's `grep -v`.)
const INVISIBLE_LEAD = /^\p{Default_Ignorable_Code_Point}+/u;
/** The line without what a reader cannot see before its first visible character. */
function visibleStart(line) {
    return line.replace(INVISIBLE_LEAD, '');
}
/** The fields of a header line, or undefined when the line is not one. */
function parseHeader(line) {
    const match = HEADER_PATTERN.exec(visibleStart(line));
    if (!match)
        return undefined;
    const [, model, sig, rev, date] = match;
    return { model, sig, rev, date };
}
/** Whether a line starts like a Graft header, once what cannot be seen before it is dropped. */
function isHeaderLine(line) {
    return visibleStart(line).startsWith(HEADER_PREFIX);
}
/** The text without any line that starts like a Graft header (as Graft's `grep -v`). */
function stripHeaders(text) {
    return text
        .split('\n')
        .filter((line) => !isHeaderLine(line))
        .join('\n');
}
/**
 * The file to write: the header line, then the model's text without header
 * lines, ending in a line break (unless `asIs`: an edited draft keeps its own
 * ending). The header's line break is the text's own (CRLF in a CRLF text).
 * `crlf`: the document's previous draft breaks every line with CRLF; a text
 * that came back with LF only (a model replies so whatever it was shown) takes
 * CRLF too, so a rewrite changes the lines it changes, not every line's ending.
 * Never two headers, whatever the model returned.
 */
function composeDocument(header, text, options = {}) {
    const stripped = stripHeaders(text);
    const toCrlf = options.crlf === true && !stripped.includes('\r\n');
    const body = toCrlf ? stripped.replace(/\n/g, '\r\n') : stripped;
    const eol = toCrlf || usesCrlf(body) ? '\r\n' : '\n';
    const ended = options.asIs || body === '' || body.endsWith('\n') ? body : `${body}${eol}`;
    return `${header}${eol}${ended}`;
}
/** Every line break of `text` is CRLF (and it has at least one). */
function usesCrlf(text) {
    let lf = 0;
    let crlf = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
        lf++;
        if (text[at - 1] === '\r')
            crlf++;
    }
    return lf > 0 && crlf === lf;
}


/***/ }),

/***/ 8488:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Od: () => (/* binding */ scopeOf),
/* harmony export */   h5: () => (/* binding */ resolveTargets),
/* harmony export */   n5: () => (/* binding */ parseTargetList),
/* harmony export */   o4: () => (/* binding */ targetsItem)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
// `targets` input: output paths or stage names, as a JSON array or a
// newline/comma list. A target that names nothing is an error.

/**
 * The run's scope: the targets, and with `include` every stage downstream of
 * one (a document that reads a target's output, directly or not).
 */
function scopeOf(targets, graph, policy) {
    if (policy === 'report')
        return targets;
    return new Set([...targets, ...graph.downstream(targets)]);
}
function parseTargetList(raw) {
    const text = (raw ?? '').trim();
    if (text === '')
        return [];
    if (text.startsWith('[')) {
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch (e) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GraftError */ .Tz({
                message: `targets is not a valid JSON array: ${e.message}`,
                hint: 'pass a JSON array of strings, or one target per line'
            });
        }
        if (!Array.isArray(parsed) || parsed.some((t) => typeof t !== 'string')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GraftError */ .Tz({
                message: 'targets must be a JSON array of strings',
                hint: 'e.g. ["docs/a.md", "overview"]'
            });
        }
        return parsed.map((t) => t.trim()).filter(Boolean);
    }
    return text
        .split(/[\n,]/)
        .map((t) => t.trim())
        .filter(Boolean);
}
/** Maps each target to a stage name; every target must name a stage or one of its outputs. */
function resolveTargets(targets, stages) {
    const byName = new Map(stages.map((s) => [s.name, s.name]));
    const byOut = new Map();
    for (const s of stages)
        for (const o of s.outs)
            byOut.set(o.path, s.name);
    // a foreach or matrix stage's name stands for all its items (`name@key`), as in `dvc repro name`
    const items = new Map();
    for (const s of stages) {
        if (!s.loop || !s.name.includes('@'))
            continue;
        const loop = s.name.slice(0, s.name.indexOf('@'));
        items.set(loop, [...(items.get(loop) ?? []), s.name]);
    }
    // a loop stage whose items the lock does not hold is in the graph whole
    for (const s of stages)
        if (s.loop && !s.name.includes('@'))
            items.set(s.name, items.get(s.name) ?? []);
    const chosen = new Set();
    const unknown = [];
    for (const raw of targets) {
        const t = targetName(raw);
        const name = byName.get(t) ?? byOut.get(t);
        if (name)
            chosen.add(name);
        else if (items.has(t))
            for (const item of items.get(t))
                chosen.add(item);
        // an item dvc.lock does not hold yet (`tr@fr`) is in no graph: see targetsItem
        else if (!items.has(loopOf(t) ?? ''))
            unknown.push(raw);
    }
    if (unknown.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GraftError */ .Tz(unknown.map((t) => ({
            message: `target "${t}" names no stage and no output`,
            hint: `use a stage name or an output path; known stages: ${[...byName.keys()].slice(0, 20).join(', ')}`
        })));
    }
    return chosen;
}
/** A target as written, without a leading `./`. */
function targetName(raw) {
    return raw.replace(/^\.\//, '');
}
/** The loop stage a `name@key` item belongs to (undefined for any other name). */
function loopOf(name) {
    const at = name.indexOf('@');
    return at > 0 ? name.slice(0, at) : undefined;
}
/**
 * Whether `targets` name the foreach or matrix item `item` that DVC reports and
 * dvc.lock does not hold yet (so no graph has it): by its own name, as `dvc
 * repro tr@fr` does, or by its stage's, as `dvc repro tr` does.
 */
function targetsItem(targets, item) {
    return targets.some((raw) => {
        const t = targetName(raw);
        return t === item || t === loopOf(item);
    });
}


/***/ }),

/***/ 8056:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ UNCHECKED_SUBMODULE_HINT),
/* harmony export */   k: () => (/* binding */ uncheckedSubmodules)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
// Submodules the checkout did not check out. A dep that is (or holds) a Git
// submodule is an empty folder on a runner whose checkout skipped submodules
// (actions/checkout's default, `submodules: false`). DVC hashes that empty
// folder like any other: validate then calls the stage stale for a reason no
// diff explains, and a generate that recorded the empty folder's hash (with
// nothing of the library shown to the model) would make every developer's
// checkout, which has the submodule, stale again — the same churn as a Git
// LFS pointer (dvc/lfs-pointer.ts). Found here so that validate can say why
// and generate can stop first.


/** The mode git records a submodule (gitlink) with. */
const GITLINK_MODE = '160000';
/**
 * The submodules at or below `deps` (paths relative to `git`'s folder) that
 * the work tree lacks: a gitlink in the index whose folder holds no `.git` of
 * its checkout. Their paths, relative to that folder.
 */
async function uncheckedSubmodules(git, deps) {
    if (deps.length === 0)
        return [];
    const r = await git.tryExecPaths(['ls-files', '--stage', '-z'], [...deps]);
    if (r.code !== 0)
        return []; // not a checkout git can read: nothing to say
    const links = r.stdout
        .split('\0')
        .filter((entry) => entry.startsWith(`${GITLINK_MODE} `))
        .map((entry) => entry.slice(entry.indexOf('\t') + 1));
    const missing = [];
    for (const link of [...new Set(links)].sort()) {
        const checkout = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(git.cwd, link, '.git')).catch(() => undefined);
        if (!checkout)
            missing.push(link);
    }
    return missing;
}
/** What to do about them, for a reason or an error. */
const UNCHECKED_SUBMODULE_HINT = 'check out submodules: actions/checkout with `submodules: true` (or `recursive`), or run `git submodule update --init` before this action, then run again';


/***/ }),

/***/ 1922:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EJ: () => (/* binding */ parsePositiveInt),
/* harmony export */   HU: () => (/* binding */ parseChoice),
/* harmony export */   _e: () => (/* binding */ parseUsd),
/* harmony export */   k9: () => (/* binding */ parseDownstream),
/* harmony export */   xC: () => (/* binding */ parseEngineChoice)
/* harmony export */ });
/* unused harmony exports ENGINE_CHOICES, DOWNSTREAM_POLICIES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _nearest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8465);
// Settings given as text (action inputs, CLI options) turned into values, with
// one wording for every adapter's errors.


/** The staleness engines a user may choose (validate.ts runs them). */
const ENGINE_CHOICES = ['auto', 'native', 'dvc'];
/** What a targeted run does with what lies downstream of its targets (pipeline/targets.ts scopeOf; see defaults.ts). */
const DOWNSTREAM_POLICIES = ['include', 'report'];
/**
 * A positive whole number from `raw`; `label` names the setting in the error
 * (e.g. "input concurrency", "--concurrency").
 * @throws GraftError when `raw` is not a whole number ≥ 1.
 */
function parsePositiveInt(raw, label, example) {
    const n = Number(raw.trim());
    if (raw.trim() === '' || !Number.isInteger(n) || n < 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GraftError */ .Tz({ message: `${label} is "${raw}", not a positive whole number`, hint: `e.g. ${example}` });
    }
    return n;
}
/** The largest max-cost-usd accepted: a larger figure is a slip (leave the setting empty for no limit). */
const MOST_USD = 1_000_000;
/**
 * A run's limit in dollars from `raw` ("input max-cost-usd", "--max-cost-usd"):
 * a plain decimal number above 0 (`5`, `2.50`), up to a million; empty is no
 * limit (undefined).
 * @throws GraftError for anything else (0, negative, NaN, Infinity, exponents, units), naming the setting.
 */
function parseUsd(raw, label) {
    const text = raw.trim();
    if (text === '')
        return undefined;
    const usd = /^(?:\d+(?:\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(usd) || usd <= 0 || usd > MOST_USD) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GraftError */ .Tz({
            message: `${label} is "${raw}", not an amount of dollars above 0`,
            hint: `write a plain number of US dollars, e.g. 5 or 2.50 (no $ sign, at most ${MOST_USD}); leave it empty for no limit`
        });
    }
    return usd;
}
/**
 * The engine choice from `raw`; `label` names the setting in the error
 * ("--engine", "input engine"). The same check for every command and input.
 * @throws GraftError when `raw` is not auto, native or dvc.
 */
function parseEngineChoice(raw, label) {
    return parseChoice(raw, ENGINE_CHOICES, label, 'auto: the real DVC when it is on PATH, else the native engine; native: no DVC needed; dvc: the real `dvc status`');
}
/**
 * The downstream policy from `raw` ("--downstream", "input downstream").
 * @throws GraftError when `raw` is not include or report.
 */
function parseDownstream(raw, label) {
    return parseChoice(raw, DOWNSTREAM_POLICIES, label, 'include: regenerate the targets with every document that reads them; report: only the targets, naming what is left stale');
}
/**
 * One of `choices` from `raw` (trimmed); `label` names the setting in the error
 * ("--engine", "input engine"), which lists the choices and suggests the nearest
 * one to what was typed. The one check behind every choice setting.
 * @throws GraftError when `raw` is none of `choices`.
 */
function parseChoice(raw, choices, label, hint) {
    const value = raw.trim();
    if (choices.includes(value))
        return value;
    const near = (0,_nearest_js__WEBPACK_IMPORTED_MODULE_1__/* .nearest */ .p)(value, choices);
    const list = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}` : choices[0];
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GraftError */ .Tz({
        message: `${label} must be ${list}, not "${raw}"${near ? `; did you mean "${near}"?` : ''}`,
        hint: hint ?? `use one of: ${choices.join(', ')}`
    });
}


/***/ }),

/***/ 2577:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y9: () => (/* binding */ checkOutputHeaders),
/* harmony export */   ZX: () => (/* binding */ refuseHandWrittenOutputs),
/* harmony export */   tQ: () => (/* binding */ refuseHandEdits),
/* harmony export */   z4: () => (/* binding */ parseHandEditPolicy)
/* harmony export */ });
/* unused harmony exports HAND_EDIT_POLICIES, handEditedOutputs */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _repo_safe_read_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5828);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _graft_header_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(501);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4296);
/* harmony import */ var _phrasing_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1677);
/* harmony import */ var _shell_word_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2530);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1922);
// A generated document starts with Graft's header line; one that does not was
// written or edited by hand.








const HAND_EDIT_POLICIES = ['keep', 'regenerate', 'fail'];
/**
 * A policy as typed (a CLI option); `label` names it in the error.
 * @throws GraftError naming the label and the three choices
 */
function parseHandEditPolicy(raw, label) {
    return (0,_settings_js__WEBPACK_IMPORTED_MODULE_6__/* .parseChoice */ .HU)(raw, HAND_EDIT_POLICIES, label, 'keep: accept the edit into dvc.lock; regenerate: rewrite the document from the edited text; fail: stop, naming the file');
}
/** The outputs of `doc` that were edited by hand (empty when none). */
function handEditedOutputs(doc) {
    return [...new Set(doc.reasons.filter((r) => r.kind === 'edited-by-hand').map((r) => r.path ?? doc.outputs[0]))];
}
/**
 * For `hand-edits: fail`: one problem per hand-edited document, naming the file.
 * @throws GraftError when any of `stale` was edited by hand
 */
function refuseHandEdits(stale) {
    const problems = stale.flatMap((d) => handEditedOutputs(d).map((out) => ({
        file: out,
        message: `${out} was edited by hand (${d.reasons.find((r) => r.kind === 'edited-by-hand').text}), and ${(0,_phrasing_js__WEBPACK_IMPORTED_MODULE_5__/* .setting */ .Pe)('hand-edits', 'fail')} refuses hand edits`,
        hint: `revert the edit (git checkout -- ${(0,_shell_word_js__WEBPACK_IMPORTED_MODULE_7__/* .shellPath */ .G)(out)}), move the change into the prompt${d.prompt ? ` ${d.prompt}` : ''} or its sources, or set ${(0,_phrasing_js__WEBPACK_IMPORTED_MODULE_5__/* .setting */ .Pe)('hand-edits', 'keep')} (accept it) or ${(0,_phrasing_js__WEBPACK_IMPORTED_MODULE_5__/* .setting */ .Pe)('hand-edits', 'regenerate')} (rewrite it)`
    })));
    if (problems.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz(problems);
}
/**
 * Outputs whose line 1 is no Graft header, by stage. `firstLines`: line 1 of
 * outputs already read (prehash.ts; null for an empty file); others are read here.
 */
async function checkOutputHeaders(root, pipeline, firstLines) {
    const found = new Map();
    const buf = Buffer.allocUnsafe(HEAD);
    for (const p of pipeline.prompts) {
        const known = firstLines?.get(p.out);
        const first = known === undefined ? firstLine((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, p.out), buf) : (known ?? undefined);
        if (first === undefined || (0,_graft_header_js__WEBPACK_IMPORTED_MODULE_3__/* .parseHeader */ .RW)(first))
            continue;
        found.set(p.stageName, [
            { kind: 'edited-by-hand', path: p.out, text: `${p.out} has no valid Graft header on line 1 (edited by hand?)` }
        ]);
    }
    return found;
}
/**
 * Refuses, before anything is spent, a prompt whose output is a file written by
 * hand: it exists, its first line is no Graft header, and no stage in dvc.lock
 * writes it. generate would overwrite it.
 * @throws GraftError naming each such prompt (at its `out:` line, else line 1) and the file.
 */
function refuseHandWrittenOutputs(root, pipeline) {
    const locked = new Set([...(pipeline.lock?.stages.values() ?? [])].flatMap((s) => s.outs.map((o) => o.path)));
    const buf = Buffer.allocUnsafe(HEAD);
    const problems = [];
    for (const p of pipeline.prompts) {
        if (locked.has(p.out))
            continue;
        const first = firstLine((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, p.out), buf);
        if (first === undefined || (0,_graft_header_js__WEBPACK_IMPORTED_MODULE_3__/* .parseHeader */ .RW)(first))
            continue;
        problems.push({
            file: p.path,
            line: p.outLine ?? 1,
            message: `${p.out} already exists and was not written by Graft (no Graft header on line 1, and no stage in dvc.lock writes it): generate would overwrite it`,
            hint: `set \`out\` to a file that does not exist yet, or move ${p.out} away (git mv) if this prompt is to replace it`
        });
    }
    if (problems.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz(problems);
}
/**
 * First line of a file, or undefined when the file is absent or empty. A
 * blocking read of one small block: cheaper than a thread-pool round trip.
 */
/** How much of an output is read for its first line (hash-worker.cjs reads the same). */
const HEAD = 4096;
/** Line 1 of a file, from its first {@link HEAD} bytes, without `\r`; undefined for an empty or unreadable file. */
function firstLine(path, buf) {
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, _repo_safe_read_js__WEBPACK_IMPORTED_MODULE_1__/* .NON_BLOCKING_READ */ .ZL); // a FIFO swapped in opens at once…
    }
    catch {
        return undefined;
    }
    try {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd).isFile())
            return undefined; // …and is not read
        const bytesRead = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buf, 0, buf.length, 0);
        if (bytesRead === 0)
            return undefined;
        return buf.subarray(0, bytesRead).toString('utf8').split('\n')[0].replace(/\r$/, '');
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}


/***/ }),

/***/ 5685:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sk: () => (/* binding */ describeEngine),
  aZ: () => (/* binding */ documentsChecked),
  tf: () => (/* binding */ validate)
});

// UNUSED EXPORTS: ENGINE_NONE_MEANS

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/io/git.ts
var git = __webpack_require__(3000);
// EXTERNAL MODULE: ./src/core/phrasing.ts
var phrasing = __webpack_require__(1677);
;// CONCATENATED MODULE: ./src/core/io/workdir.ts
// The folder a run works in, checked once before anything reads it: it exists,
// is a folder, git runs there, and it is inside a git working tree. Each failure
// names the folder and says what to do, instead of Node's `spawn git ENOENT`
// (which reads as "git is not installed") or git's bare "not a git repository".




const setIt = () => `set ${(0,phrasing/* setting */.Pe)('working-directory')} to a folder of the repository`;
/**
 * Checks that `root` (absolute) is a folder inside a git working tree.
 * @throws GraftError naming `root` when it does not exist, is not a folder,
 *   git is not on PATH, it is outside any git repository, or the repository is bare.
 */
async function checkWorkingDirectory(root) {
    const info = await (0,promises_.stat)(root).catch(() => undefined);
    if (!info) {
        throw new errors/* GraftError */.Tz({
            message: `the working directory ${root} does not exist`,
            hint: `${setIt()}; ${(0,phrasing/* phrasing */.f2)().workingTree}`
        });
    }
    if (!info.isDirectory()) {
        throw new errors/* GraftError */.Tz({ message: `the working directory ${root} is a file, not a folder`, hint: setIt() });
    }
    // The runner turns a missing git into a GraftError saying so.
    const r = await new git/* Git */.TU(root).tryExec(['rev-parse', '--is-bare-repository', '--is-inside-work-tree']);
    const [bare, inside] = r.stdout.trim().split('\n');
    if (r.code !== 0 && /not a git repository/i.test(r.stderr)) {
        throw new errors/* GraftError */.Tz({
            message: `the working directory ${root} is not inside a git repository`,
            hint: `graft-action reads the committed state from git: ${(0,phrasing/* phrasing */.f2)().workingTree}`
        });
    }
    if (r.code !== 0) {
        throw new errors/* GraftError */.Tz({
            message: `git cannot read the repository at ${root}: ${r.stderr.trim().split('\n')[0]}`,
            hint: 'fix the repository (or its ownership: git config --global --add safe.directory <folder>) and run again'
        });
    }
    if (bare === 'true' || inside !== 'true') {
        throw new errors/* GraftError */.Tz({
            message: `the working directory ${root} is ${bare === 'true' ? 'a bare repository' : 'inside .git'}: there is no working tree with the prompts and documents`,
            hint: `${(0,phrasing/* phrasing */.f2)().workingTree}; ${setIt()}`
        });
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/repo/names.ts
var names = __webpack_require__(3452);
// EXTERNAL MODULE: ./src/core/dvc/hash.ts
var hash = __webpack_require__(5655);
// EXTERNAL MODULE: ./src/core/dvc/lfs-pointer.ts
var lfs_pointer = __webpack_require__(824);
// EXTERNAL MODULE: ./src/core/pipeline/unchecked-submodules.ts
var unchecked_submodules = __webpack_require__(8056);
// EXTERNAL MODULE: ./src/core/dvc/dvcyaml.ts + 1 modules
var dvcyaml = __webpack_require__(7836);
// EXTERNAL MODULE: ./src/core/pipeline/load.ts + 2 modules
var load = __webpack_require__(9159);
;// CONCATENATED MODULE: ./src/core/status/native.ts
// The built-in status engine: the verdicts of `dvc status --json`, computed
// in-process from dvc.yaml, dvc.lock and the work tree (DVC's Stage.status and
// Output.workspace_status rules). Refuses what it does not model.




const UNSUPPORTED_HINT = 'use engine "dvc" (the real `dvc status`), which models these features';
/**
 * `dvc status` for `dvc`, against `lock` and the work tree under `root`.
 * `prehashed`: md5s already taken of dvc.lock's files (see prehash.ts), by their lock path.
 * @throws GraftError for what the engine does not model, and for outputs .dvcignore ignores.
 */
async function nativeStatus(root, dvc, lock, prehashed) {
    if (dvc.unsupported.length > 0) {
        throw new errors/* GraftError */.Tz(dvc.unsupported.map((what) => ({
            file: 'dvc.yaml',
            message: `the native engine does not model ${what}`,
            hint: UNSUPPORTED_HINT
        })));
    }
    const hasher = new hash/* Hasher */.OP({ root });
    refuseIgnoredOuts(dvc, hasher.ignore, root);
    const stats = new Map();
    const paths = new Map();
    const look = {
        hasher,
        prehashed,
        abs: (rel) => {
            let abs = paths.get(rel);
            if (abs === undefined)
                paths.set(rel, (abs = (0,external_node_path_.join)(root, rel)));
            return abs;
        },
        stat: (abs) => {
            if (!stats.has(abs))
                stats.set(abs, statOrUndefined(abs));
            return stats.get(abs);
        }
    };
    const verdicts = await native_all(dvc.stages.map((stage) => stageStatus(stage, lock?.stages.get(stage.name), look)));
    const status = new Map();
    dvc.stages.forEach((stage, i) => {
        const s = verdicts[i];
        const empty = Object.keys(s.changedDeps).length === 0 && Object.keys(s.changedOuts).length === 0;
        if (!empty || s.alwaysChanged || s.changedCommand)
            status.set(stage.name, s);
    });
    return status;
}
function stageStatus(stage, locked, look) {
    // DVC: a frozen stage's deps are not checked (Stage.status); its outs and command are.
    const deps = stage.frozen ? {} : pathStates(stage.deps, locked?.deps ?? [], look);
    const outs = pathStates(stage.outs.map((o) => o.path), locked?.outs ?? [], look);
    return then(native_all([deps, outs]), ([changedDeps, changedOuts]) => ({
        changedDeps,
        changedOuts,
        // DVC: a stage absent from dvc.lock has no command to compare with.
        changedCommand: locked !== undefined && locked.cmd !== stage.cmd,
        alwaysChanged: stage.alwaysChanged === true || (stage.deps.length === 0 && stage.outs.length === 0)
    }));
}
/** Paths whose state changed, keyed as DVC prints them (normalized, relative). */
function pathStates(paths, entries, look) {
    // Matched by the exact path string; the last entry wins, as in DVC's dict.
    const byPath = entries.length > 32 ? new Map(entries.map((e) => [e.path, e])) : undefined;
    const states = native_all(paths.map((p) => {
        const entry = byPath ? byPath.get(p) : lastEntry(p, entries);
        const md5 = entry?.hash === 'md5' ? look.prehashed?.md5s.get(p) : undefined;
        if (md5 !== undefined)
            return md5 === entry.md5 ? undefined : 'modified';
        return pathState(look.abs(p), entry, look);
    }));
    return then(states, (list) => {
        const out = {};
        paths.forEach((p, i) => {
            const state = list[i];
            if (state)
                out[displayPath(p)] = state;
        });
        return out;
    });
}
/** The last entry for `path` (a scan: most stages list a few paths). */
function lastEntry(path, entries) {
    for (let i = entries.length - 1; i >= 0; i--)
        if (entries[i].path === path)
            return entries[i];
    return undefined;
}
function pathState(abs, entry, look) {
    const legacy = entry?.hash === undefined;
    // Most paths are small files: their md5 needs no stat (a file that opens exists).
    const quick = entry && look.hasher.md5Sync(abs, legacy);
    if (quick !== undefined)
        return quick === entry.md5 ? undefined : 'modified';
    const info = look.stat(abs);
    if (!info)
        return 'deleted';
    if (!entry)
        return 'modified';
    const verdict = (h) => (h.md5 === entry.md5 ? undefined : 'modified');
    if (info.isDirectory())
        return look.hasher.dir(abs, legacy).then(verdict);
    const now = look.hasher.fileSync(abs, legacy, info);
    return now ? verdict(now) : look.hasher.file(abs, legacy).then(verdict);
}
function native_all(items) {
    return items.some((x) => x instanceof Promise) ? Promise.all(items) : items;
}
function then(value, f) {
    return value instanceof Promise ? value.then(f) : f(value);
}
/** DVC prints a path relative to the repository root: `./a` → `a`, `d/` → `d`. */
function displayPath(path) {
    const normal = external_node_path_.posix.normalize(path);
    return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}
/**
 * DVC refuses to load a stage whose output its .dvcignore rules ignore
 * (Output._validate_output_path: "Path '…' is ignored by .dvcignore:4:out.md").
 * A file is checked as a file, a folder as a folder, a missing path as either.
 */
function refuseIgnoredOuts(dvc, rules, root) {
    const problems = [];
    for (const stage of dvc.stages) {
        for (const out of stage.outs) {
            const path = displayPath(out.path);
            const slash = path.lastIndexOf('/');
            if (rules.isEmptyFor(slash < 0 ? '' : path.slice(0, slash)))
                continue;
            const info = statOrUndefined((0,external_node_path_.join)(root, path));
            const verdict = info
                ? rules.check(path, info.isDirectory())
                : [rules.check(path, false), rules.check(path, true)].find((v) => v.ignored);
            const rule = verdict?.ignored ? verdict.rule : undefined;
            if (!rule)
                continue;
            problems.push({
                file: rule.file,
                line: rule.line,
                message: `output ${path} of stage ${stage.name} is ignored by ${rule.file}:${rule.line} (${rule.pattern}); DVC refuses to load a pipeline whose output it ignores`,
                hint: `remove or narrow the rule at ${rule.file}:${rule.line} so that it no longer matches ${path}`
            });
        }
    }
    (0,errors/* throwIfProblems */.W8)(problems);
}
/** A blocking stat: thousands of them cost less than the thread-pool round trips. */
function statOrUndefined(abs) {
    try {
        return (0,external_node_fs_.statSync)(abs, { throwIfNoEntry: false });
    }
    catch {
        return undefined; // e.g. a file where a folder was expected: the path does not exist
    }
}
/** The object `dvc status --json` prints for this status. */
function toDvcJson(status) {
    const out = {};
    for (const [name, s] of status) {
        const items = [];
        if (Object.keys(s.changedDeps).length > 0)
            items.push({ 'changed deps': { ...s.changedDeps } });
        if (Object.keys(s.changedOuts).length > 0)
            items.push({ 'changed outs': { ...s.changedOuts } });
        if (s.alwaysChanged)
            items.push('always changed');
        if (s.changedCommand)
            items.push('changed command');
        if (items.length > 0)
            out[name] = items;
    }
    return out;
}

// EXTERNAL MODULE: ./src/core/pipeline/targets.ts
var pipeline_targets = __webpack_require__(8488);
// EXTERNAL MODULE: ./src/core/defaults.ts
var defaults = __webpack_require__(5553);
// EXTERNAL MODULE: ./src/core/validate/hand-edits.ts
var hand_edits = __webpack_require__(2577);
// EXTERNAL MODULE: ./src/core/pipeline/shell.ts
var shell = __webpack_require__(9416);
;// CONCATENATED MODULE: ./src/core/validate/reasons.ts
// Turns what the engine saw, the dvc.yaml drift and the header checks into a
// list of reasons per stage, then marks everything downstream of a stale stage.


/**
 * Stage name → why it is stale (each text once). Downstream marking follows
 * what DVC's `repro` would rerun: not from always_changed-only stages, frozen
 * or orphaned stages, never into a frozen stage; a stale stage no prompt
 * defines gets the `dvc repro` to run, and every document downstream of one a
 * `needs-repro` reason naming it.
 */
function staleReasons({ pipeline, status, handEdits }) {
    const reasons = new Map();
    const add = (stage, r) => {
        const list = reasons.get(stage) ?? [];
        if (!list.some((x) => x.text === r.text))
            list.push(r);
        reasons.set(stage, list);
    };
    const graftOutputs = new Set(pipeline.prompts.map((p) => p.out));
    for (const stage of pipeline.stages) {
        // a foreach or matrix stage is locked item by item (`name@key`): DVC names each one not locked
        if (stage.loop)
            continue;
        if (pipeline.dvcYaml && !pipeline.lock?.stages.has(stage.name)) {
            add(stage.name, { kind: 'not-in-lock', text: 'not in dvc.lock (never generated)' });
        }
    }
    for (const [stage, s] of status) {
        for (const [path, state] of Object.entries(s.changedDeps)) {
            add(stage, { kind: 'changed-dep', path, text: `dep ${path} ${state}` });
        }
        for (const [path, state] of Object.entries(s.changedOuts)) {
            // an entry without md5 records no content to compare with: no sign of a hand edit
            const unhashed = pipeline.lock?.stages.get(stage)?.outs.some((o) => o.path === path && o.md5 === '');
            if (unhashed) {
                add(stage, { kind: 'changed-out', path, text: `output ${path} has no md5 in dvc.lock` });
            }
            else if (state === 'modified' && graftOutputs.has(path) && pipeline.lock?.stages.has(stage)) {
                add(stage, { kind: 'edited-by-hand', path, text: `${path} edited by hand (its md5 differs from dvc.lock)` });
            }
            else {
                add(stage, { kind: 'changed-out', path, text: `output ${path} ${state}` });
            }
        }
        if (s.changedCommand)
            add(stage, { kind: 'changed-command', text: 'command changed since dvc.lock' });
        if (s.alwaysChanged)
            add(stage, { kind: 'always-changed', text: 'always changed' });
    }
    const orphans = new Set();
    for (const d of pipeline.drift) {
        if (d.kind === 'orphan-stage')
            orphans.add(d.stage);
        add(d.stage, { kind: 'dvc-yaml-out-of-sync', text: `dvc.yaml out of sync: ${d.text}` });
    }
    for (const [stage, list] of handEdits)
        for (const r of list)
            add(stage, r);
    const prompted = new Set(pipeline.prompts.map((p) => p.stageName));
    const byName = new Map(pipeline.stages.map((s) => [s.name, s]));
    const frozen = (name) => byName.get(name)?.frozen === true;
    // Downstream of a stale stage is stale too (DVC only notices after the upstream
    // reran), but only where an output will really change (DVC's repro semantics):
    // not from a stage that is merely always_changed (rerunning it may change nothing;
    // DVC flags the stage alone), not from a frozen stage and not into or through one
    // (DVC never reruns it: `frozen` cuts its deps off the graph), not from an orphaned
    // stage (nothing reruns it).
    const origins = [...reasons.keys()].filter((n) => byName.has(n) && !frozen(n) && !orphans.has(n) && reasons.get(n).some((r) => r.kind !== 'always-changed'));
    /** stages whose outputs the next run changes: the origins and what lies downstream of them */
    const changing = new Set();
    for (const origin of origins) {
        changing.add(origin);
        for (const d of reachable(pipeline, origin, frozen)) {
            add(d, { kind: 'upstream-stale', text: `upstream ${origin} is stale` });
            changing.add(d);
        }
    }
    // A stage stale only because it is always changed makes no document stale: it gets a notice instead (alwaysChangedOnly).
    const alwaysOnly = new Set(alwaysChangedOnly(reasons));
    // A stale stage no prompt defines: say what to run (an orphan's text already says what to do).
    for (const name of [...reasons.keys()]) {
        if (prompted.has(name) || orphans.has(name) || alwaysOnly.has(name))
            continue;
        if (!byName.has(name) && !(0,load/* loopStageOf */.k)(pipeline, name))
            continue;
        add(name, {
            kind: 'not-a-prompt',
            text: frozen(name)
                ? `not a prompt stage, and frozen (frozen: true in dvc.yaml): DVC does not rerun it; unfreeze it (\`dvc unfreeze ${(0,shell/* dvcTarget */["do"])(name)}\`) to refresh it`
                : `not a prompt stage: graft-action does not render it; run \`dvc repro ${(0,shell/* dvcTarget */["do"])(name)}\` and commit its outputs`
        });
    }
    // A stale frozen document: generate leaves it, as dvc repro does.
    for (const name of [...reasons.keys()]) {
        if (!prompted.has(name) || !frozen(name) || alwaysOnly.has(name))
            continue;
        add(name, {
            kind: 'frozen',
            text: `frozen (frozen: true in dvc.yaml): generate never regenerates it, as \`dvc repro\` never reruns it; remove frozen: true (or run \`dvc unfreeze ${(0,shell/* dvcTarget */["do"])(name)}\`) to regenerate it, or record it as it is with \`dvc commit ${(0,shell/* dvcTarget */["do"])(name)}\``
        });
    }
    // A document downstream of a changing stage that no prompt defines must wait for
    // that stage's `dvc repro`: rendering it now would read the old output.
    const waitsFor = new Map();
    for (const name of pipeline.graph.order()) {
        if (frozen(name))
            continue;
        const blockers = new Set();
        for (const parent of pipeline.graph.dependenciesOf(name)) {
            if (!changing.has(parent))
                continue;
            for (const b of waitsFor.get(parent) ?? [])
                blockers.add(b);
            if (!prompted.has(parent))
                blockers.add(parent);
        }
        if (blockers.size > 0)
            waitsFor.set(name, blockers);
    }
    for (const [name, blockers] of waitsFor) {
        if (!prompted.has(name))
            continue;
        const list = [...blockers];
        add(name, {
            kind: 'needs-repro',
            text: `waits for ${list.join(', ')} (not ${list.length > 1 ? 'prompt stages' : 'a prompt stage'}): run \`dvc repro ${list.map(shell/* dvcTarget */["do"]).join(' ')}\` and commit, then regenerate`
        });
    }
    return reasons;
}
/**
 * Stages whose only reason is `always changed` (`always_changed: true`, or a
 * command with no deps and no outs): DVC lists them on every `dvc status`,
 * yet nothing about them changed, and `dvc repro` reruns them without making
 * anything downstream stale (see the downstream marking above). They are not
 * stale documents: `stale_files`, `is_stale` and `fail-on-stale` leave them
 * out, or a pipeline with such a helper would be stale on every run.
 */
function alwaysChangedOnly(reasons) {
    return [...reasons].filter(([, list]) => list.every((r) => r.kind === 'always-changed')).map(([name]) => name);
}
/** Every stage downstream of `start`, not entering frozen stages (DVC cuts a frozen stage off its deps). */
function reachable(pipeline, start, frozen) {
    const seen = new Set();
    const stack = [start];
    while (stack.length > 0) {
        for (const child of pipeline.graph.childrenOf(stack.pop())) {
            if (seen.has(child) || frozen(child))
                continue;
            seen.add(child);
            stack.push(child);
        }
    }
    return seen;
}

// EXTERNAL MODULE: ./src/core/pipeline/stages.ts
var stages = __webpack_require__(9875);
;// CONCATENATED MODULE: ./src/core/validate/validate.ts
// validate: which generated documents no longer match their sources or their
// prompts, and why. files → prompts → pipeline → graph → status → report.




















async function validate(options) {
    const { root, log } = options;
    const pipeline = await log.group('Reading prompts and pipeline', async () => {
        await checkWorkingDirectory((0,external_node_path_.resolve)(root));
        await refuseSubfolderOfPipeline(root);
        // The native engine's hashing starts while the prompts are read (not for the real dvc: it hashes itself).
        const p = await (0,load/* loadPipeline */.B)(root, { prehash: options.engine !== 'dvc' });
        refuseEmptyPipeline(root, p);
        (0,hand_edits/* refuseHandWrittenOutputs */.ZX)(root, p);
        log.info(`${p.prompts.length} prompt(s), ${p.stages.length} stage(s); dvc.yaml ${p.dvcYaml ? 'found' : 'absent'}, dvc.lock ${p.lock ? 'found' : 'absent'}`);
        return p;
    });
    const targeted = (options.targets?.length ?? 0) > 0;
    const namedTargets = targeted ? (0,pipeline_targets/* resolveTargets */.h5)(options.targets, pipeline.stages) : new Set();
    // Orphans are always in scope: they belong to no document a target could name, and every generate removes them.
    const targets = new Set([
        ...(targeted
            ? (0,pipeline_targets/* scopeOf */.Od)(namedTargets, pipeline.graph, options.downstream ?? defaults/* DEFAULT_DOWNSTREAM */.hP)
            : pipeline.stages.map((s) => s.name)),
        ...pipeline.orphans.map((s) => s.name)
    ]);
    // Free to hash now: this thread takes the files no worker has started, the engine hashes them.
    const prehashed = await pipeline.prehash?.finish();
    const { engine, status } = await log.group('Checking staleness', () => runEngine(options, pipeline, prehashed));
    const handEdits = await (0,hand_edits/* checkOutputHeaders */.Y9)(root, pipeline, prehashed?.firstLines);
    const reasons = staleReasons({ pipeline, status, handEdits });
    const helpers = alwaysChangedOnly(reasons);
    for (const name of helpers)
        reasons.delete(name);
    await explainLfsPointers(root, reasons);
    await explainUncheckedSubmodules(root, reasons);
    const all = orderStale(pipeline, reasons);
    // without targets, every stage DVC reports is in scope, an item of a loop the lock does not hold yet too
    // with targets, such an item is in scope when they name it or its stage
    const inScope = (d) => targets.has(d.stage) || (!pipeline.graph.has(d.stage) && (!targeted || (0,pipeline_targets/* targetsItem */.o4)(options.targets, d.stage)));
    const stale = all.filter(inScope);
    const outsideTargets = all.filter((d) => !inScope(d));
    log.info(`${describeEngine(engine)}: ${stale.length} stale document(s)` +
        (outsideTargets.length > 0 ? `, and ${outsideTargets.length} more outside the targets` : ''));
    if (options.handEdits === 'fail')
        (0,hand_edits/* refuseHandEdits */.tQ)(stale);
    const notices = [...alwaysChangedNotices(pipeline, helpers), ...promptNotices(pipeline), ...paramsNotices(pipeline)];
    for (const n of notices)
        log.info(`notice: ${n.file}${n.line ? `:${n.line}` : ''}: ${n.message}; ${n.hint}`);
    return { engine, pipeline, targets, explicitTargets: targeted, namedTargets, stale, outsideTargets, notices };
}
/**
 * How many documents the run checked: the prompt stages in its scope. Helper
 * stages and orphans are in the scope too (their verdicts count), but they
 * are no documents, and "all 8 documents up to date" of six would be wrong.
 */
function documentsChecked(report) {
    const documents = new Set(report.pipeline.prompts.map((p) => p.stageName));
    return [...report.targets].filter((name) => documents.has(name)).length;
}
/**
 * The engine as the reports name it, with what `none` means: there was no
 * dvc.yaml, so no status engine ran and every prompt's document counts as new.
 */
function describeEngine(engine) {
    return engine === 'none' ? `engine none (${ENGINE_NONE_MEANS})` : `engine ${engine}`;
}
/** What engine `none` means, wherever it is printed. */
const ENGINE_NONE_MEANS = 'no dvc.yaml yet: no status was checked; every prompt is new and its document stale';
async function runEngine(options, pipeline, prehashed) {
    if (!pipeline.dvcYaml)
        return { engine: 'none', status: new Map() };
    const unsupported = pipeline.dvcYaml.unsupported;
    let choice = options.engine;
    const found = await options.dvc.find();
    if (choice === 'auto') {
        choice = found || unsupported.length > 0 ? 'dvc' : 'native';
        if (!found && unsupported.length > 0) {
            options.log.info(`dvc.yaml uses features the native engine does not model (${unsupported.join('; ')}): installing DVC`);
        }
    }
    if (choice === 'native') {
        if (unsupported.length > 0) {
            throw new errors/* GraftError */.Tz({
                file: 'dvc.yaml',
                message: `the native engine does not model: ${unsupported.join('; ')}`,
                hint: `set ${(0,phrasing/* setting */.Pe)('engine', 'dvc')} (or auto) so the real \`dvc status\` decides`
            });
        }
        return {
            engine: 'native',
            status: await nativeStatus(options.root, pipeline.dvcYaml, pipeline.lock, prehashed)
        };
    }
    const dvcPath = found ?? (await options.dvc.install());
    // loaded on demand, so the native engine's path never loads it
    const { dvcStatus } = await __webpack_require__.e(/* import() */ 761).then(__webpack_require__.bind(__webpack_require__, 7761));
    return { engine: 'dvc', status: await dvcStatus(options.root, { dvcPath, timeoutMs: options.dvcTimeoutMs }) };
}
/**
 * A folder with no dvc.yaml inside a pipeline whose dvc.yaml lies above it
 * (its stages read files here): the prompts' paths are relative to that
 * pipeline's root, so reading them from here would report every dep as
 * missing. Checked before any prompt is read.
 */
async function refuseSubfolderOfPipeline(root) {
    if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, 'dvc.yaml')))
        return;
    const above = pipelineAbove(root);
    if (above === undefined)
        return;
    const here = (0,external_node_path_.relative)(above, (0,external_node_path_.resolve)(root)).split('\\').join('/');
    const stages = (await (0,dvcyaml/* readDvcYaml */.b8)(above).catch(() => undefined))?.stages ?? [];
    const reads = stages.some((st) => [...st.deps, ...st.outs.map((o) => o.path)].some((p) => (0,names/* isSameOrInside */.Im)(here, (0,names/* normalizeRepoPath */.NP)(p))));
    if (!reads)
        return;
    throw new errors/* GraftError */.Tz({
        message: `${(0,external_node_path_.resolve)(root)} has no dvc.yaml, but ${(0,external_node_path_.join)(above, 'dvc.yaml')} above it has stages that read and write files in this folder: it is part of that pipeline, whose paths are relative to ${above}`,
        hint: `set ${inRepo(root, above)}`
    });
}
/**
 * Nothing to check is an error, never "all 0 document(s) up to date": a
 * required check that cannot fail is worse than none.
 */
function refuseEmptyPipeline(root, pipeline) {
    if (pipeline.stages.length > 0)
        return;
    const dir = (0,external_node_path_.resolve)(root);
    const above = pipeline.dvcYaml ? undefined : pipelineAbove(root);
    const below = pipeline.subPipelines ?? [];
    if (!above && below.length > 0) {
        const named = below.slice(0, 5).join(', ') + (below.length > 5 ? ` and ${below.length - 5} more` : '');
        throw new errors/* GraftError */.Tz({
            message: `${dir} has no pipeline of its own to validate: its prompts lie in folders with a dvc.yaml of their own (${named}), each a pipeline whose paths are relative to its folder`,
            hint: `set ${(0,phrasing/* setting */.Pe)('working-directory')} to one of those folders (one step or job per folder)`
        });
    }
    throw new errors/* GraftError */.Tz({
        file: pipeline.dvcYaml ? 'dvc.yaml' : undefined,
        message: (pipeline.dvcYaml
            ? `dvc.yaml in ${dir} declares no stages and there is no *.prompt.md file: there is nothing to validate`
            : `${dir} holds no *.prompt.md file and no dvc.yaml: there is nothing to validate`) +
            (above ? `; ${(0,external_node_path_.join)(above, 'dvc.yaml')} above it holds a pipeline` : ''),
        hint: above
            ? `set ${inRepo(root, above)}`
            : `set ${(0,phrasing/* setting */.Pe)('working-directory')} to the folder that holds dvc.yaml and the prompts (files git ignores are not read)`
    });
}
/** The run's folder set to `dir`, as the user sets it (the action: relative to the git work tree's top). */
function inRepo(root, dir) {
    return (0,phrasing/* phrasing */.f2)().folder(dir, gitTop(root) ?? dir);
}
/** The nearest folder above `root`, up to the git work tree's top, that holds a dvc.yaml. */
function pipelineAbove(root) {
    const top = gitTop(root);
    if (top === undefined)
        return undefined;
    for (let dir = (0,external_node_path_.dirname)((0,external_node_path_.resolve)(root));; dir = (0,external_node_path_.dirname)(dir)) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, 'dvc.yaml')))
            return dir;
        if (dir === top || (0,external_node_path_.dirname)(dir) === dir)
            return undefined;
    }
}
/** The folder holding `.git` (a folder or a file) at or above `root`; undefined outside git. */
function gitTop(root) {
    for (let dir = (0,external_node_path_.resolve)(root);; dir = (0,external_node_path_.dirname)(dir)) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, '.git')))
            return dir;
        if ((0,external_node_path_.dirname)(dir) === dir)
            return undefined;
    }
}
/**
 * A changed dep that is (or holds) a Git LFS pointer: the checkout lacks the
 * file's content (actions/checkout without `lfs: true`), which is why DVC sees
 * it changed; its reason says so and what to do.
 */
async function explainLfsPointers(root, reasons) {
    // a changed dep, or a document that looks edited by hand: the checkout may hold its LFS pointer
    const kinds = new Set(['changed-dep', 'changed-out', 'edited-by-hand']);
    const changed = [...reasons.values()].flat().filter((r) => kinds.has(r.kind) && r.path !== undefined);
    if (changed.length === 0)
        return;
    // those paths hashed again, only they: the hasher marks every LFS pointer it reads
    const hasher = new hash/* Hasher */.OP({ root });
    await Promise.all([...new Set(changed.map((r) => r.path))].map(async (p) => {
        const abs = (0,external_node_path_.join)(root, p);
        const info = await (0,promises_.stat)(abs).catch(() => undefined);
        if (info?.isDirectory())
            await hasher.dir(abs).catch(() => undefined);
        else if (info?.isFile())
            await hasher.file(abs).catch(() => undefined);
    }));
    if (hasher.lfsPointers.size === 0)
        return;
    const shaped = [...hasher.lfsPointers].map((abs) => (0,external_node_path_.relative)(root, abs).split(external_node_path_.sep).join('/'));
    const tracked = await (0,lfs_pointer/* lfsTracked */.U)(new git/* Git */.TU(root), shaped);
    const pointers = shaped.filter((p) => tracked?.has(p) ?? true); // git cannot say: a pointer's text counts as one
    const told = new Set(); // a document's pointer is said once per stage (it may look edited twice)
    for (const list of reasons.values())
        for (const r of list.filter((x) => kinds.has(x.kind) && x.path !== undefined)) {
            const inside = pointers.filter((p) => (0,names/* isSameOrInside */.Im)((0,names/* normalizeRepoPath */.NP)(r.path), p));
            if (inside.length === 0 || (r.kind !== 'changed-dep' && told.has(list)))
                continue;
            if (r.kind !== 'changed-dep')
                told.add(list);
            explainPointer(r, inside);
        }
}
/** Says in `r` that `inside` (the reason's path, or files in it) are Git LFS pointers, and what to do. */
function explainPointer(r, inside) {
    const which = inside.length === 1 && inside[0] === (0,names/* normalizeRepoPath */.NP)(r.path)
        ? `${r.path} is a Git LFS pointer`
        : `${inside.slice(0, 5).map(names/* showPath */.P8).join(', ')}${inside.length > 5 ? ` and ${inside.length - 5} more` : ''} in it ${inside.length > 1 ? 'are Git LFS pointers' : 'is a Git LFS pointer'}`;
    r.text += ` (${which}, not the content: this checkout did not fetch LFS files; check out with \`lfs: true\`)`;
}
/**
 * A changed dep that is (or holds) a submodule the checkout did not check out
 * (actions/checkout without `submodules: true`): an empty folder here, which
 * is why DVC sees it changed; its reason says so and what to do.
 */
async function explainUncheckedSubmodules(root, reasons) {
    const changed = [...reasons.values()].flat().filter((r) => r.kind === 'changed-dep' && r.path !== undefined);
    if (changed.length === 0)
        return;
    const missing = await (0,unchecked_submodules/* uncheckedSubmodules */.k)(new git/* Git */.TU(root), [...new Set(changed.map((r) => (0,names/* normalizeRepoPath */.NP)(r.path)))]);
    for (const r of changed) {
        const inside = missing.filter((m) => (0,names/* isSameOrInside */.Im)((0,names/* normalizeRepoPath */.NP)(r.path), m));
        if (inside.length === 0)
            continue;
        const which = `${inside.slice(0, 5).map(names/* showPath */.P8).join(', ')}${inside.length > 5 ? ` and ${inside.length - 5} more` : ''}`;
        r.text += ` (${which} ${inside.length > 1 ? 'are Git submodules' : 'is a Git submodule'} this checkout did not check out, an empty folder here; check out with \`submodules: true\`)`;
    }
}
/**
 * Stages stale only because they are always changed (see alwaysChangedOnly):
 * what they are and what to run, on the stage's line in dvc.yaml.
 */
function alwaysChangedNotices(pipeline, names) {
    const byName = new Map(pipeline.stages.map((s) => [s.name, s]));
    const promptOf = new Map(pipeline.prompts.map((p) => [p.stageName, p.path]));
    return names.map((name) => {
        const stage = byName.get(name);
        const outs = stage?.outs.map((o) => o.path) ?? [];
        const why = stage?.alwaysChanged
            ? 'always_changed: true'
            : 'a command with no deps and no outs, which DVC treats as always changed';
        const prompt = promptOf.get(name);
        return {
            file: 'dvc.yaml',
            line: stage?.line,
            message: prompt
                ? `stage ${name} (${prompt}) is always changed (${why}): \`dvc status\` lists it on every run, though nothing it reads changed; that makes its document stale for DVC's repro, not for graft-action`
                : `stage ${name} is always changed (${why}): \`dvc status\` lists it on every run, though nothing it reads changed; it makes no document stale, and documents reading ${outs.length > 0 ? outs.join(', ') : 'its output'} are judged by their own content`,
            hint: prompt
                ? `generate regenerates ${prompt} when its prompt or sources change, or with \`force\`; remove always_changed from the stage if DVC should not rerun it every time`
                : stage?.frozen
                    ? `it is also frozen (frozen: true), so \`dvc repro\` does not rerun it: unfreeze it (\`dvc unfreeze ${(0,shell/* dvcTarget */["do"])(name)}\`) when you want ${outs.length > 0 ? outs.join(', ') : 'its output'} refreshed`
                    : `run \`dvc repro ${(0,shell/* dvcTarget */["do"])(name)}\` and commit ${outs.length > 0 ? outs.join(', ') : 'what it writes'} when you want ${outs.length > 1 ? 'them' : 'it'} refreshed`
        };
    });
}
/** A dep listed twice, or the prompt listing itself: DVC accepts both (and hashes the file once per listing). */
/** Documents whose stage has params: generate will refuse them (see paramsProblem). */
function paramsNotices(pipeline) {
    const prompted = new Set(pipeline.prompts.map((p) => p.stageName));
    return (pipeline.dvcYaml?.stages ?? []).filter((s) => s.params && prompted.has(s.name)).map(stages/* paramsProblem */.MW);
}
function promptNotices(pipeline) {
    return pipeline.prompts.flatMap((p) => (p.repeatedDeps ?? []).map((r) => ({
        file: p.path,
        line: r.line,
        message: r.firstLine === undefined && r.dep === p.path
            ? `dep ${r.dep} is the prompt file itself, which its stage depends on anyway: accepted (dvc.yaml lists it twice)`
            : `dep ${r.dep} is listed again${r.firstLine !== undefined ? ` (first on line ${r.firstLine})` : ''}: accepted (dvc.yaml lists it twice)`,
        hint: 'remove the repeated line from `deps`'
    })));
}
/**
 * Stale documents in dependency order, then the orphaned stages (in dvc.yaml's
 * order), then the items of foreach and matrix stages that DVC reports and
 * dvc.lock does not hold yet (in no graph: see loopStageOf).
 */
function orderStale(pipeline, reasons) {
    const promptOf = new Map(pipeline.prompts.map((p) => [p.stageName, p]));
    const byName = new Map([...pipeline.stages, ...pipeline.orphans].map((s) => [s.name, s]));
    const unlockedItems = [...reasons.keys()].filter((n) => !byName.has(n) && (0,load/* loopStageOf */.k)(pipeline, n));
    const out = [];
    for (const name of [...pipeline.graph.order(), ...pipeline.orphans.map((s) => s.name), ...unlockedItems]) {
        const why = reasons.get(name);
        if (!why || why.length === 0)
            continue;
        const stage = byName.get(name) ?? { ...(0,load/* loopStageOf */.k)(pipeline, name), name };
        const prompt = promptOf.get(name);
        out.push({
            stage: name,
            outputs: stage.outs.map((o) => o.path),
            prompt: prompt?.path,
            reasons: why,
            at: prompt ? { file: prompt.path, line: lineThatMatters(prompt, why) } : { file: 'dvc.yaml', line: stage.line }
        });
    }
    return out;
}
/** The line of the prompt a stale notice points at: its first dep that changed, else line 1. */
function lineThatMatters(prompt, reasons) {
    for (const r of reasons) {
        if (r.kind !== 'changed-dep' || r.path === undefined)
            continue;
        const i = prompt.deps.indexOf((0,names/* normalizeRepoPath */.NP)(r.path));
        const line = i >= 0 ? prompt.depLines?.[i] : undefined;
        if (line !== undefined)
            return line;
    }
    return 1;
}


/***/ })

};
