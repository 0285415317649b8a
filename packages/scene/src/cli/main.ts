#!/usr/bin/env node
/**
 * The `differt2d` executable: runs {@link main} on the process's arguments
 * and exits with its code. Ctrl-C cancels long work (exit code 130); a
 * closed stdout (`differt2d map --json | head`) ends quietly.
 *
 * @example
 * ```sh
 * differt2d paths --max-order 2
 * pnpm differt2d power --json   # from the repository, on the sources
 * ```
 *
 * @module
 */
import { main } from './cli.js';

const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
  columns: process.stderr.columns,
  signal: abort.signal,
  debug: process.env.DIFFERT2D_DEBUG === '1',
});
// Let stdout drain (a large --json map on a pipe) before exiting.
process.stdout.write('', () => process.exit(code));
