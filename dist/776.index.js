export const id = 776;
export const ids = [776,552];
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


/***/ }),

/***/ 4776:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openVerdictMemory: () => (/* binding */ openVerdictMemory)
});

// EXTERNAL MODULE: ./src/core/ids.ts
var ids = __webpack_require__(9921);
// EXTERNAL MODULE: ./src/core/observations.ts
var core_observations = __webpack_require__(2552);
// EXTERNAL MODULE: ./src/core/status-answer.ts
var status_answer = __webpack_require__(840);
;// CONCATENATED MODULE: ./src/core/remembered-verdicts.ts


const ID_BYTES = 32;
const EMPTY = {
    count: 0,
    ids: Buffer.alloc(0),
    pipelineText: Buffer.alloc(0),
    pipelineStart: new Uint32Array(0),
    pipelineLength: new Int32Array(0),
    checkedAt: new Float64Array(0),
    faultEvents: new Map(),
    oddPipelines: new Map(),
    observations: new Map()
};
class VerdictStore {
    #columns;
    #lastTime = NaN;
    #lastTimeText = '';
    constructor(columns = EMPTY) {
        this.#columns = columns;
    }
    static of(entries) {
        const builder = new VerdictStoreBuilder();
        for (const [id, verdict] of entries)
            builder.add(id, verdict);
        return builder.build().store;
    }
    get size() {
        return this.#columns.count;
    }
    has(id) {
        return this.#rowOf(id) >= 0;
    }
    get(id) {
        const row = this.#rowOf(id);
        return row < 0 ? undefined : this.#verdict(row, id);
    }
    *keys() {
        for (let row = 0; row < this.#columns.count; row += 1)
            yield this.#idAt(row);
    }
    *entries() {
        for (let row = 0; row < this.#columns.count; row += 1) {
            const id = this.#idAt(row);
            yield [id, this.#verdict(row, id)];
        }
    }
    [Symbol.iterator]() {
        return this.entries();
    }
    oldestCheckedAt() {
        let oldest = Infinity;
        for (const time of this.#columns.checkedAt.subarray(0, this.#columns.count))
            oldest = Math.min(oldest, time);
        return oldest;
    }
    observations() {
        return this.#columns.observations;
    }
    #idAt(row) {
        return this.#columns.ids.toString('latin1', row * ID_BYTES, (row + 1) * ID_BYTES);
    }
    #rowOf(id) {
        if (id.length !== ID_BYTES)
            return -1;
        const { ids } = this.#columns;
        let low = 0;
        let high = this.#columns.count - 1;
        while (low <= high) {
            const middle = (low + high) >>> 1;
            const base = middle * ID_BYTES;
            let difference = 0;
            for (let at = 0; at < ID_BYTES && difference === 0; at += 1) {
                difference = ids[base + at] - id.charCodeAt(at);
            }
            if (difference === 0)
                return middle;
            if (difference < 0)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return -1;
    }
    #verdict(row, id) {
        const columns = this.#columns;
        const length = columns.pipelineLength[row];
        const start = columns.pipelineStart[row];
        const time = columns.checkedAt[row];
        if (time !== this.#lastTime) {
            this.#lastTime = time;
            this.#lastTimeText = new Date(time).toISOString();
        }
        const verdict = {
            pipelineEntryTime: length >= 0
                ? columns.pipelineText.toString('utf8', start, start + length)
                : length === ODD_PIPELINE
                    ? columns.oddPipelines.get(id)
                    : null,
            faultEvents: columns.faultEvents.get(id) ?? status_answer/* NO_FAULT_EVENTS */.PI,
            checkedAt: this.#lastTimeText
        };
        const observations = columns.observations.get(id);
        if (observations)
            verdict.observations = observations;
        return verdict;
    }
}
const MAX_PIPELINE_CHARS = 64;
const MAX_PIPELINE_BYTES = MAX_PIPELINE_CHARS * 3;
const NO_PIPELINE = -1;
const ODD_PIPELINE = -2;
const LONE_SURROGATE = /\p{Cs}/u;
class VerdictStoreBuilder {
    #count = 0;
    #ids = Buffer.allocUnsafe(ID_BYTES * 256);
    #pipelineText = Buffer.allocUnsafe(MAX_PIPELINE_BYTES * 256);
    #pipelineBytes = 0;
    #pipelineStart = new Uint32Array(256);
    #pipelineLength = new Int32Array(256);
    #checkedAt = new Float64Array(256);
    #faultEvents = new Map();
    #observations = new Map();
    #oddPipelines = new Map();
    add(id, verdict, checkedAt = Date.parse(verdict.checkedAt)) {
        if (!ids/* SUBMISSION_ID_PATTERN */.EO.test(id))
            throw new Error('a verdict store is keyed by submission IDs');
        if (Number.isNaN(checkedAt))
            throw new Error('a remembered verdict needs a checked_at time');
        const pipeline = verdict.pipelineEntryTime;
        if (pipeline !== null && pipeline.length > MAX_PIPELINE_CHARS)
            throw new Error('a pipeline_entry_time is a time');
        if (this.#count === this.#checkedAt.length)
            this.#grow();
        if (this.#pipelineText.length - this.#pipelineBytes < MAX_PIPELINE_BYTES) {
            this.#pipelineText = grown(this.#pipelineText, this.#pipelineBytes, this.#pipelineText.length * 2);
        }
        const row = this.#count;
        this.#ids.write(id, row * ID_BYTES, ID_BYTES, 'latin1');
        this.#pipelineStart[row] = this.#pipelineBytes;
        if (pipeline === null)
            this.#pipelineLength[row] = NO_PIPELINE;
        else if (LONE_SURROGATE.test(pipeline)) {
            this.#pipelineLength[row] = ODD_PIPELINE;
            this.#oddPipelines.set(row, pipeline);
        }
        else {
            const length = this.#pipelineText.write(pipeline, this.#pipelineBytes, MAX_PIPELINE_BYTES, 'utf8');
            this.#pipelineLength[row] = length;
            this.#pipelineBytes += length;
        }
        this.#checkedAt[row] = checkedAt;
        if (verdict.faultEvents.length > 0)
            this.#faultEvents.set(row, verdict.faultEvents);
        if (verdict.observations)
            this.#observations.set(row, verdict.observations);
        this.#count += 1;
    }
    build() {
        const count = this.#count;
        const ids = this.#ids;
        const compare = (a, b) => compareIds(ids, a, b);
        let sorted = true;
        for (let row = 1; row < count && sorted; row += 1)
            sorted = compare(row - 1, row) <= 0;
        const order = new Uint32Array(count);
        for (let row = 0; row < count; row += 1)
            order[row] = row;
        if (!sorted)
            order.sort((a, b) => compare(a, b) || a - b);
        const kept = new Uint32Array(count);
        let keptCount = 0;
        for (const row of order) {
            if (keptCount > 0 && compare(kept[keptCount - 1], row) === 0)
                continue;
            kept[keptCount] = row;
            keptCount += 1;
        }
        const faultEvents = new Map();
        const observations = new Map();
        const oddPipelines = new Map();
        const columns = {
            count: keptCount,
            ids: Buffer.allocUnsafe(keptCount * ID_BYTES),
            pipelineText: Buffer.allocUnsafe(this.#pipelineBytes),
            pipelineStart: new Uint32Array(keptCount),
            pipelineLength: new Int32Array(keptCount),
            checkedAt: new Float64Array(keptCount),
            faultEvents,
            oddPipelines,
            observations
        };
        let text = 0;
        for (let at = 0; at < keptCount; at += 1) {
            const row = kept[at];
            ids.copy(columns.ids, at * ID_BYTES, row * ID_BYTES, (row + 1) * ID_BYTES);
            const length = this.#pipelineLength[row];
            const start = this.#pipelineStart[row];
            columns.pipelineLength[at] = length;
            columns.pipelineStart[at] = text;
            if (length > 0)
                text += this.#pipelineText.copy(columns.pipelineText, text, start, start + length);
            columns.checkedAt[at] = this.#checkedAt[row];
            const faults = this.#faultEvents.get(row);
            const summary = this.#observations.get(row);
            const odd = length === ODD_PIPELINE ? this.#oddPipelines.get(row) : undefined;
            if (faults || summary || odd !== undefined) {
                const id = ids.toString('latin1', row * ID_BYTES, (row + 1) * ID_BYTES);
                if (faults)
                    faultEvents.set(id, faults);
                if (summary)
                    observations.set(id, summary);
                if (odd !== undefined)
                    oddPipelines.set(id, odd);
            }
        }
        return { store: new VerdictStore(columns), repeated: count - keptCount };
    }
    #grow() {
        const capacity = this.#checkedAt.length * 2;
        this.#ids = grown(this.#ids, this.#count * ID_BYTES, capacity * ID_BYTES);
        const start = new Uint32Array(capacity);
        start.set(this.#pipelineStart);
        this.#pipelineStart = start;
        const length = new Int32Array(capacity);
        length.set(this.#pipelineLength);
        this.#pipelineLength = length;
        const checkedAt = new Float64Array(capacity);
        checkedAt.set(this.#checkedAt);
        this.#checkedAt = checkedAt;
    }
}
function compareIds(ids, a, b) {
    const baseA = a * ID_BYTES;
    const baseB = b * ID_BYTES;
    for (let at = 0; at < ID_BYTES; at += 1) {
        const difference = ids[baseA + at] - ids[baseB + at];
        if (difference !== 0)
            return difference;
    }
    return 0;
}
function grown(buffer, used, size) {
    const larger = Buffer.allocUnsafe(size);
    buffer.copy(larger, 0, 0, used);
    return larger;
}

;// CONCATENATED MODULE: ./src/core/verdict-store.ts




const STORE_FORMAT = 'mpc-submission-status/verdicts';
const STORE_VERSION = 2;
const MAX_STORE_BYTES = 64 * 1024 * 1024;
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;
const CLOCK_SKEW_MS = 5 * 60_000;
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const NEWLINE = 0x0a;
class VerdictStoreReader {
    #now;
    #builder = new VerdictStoreBuilder();
    #ignored = new Map();
    #wholly;
    #header = false;
    #bytes = 0;
    #partial = [];
    #partialBytes = 0;
    #overlong = false;
    constructor(now = Date.now()) {
        this.#now = now;
    }
    push(chunk) {
        if (this.#wholly !== undefined)
            return;
        const bytes = typeof chunk === 'string'
            ? Buffer.from(chunk, 'utf8')
            : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        this.#bytes += bytes.length;
        if (this.#bytes > MAX_STORE_BYTES)
            return this.#ignoreWhole('it is larger than 64 MiB');
        let start = 0;
        for (;;) {
            const end = bytes.indexOf(NEWLINE, start);
            if (end === -1)
                return this.#keep(bytes.subarray(start));
            if (this.#partialBytes === 0 && !this.#overlong) {
                this.#line(end - start > MAX_ENTRY_BYTES ? undefined : bytes.subarray(start, end));
            }
            else {
                this.#keep(bytes.subarray(start, end));
                this.#line(this.#overlong ? undefined : Buffer.concat(this.#partial, this.#partialBytes));
                this.#partial = [];
                this.#partialBytes = 0;
                this.#overlong = false;
            }
            if (this.#wholly !== undefined)
                return;
            start = end + 1;
        }
    }
    end() {
        if (this.#wholly === undefined && (this.#partialBytes > 0 || this.#overlong)) {
            this.#line(this.#overlong ? undefined : Buffer.concat(this.#partial, this.#partialBytes));
        }
        this.#partial = [];
        this.#partialBytes = 0;
        if (this.#wholly === undefined && !this.#header)
            this.#ignoreWhole('it is empty');
        if (this.#wholly !== undefined) {
            return { store: new VerdictStore(), notice: `The verdict store was ignored: ${this.#wholly}.` };
        }
        const { store, repeated } = this.#builder.build();
        if (repeated > 0)
            this.#ignored.set('repeating a submission ID read before', repeated);
        if (this.#ignored.size === 0)
            return { store, notice: '' };
        const total = [...this.#ignored.values()].reduce((sum, count) => sum + count, 0);
        const reasons = [...this.#ignored.entries()].map(([why, count]) => `${count} ${why}`).join(', ');
        return {
            store,
            notice: `The verdict store held ${total} ${total === 1 ? 'entry' : 'entries'} that ${total === 1 ? 'was' : 'were'} ignored (${reasons}); they are asked afresh.`
        };
    }
    #keep(piece) {
        if (this.#overlong || piece.length === 0)
            return;
        if (this.#partialBytes + piece.length > MAX_ENTRY_BYTES) {
            this.#overlong = true;
            this.#partial = [];
            this.#partialBytes = 0;
            return;
        }
        this.#partial.push(Buffer.from(piece));
        this.#partialBytes += piece.length;
    }
    #ignoreWhole(why) {
        this.#wholly = why;
        this.#builder = new VerdictStoreBuilder();
        this.#partial = [];
        this.#partialBytes = 0;
    }
    #ignore(why) {
        this.#ignored.set(why, (this.#ignored.get(why) ?? 0) + 1);
    }
    #line(bytes) {
        const header = !this.#header;
        const foreign = `it is not a store of this action (its first line is no {"format": "${STORE_FORMAT}"} header)`;
        if (bytes === undefined) {
            if (header)
                this.#ignoreWhole(foreign);
            else
                this.#ignore(`longer than ${MAX_ENTRY_BYTES / 1024 / 1024} MiB`);
            return;
        }
        let value;
        try {
            value = JSON.parse(UTF8.decode(bytes));
        }
        catch {
            if (bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d))
                return;
            if (header)
                this.#ignoreWhole(foreign);
            else
                this.#ignore('that are not JSON (cut short, or not UTF-8)');
            return;
        }
        if (header) {
            if (!isRecord(value) || value.format !== STORE_FORMAT)
                return this.#ignoreWhole(foreign);
            if (value.version !== STORE_VERSION) {
                return this.#ignoreWhole(`its version is not ${STORE_VERSION} (a store of another version of this action)`);
            }
            this.#header = true;
            return;
        }
        this.#entry(value);
    }
    #entry(entry) {
        if (!isRecord(entry))
            return this.#ignore('that are not JSON objects');
        const id = entry.id;
        if (typeof id !== 'string' || !ids/* SUBMISSION_ID_PATTERN */.EO.test(id))
            return this.#ignore('not keyed by a submission ID');
        if (typeof entry.checked_at !== 'string')
            return this.#ignore('without a checked_at time');
        const checkedAt = Date.parse(entry.checked_at);
        if (!/^\d{4}-\d\d-\d\dT/.test(entry.checked_at) || Number.isNaN(checkedAt)) {
            return this.#ignore('with an unreadable checked_at time');
        }
        if (checkedAt > this.#now + CLOCK_SKEW_MS)
            return this.#ignore('checked in the future');
        const answer = (0,status_answer/* parseStatusAnswer */.ie)(entry.answer);
        if (typeof answer === 'string')
            return this.#ignore('whose answer fails the API answer checks');
        if (!answer.accepted || answer.faultsNotKept > 0) {
            return this.#ignore('that are not accepted answers as this action stores them');
        }
        const observations = (0,core_observations.readRememberedObservations)(entry.observations);
        const verdict = {
            pipelineEntryTime: answer.pipeline_entry_time,
            faultEvents: answer.fault_events,
            checkedAt: entry.checked_at
        };
        if (observations)
            verdict.observations = observations;
        this.#builder.add(id, verdict, checkedAt);
    }
}
function readVerdictStore(text, now = Date.now()) {
    const reader = new VerdictStoreReader(now);
    reader.push(text);
    return reader.end();
}
function freshVerdicts(store, maxAgeMs, now = Date.now()) {
    if (maxAgeMs <= 0)
        return new VerdictStore();
    if (now - store.oldestCheckedAt() < maxAgeMs)
        return store;
    const fresh = new VerdictStoreBuilder();
    for (const [id, verdict] of store) {
        const checkedAt = Date.parse(verdict.checkedAt);
        if (now - checkedAt < maxAgeMs)
            fresh.add(id, verdict, checkedAt);
    }
    return fresh.build().store;
}
const HEADER_LINE = `${JSON.stringify({ format: STORE_FORMAT, version: STORE_VERSION })}\n`;
const entryLine = (id, verdict) => `${JSON.stringify({
    id,
    checked_at: verdict.checkedAt,
    answer: { accepted: true, pipeline_entry_time: verdict.pipelineEntryTime, fault_events: verdict.faultEvents },
    ...(verdict.observations ? { observations: verdict.observations } : {})
})}\n`;
function writeVerdictStore(store) {
    const lines = [HEADER_LINE];
    for (const [id, verdict] of store)
        lines.push(entryLine(id, verdict));
    return lines.join('');
}
function openStoreSession(source, maxAgeMs, now = Date.now()) {
    const { store, notice } = source === undefined
        ? { store: new VerdictStore(), notice: '' }
        : typeof source === 'string'
            ? readVerdictStore(source, now)
            : source;
    const remembered = freshVerdicts(store, maxAgeMs, now);
    return {
        remembered,
        notice,
        next(results, observations) {
            const finalFor = (id) => {
                const summary = observations?.get(id);
                return summary && (0,core_observations.isFinal)(summary) ? summary : undefined;
            };
            const asked = [];
            const completed = new Map();
            results.forEach((result, index) => {
                const verdict = remembered.get(result.submission_id);
                if (verdict === undefined) {
                    if (result.status === 'accepted' && result.checked_at !== null)
                        asked.push(index);
                    return;
                }
                const summary = verdict.observations ? undefined : finalFor(result.submission_id);
                if (summary)
                    completed.set(result.submission_id, { ...verdict, observations: summary });
            });
            const idAt = (index) => results[index].submission_id;
            const order = Uint32Array.from(asked).sort((a, b) => (idAt(a) < idAt(b) ? -1 : idAt(a) > idAt(b) ? 1 : 0));
            const learnedAt = (index) => {
                const result = results[index];
                const summary = finalFor(result.submission_id);
                return {
                    pipelineEntryTime: result.pipeline_entry_time,
                    faultEvents: result.fault_events,
                    checkedAt: result.checked_at,
                    ...(summary ? { observations: summary } : {})
                };
            };
            function* lines() {
                yield HEADER_LINE;
                const old = store.entries();
                let next = old.next();
                let j = 0;
                let last;
                while (!next.done || j < order.length) {
                    let id;
                    let verdict;
                    if (j < order.length && (next.done || idAt(order[j]) <= next.value[0])) {
                        id = idAt(order[j]);
                        if (!next.done && id === next.value[0])
                            next = old.next();
                        verdict = learnedAt(order[j]);
                        j += 1;
                    }
                    else {
                        id = next.value[0];
                        verdict = completed.get(id) ?? next.value[1];
                        next = old.next();
                    }
                    if (id === last)
                        continue;
                    last = id;
                    if (maxAgeMs > 0 && now - Date.parse(verdict.checkedAt) >= maxAgeMs)
                        continue;
                    yield entryLine(id, verdict);
                }
            }
            return {
                learned: order.length + completed.size,
                lines,
                get text() {
                    return [...lines()].join('');
                }
            };
        }
    };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(6412);
// EXTERNAL MODULE: ./src/status/cache-service.ts
var cache_service = __webpack_require__(5798);
;// CONCATENATED MODULE: ./src/status/tar-guard-program.ts
const GUARD_SOURCE = String.raw `'use strict'
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const stateDir = process.env.MPC_VERDICT_GUARD_STATE || ''
if (!path.isAbsolute(stateDir)) {
  process.stderr.write('mpc-submission-status: tar is only available to the verdict cache here\n')
  process.exit(2)
}
const args = process.argv.slice(2)
let group = 0
let ending = false

function finish(code) {
  if (ending) return
  ending = true
  if (group > 0) {
    try { process.kill(-group, 'SIGKILL') } catch {}
    try { fs.rmSync(path.join(stateDir, 'group-' + group), { force: true }) } catch {}
  }
  try { fs.rmSync(path.join(stateDir, 'pid-' + process.pid), { force: true }) } catch {}
  process.exit(code)
}

function refuse(why) {
  try { fs.writeFileSync(path.join(stateDir, 'refused'), why) } catch {}
  process.stderr.write('mpc-submission-status: the cache entry was refused: ' + why + '\n')
  finish(2)
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => finish(143))
const parent = process.ppid
setInterval(() => { if (process.ppid !== parent) finish(1) }, 200).unref()

let call
try {
  // The pid is on record before "stopped" is looked at: a stop either sees this guard or this guard sees it.
  fs.writeFileSync(path.join(stateDir, 'pid-' + process.pid), '')
  call = JSON.parse(fs.readFileSync(path.join(stateDir, 'call.json'), 'utf8'))
} catch {
  process.stderr.write('mpc-submission-status: tar is only available to the verdict cache here\n')
  finish(2)
}
if (fs.existsSync(path.join(stateDir, 'stopped'))) refuse('the call was given up')

/** Starts a program in a process group of its own and records the group; ends it if the call stopped since. */
function startGroup(command, list, stdio) {
  const child = spawn(command, list, { stdio, detached: true })
  if (child.pid === undefined) refuse('could not start ' + command)
  group = child.pid
  try { fs.writeFileSync(path.join(stateDir, 'group-' + group), '') } catch {}
  if (fs.existsSync(path.join(stateDir, 'stopped'))) refuse('the call was given up')
  child.on('error', () => refuse('could not start ' + command))
  return child
}

const extracting = args.includes('-xf')
const listing = args.includes('-tf')
if (args.includes('-cf')) {
  if (call.mode !== 'save') refuse('tar may not create an archive in a restore')
  const child = startGroup(call.realTar, args, ['ignore', 'inherit', 'inherit'])
  child.on('exit', (code) => {
    group = 0
    finish(code === null ? 1 : code)
  })
} else if (extracting || listing) {
  if (extracting && call.mode !== 'restore') refuse('tar may not extract in a save')
  readArchive(args[args.indexOf(extracting ? '-xf' : '-tf') + 1]).then(
    (member) => {
      if (extracting) {
        // Created anew (never through whatever is at that name), with the bytes that were checked.
        const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW || 0)
        try {
          const fd = fs.openSync(call.file, flags, 0o600)
          try { fs.writeSync(fd, member.data) } finally { fs.closeSync(fd) }
        } catch (error) {
          refuse('the store could not be written: ' + (error.code || error.message))
        }
      } else {
        process.stdout.write(member.name + '\n')
      }
      finish(0)
    },
    (error) => refuse(error && error.message ? error.message : String(error))
  )
} else {
  refuse('tar was asked for something other than create, list or extract')
}

/** The one member the archive holds, read from the decompressed stream: refused unless it is the store. */
async function readArchive(archive) {
  const max = call.maxBytes
  const at = args.indexOf('-C')
  // Names are resolved as the library's extraction resolves them: against -C, its GITHUB_WORKSPACE (a listing
  // has no -C).
  const base = at >= 0 ? args[at + 1] : process.env.GITHUB_WORKSPACE || process.cwd()
  const program = args.indexOf('--use-compress-program')
  const fd = fs.openSync(path.resolve(archive), 'r')
  let stream
  if (program >= 0 || args.includes('-z')) {
    const command = program >= 0 ? args[program + 1] : 'gzip'
    stream = startGroup(command, ['-d'], [fd, 'pipe', 'ignore']).stdout
  } else {
    stream = fs.createReadStream('', { fd })
  }
  // Nothing larger than the cap plus 1 MiB of headers and padding is read.
  const budget = max + 1024 * 1024
  const chunks = []
  let buffered = 0
  let consumed = 0
  let ended = false
  let wake = () => {}
  stream.on('data', (chunk) => {
    chunks.push(chunk)
    buffered += chunk.length
    if (buffered > 8 * 1024 * 1024) stream.pause()
    wake()
  })
  stream.on('end', () => { ended = true; wake() })
  stream.on('error', () => { ended = true; wake() })
  const take = async (n) => {
    consumed += n
    if (consumed > budget) throw new Error('it holds more than ' + budget + ' bytes')
    while (buffered < n && !ended) {
      stream.resume()
      await new Promise((resolve) => { wake = resolve })
    }
    if (buffered < n) return buffered === 0 ? null : undefined
    const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)
    chunks.length = 0
    if (all.length > n) chunks.push(all.subarray(n))
    buffered = all.length - n
    return all.subarray(0, n)
  }
  const takePadded = async (size) => {
    const block = await take(Math.ceil(size / 512) * 512)
    if (!block) throw new Error('it is truncated')
    return block.subarray(0, size)
  }
  const text = (field) => {
    const end = field.indexOf(0)
    return field.subarray(0, end < 0 ? field.length : end).toString('utf8')
  }
  const number = (field) => {
    if (field[0] & 0x80) {
      let value = field[0] & 0x7f
      for (const byte of field.subarray(1)) value = value * 256 + byte
      return value
    }
    const digits = text(field).trim()
    if (!/^[0-7]+$/.test(digits)) throw new Error('it has a header with a malformed number')
    return parseInt(digits, 8)
  }
  const TYPES = {
    1: 'a hard link', 2: 'a symbolic link', 3: 'a character device', 4: 'a block device', 5: 'a directory',
    6: 'a FIFO', 7: 'a contiguous file', g: 'a global pax header', K: 'a long link name', S: 'a sparse file',
    V: 'a volume label', M: 'a multi-volume continuation', D: 'a directory listing'
  }
  let member
  let pax = {}
  let longName
  let headers = 0
  for (;;) {
    const block = await take(512)
    if (block === null && member) break
    if (!block) throw new Error(member ? 'it is truncated' : 'it holds no file')
    if (block.every((byte) => byte === 0)) {
      if (!member) throw new Error('it holds no file')
      break
    }
    if (member) throw new Error('it holds more than one member')
    if (++headers > 8) throw new Error('it holds too many headers')
    let sum = 0
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i]
    const checksum = text(block.subarray(148, 156)).trim()
    if (!/^[0-7]+$/.test(checksum) || parseInt(checksum, 8) !== sum) {
      throw new Error('it is not a tar archive (a header checksum is wrong)')
    }
    const magic = block.subarray(257, 263).toString('latin1')
    if (magic !== 'ustar\0' && magic !== 'ustar ') throw new Error('it is not a ustar archive')
    const type = block[156] === 0 ? '0' : String.fromCharCode(block[156])
    let size = number(block.subarray(124, 136))
    if (type === 'x' || type === 'L') {
      if (size > 65536) throw new Error('it has a header of ' + size + ' bytes')
      const data = await takePadded(size)
      if (type === 'L') {
        longName = text(data)
        continue
      }
      // Records of "LENGTH key=value\n", LENGTH counting bytes.
      let offset = 0
      while (offset < data.length) {
        const space = data.indexOf(32, offset)
        const length = space < 0 ? NaN : Number(data.subarray(offset, space).toString('latin1'))
        if (!(length > 0) || offset + length > data.length || data[offset + length - 1] !== 10) {
          throw new Error('it has a malformed pax header')
        }
        const record = data.subarray(space + 1, offset + length - 1).toString('utf8')
        const equals = record.indexOf('=')
        if (equals < 0) throw new Error('it has a malformed pax header')
        pax[record.slice(0, equals)] = record.slice(equals + 1)
        offset += length
      }
      continue
    }
    if (type !== '0') throw new Error('it holds ' + (TYPES[type] || 'a member of type ' + JSON.stringify(type)))
    if (Object.keys(pax).some((key) => key.startsWith('GNU.sparse'))) throw new Error('it holds a sparse file')
    if (pax.size !== undefined) {
      if (!/^[0-9]+$/.test(pax.size)) throw new Error('it has a malformed pax header')
      size = Number(pax.size)
    }
    const prefix = magic === 'ustar\0' ? text(block.subarray(345, 500)) : ''
    const name = pax.path !== undefined ? pax.path : longName !== undefined ? longName : (prefix ? prefix + '/' : '') + text(block.subarray(0, 100))
    if (!(size <= max)) throw new Error('its member is ' + size + ' bytes, over the cap of ' + max)
    if (path.resolve(base, name) !== call.file) {
      throw new Error('it holds another file than the verdict store: ' + JSON.stringify(name.slice(0, 200)))
    }
    member = { name, data: await takePadded(size) }
    pax = {}
    longName = undefined
  }
  return member
}
`;

;// CONCATENATED MODULE: ./src/status/tar-guard.ts





async function which(name, searchPath) {
    for (const folder of searchPath.split((external_node_path_default()).delimiter)) {
        if (folder === '')
            continue;
        const candidate = external_node_path_default().join(folder, name);
        try {
            await (0,promises_.access)(candidate, external_node_fs_.constants.X_OK);
            return candidate;
        }
        catch {
        }
    }
    return undefined;
}
const live = new Set();
const bins = new Set();
const STATE = 'MPC_VERDICT_GUARD_STATE';
function putFirstOnPath(call) {
    const rest = (process.env.PATH ?? '').split((external_node_path_default()).delimiter).filter((entry) => !bins.has(entry));
    process.env.PATH = (call ? [call.bin, ...rest] : rest).join((external_node_path_default()).delimiter);
    if (call)
        process.env[STATE] = call.folder;
    else
        delete process.env[STATE];
}
function killRecorded(folder) {
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)(folder);
    }
    catch {
        return;
    }
    for (const name of names) {
        const group = /^group-(\d+)$/.exec(name);
        if (group) {
            try {
                process.kill(-Number(group[1]), 'SIGKILL');
            }
            catch {
            }
        }
    }
    for (const name of names) {
        const pid = /^pid-(\d+)$/.exec(name);
        if (pid) {
            try {
                process.kill(Number(pid[1]), 'SIGTERM');
            }
            catch {
            }
        }
    }
}
let exitHookInstalled = false;
function installExitHook() {
    if (exitHookInstalled)
        return;
    exitHookInstalled = true;
    process.on('exit', () => {
        for (const call of live) {
            try {
                (0,external_node_fs_.writeFileSync)(external_node_path_default().join(call.folder, 'stopped'), '');
            }
            catch {
            }
            killRecorded(call.folder);
            (0,external_node_fs_.rmSync)(call.folder, { recursive: true, force: true });
        }
    });
}
async function guardTar(options) {
    if (process.platform === 'win32')
        throw new Error('the archive cannot be checked before extraction on Windows');
    const searchPath = (process.env.PATH ?? '')
        .split((external_node_path_default()).delimiter)
        .filter((entry) => !bins.has(entry))
        .join((external_node_path_default()).delimiter);
    const realTar = (process.platform === 'darwin' ? await which('gtar', searchPath) : undefined) ?? (await which('tar', searchPath));
    if (realTar === undefined)
        throw new Error('no tar on the PATH');
    const folder = external_node_path_default().join(options.scratch, `tar-guard-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
    const bin = external_node_path_default().join(folder, 'bin');
    await (0,promises_.mkdir)(bin, { recursive: true, mode: 0o700 });
    const call = { folder, bin };
    installExitHook();
    try {
        const guard = external_node_path_default().join(folder, 'guard.cjs');
        await (0,promises_.writeFile)(guard, GUARD_SOURCE, { mode: 0o600 });
        await (0,promises_.writeFile)(external_node_path_default().join(folder, 'call.json'), JSON.stringify({ mode: options.mode, file: external_node_path_default().resolve(options.file), maxBytes: options.maxBytes, realTar }), { mode: 0o600 });
        const quote = (text) => `'${text.replace(/'/g, "'\\''")}'`;
        const shim = `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(guard)} "$@"\n`;
        for (const name of ['tar', 'gtar']) {
            await (0,promises_.writeFile)(external_node_path_default().join(bin, name), shim);
            await (0,promises_.chmod)(external_node_path_default().join(bin, name), 0o700);
        }
    }
    catch (error) {
        await (0,promises_.rm)(folder, { recursive: true, force: true });
        throw error;
    }
    live.add(call);
    bins.add(bin);
    putFirstOnPath(call);
    return {
        stop() {
            try {
                (0,external_node_fs_.writeFileSync)(external_node_path_default().join(folder, 'stopped'), '');
            }
            catch {
            }
            killRecorded(folder);
        },
        async refusal() {
            try {
                return (await (0,promises_.readFile)(external_node_path_default().join(folder, 'refused'), 'utf8')).slice(0, 500);
            }
            catch {
                return undefined;
            }
        },
        async end() {
            if (!live.delete(call))
                return;
            if (process.env[STATE] === folder)
                putFirstOnPath([...live].pop());
            await (0,promises_.rm)(folder, { recursive: true, force: true });
        }
    };
}

;// CONCATENATED MODULE: ./src/status/verdict-cache.ts









const VERDICT_CACHE_MAX_BYTES = 32 * 1024 * 1024;
const VERDICT_CACHE_FILE = 'verdicts.json';
const RESTORE_TIMEOUT_MS = 30_000;
const SAVE_TIMEOUT_MS = 60_000;
const MAX_KEY_LENGTH = 512;
const safeKeyText = (text, max) => text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, max);
function verdictCacheKeyPrefix(parts) {
    const digest = (0,external_node_crypto_.createHash)('sha256')
        .update(JSON.stringify([parts.repository, parts.apiUrl, parts.userKey]))
        .digest('hex')
        .slice(0, 24);
    const label = safeKeyText(parts.userKey.trim(), 64);
    return `mpc-verdicts-1-${digest}-${label === '' ? '' : `${label}-`}`;
}
const defaultWorkerEntry = () => external_node_path_default().join(external_node_path_default().dirname((0,external_node_url_.fileURLToPath)(import.meta.url)), 'cache-worker', 'index.js');
const PASSED_COMMAND = /^::debug::|^::add-mask::[A-Za-z0-9+/=%]{20,}$/;
function passOn(from, to) {
    let partial = '';
    const emit = (line) => {
        to.write(`${PASSED_COMMAND.test(line) ? line : (0,report_escape/* logText */.kc)(line, 4000)}\n`);
    };
    from.setEncoding('utf8');
    from.on('data', (piece) => {
        const lines = (partial + piece).split(/\r?\n/);
        partial = lines.pop() ?? '';
        if (partial.length > 64 * 1024) {
            lines.push(partial);
            partial = '';
        }
        lines.forEach(emit);
    });
    from.on('end', () => {
        if (partial !== '')
            emit(partial);
    });
}
const liveWorkers = new Set();
let workerExitHook = false;
function killWorker(child) {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null)
        return;
    try {
        if (process.platform === 'win32')
            child.kill('SIGKILL');
        else
            process.kill(-child.pid, 'SIGKILL');
    }
    catch {
    }
}
function startWorker(entry, request) {
    if (!workerExitHook) {
        workerExitHook = true;
        process.on('exit', () => liveWorkers.forEach(killWorker));
    }
    let child;
    try {
        child = (0,external_node_child_process_.spawn)(process.execPath, [entry, JSON.stringify(request)], {
            stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
            env: process.env,
            detached: process.platform !== 'win32',
            windowsHide: true
        });
    }
    catch (error) {
        const message = `the cache worker could not be started: ${describeError(error)}`;
        return { answer: Promise.resolve({ kind: 'threw', message }), kill: () => undefined };
    }
    liveWorkers.add(child);
    if (child.stdout)
        passOn(child.stdout, process.stdout);
    if (child.stderr)
        passOn(child.stderr, process.stderr);
    let reply = '';
    const replies = child.stdio[3];
    replies?.setEncoding('utf8');
    replies?.on('data', (piece) => {
        if (reply.length < 64 * 1024)
            reply += piece;
    });
    const answer = new Promise((resolve) => {
        let started = true;
        child.once('error', (error) => {
            started = false;
            liveWorkers.delete(child);
            resolve({ kind: 'threw', message: `the cache worker could not be started: ${describeError(error)}` });
        });
        child.once('close', (code, signal) => {
            liveWorkers.delete(child);
            if (!started)
                return;
            try {
                const value = JSON.parse(reply);
                if (typeof value === 'object' && value !== null && typeof value.kind === 'string')
                    return resolve(value);
            }
            catch {
            }
            resolve({ kind: 'threw', message: `the cache worker ended (${signal ?? `exit ${code}`}) without an answer` });
        });
    });
    return { answer, kill: () => killWorker(child) };
}
async function raceLibraryCall(running, timeoutMs, signals, onGiveUp) {
    const settled = running.then(() => undefined, () => undefined);
    let timer;
    let onAbort;
    const stopped = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
        onAbort = () => resolve('aborted');
        for (const signal of signals) {
            if (signal?.aborted)
                resolve('aborted');
            signal?.addEventListener('abort', onAbort, { once: true });
        }
    });
    try {
        const outcome = await Promise.race([
            running.then((value) => ({ kind: 'done', value }), (error) => ({ kind: 'threw', error })),
            stopped
        ]);
        if (typeof outcome !== 'string')
            return { outcome, settled };
        onGiveUp();
        return { outcome: { kind: outcome }, settled };
    }
    finally {
        clearTimeout(timer);
        for (const signal of signals)
            if (onAbort)
                signal?.removeEventListener('abort', onAbort);
    }
}
const firstLine = (text) => text.trim().split(/\r?\n/)[0].slice(0, 300);
const describeError = (error) => error.code ?? firstLine(error instanceof Error ? error.message : String(error));
const verdict_cache_UTF8 = new TextDecoder('utf-8', { fatal: true });
const READ_CHUNK_BYTES = 64 * 1024;
async function* restoredChunks(file) {
    const flags = external_node_fs_.constants.O_RDONLY | (external_node_fs_.constants.O_NOFOLLOW ?? 0) | (external_node_fs_.constants.O_NONBLOCK ?? 0);
    const handle = await (0,promises_.open)(file, flags);
    try {
        const stats = await handle.stat();
        if (!stats.isFile())
            throw new Error('it is not a regular file');
        if (stats.size > VERDICT_CACHE_MAX_BYTES)
            throw new Error(`it is larger than ${VERDICT_CACHE_MAX_BYTES} bytes`);
        let length = 0;
        const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
        for (;;) {
            const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
            if (bytesRead === 0)
                return;
            length += bytesRead;
            if (length > VERDICT_CACHE_MAX_BYTES)
                throw new Error(`it is larger than ${VERDICT_CACHE_MAX_BYTES} bytes`);
            yield chunk.subarray(0, bytesRead);
        }
    }
    finally {
        await handle.close();
    }
}
async function readText(chunks) {
    const pieces = [];
    for await (const chunk of chunks)
        pieces.push(Buffer.from(chunk));
    try {
        return verdict_cache_UTF8.decode(Buffer.concat(pieces));
    }
    catch {
        throw new Error('it is not UTF-8 text');
    }
}
async function writeStoreFile(folder, file, content, maxBytes) {
    await (0,promises_.mkdir)(folder, { recursive: true, mode: 0o700 });
    await (0,promises_.rm)(file, { recursive: true, force: true });
    const handle = await (0,promises_.open)(file, 'wx', 0o600);
    let bytes = 0;
    try {
        const pieces = typeof content === 'string' ? [content] : content;
        let chunk = [];
        let size = 0;
        const flush = async () => {
            const buffer = Buffer.from(chunk.join(''), 'utf8');
            chunk = [];
            size = 0;
            bytes += buffer.length;
            if (bytes > maxBytes)
                return false;
            await handle.write(buffer);
            return true;
        };
        for (const piece of pieces) {
            chunk.push(piece);
            size += piece.length;
            if (size >= READ_CHUNK_BYTES && !(await flush()))
                break;
        }
        if (bytes <= maxBytes && chunk.length > 0)
            await flush();
    }
    finally {
        await handle.close();
    }
    if (bytes <= maxBytes)
        return bytes;
    await (0,promises_.rm)(file, { force: true });
    return undefined;
}
const NO_SERVICE = 'the runner provides no Actions cache service here: ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL is not set';
function fromWorker(outcome, value) {
    if (outcome.kind !== 'done')
        return outcome;
    const answer = outcome.value;
    if (answer.kind === 'unavailable')
        return 'unavailable';
    if (answer.kind === 'threw')
        return { kind: 'threw', error: new Error(answer.message) };
    return { kind: 'done', value: value(answer) };
}
async function openVerdictCache(options) {
    const debug = (message) => options.debug?.(message);
    const folder = external_node_path_default().resolve(options.folder);
    const file = external_node_path_default().join(folder, VERDICT_CACHE_FILE);
    const run = safeKeyText(options.runKey, 100) || 'run';
    const restoreKey = `${options.keyPrefix}${run}-`;
    const mode = (0,cache_service/* cacheMode */.Mq)();
    const workerEntry = options.workerEntry ?? defaultWorkerEntry();
    let usable = false;
    let noticed = false;
    let saved = 0;
    const noticeOnce = (message) => {
        if (noticed)
            return;
        noticed = true;
        options.notice(message);
    };
    const disable = (why) => {
        usable = false;
        noticeOnce((0,cache_service/* cacheUnavailableMessage */.Q5)(why));
    };
    const signalsFor = (call) => [options.signal, call?.signal];
    const inWorker = async (request, timeoutMs, call, guard, value) => {
        const worker = startWorker(workerEntry, request);
        const race = await raceLibraryCall(worker.answer, timeoutMs, signalsFor(call), () => {
            worker.kill();
            guard?.stop();
        });
        return { outcome: fromWorker(race.outcome, value), settled: race.settled };
    };
    const aborted = (call) => (options.signal?.aborted ?? false) || (call?.signal?.aborted ?? false);
    const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
    const describeFailure = (outcome, timeoutMs, fallback) => {
        if (outcome.kind === 'timeout')
            return `the cache service did not answer within ${seconds(timeoutMs)}`;
        if (outcome.kind === 'threw')
            return describeError(outcome.error);
        return fallback;
    };
    const cache = {
        get available() {
            return usable;
        },
        async restore(call) {
            return cache.restoreInto(readText, call);
        },
        async restoreInto(read, call) {
            if (!usable)
                return undefined;
            if (!mode.readable) {
                debug(`Verdict cache: not restored, the run's cache-mode '${mode.name}' permits no reads.`);
                return undefined;
            }
            if (aborted(call))
                return undefined;
            try {
                await (0,promises_.mkdir)(folder, { recursive: true, mode: 0o700 });
                await (0,promises_.rm)(file, { recursive: true, force: true });
            }
            catch (error) {
                disable(`its folder cannot be used: ${describeError(error)}`);
                return undefined;
            }
            let guard;
            try {
                guard = await guardTar({ mode: 'restore', file, maxBytes: VERDICT_CACHE_MAX_BYTES, scratch: folder });
            }
            catch (error) {
                disable(describeError(error));
                return undefined;
            }
            const timeoutMs = options.restoreTimeoutMs ?? RESTORE_TIMEOUT_MS;
            const { outcome, settled } = await inWorker({ op: 'restore', paths: [file], primaryKey: restoreKey, restoreKeys: [options.keyPrefix] }, timeoutMs, call, guard, (answer) => (answer.kind === 'restored' ? answer.key : undefined));
            const refusal = outcome !== 'unavailable' && outcome.kind === 'done' ? await guard.refusal() : undefined;
            void settled.then(() => guard.end());
            try {
                if (outcome === 'unavailable') {
                    disable(NO_SERVICE);
                    return undefined;
                }
                if (outcome.kind === 'aborted') {
                    debug('Verdict cache: stopped waiting for the restore (cancelled).');
                    return undefined;
                }
                if (outcome.kind !== 'done') {
                    disable(describeFailure(outcome, timeoutMs, 'the restore failed'));
                    return undefined;
                }
                if (refusal !== undefined) {
                    options.notice(`The verdict store in the cache was refused before extraction: ${refusal}.`);
                    return undefined;
                }
                if (outcome.value === undefined) {
                    debug(`Verdict cache: nothing restored under ${options.keyPrefix}`);
                    return undefined;
                }
                try {
                    let bytes = 0;
                    const counted = async function* () {
                        for await (const chunk of restoredChunks(file)) {
                            bytes += chunk.length;
                            yield chunk;
                        }
                    };
                    const value = await read(counted());
                    debug(`Verdict cache: restored ${bytes} bytes from key ${outcome.value}`);
                    return value;
                }
                catch (error) {
                    options.notice(`The verdict store restored from the cache was ignored: ${describeError(error)}.`);
                    return undefined;
                }
            }
            finally {
                await (0,promises_.rm)(file, { recursive: true, force: true }).catch(() => undefined);
            }
        },
        async save(content, call) {
            if (!usable)
                return false;
            if (!mode.writable) {
                noticeOnce(`The verdict cache is read-only in this run (cache-mode '${mode.name}'): verdicts confirmed now are not saved for later runs.`);
                return false;
            }
            if (aborted(call))
                return false;
            let bytes;
            try {
                bytes = await writeStoreFile(folder, file, content, VERDICT_CACHE_MAX_BYTES);
            }
            catch (error) {
                await (0,promises_.rm)(file, { recursive: true, force: true }).catch(() => undefined);
                disable(`its file cannot be written: ${describeError(error)}`);
                return false;
            }
            if (bytes === undefined) {
                debug(`Verdict cache: not saved, the store is over the ${VERDICT_CACHE_MAX_BYTES}-byte cap.`);
                return false;
            }
            saved += 1;
            const key = `${restoreKey}${Date.now().toString(36)}-${saved}${(0,external_node_crypto_.randomBytes)(3).toString('hex')}`;
            const timeoutMs = options.saveTimeoutMs ?? SAVE_TIMEOUT_MS;
            let guard;
            try {
                guard = await guardTar({ mode: 'save', file, maxBytes: VERDICT_CACHE_MAX_BYTES, scratch: folder });
            }
            catch {
                guard = undefined;
            }
            const { outcome, settled } = await inWorker({ op: 'save', paths: [file], key }, timeoutMs, call, guard, (answer) => (answer.kind === 'saved' ? answer.id : -1));
            void settled.then(() => guard?.end());
            await (0,promises_.rm)(file, { recursive: true, force: true }).catch(() => undefined);
            if (outcome === 'unavailable') {
                disable(NO_SERVICE);
                return false;
            }
            if (outcome.kind === 'aborted') {
                debug('Verdict cache: stopped waiting for the save (cancelled).');
                return false;
            }
            if (outcome.kind !== 'done' || outcome.value === -1) {
                disable(describeFailure(outcome, timeoutMs, '@actions/cache did not save it; its own lines above say why'));
                return false;
            }
            debug(`Verdict cache: saved ${bytes} bytes under key ${key}`);
            return true;
        }
    };
    const keyProblem = restoreKey.length + 40 > MAX_KEY_LENGTH || restoreKey.includes(',') ? 'its key is too long or holds a comma' : '';
    const pathProblem = /[*?[\]\r\n]/.test(file) ? 'its folder path holds glob characters' : '';
    if (keyProblem || pathProblem) {
        disable(keyProblem || pathProblem);
        return cache;
    }
    const noService = (0,cache_service/* noCacheServiceReason */.Bl)();
    if (noService) {
        disable(noService);
        return cache;
    }
    if (!(0,external_node_fs_.existsSync)(workerEntry)) {
        disable('its worker, cache-worker/index.js beside the action’s bundle, is missing');
        return cache;
    }
    if (aborted())
        return cache;
    usable = true;
    return cache;
}

;// CONCATENATED MODULE: ./src/status/verdict-memory.ts


async function openVerdictMemory(options) {
    const cache = await openVerdictCache({
        keyPrefix: verdictCacheKeyPrefix({
            repository: options.repository,
            apiUrl: options.apiUrl,
            userKey: options.userKey
        }),
        runKey: options.runKey,
        folder: options.folder,
        notice: options.notice,
        debug: options.debug,
        signal: options.signal
    });
    const now = Date.now();
    const read = await cache.restoreInto(async (chunks) => {
        const reader = new VerdictStoreReader(now);
        for await (const chunk of chunks)
            reader.push(chunk);
        return reader.end();
    });
    const session = openStoreSession(read, options.maxAgeMs, now);
    if (session.notice)
        options.notice(session.notice);
    return {
        remembered: session.remembered,
        async save(results, observations) {
            if (!cache.available)
                return false;
            const next = session.next(results, observations);
            return next.learned === 0 ? false : cache.save(next.lines());
        }
    };
}


/***/ })

};
