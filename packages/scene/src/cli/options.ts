/**
 * Option parsing of the `differt2d` command line: the options every command
 * shares (scene, TX/RX, orders, method, approximation, output), the checks
 * that turn a bad value into one clear {@link UsageError}, and the trace
 * options they make.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { TRACE_METHODS, type TraceMethod } from '../operations/index.js';

/**
 * Bad input from the user (an unknown command, option or scene, a bad
 * number, an unreadable file...): the command line prints its message on
 * one line and exits with code 2. Any other error is a bug (exit code 1).
 *
 * @example
 * ```ts
 * throw new UsageError('--tx: expected X,Y (two numbers), got "1,abc"');
 * ```
 */
export class UsageError extends Error {
  /**
   * @param message - what is wrong, on one line (without the `differt2d: error:` prefix).
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/**
 * How one option is read (a subset of `util.parseArgs`'s option config):
 * a flag (`boolean`) or an option with a value (`string`).
 *
 * @example
 * ```ts
 * const grid: OptionSpec = { type: 'string', value: 'N', help: 'grid size' };
 * ```
 */
export interface OptionSpec {
  /** `boolean`: a flag; `string`: takes a value (`--opt VALUE` or `--opt=VALUE`). */
  readonly type: 'boolean' | 'string';
  /** A one-letter alias (`-h`). */
  readonly short?: string;
  /** The value's placeholder in help texts (`N`, `X,Y`). */
  readonly value?: string;
  /** One line of help. */
  readonly help: string;
}

/**
 * Options by long name (without the dashes), in help order.
 *
 * @example
 * ```ts
 * const specs: OptionSpecs = { json: { type: 'boolean', help: 'print JSON' } };
 * ```
 */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/**
 * The options every command takes.
 *
 * @example
 * ```ts
 * Object.keys(COMMON_OPTIONS).includes('scene'); // true
 * ```
 */
export const COMMON_OPTIONS: OptionSpecs = Object.freeze({
  scene: {
    type: 'string',
    value: 'NAME|FILE',
    help: 'built-in scene (basic, square, square-with-wall, square-with-obstacle, random, city; options as NAME:key=value,...) or a scene JSON / GeoJSON file (default: basic)',
  },
  tx: { type: 'string', value: 'X,Y', help: "move the scene's transmitter (the scene must have at most one)" },
  rx: { type: 'string', value: 'X,Y', help: "move the scene's receiver (the scene must have at most one)" },
  order: { type: 'string', value: 'N', help: 'number of interactions of the paths (sets --min-order and --max-order)' },
  'min-order': { type: 'string', value: 'N', help: 'fewest interactions (default 0: line of sight)' },
  'max-order': { type: 'string', value: 'N', help: 'most interactions (default 1)' },
  method: { type: 'string', value: 'image|fermat|mpt', help: 'path tracing method (default image; fermat / mpt handle RIS and vertices)' },
  solver: { type: 'string', value: 'lm|adam', help: 'optimiser of the fermat / mpt methods: lm (Levenberg-Marquardt, to convergence; default) or adam (as DiffeRT2d)' },
  steps: { type: 'string', value: 'N', help: 'Adam steps (with --solver adam; DiffeRT2d: 100)' },
  many: { type: 'string', value: 'N', help: 'Adam random restarts, the best kept (with --solver adam; default 1)' },
  approx: { type: 'boolean', help: 'smooth validity (differentiable approximation)' },
  alpha: { type: 'string', value: 'A', help: 'slope of the smoothing (with --approx; default 100)' },
  'no-prune': { type: 'boolean', help: 'trace every path candidate (brute force) instead of leaving out those that provably hold no valid path' },
  'no-spatial-index': { type: 'boolean', help: 'test blocking against every wall instead of through a grid over the walls' },
  seed: { type: 'string', value: 'S', help: 'random seed: of the random scene (default 0), and of the initial guesses of --solver adam' },
  json: { type: 'boolean', help: 'print JSON (for machines) instead of a table' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
});

/**
 * The parsed options of a command: flags are `true` or absent, values are strings.
 *
 * @example
 * ```ts
 * const values: ParsedOptions = { scene: 'basic', json: true };
 * ```
 */
export type ParsedOptions = Readonly<Record<string, string | boolean | undefined>>;

/**
 * A command's arguments, parsed strictly against its options: an unknown
 * option, a missing value, a flag given a value, an option given twice or a
 * positional argument is a {@link UsageError}. A value that starts with a
 * minus sign and a digit (`--tx -1,2`) is taken as the option's value.
 *
 * @param command - the command's name, for messages.
 * @param args - the arguments after the command's name.
 * @param specs - the options the command takes.
 * @throws UsageError for bad arguments.
 * @example
 * ```ts
 * parseCommandArgs('paths', ['--scene', 'square', '--json'], COMMON_OPTIONS); // { scene: 'square', json: true }
 * parseCommandArgs('paths', ['--tx', '-1,2'], COMMON_OPTIONS); // { tx: '-1,2' } (a negative number is a value)
 * parseCommandArgs('paths', ['--nope'], COMMON_OPTIONS); // throws UsageError: unknown option --nope for "paths" ...
 * ```
 */
export function parseCommandArgs(command: string, args: readonly string[], specs: OptionSpecs): ParsedOptions {
  const options: Record<string, { type: 'boolean' | 'string'; short?: string }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; tokens: true; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: joinNegativeValues(args, specs), options, tokens: true, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(argsErrorMessage(command, error), { cause: error });
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind === 'positional') {
      throw new UsageError(`unexpected argument ${JSON.stringify(token.value)} for "${command}" (it takes options only; see differt2d ${command} --help)`);
    }
    if (token.kind === 'option') {
      if (seen.has(token.name)) throw new UsageError(`option --${token.name} given twice`);
      seen.add(token.name);
    }
  }
  return { ...parsed.values };
}

/**
 * The arguments with `--opt -1,2` written `--opt=-1,2` for options that take
 * a value: `util.parseArgs` takes a value starting with `-` for an option.
 */
function joinNegativeValues(args: readonly string[], specs: OptionSpecs): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (arg === '--') {
      joined.push(...args.slice(i));
      break;
    }
    if (name !== undefined && specs[name]?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** A one-line message for an error of `util.parseArgs`. */
function argsErrorMessage(command: string, error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(' ')[0] ?? quoted;
  const seeHelp = `see differt2d ${command} --help`;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option} for "${command}" (${seeHelp})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return `option ${option} takes no value`;
      if (/argument is ambiguous/.test(message)) return `option ${option} needs a value (for a value starting with "-", write ${option}=VALUE)`;
      return `option ${option} needs a value`;
    default:
      return `${message.split('\n')[0]} (${seeHelp})`;
  }
}

/** A decimal number as people type it: `1`, `-0.5`, `.25`, `1e-3` (not `0x10`, `Infinity`, ``). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A finite number from an option's text.
 *
 * @param option - the option, for messages (`--alpha`).
 * @throws UsageError `--alpha: expected a number, got "abc"`.
 * @example
 * ```ts
 * parseNumber('--alpha', '1e3'); // 1000
 * parseNumber('--alpha', 'abc'); // throws UsageError
 * ```
 */
export function parseNumber(option: string, text: string): number {
  const value = DECIMAL.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isFinite(value)) throw new UsageError(`${option}: expected a number, got ${JSON.stringify(text)}`);
  return value;
}

/**
 * A positive finite number from an option's text.
 *
 * @throws UsageError `--alpha: expected a positive number, got "-1"`.
 * @example
 * ```ts
 * parsePositiveNumber('--alpha', '50'); // 50
 * ```
 */
export function parsePositiveNumber(option: string, text: string): number {
  const value = DECIMAL.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${option}: expected a positive number, got ${JSON.stringify(text)}`);
  return value;
}

/**
 * A non-negative integer (or at least `min`) from an option's text.
 *
 * @throws UsageError `--order: expected an integer >= 0, got "1.5"`.
 * @example
 * ```ts
 * parseInteger('--order', '2'); // 2
 * parseInteger('--grid', '0', 1); // throws UsageError: --grid: expected an integer >= 1, got "0"
 * ```
 */
export function parseInteger(option: string, text: string, min = 0): number {
  const value = /^\+?\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`${option}: expected an integer >= ${min}, got ${JSON.stringify(text)}`);
  return value;
}

/**
 * A position `X,Y` (two finite numbers) from an option's text.
 *
 * @throws UsageError `--tx: expected X,Y (two numbers), got "1,abc"`.
 * @example
 * ```ts
 * parsePoint('--tx', '0.1,0.2'); // [0.1, 0.2]
 * parsePoint('--tx', '1,abc'); // throws UsageError
 * ```
 */
export function parsePoint(option: string, text: string): [number, number] {
  const parts = text.split(',');
  const values = parts.map((part) => (DECIMAL.test(part.trim()) ? Number(part.trim()) : NaN));
  if (values.length !== 2 || !values.every((v) => Number.isFinite(v))) {
    throw new UsageError(`${option}: expected X,Y (two numbers), got ${JSON.stringify(text)}`);
  }
  return [values[0]!, values[1]!];
}

/**
 * One of a few words from an option's text.
 *
 * @throws UsageError `--method: expected one of image, fermat, mpt, got "ray"`.
 * @example
 * ```ts
 * parseChoice('--over', 'tx', ['rx', 'tx'] as const); // 'tx'
 * ```
 */
export function parseChoice<const T extends string>(option: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) throw new UsageError(`${option}: expected one of ${choices.join(', ')}, got ${JSON.stringify(text)}`);
  return text as T;
}

/**
 * The optimisers of the Fermat and min-path methods.
 *
 * @example
 * ```ts
 * TRACE_SOLVERS; // ['lm', 'adam']
 * ```
 */
export const TRACE_SOLVERS = Object.freeze(['lm', 'adam'] as const);

/**
 * The trace options the common command-line options give (only the keys
 * given: the library's defaults apply to the others).
 *
 * @example
 * ```ts
 * const trace: CliTraceOptions = { minOrder: 0, maxOrder: 2, method: 'image' };
 * ```
 */
export interface CliTraceOptions {
  /** Fewest interactions. */
  minOrder?: number;
  /** Most interactions. */
  maxOrder?: number;
  /** The path tracing method. */
  method?: TraceMethod;
  /** The optimiser of the Fermat and min-path methods. */
  solver?: (typeof TRACE_SOLVERS)[number];
  /** Optimiser steps. */
  steps?: number;
  /** Random restarts. */
  many?: number;
  /** Seed of the random initial guesses. */
  seed?: number;
  /** Smoothed validity. */
  approx?: boolean;
  /** Slope of the smoothing. */
  alpha?: number;
  /** False with `--no-prune`: every candidate is traced. */
  prune?: boolean;
  /** False with `--no-spatial-index`: blocking tested against every wall. */
  spatialIndex?: boolean;
}

/**
 * The orders of `--order N` or `--min-order N --max-order N` (each
 * optional; `--order` excludes the other two).
 *
 * @throws UsageError for a bad integer, `--order` with `--min-order` or
 *   `--max-order`, or a minimum above the maximum.
 * @example
 * ```ts
 * parseOrders({ order: '2' }); // { minOrder: 2, maxOrder: 2 }
 * parseOrders({ 'max-order': '3' }); // { maxOrder: 3 }
 * parseOrders({ 'min-order': '2', 'max-order': '1' }); // throws UsageError
 * ```
 */
export function parseOrders(values: ParsedOptions): { minOrder?: number; maxOrder?: number } {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const order = text('order');
  const minText = text('min-order');
  const maxText = text('max-order');
  if (order !== undefined) {
    if (minText !== undefined || maxText !== undefined) throw new UsageError('--order cannot be combined with --min-order or --max-order');
    const n = parseInteger('--order', order);
    return { minOrder: n, maxOrder: n };
  }
  const result: { minOrder?: number; maxOrder?: number } = {};
  if (minText !== undefined) result.minOrder = parseInteger('--min-order', minText);
  if (maxText !== undefined) result.maxOrder = parseInteger('--max-order', maxText);
  // The library's defaults are minOrder 0 and maxOrder 1.
  const min = result.minOrder ?? 0;
  const max = result.maxOrder ?? Math.max(1, min);
  if (min > max) throw new UsageError(`--min-order (${min}) is above --max-order (${max})`);
  if (result.minOrder !== undefined && result.maxOrder === undefined && min > 1) result.maxOrder = min;
  return result;
}

/**
 * The trace options of the common command-line options, checked.
 *
 * @throws UsageError for a bad value, `--alpha` without `--approx`,
 *   `--solver` without `--method fermat|mpt`, or `--steps` / `--many`
 *   without `--solver adam`.
 * @example
 * ```ts
 * traceOptionsFrom({ 'max-order': '2', approx: true, alpha: '50' }); // { maxOrder: 2, approx: true, alpha: 50 }
 * ```
 */
export function traceOptionsFrom(values: ParsedOptions): CliTraceOptions {
  const options: CliTraceOptions = { ...parseOrders(values) };
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const method = text('method');
  if (method !== undefined) options.method = parseChoice('--method', method, TRACE_METHODS);
  const solver = text('solver');
  if (solver !== undefined) options.solver = parseChoice('--solver', solver, TRACE_SOLVERS);
  const steps = text('steps');
  if (steps !== undefined) options.steps = parseInteger('--steps', steps, 1);
  const many = text('many');
  if (many !== undefined) options.many = parseInteger('--many', many, 1);
  const seed = text('seed');
  if (seed !== undefined) options.seed = parseInteger('--seed', seed);
  const optimizing = options.method === 'fermat' || options.method === 'mpt';
  if (options.solver !== undefined && !optimizing) throw new UsageError('--solver has no effect without --method fermat or --method mpt');
  const adamOnly = (['steps', 'many'] as const).find((name) => text(name) !== undefined);
  if (adamOnly !== undefined && (!optimizing || options.solver !== 'adam')) {
    throw new UsageError(`--${adamOnly} applies to --solver adam only (with --method fermat or mpt; the default lm solver runs to convergence)`);
  }
  if (values.approx === true) options.approx = true;
  const alpha = text('alpha');
  if (alpha !== undefined) {
    if (options.approx !== true) throw new UsageError('--alpha has no effect without --approx');
    options.alpha = parsePositiveNumber('--alpha', alpha);
  }
  if (values['no-prune'] === true) options.prune = false;
  if (values['no-spatial-index'] === true) options.spatialIndex = false;
  return options;
}
