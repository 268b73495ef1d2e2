import {
  ADES_VERSIONS,
  checkContext,
  checkObservation,
  OBSERVATION_KINDS,
  type AdesVersion,
  type ContextGroup,
  type FieldValue,
  type ObservationKind,
  type RuleProblem
} from './ades-rules.js'
import type { ProblemCollector, ProblemPosition } from './problems.js'
import type { ObservationHook } from './psv.js'
import { readXml, XmlSyntaxError, type XmlElement } from './xml.js'

// ADES XML: <ades version="..."> holding obsBlocks, each an obsContext (groups of fields) and an obsData (the
// observations, all of one kind). Read whole (a batch is capped in size before it is read), then checked
// element by element with the same rules as PSV.

export interface AdesXmlResult {
  version?: AdesVersion
  observations: number
}

const at = (element: XmlElement): ProblemPosition => ({ line: element.line, column: element.column })

export function validateAdesXml(
  text: string,
  problems: ProblemCollector,
  onObservation?: ObservationHook
): AdesXmlResult {
  let root: XmlElement
  try {
    root = readXml(text)
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error
    problems.add({ line: error.line, column: error.column, message: `not well-formed XML: ${error.message}` })
    return { observations: 0 }
  }
  const report = (problem: RuleProblem<ProblemPosition>): void => problems.add({ ...problem, ...problem.at })
  const noText = (element: XmlElement): void => {
    const own = element.text.trim()
    if (own !== '') {
      problems.add({
        ...at(element),
        field: element.name,
        value: own,
        message: `<${element.name}> holds elements, not text`
      })
    }
  }
  const leafText = (element: XmlElement, field: string): string | undefined => {
    if (element.children.length > 0) {
      problems.add({ ...at(element), field, message: `<${element.name}> holds a value, not elements` })
      return undefined
    }
    return element.text.trim()
  }

  if (root.name !== 'ades') {
    problems.add({
      ...at(root),
      value: root.name,
      message: `the root element is <${root.name}>; an ADES document's is <ades>`
    })
    return { observations: 0 }
  }
  const given = root.attributes.get('version')
  const version = ADES_VERSIONS.find((candidate) => candidate === given?.trim())
  if (given === undefined) {
    problems.add({
      ...at(root),
      field: 'version',
      message: `<ades> has a version attribute, ${ADES_VERSIONS.join(' or ')}`
    })
  } else if (!version) {
    problems.add({
      ...at(root),
      field: 'version',
      value: given,
      message: `version must be ${ADES_VERSIONS.join(' or ')}`
    })
  }
  const rules: AdesVersion = version ?? '2022'
  noText(root)

  let observations = 0
  for (const block of root.children) {
    if (block.name !== 'obsBlock') {
      problems.add({ ...at(block), value: block.name, message: `<ades> holds obsBlock elements, not <${block.name}>` })
      continue
    }
    noText(block)
    const [context, data, ...extra] = block.children
    for (const element of extra) {
      problems.add({
        ...at(element),
        value: element.name,
        message: 'an obsBlock holds one obsContext and then one obsData, nothing more'
      })
    }
    let mpcCode: string | undefined
    if (context?.name !== 'obsContext') {
      problems.add({ ...at(context ?? block), message: 'an obsBlock starts with its obsContext' })
    } else {
      noText(context)
      const groups: ContextGroup<ProblemPosition>[] = context.children.map((group) => {
        const entry: ContextGroup<ProblemPosition> = { name: group.name, at: at(group), fields: [] }
        if (group.children.length === 0) {
          entry.value = { value: group.text.trim(), at: at(group) }
        } else {
          noText(group)
          for (const field of group.children) {
            const value = leafText(field, `${group.name}.${field.name}`)
            if (value !== undefined) entry.fields.push({ name: field.name, value, at: at(field) })
          }
        }
        return entry
      })
      mpcCode = checkContext(rules, groups, at(context), report)
    }
    const obsData = context?.name === 'obsData' ? context : data
    if (obsData?.name !== 'obsData') {
      problems.add({ ...at(obsData ?? block), message: 'an obsBlock holds an obsData after its obsContext' })
      continue
    }
    noText(obsData)
    if (obsData.children.length === 0) {
      problems.add({ ...at(obsData), message: 'this obsData holds no observations' })
    }
    let blockKind: ObservationKind | undefined
    for (const observation of obsData.children) {
      const kind = OBSERVATION_KINDS.find((candidate) => candidate === observation.name)
      if (!kind) {
        problems.add({
          ...at(observation),
          value: observation.name,
          message: `obsData holds observations (${OBSERVATION_KINDS.join(', ')}), not <${observation.name}>`
        })
        continue
      }
      observations += 1
      if (blockKind === undefined) blockKind = kind
      else if (kind !== blockKind) {
        problems.add({
          ...at(observation),
          value: kind,
          message: `an obsData holds observations of one kind; this block's are ${blockKind}, so a ${kind} one goes in a block of its own`
        })
      }
      noText(observation)
      const fields = new Map<string, FieldValue<ProblemPosition>>()
      for (const field of observation.children) {
        const value = leafText(field, field.name)
        if (value === undefined) continue
        if (fields.has(field.name)) {
          problems.add({
            ...at(field),
            field: field.name,
            value,
            message: `${field.name} is given twice in one observation`
          })
          continue
        }
        if (value === '') {
          problems.add({
            ...at(field),
            field: field.name,
            message: `<${field.name}> is empty; leave out a field without a value`
          })
          continue
        }
        fields.set(field.name, { value, at: at(field) })
      }
      checkObservation(kind, rules, fields, mpcCode, at(observation), report)
      if (onObservation) {
        onObservation(kind, new Map([...fields].map(([name, field]) => [name, field.value])), observation.line)
      }
    }
  }
  if (observations === 0) {
    problems.add({ message: 'it holds no observations; the MPC would still give it a submission ID' })
  }
  return { version, observations }
}
