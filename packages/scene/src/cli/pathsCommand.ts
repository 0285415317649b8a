/**
 * `differt2d paths`: the valid paths of a scene, as a table or JSON, and
 * as a picture (SVG: the scene and its paths).
 *
 * @module
 */
import { validScenePaths, type ScenePath } from '../operations/index.js';
import { renderSceneSvg } from '../render/sceneSvg.js';
import type { Scene } from '../scene/scene.js';
import type { CliCommand } from './command.js';
import { checkMethodFitsScene, loadScene } from './loadScene.js';
import { COMMON_OPTIONS, traceOptionsFrom, UsageError, type CliTraceOptions, type ParsedOptions } from './options.js';
import { formatCandidate, formatDecibels, formatJson, formatNumber, formatPoint, formatTable, type CliIo } from './output.js';
import { checkOutputDirectory, outputExtension, writeOutputFile } from './outputFile.js';

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
  /** With `--out FILE`: the file written. */
  readonly out?: string;
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
 * What `differt2d paths --out` writes, from the file's extension: a picture
 * of the scene and its paths (`.svg`) or the JSON of `--json` (`.json`).
 *
 * @throws UsageError for any other extension.
 * @example
 * ```ts
 * pathsOutputFormat('paths.svg'); // 'svg'
 * pathsOutputFormat('paths.png'); // throws UsageError: ... (expected .svg or .json)
 * ```
 */
export function pathsOutputFormat(path: string): 'svg' | 'json' {
  const extension = outputExtension(path);
  if (extension === '.svg' || extension === '.json') return extension.slice(1) as 'svg' | 'json';
  throw new UsageError(`--out ${path}: unknown output format ${JSON.stringify(extension || '(no extension)')} (expected .svg or .json)`);
}

/**
 * The scene and its valid paths as an SVG document: one `<line class="wall">`
 * per wall (RIS, vertices and other objects in their own classes), one
 * `<polyline class="path">` per path, coloured by order with a legend, the
 * transmitters and receivers named, and axes.
 *
 * @example
 * ```ts
 * const scene = basicScene();
 * writeFileSync('paths.svg', pathsPicture(scene, validScenePaths(scene, { maxOrder: 2 }), {}));
 * ```
 */
export function pathsPicture(scene: Scene, paths: readonly ScenePath[], options: CliTraceOptions, title?: string): string {
  const showValidity = options.approx === true;
  return renderSceneSvg(scene, {
    // Exact validity: every path drawn is valid (solid); with --approx, a path of validity < 0.5 is dashed.
    paths: paths.map((path) => (showValidity ? path : { ...path, validity: undefined })),
    title,
  });
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
    '(and "validity" with --approx). --out FILE.svg draws the scene and its valid paths (coloured by order, with a ' +
    'legend); --out FILE.json writes the JSON.',
  options: {
    ...COMMON_OPTIONS,
    out: { type: 'string', value: 'FILE', help: 'also write the paths to FILE: a picture of the scene and its paths (.svg) or their JSON (.json)' },
    title: { type: 'string', value: 'TEXT', help: 'a title above the picture (with --out FILE.svg)' },
  },
  examples: [
    'differt2d paths --max-order 2',
    'differt2d paths --scene square --tx 0.2,0.2 --rx 0.8,0.9 --order 1 --json',
    'differt2d paths --scene scene.json --method mpt --order 1',
    'differt2d paths --max-order 2 --out paths.svg',
  ],
  run: async (values: ParsedOptions, io: CliIo): Promise<number> => {
    const options = traceOptionsFrom(values);
    const out = typeof values.out === 'string' ? values.out : undefined;
    const format = out === undefined ? undefined : pathsOutputFormat(out);
    const title = typeof values.title === 'string' ? values.title : undefined;
    if (title !== undefined && format !== 'svg') throw new UsageError('--title applies to pictures only (--out FILE.svg)');
    if (out !== undefined) checkOutputDirectory(out);
    const scene = await loadScene(values);
    checkMethodFitsScene(scene, options);
    const paths = validScenePaths(scene, options);
    const json = pathsJson(paths, options.approx === true);
    if (out !== undefined) writeOutputFile(out, format === 'svg' ? pathsPicture(scene, paths, options, title) : formatJson(json));
    if (values.json === true) io.stdout(formatJson(out === undefined ? json : { ...json, out }));
    else io.stdout(formatPathsTable(paths, options, scene.pairs()) + (out === undefined ? '' : `wrote ${out}\n`));
    return 0;
  },
};
