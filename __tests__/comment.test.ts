// The comment body and the run footer, without any server.
import type { SubmissionResult } from '../src/core/submission-result.js'
import { decideVerdict, DEFAULT_FAIL_ON } from '../src/core/verdict.js'
import { contextFromEnv, runFooter } from '../src/github/run-context.js'
import { COMMENT_MAX_CHARS, commentMarker, opensWithMarker, renderComment } from '../src/report/comment.js'
import { renderGfm } from './helpers/gfm.js'
import { submissionResult } from './helpers/factories.js'

const RUNNER = {
  GITHUB_REPOSITORY: 'octo-org/observations',
  GITHUB_SHA: 'ABCDEF0123456789abcdef0123456789abcdef01',
  GITHUB_RUN_ID: '31337',
  GITHUB_SERVER_URL: 'https://github.com'
}

describe('runFooter', () => {
  test('links the repository, the commit and the run', () => {
    const html = renderGfm(runFooter(contextFromEnv(RUNNER)))
    expect(html).toBe(
      '<p><sub>Repository <a href="https://github.com/octo-org/observations">octo-org/observations</a> · ' +
        'commit <a href="https://github.com/octo-org/observations/commit/abcdef0123456789abcdef0123456789abcdef01"><code>abcdef0</code></a> · ' +
        '<a href="https://github.com/octo-org/observations/actions/runs/31337">workflow run 31337</a></sub></p>'
    )
  })

  test('names a re-run attempt and follows a GitHub Enterprise server', () => {
    const footer = runFooter(
      contextFromEnv({ ...RUNNER, GITHUB_RUN_ATTEMPT: '3', GITHUB_SERVER_URL: 'https://ghe.example.com/' })
    )
    expect(footer).toContain(
      '[workflow run 31337, attempt 3](https://ghe.example.com/octo-org/observations/actions/runs/31337/attempts/3)'
    )
  })

  test('is empty outside a runner, and leaves out anything malformed rather than write it into a link', () => {
    expect(runFooter(contextFromEnv({}))).toBe('')
    expect(runFooter(contextFromEnv({ ...RUNNER, GITHUB_REPOSITORY: 'a/b](javascript:alert(1))' }))).toBe('')
    const noSha = runFooter(contextFromEnv({ ...RUNNER, GITHUB_SHA: 'main; rm -rf' }))
    expect(noSha).not.toContain('commit')
    expect(noSha).toContain('workflow run 31337')
    expect(runFooter(contextFromEnv({ ...RUNNER, GITHUB_SERVER_URL: 'javascript:alert(1)' }))).toBe('')
  })
})

describe('the comment marker', () => {
  test('is an HTML comment naming the tag, which cannot end it early', () => {
    expect(commentMarker('')).toBe('<!-- mpc-submission-status: -->')
    expect(commentMarker(' nightly ')).toBe('<!-- mpc-submission-status:nightly -->')
    expect(commentMarker('x --> y')).toBe('<!-- mpc-submission-status:x%20--%3E%20y -->')
  })

  test('matches only a body that opens with exactly this marker', () => {
    const marker = commentMarker('north')
    expect(opensWithMarker(`${marker}\n## MPC submission status`, marker)).toBe(true)
    expect(opensWithMarker(`${marker}\r\n## edited in the browser`, marker)).toBe(true)
    expect(opensWithMarker(`${commentMarker('north2')}\n…`, marker)).toBe(false)
    expect(opensWithMarker(`${commentMarker('')}\n…`, marker)).toBe(false)
    expect(opensWithMarker(`As the bot said:\n${marker}`, marker)).toBe(false)
    expect(opensWithMarker(null, marker)).toBe(false)
  })
})

describe('renderComment', () => {
  const rejectedWith = (i: number, message: string): SubmissionResult =>
    submissionResult(`2026-01-01T00:05:07.453_${String(i).padStart(8, '0')}`, 'rejected', {
      faults: [message],
      message: 'rejected'
    })

  test('fits GitHub’s 65,536-character limit counted as JavaScript string length, not bytes', () => {
    // Astral characters are 2 string units but 4 UTF-8 bytes: a byte budget would cut far more than needed.
    const results = Array.from({ length: 200 }, (_, i) => rejectedWith(i, '🔭'.repeat(60)))
    const body = renderComment({
      title: 'MPC submission status',
      results,
      verdict: decideVerdict(results, DEFAULT_FAIL_ON),
      tag: 'night',
      footer: runFooter(contextFromEnv(RUNNER))
    })

    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS)
    expect(body.length).toBeGreaterThan(COMMENT_MAX_CHARS - 1000)
    expect(Buffer.byteLength(body, 'utf8')).toBeGreaterThan(COMMENT_MAX_CHARS)
    expect(body.startsWith(`${commentMarker('night')}\n## MPC submission status\n`)).toBe(true)
    expect(body).toMatch(/✂️ \d+ of 200 fault events are not shown/)
    expect(body.trimEnd().endsWith('</sub>')).toBe(true)
  })

  test('is the job summary under the marker when everything fits', () => {
    const results = [rejectedWith(1, 'ingest failed')]
    const body = renderComment({
      title: 'Survey A',
      results,
      verdict: decideVerdict(results, DEFAULT_FAIL_ON),
      tag: ''
    })
    expect(body.split('\n').slice(0, 4)).toEqual([
      '<!-- mpc-submission-status: -->',
      '## Survey A',
      '',
      '❌ **Failed**: 1 submission: 1 rejected.'
    ])
  })
})
