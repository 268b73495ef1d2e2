export const id = 213;
export const ids = [213];
export const modules = {

/***/ 8213:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  interpretSubmitReply: () => (/* binding */ interpretSubmitReply)
});

// UNUSED EXPORTS: checkFields, submitForm, submitPath

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/reply-sentence.ts
var reply_sentence = __webpack_require__(2237);
;// CONCATENATED MODULE: ./src/core/batch.ts



const MAX_BATCH_BYTES = (/* unused pure expression or super */ null && (64 * 1024 * 1024));
const MAX_BATCH_PROBLEMS = 10;
const FORMAT_CHOICES = (/* unused pure expression or super */ null && (['auto', 'psv', 'xml', 'obs80']));
const batch_FORMAT_NAMES = {
    psv: 'ADES PSV',
    xml: 'ADES XML',
    obs80: 'MPC1992 (80-column)'
};
const EXTENSIONS = {
    '.psv': 'psv',
    '.xml': 'xml',
    '.obs': 'obs80',
    '.obs80': 'obs80',
    '.mpc': 'obs80'
};
function parseFormatChoice(text, name) {
    const value = text.trim().toLowerCase();
    const choice = FORMAT_CHOICES.find((candidate) => candidate === value);
    if (!choice)
        throw new Error(`${name}: "${cutChars(text, 40)}" is not one of ${FORMAT_CHOICES.join(', ')}`);
    return choice;
}
const splitLines = (text) => text.split(/\r\n|\r|\n/);
const isBlank = (line) => line.trim() === '';
const columns = (line) => Array.from(line.trimEnd()).length;
const PSV_VERSION = /^#\s*version\s*=/;
const OBS80_HEADER = /^[A-Z][A-Z0-9]{2}( |$)/;
function formatOfContent(lines) {
    const first = lines.find((line) => !isBlank(line));
    if (first === undefined)
        return undefined;
    if (PSV_VERSION.test(first))
        return 'psv';
    if (first.trimStart().startsWith('<'))
        return 'xml';
    if (OBS80_HEADER.test(first) || columns(first) === 80)
        return 'obs80';
    return undefined;
}
class ProblemList {
    listed = [];
    unlisted = 0;
    add(message, line) {
        if (this.listed.length < MAX_BATCH_PROBLEMS)
            this.listed.push(line === undefined ? { message } : { message, line });
        else
            this.unlisted += 1;
    }
    all() {
        if (this.unlisted === 0)
            return this.listed;
        return [...this.listed, { message: `${this.unlisted} more problems like these are not listed` }];
    }
}
const NO_OBSERVATIONS = 'it holds no observations; the MPC would still give it a submission ID, so it is not sent';
function checkPsv(lines, problems) {
    const firstIndex = lines.findIndex((line) => !isBlank(line));
    if (firstIndex >= 0 && !PSV_VERSION.test(lines[firstIndex])) {
        problems.add('an ADES PSV batch starts with its "# version=" line (such as "# version=2017")', firstIndex + 1);
    }
    let header;
    let observations = 0;
    lines.forEach((line, index) => {
        if (isBlank(line))
            return;
        if (line.startsWith('#') || line.startsWith('!')) {
            header = undefined;
            return;
        }
        const fields = line.split('|').length;
        if (header === undefined) {
            if (fields < 2) {
                problems.add('this should be the header row, the field names separated by "|"', index + 1);
            }
            header = { fields, line: index + 1 };
            return;
        }
        observations += 1;
        if (fields !== header.fields) {
            problems.add(`this data row has ${fields} fields separated by "|", its header row (line ${header.line}) ${header.fields}`, index + 1);
        }
    });
    if (observations === 0)
        problems.add(NO_OBSERVATIONS);
    return observations;
}
function checkObs80(lines, problems) {
    let observations = 0;
    let ac2 = false;
    lines.forEach((line, index) => {
        if (isBlank(line))
            return;
        if (OBS80_HEADER.test(line)) {
            if (/^AC2 +\S/.test(line))
                ac2 = true;
            const unsafe = line.startsWith('ACK') ? unsafeInAck(line.slice(3)) : [];
            if (unsafe.length > 0)
                problems.add(`its ACK line ${ackRefusal(unsafe)}`, index + 1);
            return;
        }
        observations += 1;
        const width = columns(line);
        if (width !== 80) {
            problems.add(`this observation line is ${width} columns wide; an MPC1992 line has exactly 80`, index + 1);
        }
    });
    if (!ac2) {
        problems.add('the header has no "AC2" line: an MPC1992 batch carries the e-mail address for acknowledgements there (the ac2 field is not sent for it)');
    }
    if (observations === 0)
        problems.add(NO_OBSERVATIONS);
    return observations;
}
class XmlError extends Error {
    index;
    constructor(message, index) {
        super(message);
        this.index = index;
    }
}
const PREDEFINED_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const ENTITY = /&([^;\s&<]*)(;?)/g;
const NAME = /[^\s/>=<"'!?&;]+/y;
const ATTRIBUTE = /([^\s/>=<"'&;]+)\s*=\s*("[^"<]*"|'[^'<]*')/y;
const OBSERVATION_ELEMENTS = new Set(['optical', 'radar', 'offset', 'occultation']);
const localName = (name) => name.slice(name.indexOf(':') + 1);
const shown = (name) => cutChars(name, 40);
function checkReferences(text, offset, doctype) {
    for (const match of text.matchAll(ENTITY)) {
        const [, name = '', semicolon] = match;
        const at = offset + (match.index ?? 0);
        if (semicolon !== ';' || name === '') {
            throw new XmlError('a "&" that starts no entity reference (write &amp; for the character)', at);
        }
        if (/^#(\d+|x[0-9a-fA-F]+)$/.test(name))
            continue;
        if (!PREDEFINED_ENTITIES.has(name) && !doctype)
            throw new XmlError(`unknown entity "&${shown(name)};"`, at);
    }
}
function checkXml(text, problems) {
    const stack = [];
    let root = false;
    let doctype = false;
    let observations = 0;
    let i = 0;
    const lineAt = (index) => splitLines(text.slice(0, index)).length;
    const skipTo = (end, from, what, at) => {
        const found = text.indexOf(end, from);
        if (found < 0)
            throw new XmlError(`${what} is never closed (no "${end}")`, at);
        return found + end.length;
    };
    try {
        while (i < text.length) {
            const lt = text.indexOf('<', i);
            const content = text.slice(i, lt < 0 ? text.length : lt);
            if (stack.length === 0 && content.trim() !== '') {
                throw new XmlError('text outside the root element', i + content.search(/\S/));
            }
            checkReferences(content, i, doctype);
            if (lt < 0)
                break;
            if (text.startsWith('<!--', lt)) {
                i = skipTo('-->', lt + 4, 'a comment', lt);
            }
            else if (text.startsWith('<![CDATA[', lt)) {
                if (stack.length === 0)
                    throw new XmlError('a CDATA section outside the root element', lt);
                i = skipTo(']]>', lt + 9, 'a CDATA section', lt);
            }
            else if (text.startsWith('<?', lt)) {
                i = skipTo('?>', lt + 2, 'a processing instruction', lt);
            }
            else if (text.startsWith('<!DOCTYPE', lt)) {
                if (root)
                    throw new XmlError('a DOCTYPE after the root element', lt);
                doctype = true;
                const close = text.indexOf('>', lt);
                const subset = text.indexOf('[', lt);
                i = subset >= 0 && (close < 0 || subset < close) ? skipTo(']', subset, 'a DOCTYPE', lt) : lt;
                i = skipTo('>', i, 'a DOCTYPE', lt);
            }
            else if (text.startsWith('</', lt)) {
                const match = /<\/([^\s>]+)\s*>/y;
                match.lastIndex = lt;
                const end = match.exec(text);
                if (!end)
                    throw new XmlError('a malformed end tag', lt);
                const name = end[1];
                const open = stack.pop();
                if (!open)
                    throw new XmlError(`the end tag </${shown(name)}> has no start tag`, lt);
                if (open.name !== name) {
                    throw new XmlError(`the end tag </${shown(name)}> closes <${shown(open.name)}>, opened on line ${lineAt(open.index)}`, lt);
                }
                i = match.lastIndex;
            }
            else {
                i = startTag(lt);
            }
        }
        const open = stack.at(-1);
        if (open)
            throw new XmlError(`<${shown(open.name)}> is never closed`, open.index);
        if (!root)
            throw new XmlError('there is no root element', 0);
    }
    catch (error) {
        if (!(error instanceof XmlError))
            throw error;
        problems.add(`not well-formed XML: ${error.message}`, lineAt(error.index));
        return observations;
    }
    if (observations === 0)
        problems.add(NO_OBSERVATIONS);
    return observations;
    function startTag(lt) {
        NAME.lastIndex = lt + 1;
        const name = NAME.exec(text)?.[0];
        if (name === undefined || !/^[A-Za-z_:\u00C0-\uFFFF]/.test(name)) {
            throw new XmlError('a "<" that starts no tag (write &lt; for the character)', lt);
        }
        let at = NAME.lastIndex;
        const seen = new Set();
        for (;;) {
            const space = /\s*/y;
            space.lastIndex = at;
            space.exec(text);
            const separated = space.lastIndex > at;
            at = space.lastIndex;
            if (text.startsWith('/>', at) || text.startsWith('>', at))
                break;
            ATTRIBUTE.lastIndex = at;
            const attribute = separated ? ATTRIBUTE.exec(text) : null;
            if (!attribute)
                throw new XmlError(`a malformed attribute in the <${shown(name)}> tag`, at);
            const attributeName = attribute[1];
            if (seen.has(attributeName)) {
                throw new XmlError(`the attribute "${shown(attributeName)}" appears twice in <${shown(name)}>`, at);
            }
            seen.add(attributeName);
            checkReferences(attribute[2].slice(1, -1), at, doctype);
            at = ATTRIBUTE.lastIndex;
        }
        const selfClosing = text.startsWith('/>', at);
        if (stack.length === 0) {
            if (root)
                throw new XmlError(`a second root element <${shown(name)}>`, lt);
            root = true;
            if (localName(name) !== 'ades') {
                throw new XmlError(`the root element is <${shown(name)}>; an ADES document's is <ades>`, lt);
            }
        }
        const parent = stack.at(-1);
        if (parent && localName(parent.name) === 'obsData' && OBSERVATION_ELEMENTS.has(localName(name))) {
            observations += 1;
        }
        if (!selfClosing)
            stack.push({ name, index: lt });
        return at + (selfClosing ? 2 : 1);
    }
}
function checkBatch(text, fileName, choice, setting = 'format') {
    const problems = new ProblemList();
    if (text.trim() === '')
        return { observations: 0, problems: [{ message: 'it is empty' }] };
    const lines = splitLines(text);
    let format;
    let decidedBy;
    if (choice !== 'auto') {
        format = choice;
        decidedBy = 'input';
    }
    else {
        const ending = path.extname(fileName).toLowerCase();
        const byName = EXTENSIONS[ending];
        const byContent = formatOfContent(lines);
        if (byName && byContent && byName !== byContent) {
            const message = `its name ends in ${ending} (${batch_FORMAT_NAMES[byName]}), but it starts like ${batch_FORMAT_NAMES[byContent]}; set ${setting} to say which it is`;
            return { observations: 0, problems: [{ message, line: lines.findIndex((line) => !isBlank(line)) + 1 }] };
        }
        if (byName) {
            format = byName;
            decidedBy = 'extension';
        }
        else if (byContent) {
            format = byContent;
            decidedBy = 'content';
        }
        else {
            const message = `its format cannot be told: a PSV batch starts with "# version=", an XML one with "<", an MPC1992 one with a header line such as "COD 568"; set ${setting} to psv, xml or obs80`;
            return { observations: 0, problems: [{ message }] };
        }
    }
    const observations = format === 'psv'
        ? checkPsv(lines, problems)
        : format === 'xml'
            ? checkXml(text, problems)
            : checkObs80(lines, problems);
    return { format, decidedBy, observations, problems: problems.all() };
}

// EXTERNAL MODULE: ./src/core/ids.ts
var ids = __webpack_require__(9921);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
;// CONCATENATED MODULE: ./src/core/submit-request.ts




const ENDPOINTS = { psv: '/submit_psv', xml: '/submit_xml', obs80: '/submit_obs' };
const submitPath = (format, test) => `${ENDPOINTS[format]}${test ? '_test' : ''}`;
function submitForm(format, fields, source) {
    const batch = { name: 'source', value: source, verbatim: true };
    if (format === 'obs80')
        return [batch];
    return [
        { name: 'ack', value: fields.ack },
        { name: 'ac2', value: fields.ac2 },
        ...(fields.objType === '' ? [] : [{ name: 'obj_type', value: fields.objType }]),
        batch
    ];
}
function checkFields(format, fields, names) {
    if (format === 'obs80')
        return [];
    const problems = [];
    const check = (value, name, required, ack = false) => {
        const unsafe = ack ? unsafeInAck(value) : [];
        if (unsafe.length > 0) {
            problems.push(`${name}: ${ackRefusal(unsafe)}`);
        }
        else if (value.trim() === '') {
            if (required !== undefined && format !== undefined)
                problems.push(`${name}: ${required}`);
        }
        else if (/[\r\n\u0085\u2028\u2029]/.test(value)) {
            problems.push(`${name}: holds a line break; give it on one line`);
        }
    };
    const kind = format === undefined ? '' : FORMAT_NAMES[format];
    check(fields.ack, names.ack, `empty; the MPC refuses an ${kind} batch without an acknowledgement message`, true);
    check(fields.ac2, names.ac2, `required for an ${kind} batch: the e-mail address the MPC sends its acknowledgement to`);
    check(fields.objType, names.objType, undefined);
    return problems;
}
function interpretSubmitReply(statusCode, reply) {
    if (statusCode >= 200 && statusCode < 300) {
        const token = (0,reply_sentence/* lastSentenceToken */.Hb)(reply);
        if (token !== undefined && (0,ids/* classifySubmissionId */.Ec)(token).kind === 'submission-id') {
            return { status: 'submitted', submissionId: token, statusCode, reply };
        }
        const why = token === undefined
            ? 'without the sentence "Submission ID is <ID>"'
            : token === ''
                ? 'with nothing after its last "Submission ID is"'
                : `with its last "Submission ID is" followed by "${(0,core_text/* cutChars */.oN)(token, 60)}", which is not a submission ID`;
        return { status: 'unknown', statusCode, reply, message: `the MPC answered HTTP ${statusCode} ${why}` };
    }
    if (statusCode >= 300 && statusCode < 400) {
        return {
            status: 'refused',
            statusCode,
            reply,
            message: `the server answered HTTP ${statusCode}, a redirect, which is not followed for a submission: check the submit URL`
        };
    }
    if (statusCode >= 400 && statusCode < 500) {
        return { status: 'refused', statusCode, reply, message: `the MPC refused the batch: HTTP ${statusCode}` };
    }
    return { status: 'unknown', statusCode, reply, message: `the MPC answered HTTP ${statusCode}` };
}


/***/ })

};
