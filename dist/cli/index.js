#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 7593:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Du: () => (/* binding */ parseCommandLine),
/* harmony export */   eb: () => (/* binding */ UsageError),
/* harmony export */   im: () => (/* binding */ asUsage)
/* harmony export */ });
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4296);
/* harmony import */ var _core_nearest_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8465);
// Command-line parsing shared by every command: node:util's parseArgs, with its
// errors turned into usage errors (exit status 2) that name the nearest option
// and point at the command's --help, and option values checked by the core's
// settings (one wording for the action and the CLI).



/** A mistake in how the command was typed: printed like any error, exit status 2. */
class UsageError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GraftError */ .Tz {
    exitCode = 2;
    constructor(problem) {
        super(problem);
        this.name = 'UsageError';
    }
}
/**
 * Parses `argv` for `command` (e.g. "validate", "hook install") against
 * `options`. Every command also takes -h/--help. Unknown options and options
 * missing their value throw a UsageError naming the nearest known option.
 */
function parseCommandLine(command, argv, options) {
    const all = { ...options, help: { type: 'boolean', short: 'h', default: false } };
    try {
        const { values, positionals } = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({ args: argv, allowPositionals: true, strict: true, options: all });
        return { values: values, positionals };
    }
    catch (error) {
        throw usageFromParseError(command, error, all);
    }
}
/** Runs `fn`; a GraftError it throws (a bad option value) becomes a UsageError. */
function asUsage(fn) {
    try {
        return fn();
    }
    catch (error) {
        if (error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GraftError */ .Tz && !(error instanceof UsageError)) {
            const [first] = error.problems;
            throw new UsageError({ message: first.message, hint: first.hint });
        }
        throw error;
    }
}
function usageFromParseError(command, error, options) {
    const code = error.code;
    const message = error instanceof Error ? error.message : String(error);
    const help = `run "graft-action ${command} --help" for its options`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
        const typed = /'(-[^']*)'/.exec(message)?.[1] ?? message;
        const flags = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
        const near = typed.startsWith('--')
            ? (0,_core_nearest_js__WEBPACK_IMPORTED_MODULE_2__/* .nearest */ .p)(typed, flags.filter((f) => f.startsWith('--')))
            : undefined;
        return new UsageError({
            message: `unknown option ${typed} for ${command}${near ? `; did you mean ${near}?` : ''}`,
            hint: help
        });
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
        const typed = /Option '(?:-\w, )?(--[^ ']+)/.exec(message)?.[1];
        const spec = typed ? options[typed.slice(2)] : undefined;
        return new UsageError({
            message: typed && spec?.type === 'string' ? `${typed} needs a value` : typed ? `${typed} takes no value` : message,
            hint: help
        });
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
        return new UsageError({ message, hint: help });
    return error;
}


/***/ }),

/***/ 7911:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ COMMON_ROWS),
/* harmony export */   r: () => (/* binding */ helpPage)
/* harmony export */ });
/* harmony import */ var _style_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1715);
// Every --help page in one layout: the usage line, what the command does, and
// tables whose descriptions start in one column (a name too long for it gets
// its description on the next line). Headings in bold on a terminal.

/** The column descriptions start at; longer names wrap. */
const COLUMN = 30;
function helpPage(page) {
    const lines = [`${_style_js__WEBPACK_IMPORTED_MODULE_0__/* .out */ .FD.bold('Usage:')} ${page.usage}`];
    if (page.about)
        lines.push('', page.about);
    for (const section of page.sections) {
        lines.push('', _style_js__WEBPACK_IMPORTED_MODULE_0__/* .out */ .FD.bold(`${section.heading}:`));
        for (const [name, description] of section.rows) {
            const [first, ...rest] = description.split('\n');
            const left = `  ${name}`;
            if (left.length + 2 <= COLUMN)
                lines.push(`${left.padEnd(COLUMN)}${first}`);
            else
                lines.push(left, `${' '.repeat(COLUMN)}${first}`);
            for (const more of rest)
                lines.push(`${' '.repeat(COLUMN)}${more}`);
        }
    }
    if (page.footer)
        lines.push('', page.footer);
    return `${lines.join('\n')}\n`;
}
/** The -C and -h rows every command ends with. */
const COMMON_ROWS = [
    ['-C, --cwd <dir>', 'repository root (default: the current directory)'],
    ['-h, --help', 'show this help']
];


/***/ }),

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4296);
/* harmony import */ var _core_log_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4325);
/* harmony import */ var _core_nearest_js__WEBPACK_IMPORTED_MODULE_10__ = __nccwpck_require__(8465);
/* harmony import */ var _core_phrasing_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1677);
/* harmony import */ var _core_platform_js__WEBPACK_IMPORTED_MODULE_9__ = __nccwpck_require__(692);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(7593);
/* harmony import */ var _help_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(7911);
/* harmony import */ var _json_output_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(8094);
/* harmony import */ var _phrasing_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(1294);
/* harmony import */ var _style_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(1715);
/* harmony import */ var _core_abandoned_js__WEBPACK_IMPORTED_MODULE_11__ = __nccwpck_require__(4127);
/* harmony import */ var _package_json__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(8330);
// graft-action's terminal adapter: the same core as the action, for local use.
// Exit status: 0 done, 1 failed (or stale with --fail-on-stale, or sync --check
// found changes), 2 a usage error (unknown command or option, bad value).












// Loaded on demand: validate, the quick path, never loads the AWS SDK.
const commands = {
    validate: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(0), __nccwpck_require__.e(159), __nccwpck_require__.e(935), __nccwpck_require__.e(158)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5158))).validateCommand,
    generate: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(879), __nccwpck_require__.e(0), __nccwpck_require__.e(159), __nccwpck_require__.e(935), __nccwpck_require__.e(295)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8295))).generateCommand,
    pack: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(879), __nccwpck_require__.e(0), __nccwpck_require__.e(159), __nccwpck_require__.e(935), __nccwpck_require__.e(295)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8295))).packCommand,
    sync: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(0), __nccwpck_require__.e(159), __nccwpck_require__.e(591)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7591))).syncCommand,
    hook: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(0), __nccwpck_require__.e(215)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7215))).hookCommand
};
/** Commands that take --json: their failures are a JSON object on stdout too. */
const JSON_COMMANDS = new Set(['validate']);
const help = () => (0,_help_js__WEBPACK_IMPORTED_MODULE_4__/* .helpPage */ .r)({
    usage: 'graft-action <command> [options]',
    sections: [
        {
            heading: 'Commands',
            rows: [
                ['validate', 'report stale generated documents and why'],
                ['generate', 'regenerate stale documents through Claude on Bedrock (--dry-run: no calls)'],
                ['pack', 'print the packed prompt for one document'],
                ['sync', 'rewrite dvc.yaml from the prompts (--check: only say what would change)'],
                ['hook install', 'add a git pre-commit hook that runs validate']
            ]
        },
        {
            heading: 'Options',
            rows: [
                ['-V, --version', 'print the version'],
                ['-h, --help', 'show this help']
            ]
        }
    ],
    footer: 'Run "graft-action <command> --help" for a command\'s options.\n' +
        'Exit status: 0 done, 1 failed or stale (see each command), 2 a usage error.'
});
async function main(argv) {
    const [name, ...rest] = argv;
    if (name === '--help' || name === '-h' || name === 'help') {
        process.stdout.write(help());
        return 0;
    }
    if (name === '--version' || name === '-V') {
        process.stdout.write(`graft-action ${_package_json__WEBPACK_IMPORTED_MODULE_8__/* .version */ .rE}\n`);
        return 0;
    }
    const platform = (0,_core_platform_js__WEBPACK_IMPORTED_MODULE_9__/* .unsupportedPlatform */ .r)(process.platform);
    if (platform)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GraftError */ .Tz(platform);
    if (!name) {
        process.stderr.write(help());
        return 2;
    }
    const load = commands[name];
    if (!load) {
        const near = name.startsWith('-') ? undefined : (0,_core_nearest_js__WEBPACK_IMPORTED_MODULE_10__/* .nearest */ .p)(name, Object.keys(commands));
        throw new _args_js__WEBPACK_IMPORTED_MODULE_3__/* .UsageError */ .eb({
            message: name.startsWith('-')
                ? `unknown option ${name}; options go after the command`
                : `unknown command "${name}"${near ? `; did you mean "${near}"?` : ''}`,
            hint: `the commands are ${Object.keys(commands).join(', ')}; run "graft-action --help"`
        });
    }
    return (await load())(rest);
}
/** Whether the user asked this command for JSON (options before a `--` only). */
function wantsJson(argv) {
    const [name, ...rest] = argv;
    const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
    return JSON_COMMANDS.has(name) && options.includes('--json');
}
const argv = process.argv.slice(2);
(0,_core_phrasing_js__WEBPACK_IMPORTED_MODULE_2__/* .usePhrasing */ .sI)(_phrasing_js__WEBPACK_IMPORTED_MODULE_6__/* .cliPhrasing */ .z);
// The AWS SDK warns on Node 20 that its releases from 2027 need Node 22: a note
// for this project's maintainers (who pin the SDK), not for the person at the terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
try {
    process.exitCode = await main(argv);
}
catch (error) {
    const problems = error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GraftError */ .Tz ? error.problems : [{ message: error instanceof Error ? error.message : String(error) }];
    const exitCode = error instanceof _args_js__WEBPACK_IMPORTED_MODULE_3__/* .UsageError */ .eb ? error.exitCode : 1;
    for (const p of problems)
        process.stderr.write(`${_style_js__WEBPACK_IMPORTED_MODULE_7__/* .err */ ._q.error('error:')} ${(0,_core_log_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeLog */ .Ah)((0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .formatProblem */ .Vw)(p))}\n`);
    if (wantsJson(argv)) {
        const list = problems.map((p) => ({
            file: p.file ?? null,
            line: p.line ?? null,
            message: p.message,
            hint: p.hint ?? null
        }));
        process.stdout.write((0,_json_output_js__WEBPACK_IMPORTED_MODULE_5__/* .jsonOutput */ .W)({ ok: false, exit_code: exitCode, problems: list }));
    }
    process.exitCode = exitCode;
}
// work given up at its time limit (a credential_process that never returns) would keep Node running
if ((0,_core_abandoned_js__WEBPACK_IMPORTED_MODULE_11__/* .workAbandoned */ .k)())
    process.exit(process.exitCode ?? 0);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 8094:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ jsonOutput)
/* harmony export */ });
/* harmony import */ var _core_log_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4325);
// What --json prints. JSON.stringify escapes C0 controls but leaves C1 controls
// (U+009B, the 8-bit CSI) and bidirectional overrides as they are, since JSON
// allows them; a terminal the JSON is printed to may act on them. Written as
// \u escapes (the log's escaper; the indentation's line breaks are the only raw
// ones left), the text means the same to every JSON reader. The old
// workflow-command form's `##[`, which the runner obeys anywhere in a line
// when the CLI runs in a workflow step, is written `##\u005b`: inside a
// string, the same JSON.

/** `value` as indented JSON and a line break, with no character a terminal could act on. */
function jsonOutput(value) {
    return `${(0,_core_log_js__WEBPACK_IMPORTED_MODULE_0__/* .defangOldCommands */ .Bl)((0,_core_log_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeControls */ .UN)(JSON.stringify(value, null, 2), '\n'))}\n`;
}


/***/ }),

/***/ 1294:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ cliPhrasing)
/* harmony export */ });
/** Options whose name differs from the action input's. */
const OPTION = { 'aws-region': '--region', 'working-directory': '-C' };
const cliPhrasing = {
    setting: (name, value) => {
        if (name === 'targets')
            return value === undefined ? 'targets (output paths or stage names after the command)' : `the target ${value}`;
        const option = OPTION[name] ?? `--${name}`;
        return value === undefined ? option : `${option} ${value}`;
    },
    folder: (dir) => `-C ${dir}`,
    fullHistory: 'fetch the full history (git fetch --unshallow)',
    workingTree: 'run it inside a git clone',
    regenerate: 'run graft-action generate'
};


/***/ }),

/***/ 1715:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FD: () => (/* binding */ out),
/* harmony export */   _q: () => (/* binding */ err)
/* harmony export */ });
/* unused harmony export paint */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
// Colour and emphasis for a terminal, through Node's own util.styleText: given
// the stream the text goes to, it styles only when that stream is a terminal
// that shows colour, NO_COLOR turns it off and FORCE_COLOR on (checked on
// Node 20.20 and 24). Piped or redirected output stays plain text.

/** `text` in `formats` when `stream` shows colour, else as it is. */
function paint(formats, text, stream) {
    // styleText came with Node 20.12: older runtimes print plain text.
    if (typeof node_util__WEBPACK_IMPORTED_MODULE_0__.styleText !== 'function')
        return text;
    // One format per call: given an array, Node 20.20 and 24.21 style even a piped stream.
    return [].concat(formats).reduceRight((styled, f) => (0,node_util__WEBPACK_IMPORTED_MODULE_0__.styleText)(f, styled, { stream }), text);
}
/** Writers for stdout and stderr that style for their own stream. */
const out = {
    bold: (text) => paint('bold', text, process.stdout),
    dim: (text) => paint('dim', text, process.stdout),
    ok: (text) => paint('green', text, process.stdout),
    stale: (text) => paint('yellow', text, process.stdout)
};
const err = {
    bold: (text) => paint('bold', text, process.stderr),
    dim: (text) => paint('dim', text, process.stderr),
    error: (text) => paint(['bold', 'red'], text, process.stderr),
    warning: (text) => paint(['bold', 'yellow'], text, process.stderr)
};


/***/ }),

/***/ 4127:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ abandonWork),
/* harmony export */   k: () => (/* binding */ workAbandoned)
/* harmony export */ });
// Work given up at its time limit that cannot be stopped from here: a
// credential_process the AWS SDK started (it keeps the child and its pipes), a
// socket a provider keeps open. Either would keep Node running after the run is
// over — until the job's timeout, for a helper that never returns — so the
// adapters end the process once their run is done when anything was abandoned.
let abandoned = 0;
/** Records work left running past its time limit. */
function abandonWork() {
    abandoned++;
}
/** Whether any work was left running past its time limit. */
function workAbandoned() {
    return abandoned > 0;
}


/***/ }),

/***/ 4296:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Tz: () => (/* binding */ GraftError),
/* harmony export */   Vw: () => (/* binding */ formatProblem),
/* harmony export */   W8: () => (/* binding */ throwIfProblems)
/* harmony export */ });
// One error type for every problem the user must fix: it names the file (and
// line where one exists) and says what to do. Adapters turn it into
// annotations; the CLI prints it.
class GraftError extends Error {
    problems;
    constructor(problems) {
        const list = Array.isArray(problems) ? problems : [problems];
        super(list.map(formatProblem).join('\n'));
        this.name = 'GraftError';
        this.problems = list;
    }
}
function formatProblem(p) {
    const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : '';
    return `${where}${p.message}${p.hint ? ` — ${p.hint}` : ''}`;
}
/** Throws one GraftError holding every problem, when there are any. */
function throwIfProblems(problems) {
    if (problems.length > 0)
        throw new GraftError(problems);
}


/***/ }),

/***/ 4325:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ah: () => (/* binding */ escapeLog),
/* harmony export */   Bl: () => (/* binding */ defangOldCommands),
/* harmony export */   UN: () => (/* binding */ escapeControls)
/* harmony export */ });
/* unused harmony export silentLog */
const silentLog = {
    info: () => { },
    warn: () => { },
    group: (_name, fn) => fn()
};
/**
 * A line the runner reads as a workflow command of the current form
 * (`::cmd …::`): only at the start of a line, after blanks.
 */
const COMMAND_LINE = /^\s*::/;
/**
 * The older form, `##[cmd …]`, which the runner finds ANYWHERE in a line
 * (actions/runner, ActionCommand.TryParse: `message.IndexOf("##[")`).
 */
const OLD_COMMAND = /##\[/g;
/**
 * Characters that can hide, rewrite or reorder what a reader sees, wherever
 * repository text is shown (a terminal, the Actions log, a rendered comment,
 * a message) — the one set: C0 controls (tab
 * and the line breaks included: a carriage return rewrites a line), DEL, C1
 * controls (U+009B, the 8-bit CSI, which terminals that honour C1 controls
 * act on; U+0085, next line), the Unicode line and paragraph separators (some
 * renderers break lines at them), the bidirectional marks (the Arabic letter
 * mark U+061C among them), embeddings, overrides and isolates ("Trojan
 * Source"), and the characters that show as nothing at all, so that two names
 * that look the same are told apart: all of Unicode's Default_Ignorable_Code_Point
 * — the soft hyphen, the combining grapheme joiner, the Hangul fillers, the
 * Mongolian vowel separator and variation selectors, the zero-width space,
 * non-joiner and joiner, the word joiner, the invisible operators and the
 * deprecated format characters (U+2060–U+206F), the byte-order mark, the tag
 * characters (U+E0000–U+E007F, "ASCII smuggling": invisible copies of ASCII
 * that a model still reads) and the supplementary variation selectors
 * (U+E0100–U+E01EF, which can carry hidden bytes the same way) — but the
 * variation selectors U+FE00–U+FE0F, which make `⚠️` show as an emoji.
 */
const HIDDEN = /(?![\ufe00-\ufe0f])[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\p{Default_Ignorable_Code_Point}]/gu;
const SHORT = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
/** One hidden character as a reader sees it: `\\n`, `\\t`, … or `\\u001b`, `\\u202e` (JSON's forms, which read back; a tag character as its two UTF-16 halves). */
function escapeCharacter(c) {
    return (SHORT[c] ?? [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
}
/**
 * `text` with every hidden character (see HIDDEN) written as an
 * escape, but those in `keep` (the log keeps `\n`; the Markdown renderer, which
 * turned line breaks into spaces already, keeps tabs). The one escaper: the
 * log, the Markdown renderer, the CLI's JSON and every message showing a path
 * go through it.
 */
function escapeControls(text, keep = '') {
    return text.replace(HIDDEN, (c) => (keep.includes(c) ? c : escapeCharacter(c)));
}
/**
 * `text` with the older workflow-command form's `##[` written `##\u005b`
 * (JSON's escape of `[`): the runner obeys `##[name]data` anywhere in a line
 * of a step's output, the action's log and the CLI's --json alike.
 */
function defangOldCommands(text) {
    return text.includes('##[') ? text.replace(OLD_COMMAND, '##\\u005b') : text;
}
/**
 * Text that is safe to print to an Actions log or a terminal: hidden
 * characters (see HIDDEN) but the line break are written as escapes
 * (`\r` → `\\r`), a line the runner would read as a workflow command
 * (`::error::…`, `::stop-commands::…`) is quoted with a leading `» `, and the
 * older form's `##[`, which the runner obeys anywhere in a line, is written
 * `##\u005b` (JSON's escape of `[`), so repository content can never run one.
 * Every string that reaches a log goes through here (the adapters' Log does it).
 */
function escapeLog(text) {
    const visible = defangOldCommands(escapeControls(text, '\n'));
    if (!visible.includes('::'))
        return visible;
    return visible
        .split('\n')
        .map((line) => (COMMAND_LINE.test(line) ? `» ${line}` : line))
        .join('\n');
}


/***/ }),

/***/ 8465:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  p: () => (/* binding */ nearest)
});

;// CONCATENATED MODULE: ./node_modules/leven/index.js
const array = [];
const characterCodeCache = [];

function leven(first, second, options) {
	if (first === second) {
		return 0;
	}

	const maxDistance = options?.maxDistance;
	const swap = first;

	// Swapping the strings if `a` is longer than `b` so we know which one is the
	// shortest & which one is the longest
	if (first.length > second.length) {
		first = second;
		second = swap;
	}

	let firstLength = first.length;
	let secondLength = second.length;

	// Performing suffix trimming:
	// We can linearly drop suffix common to both strings since they
	// don't increase distance at all
	// Note: `~-` is the bitwise way to perform a `- 1` operation
	while (firstLength > 0 && (first.charCodeAt(~-firstLength) === second.charCodeAt(~-secondLength))) {
		firstLength--;
		secondLength--;
	}

	// Performing prefix trimming
	// We can linearly drop prefix common to both strings since they
	// don't increase distance at all
	let start = 0;

	while (start < firstLength && (first.charCodeAt(start) === second.charCodeAt(start))) {
		start++;
	}

	firstLength -= start;
	secondLength -= start;

	// Early termination after trimming: if difference in length exceeds max distance
	if (maxDistance !== undefined && secondLength - firstLength > maxDistance) {
		return maxDistance;
	}

	if (firstLength === 0) {
		return maxDistance !== undefined && secondLength > maxDistance
			? maxDistance
			: secondLength;
	}

	let bCharacterCode;
	let result;
	let temporary;
	let temporary2;
	let index = 0;
	let index2 = 0;

	while (index < firstLength) {
		characterCodeCache[index] = first.charCodeAt(start + index);
		array[index] = ++index;
	}

	while (index2 < secondLength) {
		bCharacterCode = second.charCodeAt(start + index2);
		temporary = index2++;
		result = index2;

		for (index = 0; index < firstLength; index++) {
			temporary2 = bCharacterCode === characterCodeCache[index] ? temporary : temporary + 1;
			temporary = array[index];
			// eslint-disable-next-line no-multi-assign
			result = array[index] = temporary > result
				? (temporary2 > result ? result + 1 : temporary2)
				: (temporary2 > temporary ? temporary + 1 : temporary2);
		}

		// Early termination: if all values in current row exceed maxDistance
		if (maxDistance !== undefined) {
			let rowMinimum = result;
			for (index = 0; index < firstLength; index++) {
				if (array[index] < rowMinimum) {
					rowMinimum = array[index];
				}
			}

			if (rowMinimum > maxDistance) {
				return maxDistance;
			}
		}
	}

	// Bound arrays to avoid retaining large previous sizes
	array.length = firstLength;
	characterCodeCache.length = firstLength;

	return maxDistance !== undefined && result > maxDistance ? maxDistance : result;
}

function closestMatch(target, candidates, options) {
	if (!Array.isArray(candidates) || candidates.length === 0) {
		return undefined;
	}

	const userMax = options?.maxDistance;
	const targetLength = target.length;

	// Exact match fast-path
	for (const candidate of candidates) {
		if (candidate === target) {
			return candidate;
		}
	}

	if (userMax === 0) {
		return undefined;
	}

	let best;
	let bestDist = Number.POSITIVE_INFINITY;
	const seen = new Set();

	for (const candidate of candidates) {
		if (seen.has(candidate)) {
			continue;
		}

		seen.add(candidate);

		const lengthDiff = Math.abs(candidate.length - targetLength);
		if (lengthDiff >= bestDist) {
			continue;
		}

		if (userMax !== undefined && lengthDiff > userMax) {
			continue;
		}

		const cap = Number.isFinite(bestDist)
			? (userMax === undefined ? bestDist : Math.min(bestDist, userMax))
			: userMax;

		const distance = cap === undefined
			? leven(target, candidate)
			: leven(target, candidate, {maxDistance: cap});

		// Skip candidates that exceed the user's maximum distance
		if (userMax !== undefined && distance > userMax) {
			continue;
		}

		// If we got a capped result that equals the cap, we need the actual distance
		// for accurate comparison, but only if the cap was due to userMax
		let actualD = distance;
		if (cap !== undefined && distance === cap && cap === userMax) {
			actualD = leven(target, candidate);
		}

		if (actualD < bestDist) {
			bestDist = actualD;
			best = candidate;
			if (bestDist === 0) {
				break;
			}
		}
	}

	if (userMax !== undefined && bestDist > userMax) {
		return undefined;
	}

	return best;
}

;// CONCATENATED MODULE: ./src/core/nearest.ts
// "Did you mean …?" for every name a user types: CLI commands and options, action
// inputs and their choices. One rule, so both adapters suggest alike.

/**
 * The candidate closest to `typed` by edit distance (leven), when it is close
 * enough to be a typo: at most a third of the longer word, and at most 3 edits;
 * or a candidate `typed` begins. Case is ignored in the distance.
 */
function nearest(typed, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const d = leven(typed.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    if (best === undefined || typed === '')
        return undefined;
    const limit = Math.min(3, Math.ceil(Math.max(typed.length, best.length) / 3));
    return bestDistance <= limit || best.startsWith(typed) ? best : undefined;
}


/***/ }),

/***/ 1677:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Pe: () => (/* binding */ setting),
/* harmony export */   f2: () => (/* binding */ phrasing),
/* harmony export */   sI: () => (/* binding */ usePhrasing)
/* harmony export */ });
/* unused harmony export barePhrasing */
// How the core's messages name what the user can change. One core serves two
// adapters: in a workflow a setting is an action input (`concurrency: 2`), in a
// terminal a command-line option (--concurrency 2); a missing history is fixed
// in the checkout step there and with git here. Each entry point installs its
// adapter's phrasing once, before it runs anything, and every message the core
// builds from then on speaks the user's own terms. Until one is installed (the
// core's own unit tests), settings are named bare.
/** Settings named as they are, for code that runs without an adapter. */
const barePhrasing = {
    setting: (name, value) => (value === undefined ? name : `${name} ${value}`),
    folder: (dir) => `working-directory to ${dir}`,
    fullHistory: 'fetch the full history of the clone',
    workingTree: 'run it in a git clone with a working tree',
    regenerate: "run the action's generate"
};
let current = barePhrasing;
/** Installs the adapter's phrasing; each entry point calls it once, first. */
function usePhrasing(phrasing) {
    current = phrasing;
}
/** The phrasing in force: build messages with it when they are made, never at import time. */
function phrasing() {
    return current;
}
/** `name` (with `value`) as the user sets it here. */
function setting(name, value) {
    return current.setting(name, value);
}


/***/ }),

/***/ 692:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ unsupportedPlatform)
/* harmony export */ });
/**
 * The problem with running on `platform` (Node's `process.platform`) under a
 * runner whose `RUNNER_OS` is `runnerOs`, or undefined when it is supported.
 */
function unsupportedPlatform(platform, runnerOs) {
    if (platform !== 'win32' && runnerOs !== 'Windows')
        return undefined;
    const where = runnerOs === 'Windows' ? 'a Windows runner (RUNNER_OS is Windows)' : 'Windows';
    return {
        message: `graft-action does not run on ${where}: it supports Linux (x64 and arm64)`,
        hint: runnerOs === 'Windows'
            ? 'run this job on a Linux runner, e.g. `runs-on: ubuntu-latest` (or `ubuntu-24.04-arm`)'
            : 'run it under WSL (Windows Subsystem for Linux), or in a Linux container'
    };
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 2562:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8330:
/***/ ((module) => {

module.exports = {"rE":"1.0.0"};

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
