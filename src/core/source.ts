/** Where an ID came from: the action's input, or a line of a file (path as the user wrote it). */
export type Source = 'input' | { file: string; line: number }

export function describeSource(source: Source): string {
  return source === 'input' ? 'input' : `${source.file}:${source.line}`
}
