export const id = 591;
export const ids = [591];
export const modules = {

/***/ 7591:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   syncCommand: () => (/* binding */ syncCommand),
/* harmony export */   syncHelp: () => (/* binding */ syncHelp)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4325);
/* harmony import */ var _core_pipeline_sync_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6291);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7593);
/* harmony import */ var _help_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7911);
// `graft-action sync`: dvc.yaml (and dvc.lock) brought in line with the prompts,
// as Graft's own sync does. The rules live in the core (pipeline/sync.ts); this
// prints what changed, or with --check what would, and exits 1 if anything would.





/** A change in words, its repository names (prompts, stages) through the log's escaper: they reach a terminal or a CI log. */
const describe = (c, mood) => (0,_core_log_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeLog */ .Ah)((0,_core_pipeline_sync_js__WEBPACK_IMPORTED_MODULE_2__/* .describeSyncChange */ .n8)(c, mood));
const syncHelp = () => (0,_help_js__WEBPACK_IMPORTED_MODULE_4__/* .helpPage */ .r)({
    usage: 'graft-action sync [options]',
    about: 'Rewrites dvc.yaml from the *.prompt.md files: a stage for each new prompt (in\n' +
        "the repository's own command template), the deps of each prompt's stage as its\n" +
        'frontmatter says, and no stage - and no dvc.lock entry - for a prompt that is\n' +
        'gone. Everything else in both files stays as written. Calls no model.',
    sections: [
        {
            heading: 'Options',
            rows: [['--check', 'write nothing; list what would change and exit 1 if anything would'], ..._help_js__WEBPACK_IMPORTED_MODULE_4__/* .COMMON_ROWS */ .i]
        }
    ]
});
async function syncCommand(argv) {
    const { values } = (0,_args_js__WEBPACK_IMPORTED_MODULE_3__/* .parseCommandLine */ .Du)('sync', argv, {
        check: { type: 'boolean', default: false },
        cwd: { type: 'string', short: 'C', default: '.' }
    });
    if (values.help) {
        process.stdout.write(syncHelp());
        return 0;
    }
    const root = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(values.cwd);
    const plan = await (0,_core_pipeline_sync_js__WEBPACK_IMPORTED_MODULE_2__/* .planSync */ .R4)(root);
    if (plan.changes.length === 0) {
        process.stdout.write('dvc.yaml is in sync with the prompts; nothing to change.\n');
        return 0;
    }
    if (values.check) {
        process.stdout.write('dvc.yaml is out of sync with the prompts; "graft-action sync" would:\n');
        for (const c of plan.changes)
            process.stdout.write(`  ${describe(c, 'would')}\n`);
        return 1;
    }
    await (0,_core_pipeline_sync_js__WEBPACK_IMPORTED_MODULE_2__/* .writeSync */ .HQ)(root, plan);
    for (const c of plan.changes)
        process.stdout.write(`${describe(c, 'did')}\n`);
    process.stdout.write(`Wrote ${plan.files.map((f) => f.path).join(' and ')}.\n`);
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
