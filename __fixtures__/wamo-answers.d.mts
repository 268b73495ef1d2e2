export interface WamoObservation {
  iau_desig: string | null
  input_type: string
  obs80: string
  obsid: string
  obssubid: null
  ref: string | null
  status: string
  status_decoded: string
  submission_block_id: string
  submission_id: string
}

export const TUTORIAL_TRKSUB: string
export const TUTORIAL_OBSERVATIONS: WamoObservation[]
export const TUTORIAL_MALFORMED: string
export function malformedMessage(id: string): string
export function observationsOf(submissionId: string, status?: string, count?: number): WamoObservation[]
export function wamoAnswer(table: Record<string, unknown>, list: unknown): { status?: number; json: unknown }
export const WAMO_EXAMPLES: { published: string; waiting: string; itf: string }
export const STAND_IN_WAMO: Record<string, WamoObservation[]>
