export const id = 158;
export const ids = [158];
export const modules = {

/***/ 5158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   validateCommand: () => (/* binding */ validateCommand),
/* harmony export */   validateHelp: () => (/* binding */ validateHelp)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_validate_validate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5685);
/* harmony import */ var _core_settings_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1922);
/* harmony import */ var _core_defaults_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5553);
/* harmony import */ var _core_generate_left_stale_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(5986);
/* harmony import */ var _terminal_log_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4491);
/* harmony import */ var _core_validate_hand_edits_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2577);
/* harmony import */ var _dvc_locator_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4314);
/* harmony import */ var _core_pipeline_targets_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8488);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7593);
/* harmony import */ var _help_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7911);
/* harmony import */ var _style_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(1715);
/* harmony import */ var _json_output_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(8094);
/* harmony import */ var _core_log_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(4325);
// `graft-action validate`: the same verdicts as the action, in a terminal.















const validateHelp = () => (0,_help_js__WEBPACK_IMPORTED_MODULE_9__/* .helpPage */ .r)({
    usage: 'graft-action validate [options] [targets...]',
    about: 'Reports which generated documents are stale, and why.',
    sections: [
        {
            heading: 'Options',
            rows: [
                ['--engine <auto|native|dvc>', 'staleness engine (default auto: dvc when on PATH, else native)'],
                ['--json', 'print a JSON report on stdout (on failure too: the problems)'],
                ['--fail-on-stale', 'exit with status 1 when anything is stale'],
                [
                    '--downstream <include|report>',
                    'with targets: also check what reads them (include, the default),\nor only the targets (report)'
                ],
                [
                    '--hand-edits <keep|regenerate|fail>',
                    'a document edited by hand: fail exits with status 1 naming each one;\nkeep and regenerate report it as stale (default keep)'
                ],
                ..._help_js__WEBPACK_IMPORTED_MODULE_9__/* .COMMON_ROWS */ .i
            ]
        }
    ]
});
async function validateCommand(argv) {
    const { values, positionals } = (0,_args_js__WEBPACK_IMPORTED_MODULE_8__/* .parseCommandLine */ .Du)('validate', argv, {
        engine: { type: 'string', default: 'auto' },
        json: { type: 'boolean', default: false },
        'fail-on-stale': { type: 'boolean', default: false },
        downstream: { type: 'string', default: _core_defaults_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_DOWNSTREAM */ .hP },
        'hand-edits': { type: 'string', default: _core_defaults_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_HAND_EDITS */ .GG },
        cwd: { type: 'string', short: 'C', default: '.' }
    });
    if (values.help) {
        process.stdout.write(validateHelp());
        return 0;
    }
    const engine = (0,_args_js__WEBPACK_IMPORTED_MODULE_8__/* .asUsage */ .im)(() => (0,_core_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .parseEngineChoice */ .xC)(values.engine, '--engine'));
    const downstream = (0,_args_js__WEBPACK_IMPORTED_MODULE_8__/* .asUsage */ .im)(() => (0,_core_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDownstream */ .k9)(values.downstream, '--downstream'));
    const handEdits = (0,_args_js__WEBPACK_IMPORTED_MODULE_8__/* .asUsage */ .im)(() => (0,_core_validate_hand_edits_js__WEBPACK_IMPORTED_MODULE_5__/* .parseHandEditPolicy */ .z4)(values['hand-edits'], '--hand-edits'));
    const report = await (0,_core_validate_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .validate */ .tf)({
        handEdits,
        root: (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(values.cwd),
        engine,
        targets: positionals.flatMap((p) => (0,_core_pipeline_targets_js__WEBPACK_IMPORTED_MODULE_7__/* .parseTargetList */ .n5)(p)),
        downstream,
        log: (0,_terminal_log_js__WEBPACK_IMPORTED_MODULE_4__/* .terminalLog */ .d)(values.json),
        dvc: _dvc_locator_js__WEBPACK_IMPORTED_MODULE_6__/* .dvcOnPath */ .q
    });
    if (values.json) {
        process.stdout.write((0,_json_output_js__WEBPACK_IMPORTED_MODULE_11__/* .jsonOutput */ .W)({
            ok: true,
            engine: report.engine,
            is_stale: report.stale.length > 0,
            stale_files: report.stale.flatMap((d) => d.outputs),
            stale_stages: report.stale.map((d) => d.stage),
            left_stale: (0,_core_generate_left_stale_js__WEBPACK_IMPORTED_MODULE_13__/* .leftStale */ .X)(report, []).flatMap((d) => d.outputs),
            problems: [],
            stale: report.stale
        }));
    }
    else if (report.stale.length === 0) {
        process.stdout.write(`${_style_js__WEBPACK_IMPORTED_MODULE_10__/* .out */ .FD.ok(`All ${(0,_core_validate_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .documentsChecked */ .aZ)(report)} document(s) are up to date`)} (${(0,_core_validate_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .describeEngine */ .sk)(report.engine)}).\n`);
    }
    else {
        process.stdout.write(`${_style_js__WEBPACK_IMPORTED_MODULE_10__/* .out */ .FD.stale(`${report.stale.length} stale document(s)`)} (${(0,_core_validate_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .describeEngine */ .sk)(report.engine)}):\n`);
        for (const d of report.stale) {
            process.stdout.write(`  ${_style_js__WEBPACK_IMPORTED_MODULE_10__/* .out */ .FD.bold((0,_core_log_js__WEBPACK_IMPORTED_MODULE_12__/* .escapeLog */ .Ah)(d.outputs.join(', ')))}  ${_style_js__WEBPACK_IMPORTED_MODULE_10__/* .out */ .FD.dim(`[${(0,_core_log_js__WEBPACK_IMPORTED_MODULE_12__/* .escapeLog */ .Ah)(d.stage)}]`)}\n`);
            for (const r of d.reasons)
                process.stdout.write(`      - ${(0,_core_log_js__WEBPACK_IMPORTED_MODULE_12__/* .escapeLog */ .Ah)(r.text)}\n`);
        }
    }
    if (!values.json)
        (0,_terminal_log_js__WEBPACK_IMPORTED_MODULE_4__/* .printLeftStale */ .k)((0,_core_generate_left_stale_js__WEBPACK_IMPORTED_MODULE_13__/* .leftStale */ .X)(report, []), 'are stale');
    return values['fail-on-stale'] && report.stale.length > 0 ? 1 : 0;
}


/***/ })

};
