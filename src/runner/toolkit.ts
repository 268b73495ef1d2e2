// The part of the GitHub Actions runner protocol both actions use: inputs, log lines, workflow commands
// (annotations, debug), outputs and the job summary. It behaves as @actions/core does for these calls, so
// the bundles need not load @actions/core, which loads an HTTP client (for OIDC tokens) at start-up.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { randomUUID } from 'node:crypto'
import { appendFileSync, constants, existsSync } from 'node:fs'
import { access, appendFile } from 'node:fs/promises'
import { EOL } from 'node:os'

export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
}

/** The variable the runner sets for an input: `INPUT_` and the name upper-cased, spaces as underscores. */
export const inputVariable = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`

/** An input's value, trimmed; '' when it is not set. */
export function getInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[inputVariable(name)] || '').trim()
}

/** A workflow command's message: `%`, CR and LF are escaped, so the command stays on one line. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A workflow command's property value: as data, and `:` and `,` too, which end a value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/**
 * `::name key=value,key=value::message`; properties with an empty value are left out. As with @actions/core,
 * a space follows the name whenever properties are given, even if all of them are empty.
 */
export function formatCommand(
  name: string,
  properties: Record<string, string | number | undefined>,
  message: string
): string {
  const pairs = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '' && value !== 0)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
  return `::${name}${Object.keys(properties).length > 0 ? ` ${pairs.join(',')}` : ''}::${escapeData(message)}`
}

function issue(name: string, properties: Record<string, string | number | undefined>, message: string): void {
  process.stdout.write(formatCommand(name, properties, message) + EOL)
}

/** A plain log line. */
export function info(message: string): void {
  process.stdout.write(message + EOL)
}

/** Shown only when the run has step debug logging on. */
export function debug(message: string): void {
  issue('debug', {}, message)
}

const annotationProperties = (properties: AnnotationProperties): Record<string, string | number | undefined> =>
  Object.keys(properties).length === 0
    ? {}
    : { title: properties.title, file: properties.file, line: properties.startLine }

export function error(message: string, properties: AnnotationProperties = {}): void {
  issue('error', annotationProperties(properties), message)
}

export function warning(message: string, properties: AnnotationProperties = {}): void {
  issue('warning', annotationProperties(properties), message)
}

export function notice(message: string, properties: AnnotationProperties = {}): void {
  issue('notice', annotationProperties(properties), message)
}

/** An error annotation, and the step fails once the process exits. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

/**
 * One `name<<DELIMITER` … `DELIMITER` entry of a file command; the value may span lines. The delimiter is
 * random, and a name or value holding it is refused, so a value can never end the entry early.
 */
export function keyValueMessage(name: string, value: string, delimiter = `ghadelimiter_${randomUUID()}`): string {
  if (name.includes(delimiter))
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
  if (value.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
  }
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}`
}

/** Sets a step output: appended to the GITHUB_OUTPUT file, or the legacy command without one. */
export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT || ''
  if (!file) {
    process.stdout.write(EOL)
    issue('set-output', { name }, value)
    return
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  appendFileSync(file, keyValueMessage(name, value) + EOL, { encoding: 'utf8' })
}

/** Appends Markdown to the job summary (the GITHUB_STEP_SUMMARY file), as it is: no line end is added. */
export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) {
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
    )
  }
  try {
    await access(file, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`)
  }
  await appendFile(file, markdown, { encoding: 'utf8' })
}
