export interface CndStandInMatch {
  obs80: string
  time_separation_s?: number
  angle_separation_arcsec?: number
}

export interface CndServer {
  url: string
  requests: { method?: string; path: string; json: { obs?: string[]; time_separation_s?: number } | undefined }[]
  /** Forgets the requests seen so far, so a test can look at its next step alone; what the service holds stays. */
  reset(): void
  close(): Promise<void>
}

export function startCndServer(options?: {
  published?: Map<string, CndStandInMatch[]>
  fail?: number
  answerOnly?: (line: string) => boolean
  joinPairs?: boolean
}): Promise<CndServer>
