export const id = 210;
export const ids = [210];
export const modules = {

/***/ 3210:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   waitForDecisions: () => (/* binding */ waitForDecisions)
/* harmony export */ });
/* harmony import */ var _sleep_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6312);
/* harmony import */ var _submission_result_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2853);


const undecidedOf = (results) => results.filter((result) => result !== undefined && (0,_submission_result_js__WEBPACK_IMPORTED_MODULE_0__/* .isUndecided */ .Ae)(result.status));
async function waitForDecisions(plan) {
    const { results, signal, deadline } = plan;
    const report = () => plan.onProgress?.({
        undecided: undecidedOf(results),
        remainingMs: Math.max(0, deadline - performance.now()),
        polls: plan.polls()
    });
    report();
    const progressTimer = setInterval(report, plan.progressEveryMs ?? 30_000);
    const sleep = (0,_sleep_js__WEBPACK_IMPORTED_MODULE_1__/* .sleeperFor */ .I)(signal);
    const dueIndex = [];
    const dueAt = [];
    let head = 0;
    for (const index of plan.asked) {
        if (!(0,_submission_result_js__WEBPACK_IMPORTED_MODULE_0__/* .isUndecided */ .Ae)(results[index]?.status ?? 'error'))
            continue;
        dueIndex.push(index);
        dueAt.push(plan.firstAnswersAt + plan.pollIntervalMs);
    }
    const poller = async () => {
        while (head < dueIndex.length && !signal?.aborted) {
            const index = dueIndex[head];
            const next = dueAt[head];
            head += 1;
            if (head > 1024 && head * 2 > dueIndex.length) {
                dueIndex.splice(0, head);
                dueAt.splice(0, head);
                head = 0;
            }
            if (next > deadline)
                continue;
            await sleep(next - performance.now());
            if (signal?.aborted || !(await plan.ask(index, true)))
                continue;
            if ((0,_submission_result_js__WEBPACK_IMPORTED_MODULE_0__/* .isUndecided */ .Ae)(results[index]?.status ?? 'error')) {
                dueIndex.push(index);
                dueAt.push(performance.now() + plan.pollIntervalMs);
            }
        }
    };
    try {
        await Promise.all(Array.from({ length: Math.min(plan.workers, dueIndex.length) }, poller));
    }
    finally {
        clearInterval(progressTimer);
    }
}


/***/ })

};
