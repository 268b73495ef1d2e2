// GitHub reads action.yml only when a workflow uses the action, so a mistake there shows up in a user's run.
// These checks stand in for a schema validator (@action-validator/cli still rejects `node24`).
import { existsSync } from 'node:fs'
import path from 'node:path'
import { ACTION_FILES, actionBundle, actionPath, readAction, type ActionFile } from './helpers/action-metadata.js'

// The colours GitHub Marketplace accepts for branding.
const BRANDING_COLORS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']

const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value.trim().length > 0

function checks(file: ActionFile): void {
  test('parses as YAML', () => {
    expect(() => readAction(file)).not.toThrow()
  })

  test('has a name, a description and Marketplace branding', () => {
    const action = readAction(file)
    expect(nonEmpty(action.name)).toBe(true)
    expect(nonEmpty(action.description)).toBe(true)
    expect(nonEmpty(action.branding?.icon)).toBe(true)
    expect(BRANDING_COLORS).toContain(action.branding?.color)
  })

  test('describes every input and output', () => {
    const action = readAction(file)
    const inputs = Object.entries(action.inputs ?? {})
    const outputs = Object.entries(action.outputs ?? {})
    expect(inputs.length).toBeGreaterThan(0)
    expect(outputs.length).toBeGreaterThan(0)
    const undescribed = [
      ...inputs.filter(([, input]) => !nonEmpty(input?.description)).map(([name]) => `input ${name}`),
      ...outputs.filter(([, output]) => !nonEmpty(output?.description)).map(([name]) => `output ${name}`)
    ]
    expect(undescribed).toEqual([])
  })

  test('marks inputs required with a boolean, never both required and defaulted', () => {
    const action = readAction(file)
    for (const [name, input] of Object.entries(action.inputs ?? {})) {
      if (input?.required !== undefined)
        expect({ name, required: typeof input.required }).toEqual({ name, required: 'boolean' })
      if (input?.required === true) expect({ name, default: input.default }).toEqual({ name, default: undefined })
    }
  })

  // The one node24 check: the end-to-end tests run the bundle runs.main names (actionBundle).
  test('runs on node24 from a bundle in dist/ that exists', () => {
    const action = readAction(file)
    expect(action.runs?.using).toBe('node24')
    expect(typeof action.runs?.main).toBe('string')
    expect(actionBundle(file)).toMatch(/^dist\/([a-z-]+\/)?index\.js$/)
    // The runner resolves runs.main (and pre/post) against the directory of the action.yml.
    for (const key of ['main', 'pre', 'post'] as const) {
      const entry = action.runs?.[key]
      if (entry === undefined) continue
      const resolved = path.resolve(path.dirname(actionPath(file)), String(entry))
      expect({ [key]: entry, exists: existsSync(resolved) }).toEqual({ [key]: entry, exists: true })
    }
  })
}

describe.each(ACTION_FILES)('%s', (file) => {
  // A missing action.yml fails here by name, and every check below fails reading it.
  test('exists', () => {
    expect({ file, exists: existsSync(actionPath(file)) }).toEqual({ file, exists: true })
  })
  checks(file)
})
