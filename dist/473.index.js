export const id = 473;
export const ids = [473];
export const modules = {

/***/ 5473:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commentSignal: () => (/* binding */ commentSignal),
  describeCommentFailure: () => (/* binding */ describeCommentFailure),
  publishComment: () => (/* binding */ publishComment)
});

// UNUSED EXPORTS: COMMENT_TIME_LIMIT_MS

// EXTERNAL MODULE: ./src/core/cancel.ts
var core_cancel = __webpack_require__(9317);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(6412);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/report/summary.ts + 1 modules
var report_summary = __webpack_require__(9232);
;// CONCATENATED MODULE: ./src/report/comment.ts

const COMMENT_MAX_CHARS = 65_536;
const MARKER_PREFIX = 'mpc-submission-status:';
function commentMarker(tag) {
    return `<!-- ${MARKER_PREFIX}${encodeURIComponent(tag.trim())} -->`;
}
function opensWithMarker(body, marker) {
    return typeof body === 'string' && body.startsWith(marker);
}
function renderComment(input) {
    const marker = commentMarker(input.tag);
    const summary = (0,report_summary/* renderSummary */.Br)(input, {
        maxSize: COMMENT_MAX_CHARS - marker.length - 1,
        measure: (text) => text.length
    });
    return `${marker}\n${summary}`;
}

;// CONCATENATED MODULE: ./src/github/pull-request.ts
const isNumber = (value) => Number.isSafeInteger(value) && value > 0;
function pickOpen(pulls, sha) {
    const open = pulls.filter((pull) => pull.state === 'open' && isNumber(pull.number));
    const atHead = open.find((pull) => sha !== undefined && pull.head?.sha === sha);
    return (atHead ?? open[0])?.number;
}
const PULL_REQUEST_EVENTS = new Set([
    'pull_request',
    'pull_request_target',
    'pull_request_review',
    'pull_request_review_comment'
]);
async function findPullRequest(octokit, context, repo, signal) {
    const { payload, eventName } = context;
    const found = (number, via) => isNumber(number) ? { ...repo, number, via } : undefined;
    if (PULL_REQUEST_EVENTS.has(eventName))
        return found(payload.pull_request?.number, `the ${eventName} event`);
    if (eventName === 'issue_comment' && payload.issue?.pull_request) {
        return found(payload.issue.number, 'the comment on it');
    }
    if (eventName === 'push') {
        const sha = typeof payload.after === 'string' ? payload.after : context.sha;
        if (!sha || /^0+$/.test(sha))
            return undefined;
        const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
            ...repo,
            commit_sha: sha,
            per_page: 100,
            request: { signal }
        });
        return found(pickOpen(data, sha), `commit ${sha.slice(0, 7)}`);
    }
    if (eventName === 'workflow_run') {
        const run = payload.workflow_run ?? {};
        const headSha = typeof run.head_sha === 'string' ? run.head_sha : undefined;
        const listed = Array.isArray(run.pull_requests) ? run.pull_requests : [];
        const fromRun = listed.find((pull) => isNumber(pull.number));
        if (fromRun)
            return found(fromRun.number, 'the triggering workflow run');
        const headOwner = run.head_repository?.owner?.login;
        const headBranch = run.head_branch;
        if (typeof headOwner === 'string' && typeof headBranch === 'string' && headBranch !== '') {
            const { data } = await octokit.rest.pulls.list({
                ...repo,
                state: 'open',
                head: `${headOwner}:${headBranch}`,
                per_page: 100,
                request: { signal }
            });
            return found(pickOpen(data, headSha), `branch ${headOwner}:${headBranch} of the triggering workflow run`);
        }
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/github/run-context.ts
var run_context = __webpack_require__(7068);
;// CONCATENATED MODULE: ./src/github/identity.ts

const VIEWER_QUERY = 'query { viewer { login } }';
function reasonOf(error) {
    const e = (error ?? {});
    const message = (0,report_escape/* logText */.kc)(typeof e.message === 'string' ? e.message : String(error), 200);
    if (typeof e.status === 'number' && e.response)
        return `GitHub answered ${e.status} "${message}"`;
    if (Array.isArray(e.errors)) {
        const first = (e.errors[0] ?? {});
        return `GitHub answered with an error: "${(0,report_escape/* logText */.kc)(String(first.message ?? 'unknown'), 200)}"`;
    }
    return `GitHub could not be reached: ${message}`;
}
async function learnIdentity(octokit, signal) {
    try {
        const data = await octokit.graphql(VIEWER_QUERY, {
            request: { signal }
        });
        const login = data?.viewer?.login;
        if (typeof login === 'string' && login.trim() !== '')
            return { known: true, login: login.trim() };
        return { known: false, reason: 'GitHub answered without a login' };
    }
    catch (error) {
        if (signal?.aborted)
            throw error;
        return { known: false, reason: reasonOf(error) };
    }
}
function sameLogin(login, author) {
    return typeof author === 'string' && author.toLowerCase() === login.toLowerCase();
}

;// CONCATENATED MODULE: ./src/github/sticky-comment.ts


const COMMENTS_PER_PAGE = 100;
const MAX_COMMENT_PAGES = 50;
async function findStickyComment(octokit, target, marker, signal) {
    let identity;
    for (let page = 1; page <= MAX_COMMENT_PAGES; page += 1) {
        const { data } = await octokit.rest.issues.listComments({
            owner: target.owner,
            repo: target.repo,
            issue_number: target.number,
            per_page: COMMENTS_PER_PAGE,
            page,
            request: { signal }
        });
        if (!Array.isArray(data))
            throw new Error(`GitHub answered page ${page} of the comments with something not a list`);
        const marked = data.filter((comment) => opensWithMarker(comment.body, marker));
        if (marked.length > 0) {
            identity ??= await learnIdentity(octokit, signal);
            if (!identity.known)
                return { identityUnknown: identity.reason };
            const { login } = identity;
            const ours = marked.find((comment) => sameLogin(login, comment.user?.login));
            if (ours)
                return { found: { id: ours.id, body: ours.body ?? '', url: ours.html_url } };
        }
        if (data.length < COMMENTS_PER_PAGE)
            return {};
    }
    return { searchCut: MAX_COMMENT_PAGES * COMMENTS_PER_PAGE };
}
async function upsertStickyComment(octokit, target, marker, body, options) {
    const { found: existing, identityUnknown, searchCut } = await findStickyComment(octokit, target, marker, options.signal);
    const why = {
        ...(identityUnknown === undefined ? {} : { identityUnknown }),
        ...(searchCut === undefined ? {} : { searchCut })
    };
    if (existing) {
        if (existing.body === body)
            return { action: 'unchanged', url: existing.url };
        const { data } = await octokit.rest.issues.updateComment({
            owner: target.owner,
            repo: target.repo,
            comment_id: existing.id,
            body,
            request: { signal: options.signal }
        });
        return { action: 'updated', url: data.html_url };
    }
    if (!options.createIfMissing)
        return { action: 'skipped', ...why };
    const { data } = await octokit.rest.issues.createComment({
        owner: target.owner,
        repo: target.repo,
        issue_number: target.number,
        body,
        request: { signal: options.signal }
    });
    return { action: 'created', url: data.html_url, ...why };
}

;// CONCATENATED MODULE: ./src/github/publish.ts







const COMMENT_TIME_LIMIT_MS = 60_000;
const COMMENT_GRACE_MS = 3000;
const commentSignal = (cancel) => (0,core_cancel/* afterCancelSignal */.hz)(cancel, COMMENT_GRACE_MS, COMMENT_TIME_LIMIT_MS);
async function publishComment(request) {
    const info = request.info ?? (() => undefined);
    const warning = request.warning ?? info;
    if (!request.token) {
        throw new Error('github-token is empty; pass a token with pull-requests: write (the default is github.token)');
    }
    const github = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    const context = request.context ?? github.context;
    const repo = (0,run_context/* repositoryOf */._M)(context);
    if (!repo) {
        info('Not commenting: the repository is unknown (GITHUB_REPOSITORY is not set).');
        return { action: 'no-pull-request' };
    }
    const signal = request.signal ?? AbortSignal.timeout(COMMENT_TIME_LIMIT_MS);
    const octokit = github.getOctokit(request.token, {
        baseUrl: context.apiUrl.replace(/\/+$/, ''),
        userAgent: version/* USER_AGENT */._
    });
    const target = await findPullRequest(octokit, context, repo, signal);
    if (!target) {
        info(`No pull request for this ${(0,report_escape/* logText */.kc)(context.eventName || 'run', 60)} event: no comment is posted.`);
        return { action: 'no-pull-request' };
    }
    const marker = commentMarker(request.tag);
    const body = renderComment({ ...request.summary, footer: (0,run_context/* runFooter */.Vm)(context), tag: request.tag });
    const createIfMissing = request.mode === 'always' || request.failed;
    const result = await upsertStickyComment(octokit, target, marker, body, { createIfMissing, signal });
    const where = `pull request #${target.number} (found from ${target.via})`;
    if (result.identityUnknown !== undefined) {
        info(`A comment on ${where} opens with our marker, but which account the token acts as could not be learned ` +
            `(${result.identityUnknown}), so it is not edited: it may not be ours.`);
    }
    if (result.searchCut !== undefined) {
        warning(`Our comment was looked for among the first ${result.searchCut.toLocaleString('en-US')} comments on ` +
            `${where} only (${MAX_COMMENT_PAGES} pages of ${COMMENTS_PER_PAGE}) and is not among them, so ` +
            (result.action === 'created' ? 'a new one is posted.' : 'nothing is posted.'));
    }
    const messages = {
        created: `Commented on ${where}: ${result.url ?? ''}`,
        updated: `Updated our comment on ${where}: ${result.url ?? ''}`,
        unchanged: `Our comment on ${where} already says this: ${result.url ?? ''}`,
        skipped: result.identityUnknown === undefined
            ? `Passed and ${where} has no comment of ours to correct: nothing posted (pr-comment: on-failure).`
            : `Passed and no comment on ${where} is known to be ours: nothing posted (pr-comment: on-failure).`
    };
    info(messages[result.action]);
    return { action: result.action, pullRequest: target.number, ...(result.url ? { url: result.url } : {}) };
}
function describeCommentFailure(error) {
    const e = (error ?? {});
    const status = typeof e.status === 'number' && e.response ? e.status : undefined;
    const message = (0,report_escape/* logText */.kc)(typeof e.message === 'string' ? e.message : String(error), 300);
    const headers = e.response?.headers ?? {};
    const lead = 'The pull-request comment was not posted';
    if ((status === 403 || status === 429) &&
        (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(message))) {
        const reset = Number(headers['x-ratelimit-reset']);
        const when = Number.isFinite(reset) && reset > 0 ? ` (it resets at ${new Date(reset * 1000).toISOString()})` : '';
        return `${lead}: GitHub's API rate limit is spent${when}. ${message}`;
    }
    if (status === 401) {
        return `${lead}: GitHub refused the token (401 "${message}"); check the github-token input.`;
    }
    if (status === 403) {
        return (`${lead}: GitHub answered ${status} "${message}". The token needs \`pull-requests: write\` ` +
            "(set it in the workflow's permissions block); a pull request from a fork only gets a read-only token, " +
            'so comment from a workflow_run workflow instead (see the README).');
    }
    if (status === 404) {
        return `${lead}: GitHub answered 404 "${message}" (is the token allowed to see this repository?).`;
    }
    return status
        ? `${lead}: GitHub answered ${status} "${message}".`
        : `${lead}: GitHub could not be reached: ${message}`;
}


/***/ })

};
