/**
 * `differt2d paths`: the valid paths of a scene, as a table or JSON.
 *
 * @module
 */
import { validScenePaths, type ScenePath } from '../operations/index.js';
import type { CliCommand } from './command.js';
import { checkMethodFitsScene, loadScene } from './loadScene.js';
import { COMMON_OPTIONS, traceOptionsFrom, type CliTraceOptions, type ParsedOptions } from './options.js';
import { formatCandidate, formatDecibels, formatJson, formatNumber, formatPoint, formatTable, type CliIo } from './output.js';

/**
 * One path of `differt2d paths --json`: its TX and RX, candidate (object
 * indices), points (TX, interaction points, RX), loss and received power;
 * with `--approx`, its smoothed validity too.
 *
 * @example
 * ```ts
 * const path: PathJson = { tx: 'tx', rx: 'rx', candidate: [], points: [[0.1, 0.1], [0.302, 0.2147]], loss: 0, power: 15.63 };
 * ```
 */
export interface PathJson {
  /** The transmitter's name. */
  readonly tx: string;
  /** The receiver's name. */
  readonly rx: string;
  /** The object indices, in order (`[]`: line of sight). */
  readonly candidate: readonly number[];
  /** `[x, y]` of the TX, each interaction point, the RX. */
  readonly points: readonly (readonly number[])[];
  /** The sum of the interaction losses (0: perfect). */
  readonly loss: number;
  /** The received power of the path (not weighted by its validity). */
  readonly power: number;
  /** With `--approx`: the smoothed validity in [0, 1]. */
  readonly validity?: number;
}

/**
 * The JSON value of `differt2d paths --json`.
 *
 * @example
 * ```ts
 * const output: PathsJson = JSON.parse(stdout);
 * output.paths.length; // 12 (basic scene, --max-order 2)
 * ```
 */
export interface PathsJson {
  /** The valid paths, pair by pair, by order then candidate. */
  readonly paths: readonly PathJson[];
}

/**
 * The JSON value of valid paths (as `differt2d paths --json` prints it).
 *
 * @param withValidity - add each path's (smoothed) validity.
 * @example
 * ```ts
 * pathsJson(validScenePaths(basicScene(), { maxOrder: 2 }), false).paths.length; // 12
 * ```
 */
export function pathsJson(paths: readonly ScenePath[], withValidity: boolean): PathsJson {
  return {
    paths: paths.map((path) => ({
      tx: path.tx,
      rx: path.rx,
      candidate: [...path.candidate],
      points: path.points.map((point) => [...point]),
      loss: path.loss,
      power: path.power,
      ...(withValidity ? { validity: path.validity } : {}),
    })),
  };
}

/**
 * Valid paths as a table: one line per path with its candidate, interaction
 * points, loss, power and power in dB relative to P0 = 100 (and its TX and
 * RX when the scene has several pairs), then the total power.
 *
 * @param paths - the valid paths.
 * @param options - the trace options, for the title line.
 * @param pairs - the TX-RX pairs of the scene.
 * @example
 * ```ts
 * formatPathsTable(validScenePaths(basicScene(), {}), {}, basicScene().pairs());
 * // '5 valid paths from tx to rx (order 0 to 1, image method)\n\ncandidate  interaction points ...'
 * ```
 */
export function formatPathsTable(paths: readonly ScenePath[], options: CliTraceOptions, pairs: readonly { readonly tx: string; readonly rx: string }[]): string {
  const pairCount = pairs.length;
  const minOrder = options.minOrder ?? 0;
  const maxOrder = options.maxOrder ?? Math.max(1, minOrder);
  const orders = minOrder === maxOrder ? `order ${minOrder}` : `order ${minOrder} to ${maxOrder}`;
  const how = `${orders}, ${options.method ?? 'image'} method${options.approx === true ? ', approximation' : ''}`;
  const between = pairCount === 1 ? ` from ${pairs[0]!.tx} to ${pairs[0]!.rx}` : ` over ${pairCount} TX-RX pairs`;
  const count = paths.length === 0 ? 'no valid path' : `${paths.length} valid path${paths.length === 1 ? '' : 's'}`;
  const title = `${count}${between} (${how})\n`;
  if (paths.length === 0) return title;

  const showPair = pairCount > 1;
  const showValidity = options.approx === true;
  const columns = [
    ...(showPair ? [{ header: 'tx' }, { header: 'rx' }] : []),
    { header: 'candidate' },
    { header: 'interaction points' },
    { header: 'loss', align: 'right' as const },
    ...(showValidity ? [{ header: 'validity', align: 'right' as const }] : []),
    { header: 'power', align: 'right' as const },
    { header: 'dB', align: 'right' as const },
  ];
  const rows = paths.map((path) => [
    ...(showPair ? [path.tx, path.rx] : []),
    formatCandidate(path.candidate),
    path.points.length <= 2 ? '-' : path.points.slice(1, -1).map(formatPoint).join(' '),
    formatNumber(path.loss, 3),
    ...(showValidity ? [formatNumber(path.validity, 3)] : []),
    formatNumber(path.power),
    formatDecibels(path.power),
  ]);
  const total = paths.reduce((sum, path) => sum + path.power * (showValidity ? path.validity : 1), 0);
  const totalLine = `total power: ${formatNumber(total)} (${formatDecibels(total)} dB)${pairCount > 1 ? ', all pairs' : ''}\n`;
  return `${title}\n${formatTable(columns, rows)}\n${totalLine}`;
}

/**
 * `differt2d paths`.
 *
 * @example
 * ```ts
 * await main(['paths', '--max-order', '2', '--json'], io);
 * ```
 */
export const PATHS_COMMAND: CliCommand = {
  name: 'paths',
  summary: 'the valid paths from each transmitter to each receiver',
  description:
    'Traces every path candidate of the scene (from --min-order to --max-order interactions) and prints the valid ones: ' +
    'the objects they interact with (indices into the scene objects, LOS for line of sight), their interaction points, ' +
    'their loss (0 for a perfect interaction), their received power, and that power in dB relative to P0 = 100. ' +
    'With --json: {"paths": [{"tx", "rx", "candidate", "points" (TX, interaction points, RX), "loss", "power"}]} ' +
    '(and "validity" with --approx).',
  options: COMMON_OPTIONS,
  examples: [
    'differt2d paths --max-order 2',
    'differt2d paths --scene square --tx 0.2,0.2 --rx 0.8,0.9 --order 1 --json',
    'differt2d paths --scene scene.json --method mpt --order 1',
  ],
  run: async (values: ParsedOptions, io: CliIo): Promise<number> => {
    const options = traceOptionsFrom(values);
    const scene = await loadScene(values);
    checkMethodFitsScene(scene, options);
    const paths = validScenePaths(scene, options);
    io.stdout(values.json === true ? formatJson(pathsJson(paths, options.approx === true)) : formatPathsTable(paths, options, scene.pairs()));
    return 0;
  },
};
