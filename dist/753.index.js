export const id = 753;
export const ids = [753];
export const modules = {

/***/ 6753:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WorkspaceFileError: () => (/* binding */ WorkspaceFileError),
/* harmony export */   readWorkspaceText: () => (/* binding */ readWorkspaceText),
/* harmony export */   writeWorkspaceFile: () => (/* binding */ writeWorkspaceFile)
/* harmony export */ });
/* unused harmony export workspaceRelative */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);




function resolveBase(base, given) {
    if (typeof base === 'string')
        return { kind: 'workspace', workspace: base, place: 'the workspace' };
    if (given === '-' && base.stdin)
        return { kind: 'stdin', stdin: base.stdin };
    const cwd = node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(base.operator);
    const lexical = node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(cwd, given);
    if (!isInside(cwd, lexical))
        return { kind: 'own', path: lexical };
    return { kind: 'workspace', workspace: cwd, place: 'the current folder' };
}
class WorkspaceFileError extends Error {
    reason;
    missing;
    constructor(reason, missing = false) {
        super(reason);
        this.reason = reason;
        this.missing = missing;
        this.name = 'WorkspaceFileError';
    }
}
const fsError = (error) => new WorkspaceFileError(describeFsError(error), error.code === 'ENOENT');
const isInside = (root, candidate) => {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_3___default().relative(root, candidate);
    return relative === '' || (!relative.startsWith(`..${(node_path__WEBPACK_IMPORTED_MODULE_3___default().sep)}`) && relative !== '..' && !node_path__WEBPACK_IMPORTED_MODULE_3___default().isAbsolute(relative));
};
const inGitFolder = (root, real) => node_path__WEBPACK_IMPORTED_MODULE_3___default().relative(root, real)
    .split((node_path__WEBPACK_IMPORTED_MODULE_3___default().sep))
    .some((part) => part.toLowerCase() === '.git');
function workspaceRelative(workspace, absolute) {
    return node_path__WEBPACK_IMPORTED_MODULE_3___default().relative(workspace, absolute).split((node_path__WEBPACK_IMPORTED_MODULE_3___default().sep)).join('/');
}
function describeFsError(error) {
    const code = error.code;
    switch (code) {
        case 'ENOENT':
            return 'it does not exist';
        case 'ENOTDIR':
            return 'a folder on its path is a file';
        case 'EISDIR':
            return 'it is a directory';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        case 'ELOOP':
            return 'its symbolic links loop';
        case 'ENAMETOOLONG':
            return 'its name is too long';
        default:
            return `it cannot be read (${code ?? 'unknown error'})`;
    }
}
async function realWorkspace(workspace, place) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)(workspace);
    }
    catch {
        throw new WorkspaceFileError(`${place} cannot be resolved`);
    }
}
async function readWorkspaceText(base, given, limits) {
    const resolved = resolveBase(base, given);
    if (resolved.kind === 'stdin')
        return { text: decodeUtf8(await readStream(resolved.stdin(), limits)), relative: 'stdin' };
    if (resolved.kind === 'own')
        return { text: await readOpened(resolved.path, limits), relative: given };
    const { workspace, place } = resolved;
    const root = await realWorkspace(workspace, place);
    const lexical = node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(workspace, given);
    let real;
    try {
        real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)(lexical);
    }
    catch (error) {
        throw fsError(error);
    }
    if (!isInside(root, real))
        throw new WorkspaceFileError(`it is outside ${place}`);
    if (inGitFolder(root, real))
        throw new WorkspaceFileError("it is in the repository's .git folder");
    return { text: await readOpened(real, limits, place), relative: workspaceRelative(root, real) };
}
async function readOpened(file, limits, place) {
    let handle;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(file, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NONBLOCK | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NOCTTY);
    }
    catch (error) {
        throw fsError(error);
    }
    try {
        const stats = await handle.stat();
        if (stats.isDirectory())
            throw new WorkspaceFileError('it is a directory');
        if (!stats.isFile())
            throw new WorkspaceFileError('it is not a regular file (a device, FIFO or socket)');
        if (place !== undefined && stats.nlink > 1)
            throw new WorkspaceFileError(`it has other hard links, so it may be a file outside ${place}`);
        const limit = `${limits.maxBytes / 1024 / 1024} MiB`;
        if (stats.size > limits.maxBytes)
            throw new WorkspaceFileError(`it is larger than ${limit}`);
        const bytes = await readBounded(handle, limits);
        if (bytes === undefined)
            throw new WorkspaceFileError(`it is larger than ${limit}`);
        return decodeUtf8(bytes);
    }
    finally {
        await handle.close();
    }
}
async function readStream(stream, limits) {
    const chunks = [];
    let total = 0;
    for await (const piece of stream) {
        if (limits.signal?.aborted)
            throw new WorkspaceFileError('reading was cancelled');
        const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
        total += chunk.length;
        if (total > limits.maxBytes)
            throw new WorkspaceFileError(`it is larger than ${limits.maxBytes / 1024 / 1024} MiB`);
        chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
}
async function readBounded(handle, limits) {
    const chunks = [];
    let total = 0;
    for (;;) {
        if (limits.signal?.aborted)
            throw new WorkspaceFileError('reading was cancelled');
        const room = limits.maxBytes + 1 - total;
        const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, room));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0)
            break;
        total += bytesRead;
        if (total > limits.maxBytes)
            return undefined;
        chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
}
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
function decodeUtf8(bytes) {
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
        throw new WorkspaceFileError('it is not UTF-8 text (it starts with a UTF-16 byte-order mark; save it as UTF-8)');
    }
    if (bytes.includes(0))
        throw new WorkspaceFileError('it is not UTF-8 text (it holds NUL bytes: a binary file?)');
    try {
        return UTF8.decode(bytes);
    }
    catch {
        throw new WorkspaceFileError('it is not UTF-8 text (it holds bytes that are not valid UTF-8)');
    }
}
async function writeWorkspaceFile(base, given, content) {
    const resolved = resolveBase(base, given);
    if (resolved.kind === 'stdin')
        throw new WorkspaceFileError('standard input cannot be written');
    if (resolved.kind === 'own')
        return writeOwnFile(resolved.path, content);
    const { workspace, place } = resolved;
    const root = await realWorkspace(workspace, place);
    const lexical = node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(workspace, given);
    if (!isInside(node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(workspace), lexical) || lexical === node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(workspace)) {
        throw new WorkspaceFileError(`it is outside ${place}`);
    }
    const target = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(root, node_path__WEBPACK_IMPORTED_MODULE_3___default().relative(node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(workspace), lexical));
    if (inGitFolder(root, target))
        throw new WorkspaceFileError("it is in the repository's .git folder");
    const folders = node_path__WEBPACK_IMPORTED_MODULE_3___default().relative(root, node_path__WEBPACK_IMPORTED_MODULE_3___default().dirname(target)).split((node_path__WEBPACK_IMPORTED_MODULE_3___default().sep)).filter(Boolean);
    let folder = root;
    for (const name of folders) {
        folder = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(folder, name);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(folder);
        }
        catch (error) {
            if (error.code !== 'EEXIST')
                throw fsError(error);
        }
        let real;
        try {
            real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)(folder);
        }
        catch (error) {
            throw fsError(error);
        }
        if (!isInside(root, real))
            throw new WorkspaceFileError(`a folder on its path leads outside ${place}`);
        if (inGitFolder(root, real))
            throw new WorkspaceFileError("a folder on its path leads into the repository's .git folder");
        folder = real;
    }
    const file = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(folder, node_path__WEBPACK_IMPORTED_MODULE_3___default().basename(target));
    try {
        const stats = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(file);
        if (stats.isSymbolicLink())
            throw new WorkspaceFileError('it is a symbolic link; it is not written through');
        if (!stats.isFile())
            throw new WorkspaceFileError('it exists and is not a regular file');
    }
    catch (error) {
        if (error instanceof WorkspaceFileError)
            throw error;
        if (error.code !== 'ENOENT')
            throw fsError(error);
    }
    await replaceFile(folder, file, content);
}
async function writeOwnFile(given, content) {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(node_path__WEBPACK_IMPORTED_MODULE_3___default().dirname(given), { recursive: true });
    }
    catch (error) {
        throw fsError(error);
    }
    let file = given;
    try {
        const stats = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(given);
        if (stats.isSymbolicLink())
            file = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)(given);
        const target = file === given ? stats : await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(file);
        if (!target.isFile())
            throw new WorkspaceFileError('it exists and is not a regular file');
    }
    catch (error) {
        if (error instanceof WorkspaceFileError)
            throw error;
        if (error.code !== 'ENOENT' || file !== given)
            throw fsError(error);
    }
    await replaceFile(node_path__WEBPACK_IMPORTED_MODULE_3___default().dirname(file), file, content);
}
async function replaceFile(folder, file, content) {
    const temporary = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(folder, `.mpc-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`);
    try {
        const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(temporary, 'wx', 0o644);
        try {
            if (typeof content === 'string') {
                await handle.writeFile(content, 'utf8');
            }
            else {
                let chunk = [];
                let size = 0;
                for (const piece of content) {
                    chunk.push(piece);
                    size += piece.length;
                    if (size >= 64 * 1024) {
                        await handle.write(chunk.join(''), null, 'utf8');
                        chunk = [];
                        size = 0;
                    }
                }
                if (chunk.length > 0)
                    await handle.write(chunk.join(''), null, 'utf8');
            }
        }
        finally {
            await handle.close();
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temporary, file);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temporary, { force: true });
        throw fsError(error);
    }
}


/***/ })

};
