/**
 * `differt2d map`: a coverage map (received power over a grid of receiver
 * or transmitter positions), as JSON or a summary.
 *
 * @module
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { powerMapParallel } from '../node/index.js';
import type { CliCommand } from './command.js';
import { checkMethodFitsScene, errorMessage, loadScene } from './loadScene.js';
import { COMMON_OPTIONS, parseChoice, parseInteger, traceOptionsFrom, UsageError, type ParsedOptions } from './options.js';
import { formatDecibels, formatJson, formatNumber, ProgressBar, type CliIo } from './output.js';

/**
 * A coverage map as `differt2d map` writes it in JSON: the grid's `x`
 * (`nx` values) and `y` (`ny` values), and `power[j][i]`, the summed
 * received power at `(x[i], y[j])` (rows along y).
 *
 * @example
 * ```ts
 * const map: MapJson = JSON.parse(readFileSync('map.json', 'utf8'));
 * map.power.length === map.y.length; // true
 * ```
 */
export interface MapJson {
  /** The grid's x coordinates, increasing. */
  readonly x: readonly number[];
  /** The grid's y coordinates, increasing. */
  readonly y: readonly number[];
  /** `ny` rows of `nx` powers. */
  readonly power: readonly (readonly number[])[];
}

/**
 * A grid of powers (`power` row-major, `ny` rows of `nx`) as {@link MapJson}.
 *
 * @example
 * ```ts
 * mapJson({ x: Float64Array.of(0, 1), y: Float64Array.of(0), power: Float64Array.of(5, 6) });
 * // { x: [0, 1], y: [0], power: [[5, 6]] }
 * ```
 */
export function mapJson(grid: { readonly x: ArrayLike<number>; readonly y: ArrayLike<number>; readonly power: ArrayLike<number> }): MapJson {
  const nx = grid.x.length;
  const power: number[][] = [];
  for (let j = 0; j < grid.y.length; j++) power.push(Array.from({ length: nx }, (_, i) => grid.power[j * nx + i]!));
  return { x: Array.from(grid.x), y: Array.from(grid.y), power };
}

/**
 * A few lines describing a map: its grid, its power range (and in dB),
 * how much of it no path reaches.
 *
 * @example
 * ```ts
 * formatMapSummary(mapJson(grid), 'rx');
 * // '100 x 100 receiver positions over x [0, 1], y [0, 1]\npower: min 0 (-inf dB), max ... (... dB), mean ...\nno valid path at ...'
 * ```
 */
export function formatMapSummary(map: MapJson, over: 'rx' | 'tx'): string {
  const values = map.power.flat();
  const finite = values.filter((v) => Number.isFinite(v));
  const min = finite.length === 0 ? NaN : finite.reduce((a, b) => Math.min(a, b));
  const max = finite.length === 0 ? NaN : finite.reduce((a, b) => Math.max(a, b));
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const dark = values.filter((v) => v === 0).length;
  const range = (axis: readonly number[]): string => (axis.length === 0 ? '[]' : `[${formatNumber(axis[0]!)}, ${formatNumber(axis[axis.length - 1]!)}]`);
  const what = over === 'rx' ? 'receiver' : 'transmitter';
  return (
    `${map.x.length} x ${map.y.length} ${what} positions over x ${range(map.x)}, y ${range(map.y)}\n` +
    `power: min ${formatNumber(min)} (${formatDecibels(min)} dB), max ${formatNumber(max)} (${formatDecibels(max)} dB), mean ${formatNumber(mean)} (${formatDecibels(mean)} dB)\n` +
    `no valid path at ${dark} of ${values.length} positions (${formatNumber((100 * dark) / Math.max(1, values.length), 3)}%)` +
    (finite.length < values.length ? `; ${values.length - finite.length} values are NaN` : '') +
    '\n'
  );
}

/**
 * The grid size of `--grid`: `N` (N x N) or `NX,NY`.
 *
 * @throws UsageError for anything else, or a size below 1 or above 10000.
 * @example
 * ```ts
 * parseGridSize('300'); // [300, 300]
 * parseGridSize('200,100'); // [200, 100]
 * ```
 */
export function parseGridSize(text: string): [number, number] {
  const parts = text.split(',');
  if (parts.length > 2) throw new UsageError(`--grid: expected N or NX,NY, got ${JSON.stringify(text)}`);
  const sizes = parts.map((part) => parseInteger('--grid', part.trim(), 1));
  if (sizes.some((n) => n > 10_000)) throw new UsageError(`--grid: at most 10000 positions along an axis, got ${JSON.stringify(text)}`);
  return [sizes[0]!, sizes[1] ?? sizes[0]!];
}

/** The output format of `--out`, from its extension. */
function outputFormat(path: string): 'json' {
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.png' || extension === '.svg') {
    throw new UsageError(`--out ${path}: pictures (${extension}) are not supported yet; write the values with --out FILE.json`);
  }
  throw new UsageError(`--out ${path}: unknown output format ${JSON.stringify(extension || '(no extension)')} (expected a .json file)`);
}

/**
 * `differt2d map`.
 *
 * @example
 * ```ts
 * await main(['map', '--grid', '100', '--out', 'map.json'], io);
 * ```
 */
export const MAP_COMMAND: CliCommand = {
  name: 'map',
  summary: 'a coverage map: the received power over a grid of receiver (or transmitter) positions',
  description:
    'Computes the received power (summed over the valid paths, from --min-order to --max-order interactions) at every ' +
    'position of a grid over the scene (its bounding box), moving the receiver (--over rx, default) or the transmitter ' +
    '(--over tx), on several cores. Writes {"x": [...], "y": [...], "power": [[...], ...]} (ny rows of nx values, rows ' +
    'along y) to --out FILE.json, or prints it with --json; otherwise prints a summary. A progress bar is shown on a ' +
    'terminal for work longer than a second.',
  options: {
    ...COMMON_OPTIONS,
    grid: { type: 'string', value: 'N|NX,NY', help: 'grid size: N x N positions, or NX x NY (required)' },
    over: { type: 'string', value: 'rx|tx', help: 'move the receiver (rx, default) or the transmitter (tx) over the grid' },
    out: { type: 'string', value: 'FILE', help: 'write the map to FILE (.json; pictures .png / .svg are not supported yet)' },
    workers: { type: 'string', value: 'W', help: 'number of worker threads (default: one per core; 0: compute in this thread)' },
  },
  examples: [
    'differt2d map --grid 300 --out map.json',
    'differt2d map --grid 100 --max-order 2 --json > map.json',
    'differt2d map --scene square-with-obstacle --over tx --grid 50 --approx',
  ],
  run: async (values: ParsedOptions, io: CliIo): Promise<number> => {
    if (typeof values.grid !== 'string') throw new UsageError('map: --grid N is required (the grid size, e.g. --grid 100)');
    const [nx, ny] = parseGridSize(values.grid);
    const over = typeof values.over === 'string' ? parseChoice('--over', values.over, ['rx', 'tx'] as const) : 'rx';
    const workers = typeof values.workers === 'string' ? parseInteger('--workers', values.workers) : undefined;
    const out = typeof values.out === 'string' ? values.out : undefined;
    if (out !== undefined) outputFormat(out);
    if (over === 'rx' && values.rx !== undefined) throw new UsageError('--rx has no effect with --over rx (the receiver moves over the grid)');
    if (over === 'tx' && values.tx !== undefined) throw new UsageError('--tx has no effect with --over tx (the transmitter moves over the grid)');
    const options = traceOptionsFrom(values);
    const scene = await loadScene(values);
    checkMethodFitsScene(scene, options);
    if (over === 'rx' && scene.transmitters.size === 0) throw new UsageError('map --over rx: the scene has no transmitter (give one with --tx X,Y)');
    if (over === 'tx' && scene.receivers.size === 0) throw new UsageError('map --over tx: the scene has no receiver (give one with --rx X,Y)');

    const progress = new ProgressBar(io, `map ${nx}x${ny}`);
    let grid;
    try {
      grid = await powerMapParallel(scene, {
        ...options,
        over,
        nx,
        ny,
        ...(workers === undefined ? {} : { workers }),
        ...(io.signal === undefined ? {} : { signal: io.signal }),
        onProgress: (done: number, total: number) => progress.update(done, total),
      });
    } catch (error) {
      progress.abort();
      throw error;
    }
    progress.finish();

    const map = mapJson(grid);
    if (out === undefined) {
      io.stdout(values.json === true ? formatJson(map) : formatMapSummary(map, over) + 'write the values with --out FILE.json, or print them with --json\n');
      return 0;
    }
    try {
      writeFileSync(out, formatJson(map));
    } catch (error) {
      throw new UsageError(`cannot write ${out}: ${errorMessage(error).replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '')}`, { cause: error });
    }
    io.stdout(values.json === true ? formatJson({ out, nx, ny }) : `wrote ${out}\n${formatMapSummary(map, over)}`);
    return 0;
  },
};
