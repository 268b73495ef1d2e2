export const id = 552;
export const ids = [552];
export const modules = {

/***/ 2552:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_DISTINCT: () => (/* binding */ MAX_DISTINCT),
/* harmony export */   MAX_LISTED_PER_RUN: () => (/* binding */ MAX_LISTED_PER_RUN),
/* harmony export */   MAX_LISTED_PER_SUBMISSION: () => (/* binding */ MAX_LISTED_PER_SUBMISSION),
/* harmony export */   MAX_REMEMBERED_LIST: () => (/* binding */ MAX_REMEMBERED_LIST),
/* harmony export */   WAMO_BATCH: () => (/* binding */ WAMO_BATCH),
/* harmony export */   WAMO_IN_FLIGHT: () => (/* binding */ WAMO_IN_FLIGHT),
/* harmony export */   askWamo: () => (/* binding */ askWamo),
/* harmony export */   describeUnfollowed: () => (/* binding */ describeUnfollowed),
/* harmony export */   firstBlockId: () => (/* binding */ firstBlockId),
/* harmony export */   followObservations: () => (/* binding */ followObservations),
/* harmony export */   isFinal: () => (/* binding */ isFinal),
/* harmony export */   readRememberedObservations: () => (/* binding */ readRememberedObservations),
/* harmony export */   summarize: () => (/* binding */ summarize),
/* harmony export */   withObservations: () => (/* binding */ withObservations)
/* harmony export */ });
/* harmony import */ var _listen_widely_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9917);

const WAMO_BATCH = 100;
const WAMO_IN_FLIGHT = 2;
const MAX_DISTINCT = 20;
const MAX_LISTED_PER_SUBMISSION = 10_000;
const MAX_LISTED_PER_RUN = 200_000;
const MAX_REMEMBERED_LIST = 500;
const emptyFlags = () => ({ neocp: 0, near_duplicate: 0, deleted: 0 });
function emptySummary(checkedAt, found, error) {
    return {
        total: 0,
        published: 0,
        waiting: 0,
        itf: 0,
        other: 0,
        designations: [],
        references: [],
        flags: emptyFlags(),
        checked_at: checkedAt,
        found,
        error
    };
}
function summarize(observations, flags, checkedAt, listRoom = MAX_LISTED_PER_SUBMISSION) {
    const summary = emptySummary(checkedAt, true, null);
    summary.flags = { ...flags };
    const designations = new Set();
    const references = new Set();
    for (const row of observations) {
        summary.total += 1;
        if (row.status === 'P')
            summary.published += 1;
        else if (row.status === 'p')
            summary.waiting += 1;
        else if (row.status === 'I')
            summary.itf += 1;
        else
            summary.other += 1;
        if (row.designation !== null && designations.size < MAX_DISTINCT)
            designations.add(row.designation);
        if (row.reference !== null && references.size < MAX_DISTINCT)
            references.add(row.reference);
    }
    summary.designations = [...designations];
    summary.references = [...references];
    const room = Math.max(0, Math.min(listRoom, MAX_LISTED_PER_SUBMISSION));
    summary.list = observations.slice(0, room);
    if (observations.length > room)
        summary.list_omitted = observations.length - room;
    return summary;
}
const isFinal = (summary) => summary.found &&
    summary.error === null &&
    summary.total > 0 &&
    summary.published === summary.total &&
    (summary.list_omitted ?? 0) === 0 &&
    (summary.list?.length ?? 0) <= MAX_REMEMBERED_LIST;
const firstBlockId = (submissionId) => `${submissionId}_01`;
const chunks = (items, size) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
async function inPool(items, limit, work) {
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const item = items[next];
            next += 1;
            await work(item);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
async function askWamo(identifiers, client, options = {}) {
    const { signal } = options;
    const clock = options.clock ?? Date.now;
    const answers = new Map();
    let requests = 0;
    const ask = async (batch) => {
        if (signal?.aborted)
            return;
        requests += 1;
        let finding;
        try {
            finding = await client.wamo(batch, { signal, maxAnswerBytes: options.maxAnswerBytes });
        }
        catch (error) {
            if (signal?.aborted)
                return;
            finding = { status: 'error', message: `unexpected failure: ${error.message}` };
        }
        if (finding.status === 'too-large' && batch.length > 1) {
            const half = Math.ceil(batch.length / 2);
            await ask(batch.slice(0, half));
            await ask(batch.slice(half));
            return;
        }
        if (finding.status !== 'answered') {
            for (const id of batch)
                answers.set(id, { error: finding.message });
            return;
        }
        const checkedAt = new Date(clock()).toISOString();
        for (const [id, answer] of finding.answers)
            answers.set(id, { answer, checkedAt });
    };
    const isMagic = (id) => id.trim().toLowerCase() === 'string';
    const sendable = identifiers.filter((id) => !isMagic(id));
    for (const id of identifiers) {
        if (isMagic(id)) {
            const message = 'not sent: "string" would ask WAMO for plain text instead of JSON for the whole request';
            answers.set(id, { answer: { kind: 'malformed', message }, checkedAt: new Date(clock()).toISOString() });
        }
    }
    await inPool(chunks(sendable, WAMO_BATCH), WAMO_IN_FLIGHT, ask);
    return { answers, requests };
}
async function followObservations(results, client, options = {}) {
    const { signal } = options;
    (0,_listen_widely_js__WEBPACK_IMPORTED_MODULE_0__/* .allowManyListeners */ .Y)(signal);
    const clock = options.clock ?? Date.now;
    const now = () => new Date(clock()).toISOString();
    const bySubmission = new Map();
    let remembered = 0;
    let listRoom = MAX_LISTED_PER_RUN;
    const toAsk = [];
    for (const result of results) {
        if (result.status !== 'accepted' || bySubmission.has(result.submission_id))
            continue;
        const known = options.remembered?.get(result.submission_id);
        if (known) {
            remembered += 1;
            bySubmission.set(result.submission_id, known);
        }
        else {
            toAsk.push(result.submission_id);
            bySubmission.set(result.submission_id, emptySummary(null, false, 'not asked: the run was cancelled'));
        }
    }
    const asked = await askWamo(toAsk, client, options);
    let requests = asked.requests;
    const { answers } = asked;
    const unknown = (id) => {
        const got = answers.get(id);
        return got !== undefined && 'answer' in got && (got.answer.kind === 'not-found' || got.answer.kind === 'malformed');
    };
    const again = await askWamo(toAsk.filter(unknown).map(firstBlockId), client, options);
    requests += again.requests;
    for (const [id, got] of again.answers)
        answers.set(id, got);
    const unfollowed = [];
    for (const id of toAsk) {
        const first = answers.get(id);
        const second = unknown(id) ? answers.get(firstBlockId(id)) : undefined;
        const got = second ?? first;
        let summary;
        if (got === undefined) {
            summary = emptySummary(null, false, 'not asked: the run was cancelled');
        }
        else if ('error' in got) {
            summary = emptySummary(now(), false, got.error);
        }
        else {
            const { answer, checkedAt } = got;
            switch (answer.kind) {
                case 'found':
                    summary = summarize(answer.observations, answer.flags, checkedAt, listRoom);
                    listRoom -= summary.list?.length ?? 0;
                    break;
                case 'not-found':
                    summary = emptySummary(checkedAt, false, null);
                    break;
                case 'malformed':
                    summary = emptySummary(checkedAt, false, `WAMO could not parse it: ${answer.message}`);
                    break;
                case 'garbage':
                    summary = emptySummary(checkedAt, false, answer.message);
                    break;
                case 'missing':
                    summary = emptySummary(checkedAt, false, "WAMO's answer did not mention it");
                    break;
            }
        }
        bySubmission.set(id, summary);
        if (summary.error !== null)
            unfollowed.push({ id, error: summary.error });
    }
    const totals = { submissions: bySubmission.size, total: 0, published: 0, waiting: 0, itf: 0, other: 0 };
    for (const summary of bySubmission.values()) {
        totals.total += summary.total;
        totals.published += summary.published;
        totals.waiting += summary.waiting;
        totals.itf += summary.itf;
        totals.other += summary.other;
    }
    return { bySubmission, totals, unfollowed, remembered, requests };
}
function describeUnfollowed(run) {
    const { unfollowed } = run;
    if (unfollowed.length === 0)
        return '';
    const reasons = new Map();
    for (const { id, error } of unfollowed)
        reasons.set(error, [...(reasons.get(error) ?? []), id]);
    const parts = [...reasons.entries()].slice(0, 3).map(([error, ids]) => {
        const named = ids.slice(0, 5).join(', ');
        const more = ids.length > 5 ? ` and ${ids.length - 5} more` : '';
        return `${named}${more}: ${error}`;
    });
    const moreReasons = reasons.size > 3 ? `; and ${reasons.size - 3} other reasons` : '';
    const n = unfollowed.length;
    return `Could not follow where the observations of ${n} accepted submission${n === 1 ? '' : 's'} went (the acceptance verdict is unchanged): ${parts.join('; ')}${moreReasons}.`;
}
function withObservations(result, run, withList) {
    const summary = run.bySubmission.get(result.submission_id);
    if (result.status !== 'accepted' || !summary)
        return { ...result, observations: null };
    if (withList)
        return { ...result, observations: summary };
    const { list: _list, list_omitted: _omitted, ...short } = summary;
    return { ...result, observations: short };
}
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1e9;
const isShortText = (value) => typeof value === 'string' && value.length <= 64;
const isShortTextOrNull = (value) => value === null || isShortText(value);
const ROW_FIELDS = ['obsid', 'status', 'designation', 'reference', 'submission_block_id'];
function readRememberedObservations(value) {
    if (!isRecord(value) || !isRecord(value.flags))
        return undefined;
    const { total, published, waiting, itf, other, designations, references, flags, checked_at: checkedAt } = value;
    if (![total, published, waiting, itf, other, flags.neocp, flags.near_duplicate, flags.deleted].every(isCount)) {
        return undefined;
    }
    const distinct = (list) => Array.isArray(list) && list.length <= MAX_DISTINCT && list.every(isShortText);
    if (!distinct(designations) || !distinct(references))
        return undefined;
    if (typeof checkedAt !== 'string' || Number.isNaN(Date.parse(checkedAt)))
        return undefined;
    if (!Array.isArray(value.list) || value.list.length > MAX_REMEMBERED_LIST)
        return undefined;
    const list = [];
    for (const row of value.list) {
        if (!isRecord(row) || !ROW_FIELDS.every((name) => isShortTextOrNull(row[name])))
            return undefined;
        list.push({
            obsid: row.obsid,
            status: row.status,
            designation: row.designation,
            reference: row.reference,
            submission_block_id: row.submission_block_id
        });
    }
    const summary = {
        total: total,
        published: published,
        waiting: waiting,
        itf: itf,
        other: other,
        designations,
        references,
        flags: {
            neocp: flags.neocp,
            near_duplicate: flags.near_duplicate,
            deleted: flags.deleted
        },
        checked_at: new Date(Date.parse(checkedAt)).toISOString(),
        found: value.found === true,
        error: value.error === null ? null : 'not a remembered answer',
        list
    };
    return isFinal(summary) && list.length === summary.total ? summary : undefined;
}


/***/ })

};
