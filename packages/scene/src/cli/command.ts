/**
 * What a `differt2d` command is (its name, options, help and how it runs),
 * and its help text.
 *
 * @module
 */
import type { OptionSpecs, ParsedOptions } from './options.js';
import type { CliIo } from './output.js';

/**
 * A command of the `differt2d` command line.
 *
 * @example
 * ```ts
 * const hello: CliCommand = {
 *   name: 'hello',
 *   summary: 'say hello',
 *   description: 'Says hello.',
 *   options: { help: { type: 'boolean', help: 'show this help' } },
 *   examples: ['differt2d hello'],
 *   run: async (_values, io) => (io.stdout('hello\n'), 0),
 * };
 * ```
 */
export interface CliCommand {
  /** The command's name (`paths`). */
  readonly name: string;
  /** One line for the global help. */
  readonly summary: string;
  /** What the command does and prints, a few sentences (wrapped in the help). */
  readonly description: string;
  /** Its options (the common ones, and its own). */
  readonly options: OptionSpecs;
  /** Command lines to show in the help. */
  readonly examples: readonly string[];
  /**
   * Run it on parsed options (`--help` is handled before).
   *
   * @returns the exit code.
   * @throws UsageError for bad input.
   */
  readonly run: (values: ParsedOptions, io: CliIo) => Promise<number>;
}

/**
 * A command's help text: usage, description, options, examples.
 *
 * @example
 * ```ts
 * commandHelp(PATHS_COMMAND).startsWith('Usage: differt2d paths [options]'); // true
 * ```
 */
export function commandHelp(command: CliCommand, columns = 80): string {
  const width = Math.max(60, Math.min(columns, 100));
  const names = Object.entries(command.options).map(([name, spec]) => {
    const short = spec.short === undefined ? '    ' : `-${spec.short}, `;
    return `${short}--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`;
  });
  const nameWidth = Math.min(30, Math.max(...names.map((n) => n.length)));
  const options = Object.values(command.options).map((spec, i) => {
    const name = names[i]!;
    const indent = ' '.repeat(2 + nameWidth + 2);
    const lines = wrap(spec.help, width - indent.length);
    const head = name.length <= nameWidth ? `  ${name.padEnd(nameWidth)}  ${lines[0] ?? ''}` : `  ${name}\n${indent}${lines[0] ?? ''}`;
    return [head, ...lines.slice(1).map((line) => indent + line)].join('\n');
  });
  return [
    `Usage: differt2d ${command.name} [options]`,
    '',
    ...wrap(command.description, width),
    '',
    'Options:',
    ...options,
    '',
    'Examples:',
    ...command.examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}

/**
 * Text as lines of at most `width` characters (words are not split).
 *
 * @example
 * ```ts
 * wrap('a bb ccc', 4); // ['a bb', 'ccc']
 * ```
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
