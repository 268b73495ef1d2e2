/** Where an ID came from: the action's input, or a line of a file (path as the user wrote it). */
export type Source = 'input' | { file: string; line: number }

/** `given`: how the list typed in is named where it is shown (the command line's IDs are arguments). */
export function describeSource(source: Source, given = 'input'): string {
  return source === 'input' ? given : `${source.file}:${source.line}`
}
