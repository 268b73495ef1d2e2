// Start-up, second reference (shown, not a target): the first reference plus what the action reports for one
// submission through the same library calls: a log line, its 15 outputs and a job summary. The difference
// between the two references is what reporting costs on this stack; the rest of the action's time over them
// is its own code (reading and checking settings and IDs, the limiter, retries, the answer's checks).
import * as core from '@actions/core'
import { request } from 'undici'

const id = core.getInput('submission-ids')
const answer = await request(`${core.getInput('api-url')}/api/submission-status`, {
  method: 'GET',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ submission_id: id })
})
const json = await answer.body.json()
const accepted = json.accepted === true
core.info(`${accepted ? '✅ accepted' : '❌ not accepted'}  ${id}`)
const counts = ['accepted', 'rejected', 'pending', 'not-found', 'invalid', 'error', 'warning']
core.setOutput('results', JSON.stringify([{ submission_id: id, accepted }]))
core.setOutput('results-truncated', 'false')
core.setOutput('all-accepted', String(accepted))
for (const name of counts) core.setOutput(`${name}-count`, name === 'accepted' && accepted ? '1' : '0')
core.setOutput('rejected-ids', '')
for (const name of ['total', 'published', 'waiting', 'itf']) core.setOutput(`observations-${name}`, '')
await core.summary.addRaw(`## MPC submission status\n\n${accepted ? '✅' : '❌'} ${id}\n`).write()
