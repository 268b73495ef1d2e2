// Which repository, commit and workflow run a report is about. The shape is the part of @actions/github's
// `context` we use, so the comment code takes that object as it is; `contextFromEnv` builds the same shape
// from the same runner variables without loading @actions/github, because the job summary footer is written
// on every run and start-up should not pay for Octokit when no comment is wanted.
import { readFileSync } from 'node:fs'
import { markdownText } from '../report/escape.js'

/** The fields of @actions/github's Context that the footer and the pull-request lookup read. */
export interface GitHubContext {
  eventName: string
  // Webhook payloads are untyped JSON; every field read from them is checked where it is read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: Record<string, any>
  sha: string
  runId: number
  runAttempt?: number
  serverUrl: string
  apiUrl: string
  /** Throws in @actions/github when neither GITHUB_REPOSITORY nor the payload names one. */
  readonly repo: { owner: string; repo: string }
}

function readPayload(file: string | undefined): Record<string, unknown> {
  if (!file) return {}
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** The same values @actions/github's Context reads from the runner's variables. */
export function contextFromEnv(env: NodeJS.ProcessEnv = process.env): GitHubContext {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: readPayload(env.GITHUB_EVENT_PATH),
    sha: env.GITHUB_SHA ?? '',
    runId: Number.parseInt(env.GITHUB_RUN_ID ?? '', 10),
    runAttempt: Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? '', 10),
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    repo: { owner, repo }
  }
}

const NAME = /^[A-Za-z0-9_.-]{1,100}$/
const SHA = /^[0-9a-f]{7,64}$/i

/** Owner and name when both are plain GitHub names, else undefined (so nothing odd reaches a link). */
export function repositoryOf(context: GitHubContext): { owner: string; repo: string } | undefined {
  let repo: { owner: string; repo: string }
  try {
    repo = context.repo
  } catch {
    return undefined
  }
  return NAME.test(repo.owner) && NAME.test(repo.repo) ? { owner: repo.owner, repo: repo.repo } : undefined
}

/**
 * The commit a person would recognise. For a pull request GITHUB_SHA is a merge commit nobody pushed, and
 * for workflow_run it is the default branch's head, so the pull request's or triggering run's head wins.
 */
export function commitOf(context: GitHubContext): string | undefined {
  const candidates: unknown[] = [
    context.payload.pull_request?.head?.sha,
    context.payload.workflow_run?.head_sha,
    context.sha
  ]
  const sha = candidates.find((value): value is string => typeof value === 'string' && SHA.test(value))
  return sha?.toLowerCase()
}

function serverBase(serverUrl: string): string | undefined {
  try {
    const url = new URL(serverUrl)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    // Encoded so a link target can hold no space or parenthesis that would end it early.
    return encodeURI(url.toString().replace(/\/+$/, '')).replace(/[()]/g, (ch) => `%${ch.charCodeAt(0).toString(16)}`)
  } catch {
    return undefined
  }
}

export interface RunLinks {
  repository?: { name: string; url: string }
  commit?: { sha: string; url: string }
  run?: { id: number; attempt?: number; url: string }
}

/** Links to the repository, commit and run, each left out when its parts are missing or malformed. */
export function runLinks(context: GitHubContext): RunLinks {
  const base = serverBase(context.serverUrl)
  const repo = repositoryOf(context)
  if (!base || !repo) return {}
  const repoUrl = `${base}/${repo.owner}/${repo.repo}`
  const links: RunLinks = { repository: { name: `${repo.owner}/${repo.repo}`, url: repoUrl } }
  const sha = commitOf(context)
  if (sha) links.commit = { sha, url: `${repoUrl}/commit/${sha}` }
  if (Number.isSafeInteger(context.runId) && context.runId > 0) {
    const attempt =
      context.runAttempt !== undefined && Number.isSafeInteger(context.runAttempt) && context.runAttempt > 1
        ? context.runAttempt
        : undefined
    const url = `${repoUrl}/actions/runs/${context.runId}${attempt ? `/attempts/${attempt}` : ''}`
    links.run = attempt ? { id: context.runId, attempt, url } : { id: context.runId, url }
  }
  return links
}

/**
 * One Markdown line naming the repository, commit and run, or '' outside a runner. Every part is checked
 * against a strict pattern before it is written, so the line is trusted Markdown.
 */
export function runFooter(context: GitHubContext): string {
  const links = runLinks(context)
  const parts: string[] = []
  if (links.repository) parts.push(`Repository [${markdownText(links.repository.name)}](${links.repository.url})`)
  if (links.commit) parts.push(`commit [\`${links.commit.sha.slice(0, 7)}\`](${links.commit.url})`)
  if (links.run) {
    const attempt = links.run.attempt ? `, attempt ${links.run.attempt}` : ''
    parts.push(`[workflow run ${links.run.id}${attempt}](${links.run.url})`)
  }
  return parts.length > 0 ? `<sub>${parts.join(' · ')}</sub>` : ''
}
