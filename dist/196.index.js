export const id = 196;
export const ids = [196];
export const modules = {

/***/ 2196:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CND_PATH: () => (/* binding */ CND_PATH),
/* harmony export */   interpretCndAnswer: () => (/* binding */ interpretCndAnswer)
/* harmony export */ });
/* unused harmony exports CND_MAX_LINES, CND_MAX_VALUES, MAX_MATCHES_PER_LINE, NEAR_DUPLICATE_MODES, parseNearDuplicateMode, checkNearDuplicates, describeNearDuplicate, decideNearDuplicates */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2020);

const CND_PATH = '/api/cnd';
const CND_MAX_LINES = 10_000;
const CND_MAX_VALUES = 500_000;
const MAX_MATCHES_PER_LINE = 20;
const NEAR_DUPLICATE_MODES = (/* unused pure expression or super */ null && (['warn', 'refuse', 'off']));
function parseNearDuplicateMode(text, name) {
    const value = text.trim().toLowerCase();
    const mode = NEAR_DUPLICATE_MODES.find((candidate) => candidate === value);
    if (!mode)
        throw new Error(`${name}: "${cutChars(text, 40)}" is not one of ${NEAR_DUPLICATE_MODES.join(', ')}`);
    return mode;
}
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
function interpretCndAnswer(statusCode, body) {
    if (statusCode < 200 || statusCode >= 300) {
        const detail = (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cutChars */ .oN)(body.trim(), 200);
        return { status: 'error', message: `HTTP ${statusCode}${detail ? `: ${detail}` : ''}` };
    }
    if ((0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .opensMoreThan */ .g3)(body, CND_MAX_VALUES)) {
        return { status: 'error', message: `the answer holds more than ${CND_MAX_VALUES} JSON values` };
    }
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch {
        return { status: 'error', message: 'the answer is not JSON' };
    }
    if (!isRecord(parsed) || !isRecord(parsed.results)) {
        return { status: 'error', message: 'the answer has no "results" object' };
    }
    const results = new Map();
    for (const [line, matches] of Object.entries(parsed.results)) {
        if (!Array.isArray(matches))
            return { status: 'error', message: 'a result is not a list of matches' };
        const kept = [];
        for (const match of matches.slice(0, MAX_MATCHES_PER_LINE)) {
            if (!isRecord(match) || typeof match.obs80 !== 'string') {
                return { status: 'error', message: 'a match has no obs80 line' };
            }
            const entry = { obs80: (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cutChars */ .oN)(match.obs80, 200) };
            if (typeof match.time_separation_s === 'number')
                entry.timeSeparationS = match.time_separation_s;
            if (typeof match.angle_separation_arcsec === 'number')
                entry.angleSeparationArcsec = match.angle_separation_arcsec;
            kept.push(entry);
        }
        results.set(line, kept);
    }
    return { status: 'answered', results };
}
async function checkNearDuplicates(client, entries, options = {}) {
    const result = { checked: 0, requests: 0, nearDuplicates: [], failures: [] };
    for (let start = 0; start < entries.length; start += CND_MAX_LINES) {
        options.signal?.throwIfAborted();
        const chunk = entries.slice(start, start + CND_MAX_LINES);
        result.requests += 1;
        const finding = await client.nearDuplicates(chunk.map((entry) => entry.obs80), { timeSeparationS: options.timeSeparationS ?? 60, angleSeparationArcsec: options.angleSeparationArcsec ?? 5 }, options);
        const span = `observations ${start + 1}-${start + chunk.length}`;
        if (finding.status === 'error') {
            result.failures.push(`${span}: ${finding.message}`);
            continue;
        }
        let unanswered = 0;
        chunk.forEach((entry, index) => {
            const matches = matchesOf(finding.results, chunk, index);
            if (matches === undefined)
                unanswered += 1;
            for (const match of matches ?? [])
                result.nearDuplicates.push({ line: entry.line, obs80: entry.obs80, match });
        });
        result.checked += chunk.length - unanswered;
        if (unanswered > 0) {
            result.failures.push(`${span}: the answer does not mention ${unanswered} of the lines asked about`);
        }
    }
    return result;
}
function matchesOf(results, chunk, index) {
    const own = chunk[index].obs80;
    const direct = results.get(own);
    if (direct !== undefined)
        return direct;
    const next = chunk[index + 1];
    const asFirst = next === undefined ? undefined : results.get(own + next.obs80);
    if (asFirst !== undefined)
        return asFirst;
    const previous = chunk[index - 1];
    return previous !== undefined && results.has(previous.obs80 + own) ? [] : undefined;
}
function describeNearDuplicate(duplicate) {
    const separations = [
        duplicate.match.timeSeparationS === undefined ? undefined : `${duplicate.match.timeSeparationS} s`,
        duplicate.match.angleSeparationArcsec === undefined ? undefined : `${duplicate.match.angleSeparationArcsec}"`
    ].filter(Boolean);
    const apart = separations.length > 0 ? ` (${separations.join(' and ')} apart)` : '';
    return `line ${duplicate.line} is a near-duplicate of the published observation "${duplicate.match.obs80}"${apart}`;
}
function decideNearDuplicates(mode, check) {
    const found = check.nearDuplicates.map(describeNearDuplicate);
    const failed = check.failures.map((failure) => `the near-duplicate check failed for ${failure}`);
    if (mode === 'refuse' && (found.length > 0 || failed.length > 0)) {
        return { send: false, warnings: [], refusals: [...found, ...failed] };
    }
    return { send: true, warnings: mode === 'off' ? [] : [...found, ...failed], refusals: [] };
}


/***/ })

};
