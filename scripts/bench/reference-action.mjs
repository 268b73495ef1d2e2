// Start-up reference, bundled by ncc when the benchmark starts: the least a GitHub Action on the same stack
// does for one submission. It reads its inputs with @actions/core, makes one request with undici (the
// status endpoint's GET with a JSON body) and sets one output. The action is measured against it.
import * as core from '@actions/core'
import { request } from 'undici'

const id = core.getInput('submission-ids')
const answer = await request(`${core.getInput('api-url')}/api/submission-status`, {
  method: 'GET',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ submission_id: id })
})
const json = await answer.body.json()
core.setOutput('accepted-count', json.accepted === true ? '1' : '0')
