/**
 * `differt2d map`: a coverage map (received power over a grid of receiver
 * or transmitter positions), as JSON, a summary, or a picture (PNG, or SVG
 * with the raster embedded under vector overlays).
 *
 * @module
 */
import { powerMapParallel, renderMapPngCompact, renderMapSvgCompact } from '../node/index.js';
import type { ColormapName } from '../render/colormaps.js';
import type { ColorScaleKind } from '../render/colorScale.js';
import type { Scene } from '../scene/scene.js';
import type { CliCommand } from './command.js';
import { checkMethodFitsScene, loadScene } from './loadScene.js';
import { COMMON_OPTIONS, parseChoice, parseInteger, parseNumber, traceOptionsFrom, UsageError, type ParsedOptions } from './options.js';
import { formatDecibels, formatJson, formatNumber, ProgressBar, type CliIo } from './output.js';
import { checkOutputDirectory, outputExtension, writeOutputFile } from './outputFile.js';

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

/**
 * What `differt2d map --out` writes, from the file's extension: the values
 * (`.json`) or a picture (`.png`, `.svg`).
 *
 * @example
 * ```ts
 * const format: MapOutputFormat = 'png';
 * ```
 */
export type MapOutputFormat = 'json' | 'png' | 'svg';

/**
 * The output format of `--out FILE`, from its extension (case-insensitive).
 *
 * @throws UsageError for any other extension.
 * @example
 * ```ts
 * mapOutputFormat('coverage.PNG'); // 'png'
 * mapOutputFormat('map.txt'); // throws UsageError: --out map.txt: unknown output format ".txt" ...
 * ```
 */
export function mapOutputFormat(path: string): MapOutputFormat {
  const extension = outputExtension(path);
  if (extension === '.json' || extension === '.png' || extension === '.svg') return extension.slice(1) as MapOutputFormat;
  throw new UsageError(`--out ${path}: unknown output format ${JSON.stringify(extension || '(no extension)')} (expected .json, .png or .svg)`);
}

/**
 * How a map picture is coloured: the colour map, the colour scale and the
 * range it spans (in dB for `dB`; `undefined` bounds come from the data).
 *
 * @example
 * ```ts
 * const style: MapPictureStyle = { colormap: 'viridis', scale: 'dB', vmin: -50, vmax: 5 };
 * ```
 */
export interface MapPictureStyle {
  /** The colour map. */
  readonly colormap: ColormapName;
  /** The colour scale. */
  readonly scale: ColorScaleKind;
  /** The low end of the colour map, in the scale's units (dB for `dB`). */
  readonly vmin: number | undefined;
  /** The high end of the colour map, in the scale's units. */
  readonly vmax: number | undefined;
}

/** The colour maps `--colormap` takes. */
const CLI_COLORMAPS = ['viridis', 'plasma'] as const;

/** The colour scales `--scale` takes, as typed (`db`), and the renderer's names. */
const CLI_SCALES = { db: 'dB', linear: 'linear', log: 'log' } as const satisfies Record<string, ColorScaleKind>;

/** The picture options of `differt2d map`, for messages. */
const PICTURE_OPTIONS = ['colormap', 'scale', 'vmin', 'vmax', 'title'] as const;

/**
 * The picture style of `--colormap`, `--scale`, `--vmin` and `--vmax`:
 * viridis, dB scale from -50 to 5 dB by default (DiffeRT2d's figures);
 * the linear and log scales span the data unless bounds are given.
 *
 * @throws UsageError for an unknown colour map or scale, a bad bound,
 *   `--vmin` not below `--vmax`, or a bound `<= 0` on the log scale.
 * @example
 * ```ts
 * mapPictureStyle({}); // { colormap: 'viridis', scale: 'dB', vmin: -50, vmax: 5 }
 * mapPictureStyle({ scale: 'log', vmin: '1e-4' }); // { colormap: 'viridis', scale: 'log', vmin: 0.0001, vmax: undefined }
 * ```
 */
export function mapPictureStyle(values: ParsedOptions): MapPictureStyle {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const colormap = parseChoice('--colormap', text('colormap') ?? 'viridis', CLI_COLORMAPS);
  const scale = CLI_SCALES[parseChoice('--scale', text('scale') ?? 'db', Object.keys(CLI_SCALES) as (keyof typeof CLI_SCALES)[])];
  const bound = (name: 'vmin' | 'vmax'): number | undefined => {
    const given = text(name);
    if (given === undefined) return scale === 'dB' ? (name === 'vmin' ? -50 : 5) : undefined;
    const value = parseNumber(`--${name}`, given);
    if (scale === 'log' && !(value > 0)) throw new UsageError(`--${name}: a log scale needs a positive bound, got ${JSON.stringify(given)}`);
    return value;
  };
  const vmin = bound('vmin');
  const vmax = bound('vmax');
  if (vmin !== undefined && vmax !== undefined && !(vmin < vmax)) {
    throw new UsageError(`--vmin (${formatNumber(vmin)}) must be below --vmax (${formatNumber(vmax)})`);
  }
  return { colormap, scale, vmin, vmax };
}

/**
 * A map as a picture file: the map in the colours of `style`, the scene
 * over it (its transmitters for a map over receivers, its receivers for a
 * map over transmitters), a colour bar and axes. PNG bytes, or an SVG
 * document (the map as an embedded PNG under vector walls, markers, axes
 * and colour bar).
 *
 * @example
 * ```ts
 * writeFileSync('map.png', mapPicture('png', grid, scene, 'rx', mapPictureStyle({})));
 * ```
 */
export function mapPicture(
  format: 'png' | 'svg',
  grid: { readonly x: ArrayLike<number>; readonly y: ArrayLike<number>; readonly power: ArrayLike<number> },
  scene: Scene,
  over: 'rx' | 'tx',
  style: MapPictureStyle,
  title?: string,
): Uint8Array | string {
  const options = {
    scene,
    colormap: style.colormap,
    scale: style.scale,
    vmin: style.vmin,
    vmax: style.vmax,
    showTransmitters: over === 'rx',
    showReceivers: over === 'tx',
    title,
  };
  return format === 'png' ? renderMapPngCompact(grid, options) : renderMapSvgCompact(grid, options);
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
    'along y) to --out FILE.json, or prints it with --json; otherwise prints a summary. --out FILE.png or FILE.svg ' +
    'draws it instead: the power in colour (dB relative to P0 = 100 from -50 to 5 dB by default; see --scale, --vmin, ' +
    '--vmax, --colormap) under the scene, with a colour bar and axes (an SVG embeds the map as an image under vector ' +
    'walls, markers and axes). A progress bar is shown on a terminal for work longer than a second.',
  options: {
    ...COMMON_OPTIONS,
    grid: { type: 'string', value: 'N|NX,NY', help: 'grid size: N x N positions, or NX x NY (required)' },
    over: { type: 'string', value: 'rx|tx', help: 'move the receiver (rx, default) or the transmitter (tx) over the grid' },
    out: { type: 'string', value: 'FILE', help: 'write the map to FILE: its values (.json) or a picture (.png, .svg)' },
    workers: { type: 'string', value: 'W', help: 'number of worker threads (default: one per core; 0: compute in this thread)' },
    colormap: { type: 'string', value: 'viridis|plasma', help: 'colour map of a picture (default viridis)' },
    scale: { type: 'string', value: 'db|linear|log', help: 'colour scale of a picture: dB relative to P0 = 100 (default), linear, or log10 of the power' },
    vmin: { type: 'string', value: 'V', help: 'value at the low end of the colours (in dB with --scale db; default -50 dB, or the smallest value)' },
    vmax: { type: 'string', value: 'V', help: 'value at the high end of the colours (in dB with --scale db; default 5 dB, or the largest value)' },
    title: { type: 'string', value: 'TEXT', help: 'a title above the picture' },
  },
  examples: [
    'differt2d map --grid 300 --out map.json',
    'differt2d map --grid 100 --max-order 2 --json > map.json',
    'differt2d map --scene square-with-obstacle --over tx --grid 50 --approx',
    'differt2d map --grid 300 --max-order 2 --out map.png',
    'differt2d map --grid 200 --scale log --vmin 1e-3 --colormap plasma --out map.svg',
  ],
  run: async (values: ParsedOptions, io: CliIo): Promise<number> => {
    if (typeof values.grid !== 'string') throw new UsageError('map: --grid N is required (the grid size, e.g. --grid 100)');
    const [nx, ny] = parseGridSize(values.grid);
    const over = typeof values.over === 'string' ? parseChoice('--over', values.over, ['rx', 'tx'] as const) : 'rx';
    const workers = typeof values.workers === 'string' ? parseInteger('--workers', values.workers) : undefined;
    const out = typeof values.out === 'string' ? values.out : undefined;
    const format = out === undefined ? undefined : mapOutputFormat(out);
    const picture = format === 'png' || format === 'svg';
    const pictureOption = PICTURE_OPTIONS.find((name) => values[name] !== undefined);
    if (!picture && pictureOption !== undefined) throw new UsageError(`--${pictureOption} applies to pictures only (--out FILE.png or FILE.svg)`);
    const style = picture ? mapPictureStyle(values) : undefined;
    // Fail now, not after the work, when the file cannot be written there.
    if (out !== undefined) checkOutputDirectory(out);
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
    if (out === undefined || format === undefined) {
      io.stdout(
        values.json === true
          ? formatJson(map)
          : formatMapSummary(map, over) + 'write the values with --out FILE.json (a picture with --out FILE.png or FILE.svg), or print them with --json\n',
      );
      return 0;
    }
    const title = typeof values.title === 'string' ? values.title : undefined;
    writeOutputFile(out, format === 'json' ? formatJson(map) : mapPicture(format, grid, scene, over, style!, title));
    io.stdout(values.json === true ? formatJson({ out, nx, ny }) : `wrote ${out}\n${formatMapSummary(map, over)}`);
    return 0;
  },
};
