/**
 * Output files of the `differt2d` command line (`--out FILE`): their
 * extension, an early check that they can be written where asked, and the
 * write itself, with file-system errors as one-line usage errors.
 *
 * @module
 */
import { statSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { errorMessage } from './loadScene.js';
import { UsageError } from './options.js';

/**
 * The extension of an output file, lower case, with its dot (`''` for none).
 *
 * @example
 * ```ts
 * outputExtension('out/Map.PNG'); // '.png'
 * outputExtension('map'); // ''
 * ```
 */
export function outputExtension(path: string): string {
  return extname(path).toLowerCase();
}

/**
 * Check, before any long work, that an output file's folder exists and is
 * a folder (so that a typo in the path fails at once, not after a map).
 *
 * @throws UsageError `cannot write out/x/map.png: no such folder out/x`.
 * @example
 * ```ts
 * checkOutputDirectory('map.png'); // fine: the current folder
 * checkOutputDirectory('/no/such/dir/map.png'); // throws UsageError
 * ```
 */
export function checkOutputDirectory(path: string): void {
  const folder = dirname(path);
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new UsageError(`cannot write ${path}: no such folder ${folder}`);
  }
  if (!isFolder) throw new UsageError(`cannot write ${path}: ${folder} is not a folder`);
}

/**
 * Write an output file (text as UTF-8, or bytes).
 *
 * @throws UsageError `cannot write FILE: <reason>` when the file system
 *   refuses (no such folder, permission denied, a folder of that name...).
 * @example
 * ```ts
 * writeOutputFile('map.png', pngBytes);
 * ```
 */
export function writeOutputFile(path: string, content: string | Uint8Array): void {
  try {
    writeFileSync(path, content);
  } catch (error) {
    // "EACCES: permission denied, open 'x.png'" -> "permission denied".
    const reason = errorMessage(error).replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '');
    throw new UsageError(`cannot write ${path}: ${reason}`, { cause: error });
  }
}
