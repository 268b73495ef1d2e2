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
// The body of the sticky pull-request comment: the job summary's verdict and tables under a hidden marker
// that lets the next run find this comment again.

/** GitHub refuses an issue comment longer than this many characters (UTF-16 code units, as JS counts). */
const COMMENT_MAX_CHARS = 65_536;
const MARKER_PREFIX = 'mpc-submission-status:';
/**
 * The hidden HTML comment that marks our comment for `tag`. The tag is the user's text, so it is
 * percent-encoded: no `>` can close the HTML comment early, and `a` and `a b` stay distinct.
 */
function commentMarker(tag) {
    return `<!-- ${MARKER_PREFIX}${encodeURIComponent(tag.trim())} -->`;
}
/**
 * Whether a comment body opens with exactly this marker. We always open the body with it, so a person's
 * comment that quotes or mentions the marker further down never passes. An encoded tag holds no space, so one
 * tag's marker is never the start of another's. This is half of being our comment: the other half, that the
 * token's own identity wrote it, is checked in src/github/sticky-comment.ts.
 */
function opensWithMarker(body, marker) {
    return typeof body === 'string' && body.startsWith(marker);
}
/** The marker, then the same Markdown as the job summary, degraded the same way to fit a comment. */
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
/** Prefers the open pull request whose head is `sha` (the one being worked on), then any open one. */
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
/**
 * Finds the pull request for this run: from the payload of a pull-request event (or a comment on one),
 * through "list pull requests associated with a commit" for a push, and for workflow_run (the fork
 * pattern) from the triggering run's pull requests or its head branch. Undefined when there is none.
 */
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
            return undefined; // a deleted branch has no commit
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
        // Filled for pull requests from branches of this repository; GitHub leaves it empty for forks.
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
// Which account the token acts as, so that only comments it wrote are ever edited. GraphQL `viewer { login }`
// answers for every kind of token: for the workflow's GITHUB_TOKEN it is `github-actions[bot]`, the same login
// the REST API gives as the author (`user.login`) of that token's comments. REST `GET /user` would refuse an
// installation token such as GITHUB_TOKEN, so it is not asked.

const VIEWER_QUERY = 'query { viewer { login } }';
/** Why the identity is unknown, in a few words for the log. */
function reasonOf(error) {
    const e = (error ?? {});
    const message = (0,report_escape/* logText */.kc)(typeof e.message === 'string' ? e.message : String(error), 200);
    // Octokit reports a failure to connect as status 500 without a response: that is no answer from GitHub.
    if (typeof e.status === 'number' && e.response)
        return `GitHub answered ${e.status} "${message}"`;
    if (Array.isArray(e.errors)) {
        const first = (e.errors[0] ?? {});
        return `GitHub answered with an error: "${(0,report_escape/* logText */.kc)(String(first.message ?? 'unknown'), 200)}"`;
    }
    return `GitHub could not be reached: ${message}`;
}
/**
 * Asks GitHub who the token is. Never throws for GitHub's answer or a network failure: those make the
 * identity unknown, and the caller then edits nothing. An aborted `signal` (the comment's time is up) is
 * rethrown, since every request after it would fail the same way.
 */
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
/** Whether `author` is the login `login`: GitHub logins are case-insensitive. */
function sameLogin(login, author) {
    return typeof author === 'string' && author.toLowerCase() === login.toLowerCase();
}

;// CONCATENATED MODULE: ./src/github/sticky-comment.ts
// One comment per marker on a pull request: found again by its hidden marker and its author, updated in place,
// created only when none exists. A comment is ours when it opens with our marker AND the token's own identity
// wrote it: a person (or another bot) whose comment opens with our marker, say by quoting ours whole, is never
// written to. When the identity cannot be learned, no existing comment is edited.


/** Comments asked for per page: GitHub's largest page. */
const COMMENTS_PER_PAGE = 100;
/**
 * Pages read at most (5,000 comments). Past them our comment is taken as missing: README and SECURITY.md
 * state this bound, so a listing that never ends (an API answering "next" forever) is read 50 times at most.
 */
const MAX_COMMENT_PAGES = 50;
/**
 * The oldest comment of ours with `marker`, reading page by page and stopping as soon as it is found. The
 * token's identity is asked for only once a comment opens with the marker, so a first run asks nothing.
 *
 * Pages are asked for by number on the API's own origin (the Octokit's baseUrl, GITHUB_API_URL), never by
 * the `Link` header's next URL: that URL is the server's to choose, and the token would go with it. Not
 * Octokit's paginate either, which leaves out the request's signal, so a listing that hangs would outlive
 * the comment's bound and a cancel. The last page is the first one that is not full.
 */
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
/**
 * Writes `body` into our comment. `createIfMissing: false` only updates one that exists (on-failure after a
 * pass: correct a stale failure, never open a new comment to say all is well).
 */
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
// The pull-request comment, end to end: find the pull request, render, write the sticky comment.
// @actions/github (Octokit) is imported only here and only when a comment is wanted, so a run with
// pr-comment off starts without loading it and never talks to GitHub.







/** The whole comment's bound, every request to GitHub included (README, SECURITY.md). */
const COMMENT_TIME_LIMIT_MS = 60_000;
/** How long GitHub requests may go on after a cancel. */
const COMMENT_GRACE_MS = 3000;
/** The signal every request of the step's comment carries: the comment's bound, and 3 s after a cancel at most. */
const commentSignal = (cancel) => (0,core_cancel/* afterCancelSignal */.hz)(cancel, COMMENT_GRACE_MS, COMMENT_TIME_LIMIT_MS);
/** Posts or updates our comment. Throws on any GitHub failure; the caller turns that into a warning. */
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
    // baseUrl from the context, not the module default, so a GITHUB_API_URL set after loading still counts.
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
/** A warning that says what went wrong with GitHub and what to do about it. */
function describeCommentFailure(error) {
    const e = (error ?? {});
    // Octokit reports a failure to connect as status 500 without a response: that is no answer from GitHub.
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
