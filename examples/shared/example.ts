/**
 * What an example is, what it reports, and the small tools every example
 * uses: a stopwatch that keeps compute time apart from drawing time, an
 * output folder, checks, and number formatting.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How an example runs.
 *
 * @example
 * ```ts
 * const options: ExampleOptions = { outDir: 'out', size: 40 };
 * ```
 */
export interface ExampleOptions {
  /** The folder the example writes its files into (created if needed). */
  readonly outDir: string;
  /**
   * A smaller grid (`size` x `size` maps, `size` samples along a profile)
   * for quick runs and tests; default: the sizes of the paper's figures.
   */
  readonly size?: number | undefined;
  /** Where progress lines go (default: nowhere). */
  readonly log?: ((line: string) => void) | undefined;
}

/**
 * A check an example makes of its own results (a known law, a reference
 * value): it prints it, and `pnpm example` fails when one does not pass.
 *
 * @example
 * ```ts
 * const check: ExampleCheck = { name: 'TX ends near (0.399, 0.104)', passed: true, detail: 'distance 5.6e-4' };
 * ```
 */
export interface ExampleCheck {
  /** What is checked. */
  readonly name: string;
  /** Whether it holds. */
  readonly passed: boolean;
  /** The numbers behind it. */
  readonly detail: string;
}

/**
 * What an example did: its key numbers, its checks, the files it wrote and
 * how long it took.
 *
 * @example
 * ```ts
 * const report: ExampleReport = { numbers: [['grid', '300 x 300']], checks: [], files: ['out/map.png'], computeMs: 310, drawMs: 120, json: {} };
 * ```
 */
export interface ExampleReport {
  /** Key numbers, as `[label, value]` lines. */
  readonly numbers: readonly (readonly [string, string])[];
  /** The example's checks of its own results. */
  readonly checks: readonly ExampleCheck[];
  /** The files written, in order. */
  readonly files: readonly string[];
  /** Milliseconds spent computing (tracing, maps, optimisation). */
  readonly computeMs: number;
  /** Milliseconds spent drawing and writing the pictures. */
  readonly drawMs: number;
  /** What `--json` prints. */
  readonly json: unknown;
}

/**
 * An example: a name (`pnpm example NAME`), one line saying what it shows,
 * and how to run it.
 *
 * @example
 * ```ts
 * const report = await RIS_POWER_MAP.run({ outDir: 'out', size: 50 });
 * ```
 */
export interface Example {
  /** Its name on the command line. */
  readonly name: string;
  /** What it shows, one line. */
  readonly summary: string;
  /** Runs it. */
  readonly run: (options: ExampleOptions) => Promise<ExampleReport>;
}

/**
 * Times work in two bins: `compute` (the numbers) and `draw` (pictures and
 * files), so that an example reports what the library costs apart from
 * what its pictures cost.
 *
 * @example
 * ```ts
 * const watch = new Stopwatch();
 * const map = await watch.compute(() => powerMapParallel(scene, options));
 * watch.draw(() => writeFileSync('map.png', renderMapPngCompact(map)));
 * watch.computeMs; // e.g. 312.5
 * ```
 */
export class Stopwatch {
  /** Milliseconds spent in `compute` so far. */
  computeMs = 0;
  /** Milliseconds spent in `draw` so far. */
  drawMs = 0;

  /** Run (and await) `work`, counting its time as compute time. */
  async compute<T>(work: () => T | Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.computeMs += performance.now() - start;
    }
  }

  /** Run `work` (synchronous), counting its time as compute time. */
  computeSync<T>(work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.computeMs += performance.now() - start;
    }
  }

  /** Run `work` (synchronous), counting its time as drawing time. */
  draw<T>(work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.drawMs += performance.now() - start;
    }
  }
}

/**
 * Writes an example's files into its output folder and remembers them.
 *
 * @example
 * ```ts
 * const output = new OutputFolder('out');
 * output.write('map.svg', svg); // 'out/map.svg'
 * output.files; // ['out/map.svg']
 * ```
 */
export class OutputFolder {
  /** The files written, in order. */
  readonly files: string[] = [];

  /** @param dir - the folder (created on the first write). */
  constructor(readonly dir: string) {}

  /**
   * Write a file (text as UTF-8, or bytes) and return its path.
   *
   * @throws Error from the file system (no permission...).
   */
  write(name: string, content: string | Uint8Array): string {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, name);
    writeFileSync(path, content);
    this.files.push(path);
    return path;
  }
}

/**
 * The grid size of an example: `size` when given (a positive integer), else
 * the paper's.
 *
 * @throws Error for a size that is not a positive integer.
 * @example
 * ```ts
 * gridSize({ outDir: 'out' }, 300); // 300
 * gridSize({ outDir: 'out', size: 40 }, 300); // 40
 * ```
 */
export function gridSize(options: ExampleOptions, paperSize: number): number {
  const size = options.size ?? paperSize;
  if (!Number.isInteger(size) || size < 2) throw new Error(`size must be an integer >= 2, got ${String(options.size)}`);
  return size;
}

/**
 * A check from a condition.
 *
 * @example
 * ```ts
 * check('power is finite', Number.isFinite(p), `P = ${p}`);
 * ```
 */
export function check(name: string, passed: boolean, detail: string): ExampleCheck {
  return { name, passed, detail };
}

/** P0, the power at zero distance (REFERENCE.md): maps are in dB relative to it. */
export const P0 = 100;

/**
 * A power in dB relative to P0 (`-inf` for no power).
 *
 * @example
 * ```ts
 * decibels(15.6347); // -8.06...
 * ```
 */
export function decibels(power: number): number {
  return 10 * Math.log10(power / P0);
}

/**
 * A number with `digits` significant digits (exponent form when tiny or huge).
 *
 * @example
 * ```ts
 * formatValue(0.000012345); // '1.23e-5'
 * formatValue(15.634749); // '15.63'
 * ```
 */
export function formatValue(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'inf' : '-inf';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(Math.max(0, digits - 2)).replace('e+', 'e');
  return String(Number(value.toPrecision(digits)));
}

/**
 * A point as `(x, y)` with `decimals` decimals.
 *
 * @example
 * ```ts
 * formatPoint([0.39946, 0.10371]); // '(0.3995, 0.1037)'
 * ```
 */
export function formatPoint(point: readonly number[], decimals = 4): string {
  return `(${point.map((v) => v.toFixed(decimals)).join(', ')})`;
}

/**
 * Milliseconds for people: `312 ms`, `4.2 s`.
 *
 * @example
 * ```ts
 * formatMs(4213); // '4.21 s'
 * ```
 */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 10 ? 0 : 1)} ms`;
}

/**
 * The summary of a power map: share of the grid no valid path reaches, and
 * the highest, median and mean power in dB of the reached points.
 *
 * @example
 * ```ts
 * mapStatistics(map.power).medianDb; // e.g. -21.4
 * ```
 */
export function mapStatistics(power: ArrayLike<number>): { reachedFraction: number; maxDb: number; medianDb: number; meanDb: number } {
  const reached: number[] = [];
  for (let i = 0; i < power.length; i++) if (power[i]! > 0) reached.push(power[i]!);
  reached.sort((a, b) => a - b);
  const mean = reached.reduce((sum, p) => sum + p, 0) / Math.max(1, reached.length);
  return {
    reachedFraction: reached.length / Math.max(1, power.length),
    maxDb: reached.length === 0 ? -Infinity : decibels(reached[reached.length - 1]!),
    medianDb: reached.length === 0 ? -Infinity : decibels(reached[reached.length >> 1]!),
    meanDb: reached.length === 0 ? -Infinity : decibels(mean),
  };
}
