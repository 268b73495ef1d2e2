import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { lstat, mkdir, open, realpath, rename, rm, type FileHandle } from 'node:fs/promises'
import path from 'node:path'

// A pull request controls the repository's files, symlinks included, so every path from the repository is
// hostile: it is followed only to a regular file inside the workspace, read within a size limit, and a
// refusal names the path as the user gave it, never what it points to or holds.
//
// The command line is another matter: its operator typed the path, and a pull request does not control the
// command line. A path that lies outside the current folder (absolute or `../`) is the operator's own and is
// used as given (symlinks followed, folders created); a path inside the current folder, relative or
// absolute, may name a file of a repository checked out there, so it keeps the workspace rule, planted links
// refused. Either
// way only a regular file (or standard input, `-`) is read, within the same size limits, and a refusal
// never shows what the file holds.

/** The command line's base: its current folder, and its standard input for the path `-`. */
export interface OperatorBase {
  operator: string
  /** Standard input, opened only when the path `-` is read. */
  stdin?: () => AsyncIterable<Buffer | string>
}

/** Where a path is taken from: a workspace folder (the actions' rule) or the command line's OperatorBase. */
export type FileBase = string | OperatorBase

/** What a path stands for under its base: standard input, a path of the operator's own, or a workspace path. */
type Resolved =
  | { kind: 'stdin'; stdin: () => AsyncIterable<Buffer | string> }
  | { kind: 'own'; path: string }
  | { kind: 'workspace'; workspace: string; place: string }

function resolveBase(base: FileBase, given: string): Resolved {
  if (typeof base === 'string') return { kind: 'workspace', workspace: base, place: 'the workspace' }
  if (given === '-' && base.stdin) return { kind: 'stdin', stdin: base.stdin }
  const cwd = path.resolve(base.operator)
  const lexical = path.resolve(cwd, given)
  // Where the path lies decides, not how it is written: "$PWD/a.psv" (a glob of "$GITHUB_WORKSPACE"/...)
  // names a repository's file as much as "a.psv" does, and a planted link there is refused alike.
  if (!isInside(cwd, lexical)) return { kind: 'own', path: lexical }
  return { kind: 'workspace', workspace: cwd, place: 'the current folder' }
}

/** Why a workspace file was refused, as a sentence fragment ("it is outside the workspace"). */
export class WorkspaceFileError extends Error {
  constructor(
    readonly reason: string,
    /** Set when the file (or a folder on its path) does not exist. */
    readonly missing = false
  ) {
    super(reason)
    this.name = 'WorkspaceFileError'
  }
}

const fsError = (error: unknown): WorkspaceFileError =>
  new WorkspaceFileError(describeFsError(error), (error as NodeJS.ErrnoException).code === 'ENOENT')

const isInside = (root: string, candidate: string): boolean => {
  const relative = path.relative(root, candidate)
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
}

/**
 * The checkout's `.git` folder is inside the workspace but holds its credential (`.git/config`) and its
 * hooks, which git runs later in the job: never read from or written to, whatever a symlink says.
 */
const inGitFolder = (root: string, real: string): boolean =>
  path
    .relative(root, real)
    .split(path.sep)
    .some((part) => part.toLowerCase() === '.git')

/** A path as GitHub shows it in annotations: relative to the workspace, `/` separators. */
export function workspaceRelative(workspace: string, absolute: string): string {
  return path.relative(workspace, absolute).split(path.sep).join('/')
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case 'ENOENT':
      return 'it does not exist'
    case 'ENOTDIR':
      return 'a folder on its path is a file'
    case 'EISDIR':
      return 'it is a directory'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ELOOP':
      return 'its symbolic links loop'
    case 'ENAMETOOLONG':
      return 'its name is too long'
    default:
      // Only the code: a system message may repeat the resolved path, which can be outside the workspace.
      return `it cannot be read (${code ?? 'unknown error'})`
  }
}

async function realWorkspace(workspace: string, place: string): Promise<string> {
  try {
    return await realpath(workspace)
  } catch {
    throw new WorkspaceFileError(`${place} cannot be resolved`)
  }
}

export interface ReadLimits {
  maxBytes: number
  signal?: AbortSignal
}

export interface WorkspaceText {
  text: string
  /** Relative to the workspace with `/` separators, for annotations. */
  relative: string
}

/**
 * Reads a UTF-8 text file the repository holds. Refused (WorkspaceFileError) unless it resolves, symlinks
 * followed, to a regular file inside the workspace of at most `maxBytes` (checked before and while reading),
 * holding no NUL byte and no UTF-16 byte-order mark and decoding as UTF-8. Under an OperatorBase, `-` is
 * standard input and the operator's own paths are read as given, under the same size and type rules.
 */
export async function readWorkspaceText(base: FileBase, given: string, limits: ReadLimits): Promise<WorkspaceText> {
  const resolved = resolveBase(base, given)
  if (resolved.kind === 'stdin')
    return { text: decodeUtf8(await readStream(resolved.stdin(), limits)), relative: 'stdin' }
  if (resolved.kind === 'own') return { text: await readOpened(resolved.path, limits), relative: given }
  const { workspace, place } = resolved
  const root = await realWorkspace(workspace, place)
  const lexical = path.resolve(workspace, given)
  let real: string
  try {
    real = await realpath(lexical)
  } catch (error) {
    throw fsError(error)
  }
  if (!isInside(root, real)) throw new WorkspaceFileError(`it is outside ${place}`)
  if (inGitFolder(root, real)) throw new WorkspaceFileError("it is in the repository's .git folder")
  return { text: await readOpened(real, limits, place), relative: workspaceRelative(root, real) }
}

/** Opens and reads a regular file within the limits; with a `place`, a file with other hard links is refused. */
async function readOpened(file: string, limits: ReadLimits, place?: string): Promise<string> {
  let handle: FileHandle
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type check below then refuses it.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY)
  } catch (error) {
    throw fsError(error)
  }
  try {
    const stats = await handle.stat()
    if (stats.isDirectory()) throw new WorkspaceFileError('it is a directory')
    if (!stats.isFile()) throw new WorkspaceFileError('it is not a regular file (a device, FIFO or socket)')
    // A hard link is a second name of one file, which may live outside the workspace; git never makes one.
    if (place !== undefined && stats.nlink > 1)
      throw new WorkspaceFileError(`it has other hard links, so it may be a file outside ${place}`)
    const limit = `${limits.maxBytes / 1024 / 1024} MiB`
    if (stats.size > limits.maxBytes) throw new WorkspaceFileError(`it is larger than ${limit}`)
    const bytes = await readBounded(handle, limits)
    if (bytes === undefined) throw new WorkspaceFileError(`it is larger than ${limit}`)
    return decodeUtf8(bytes)
  } finally {
    await handle.close()
  }
}

/** Standard input, read to its end within the same limit as a file. */
async function readStream(stream: AsyncIterable<Buffer | string>, limits: ReadLimits): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const piece of stream) {
    if (limits.signal?.aborted) throw new WorkspaceFileError('reading was cancelled')
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece
    total += chunk.length
    if (total > limits.maxBytes) throw new WorkspaceFileError(`it is larger than ${limits.maxBytes / 1024 / 1024} MiB`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, total)
}

/** Reads at most `maxBytes`; undefined when the file holds more (it grew while being read). */
async function readBounded(handle: FileHandle, limits: ReadLimits): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let total = 0
  for (;;) {
    if (limits.signal?.aborted) throw new WorkspaceFileError('reading was cancelled')
    const room = limits.maxBytes + 1 - total
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, room))
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
    if (bytesRead === 0) break
    total += bytesRead
    if (total > limits.maxBytes) return undefined
    chunks.push(chunk.subarray(0, bytesRead))
  }
  return Buffer.concat(chunks, total)
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

function decodeUtf8(bytes: Buffer): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new WorkspaceFileError('it is not UTF-8 text (it starts with a UTF-16 byte-order mark; save it as UTF-8)')
  }
  if (bytes.includes(0)) throw new WorkspaceFileError('it is not UTF-8 text (it holds NUL bytes: a binary file?)')
  try {
    return UTF8.decode(bytes)
  } catch {
    throw new WorkspaceFileError('it is not UTF-8 text (it holds bytes that are not valid UTF-8)')
  }
}

/**
 * Writes a file inside the workspace: never outside it, never through a symlink. Missing folders are
 * created one by one, each checked to resolve inside the workspace; the content goes to a new temporary
 * file beside the target, then is renamed over it, so a symlink planted at the target is replaced, not
 * followed, even if it appears between the check and the write.
 */
export async function writeWorkspaceFile(
  base: FileBase,
  given: string,
  content: string | Iterable<string>
): Promise<void> {
  const resolved = resolveBase(base, given)
  if (resolved.kind === 'stdin') throw new WorkspaceFileError('standard input cannot be written')
  if (resolved.kind === 'own') return writeOwnFile(resolved.path, content)
  const { workspace, place } = resolved
  const root = await realWorkspace(workspace, place)
  const lexical = path.resolve(workspace, given)
  if (!isInside(path.resolve(workspace), lexical) || lexical === path.resolve(workspace)) {
    throw new WorkspaceFileError(`it is outside ${place}`)
  }
  const target = path.join(root, path.relative(path.resolve(workspace), lexical))
  if (inGitFolder(root, target)) throw new WorkspaceFileError("it is in the repository's .git folder")
  const folders = path.relative(root, path.dirname(target)).split(path.sep).filter(Boolean)
  let folder = root
  for (const name of folders) {
    folder = path.join(folder, name)
    try {
      await mkdir(folder)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fsError(error)
    }
    let real: string
    try {
      real = await realpath(folder)
    } catch (error) {
      throw fsError(error)
    }
    if (!isInside(root, real)) throw new WorkspaceFileError(`a folder on its path leads outside ${place}`)
    if (inGitFolder(root, real))
      throw new WorkspaceFileError("a folder on its path leads into the repository's .git folder")
    folder = real
  }
  const file = path.join(folder, path.basename(target))
  try {
    const stats = await lstat(file)
    if (stats.isSymbolicLink()) throw new WorkspaceFileError('it is a symbolic link; it is not written through')
    if (!stats.isFile()) throw new WorkspaceFileError('it exists and is not a regular file')
  } catch (error) {
    if (error instanceof WorkspaceFileError) throw error
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError(error)
  }
  await replaceFile(folder, file, content)
}

/**
 * Writes the operator's own path: its folders are created, and a symlink at it is followed (the operator
 * made it), but only a regular file is replaced, through a temporary file beside it.
 */
async function writeOwnFile(given: string, content: string | Iterable<string>): Promise<void> {
  try {
    await mkdir(path.dirname(given), { recursive: true })
  } catch (error) {
    throw fsError(error)
  }
  let file = given
  try {
    const stats = await lstat(given)
    if (stats.isSymbolicLink()) file = await realpath(given)
    const target = file === given ? stats : await lstat(file)
    if (!target.isFile()) throw new WorkspaceFileError('it exists and is not a regular file')
  } catch (error) {
    if (error instanceof WorkspaceFileError) throw error
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || file !== given) throw fsError(error)
  }
  await replaceFile(path.dirname(file), file, content)
}

/** Writes `content` to a new temporary file in `folder` and renames it over `file`. */
async function replaceFile(folder: string, file: string, content: string | Iterable<string>): Promise<void> {
  // Short, whatever the target's name: a name near the file system's limit must still get its temporary.
  const temporary = path.join(folder, `.mpc-${randomBytes(6).toString('hex')}.tmp`)
  try {
    // 'wx': O_CREAT|O_EXCL, which never follows a symlink at the temporary name.
    const handle = await open(temporary, 'wx', 0o644)
    try {
      if (typeof content === 'string') {
        await handle.writeFile(content, 'utf8')
      } else {
        // In chunks of about 64 KiB: the whole text of a huge run may be longer than a JavaScript string
        // can be, and a write per small piece would cost a system call each. Not larger: a string past
        // about 128 KiB is made in the old generation at once, and a megabyte of it per chunk grows the heap
        // of a 150,000-result run by its size over and over before a full collection frees it.
        let chunk: string[] = []
        let size = 0
        for (const piece of content) {
          chunk.push(piece)
          size += piece.length
          if (size >= 64 * 1024) {
            await handle.write(chunk.join(''), null, 'utf8')
            chunk = []
            size = 0
          }
        }
        if (chunk.length > 0) await handle.write(chunk.join(''), null, 'utf8')
      }
    } finally {
      await handle.close()
    }
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw fsError(error)
  }
}
