export const id = 134;
export const ids = [134];
export const modules = {

/***/ 1134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WAMO_MAX_VALUES: () => (/* binding */ WAMO_MAX_VALUES),
/* harmony export */   WAMO_PATH: () => (/* binding */ WAMO_PATH),
/* harmony export */   parseWamoAnswer: () => (/* binding */ parseWamoAnswer)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2020);

const WAMO_PATH = '/api/wamo';
const FIELD_CHARS = 64;
const WAMO_MAX_VALUES = 200_000;
const SENTENCE_CHARS = 2000;
const MESSAGE_CHARS = 300;
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
function field(value) {
    if (typeof value === 'number' && Number.isFinite(value))
        return String(value);
    if (typeof value !== 'string')
        return null;
    const trimmed = value.trim();
    return trimmed === '' ? null : (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cutChars */ .oN)(trimmed, FIELD_CHARS);
}
const NEOCP = /\b(NEOCP|PCCP)\b/i;
const NEAR_DUPLICATE = /near[- ]?duplicate/i;
const DELETED = /\bdeleted\b/i;
function readObservations(value) {
    if (!Array.isArray(value))
        return { kind: 'garbage', message: 'WAMO answered it with something other than a list' };
    const observations = [];
    const flags = { neocp: 0, near_duplicate: 0, deleted: 0 };
    for (const item of value) {
        if (!isRecord(item))
            return { kind: 'garbage', message: 'WAMO answered it with a list of non-observations' };
        observations.push({
            obsid: field(item.obsid),
            status: field(item.status),
            designation: field(item.iau_desig),
            reference: field(item.ref),
            submission_block_id: field(item.submission_block_id)
        });
        const sentence = typeof item.status_decoded === 'string' ? item.status_decoded.slice(0, SENTENCE_CHARS) : '';
        if (NEOCP.test(sentence))
            flags.neocp += 1;
        if (NEAR_DUPLICATE.test(sentence))
            flags.near_duplicate += 1;
        if (DELETED.test(sentence))
            flags.deleted += 1;
    }
    return { kind: 'found', observations, flags };
}
function parseWamoAnswer(body, asked) {
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch {
        return 'WAMO answered with something that is not JSON';
    }
    if (!isRecord(parsed))
        return 'WAMO answered with JSON that is not its documented object';
    const { found, not_found: notFound, malformed } = parsed;
    if (!Array.isArray(found) && !Array.isArray(notFound) && !Array.isArray(malformed)) {
        return 'WAMO answered without any of "found", "not_found" and "malformed"';
    }
    const wanted = new Set(asked);
    const answers = new Map();
    const settle = (id, answer) => {
        if (typeof id === 'string' && wanted.has(id) && !answers.has(id))
            answers.set(id, answer);
    };
    for (const entry of Array.isArray(found) ? found : []) {
        if (!isRecord(entry))
            continue;
        for (const [id, observations] of Object.entries(entry)) {
            if (wanted.has(id) && !answers.has(id))
                settle(id, readObservations(observations));
        }
    }
    for (const id of Array.isArray(notFound) ? notFound : [])
        settle(id, { kind: 'not-found' });
    for (const entry of Array.isArray(malformed) ? malformed : []) {
        if (!Array.isArray(entry))
            continue;
        const [id, message] = entry;
        const text = typeof message === 'string' ? (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cutChars */ .oN)(message.trim(), MESSAGE_CHARS) : '';
        settle(id, { kind: 'malformed', message: text || 'WAMO could not parse it' });
    }
    for (const id of asked)
        if (!answers.has(id))
            answers.set(id, { kind: 'missing' });
    return answers;
}


/***/ })

};
