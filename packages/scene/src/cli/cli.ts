/**
 * The `differt2d` command line, as a function: `main(args, io)` parses the
 * arguments, runs the command and returns the exit code (0 success, 1 an
 * internal error, 2 bad input, 130 interrupted), writing only through `io`.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { SceneFormatError } from '../formats/errors.js';
import { commandHelp, wrap, type CliCommand } from './command.js';
import { errorMessage } from './loadScene.js';
import { MAP_COMMAND } from './mapCommand.js';
import { parseCommandArgs, UsageError } from './options.js';
import type { CliIo } from './output.js';
import { PATHS_COMMAND } from './pathsCommand.js';
import { POWER_COMMAND } from './powerCommand.js';

export type { CliIo } from './output.js';

/**
 * The commands, in help order.
 *
 * @example
 * ```ts
 * CLI_COMMANDS.map((command) => command.name); // ['paths', 'power', 'map']
 * ```
 */
export const CLI_COMMANDS: readonly CliCommand[] = Object.freeze([PATHS_COMMAND, POWER_COMMAND, MAP_COMMAND]);

/**
 * Exit codes of {@link main}.
 *
 * @example
 * ```ts
 * process.exitCode = EXIT_CODES.usage; // 2
 * ```
 */
export const EXIT_CODES = Object.freeze({
  /** Success. */
  ok: 0,
  /** An internal error (a bug). */
  internal: 1,
  /** Bad input: unknown command / option / scene, bad value, unreadable or invalid file. */
  usage: 2,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
});

/**
 * The global help: usage, commands, where to find more.
 *
 * @example
 * ```ts
 * globalHelp().startsWith('Usage: differt2d <command> [options]'); // true
 * ```
 */
export function globalHelp(columns = 80): string {
  const nameWidth = Math.max(...CLI_COMMANDS.map((command) => command.name.length));
  const width = Math.max(60, Math.min(columns, 100));
  const indent = ' '.repeat(2 + nameWidth + 2);
  const commands = CLI_COMMANDS.map((command) => {
    const [first = '', ...rest] = wrap(command.summary, width - indent.length);
    return [`  ${command.name.padEnd(nameWidth)}  ${first}`, ...rest.map((line) => indent + line)].join('\n');
  });
  return [
    'Usage: differt2d <command> [options]',
    '',
    ...wrap('Differentiable 2D ray tracing for radio propagation: valid paths, received power and its gradient, coverage maps.', width),
    '',
    'Commands:',
    ...commands,
    '',
    ...wrap(
      'Options of every command: --scene NAME|FILE, --tx X,Y, --rx X,Y, --order N (or --min-order N --max-order N), ' +
        '--method image|fermat|mpt, --approx, --alpha A, --seed S, --no-prune, --no-spatial-index, --json, --help.',
      width,
    ),
    '',
    '  -h, --help     show this help ("differt2d <command> --help" for a command\'s)',
    '  --version      show the version',
    '',
    'Exit codes: 0 success, 1 internal error, 2 bad input.',
    '',
    'Examples:',
    '  differt2d paths --max-order 2',
    '  differt2d power --rx 0.8,0.8 --json',
    '  differt2d map --grid 300 --out map.json',
    '',
  ].join('\n');
}

/**
 * The package's version (from its package.json, next to `src/` and `dist/`).
 *
 * @example
 * ```ts
 * cliVersion(); // '0.1.0'
 * ```
 */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

/**
 * Run the `differt2d` command line: `args` are the arguments after the
 * program's name (`process.argv.slice(2)`). Writes through `io` only and
 * never throws: bad input prints one line `differt2d: error: ...` on stderr
 * and returns 2; an internal error prints one line (and its stack with
 * `io.debug`) and returns 1.
 *
 * @returns the exit code (see {@link EXIT_CODES}).
 * @example
 * ```ts
 * let out = '';
 * const io = { stdout: (text: string) => (out += text), stderr: (text: string) => process.stderr.write(text), isTTY: false };
 * await main(['power', '--rx', '0.8,0.8', '--json'], io); // 0
 * JSON.parse(out).total; // 0.6740770501316904
 * await main(['paths', '--scene', 'nope'], io); // 2, stderr: differt2d: error: unknown scene "nope": ...
 * ```
 */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(args, io);
  } catch (error) {
    return reportError(error, io);
  }
}

async function dispatch(args: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  if (first === '--help' || first === '-h' || (first === 'help' && rest.length === 0)) {
    io.stdout(globalHelp(io.columns));
    return EXIT_CODES.ok;
  }
  if (first === '--version') {
    io.stdout(`differt2d ${cliVersion()}\n`);
    return EXIT_CODES.ok;
  }
  const names = CLI_COMMANDS.map((command) => command.name).join(', ');
  if (first === undefined) throw new UsageError(`missing command (expected one of ${names}; see differt2d --help)`);
  if (first === 'help') {
    const command = findCommand(rest[0]!, names);
    io.stdout(commandHelp(command, io.columns));
    return EXIT_CODES.ok;
  }
  if (first.startsWith('-')) throw new UsageError(`missing command before ${first} (expected one of ${names}; see differt2d --help)`);
  const command = findCommand(first, names);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command, io.columns));
    return EXIT_CODES.ok;
  }
  const values = parseCommandArgs(command.name, rest, command.options);
  return await command.run(values, io);
}

function findCommand(name: string, names: string): CliCommand {
  const command = CLI_COMMANDS.find((c) => c.name === name);
  if (command === undefined) throw new UsageError(`unknown command ${JSON.stringify(name)} (expected one of ${names}; see differt2d --help)`);
  return command;
}

/** Print an error as one line and return its exit code. */
function reportError(error: unknown, io: CliIo): number {
  const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();
  if (error instanceof UsageError || error instanceof SceneFormatError) {
    io.stderr(`differt2d: error: ${oneLine(error.message)}\n`);
    return EXIT_CODES.usage;
  }
  if (io.signal?.aborted === true || (error instanceof Error && error.name === 'AbortError')) {
    io.stderr('differt2d: interrupted\n');
    return EXIT_CODES.interrupted;
  }
  const hint = io.debug === true ? '' : ' (a bug: please report it; set DIFFERT2D_DEBUG=1 to see where)';
  io.stderr(`differt2d: internal error: ${oneLine(errorMessage(error))}${hint}\n`);
  if (io.debug === true && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
  return EXIT_CODES.internal;
}
