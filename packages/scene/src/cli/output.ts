/**
 * Output formatting of the `differt2d` command line: numbers, decibels,
 * points, aligned tables, JSON laid out for people and machines alike, and
 * the progress bar on stderr.
 *
 * @module
 */

/**
 * The power at zero distance, the reference of decibel values (`P0 = 100`).
 *
 * @example
 * ```ts
 * 10 * Math.log10(1 / REFERENCE_POWER); // -20 (dB)
 * ```
 */
export const REFERENCE_POWER = 100;

/**
 * Where a command writes, and what it knows of its terminal: the command
 * line's whole world, so that it runs in-process in tests.
 *
 * @example
 * ```ts
 * let out = '';
 * const io: CliIo = { stdout: (text) => (out += text), stderr: () => {}, isTTY: false };
 * ```
 */
export interface CliIo {
  /** Writes text to standard output (as is: lines end with `\n`). */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error (as is). */
  readonly stderr: (text: string) => void;
  /** Whether standard error is a terminal (progress bars are drawn only then). */
  readonly isTTY: boolean;
  /** The terminal's width in columns (default 80). */
  readonly columns?: number | undefined;
  /** Aborts long work (Ctrl-C). */
  readonly signal?: AbortSignal | undefined;
  /** Whether to print the stack of internal errors (`DIFFERT2D_DEBUG=1`). */
  readonly debug?: boolean | undefined;
  /** The clock, in milliseconds (default `performance.now`). */
  readonly now?: (() => number) | undefined;
}

/**
 * A number in at most `digits` significant digits, without trailing zeros;
 * in exponent form below 1e-4 or from 1e6 (`NaN` and infinities as words).
 *
 * @example
 * ```ts
 * formatNumber(15.634749732215791); // '15.6347'
 * formatNumber(1.2345e-17); // '1.23e-17'
 * formatNumber(0); // '0'
 * ```
 */
export function formatNumber(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'inf' : '-inf';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e6) {
    const [mantissa, exponent] = value.toExponential(Math.max(0, Math.min(digits, 3) - 1)).split('e') as [string, string];
    return `${stripZeros(mantissa)}e${exponent.replace('+', '')}`;
  }
  return stripZeros(value.toPrecision(digits));
}

/** `1.500` -> `1.5`, `2.000` -> `2` (only after a decimal point). */
function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * A power in decibels relative to {@link REFERENCE_POWER}, with two decimals
 * (`-inf` for no power).
 *
 * @example
 * ```ts
 * formatDecibels(15.634749732215791); // '-8.06'
 * formatDecibels(0); // '-inf'
 * ```
 */
export function formatDecibels(power: number): string {
  if (power === 0) return '-inf';
  if (!(power > 0) || !Number.isFinite(power)) return 'NaN';
  return (10 * Math.log10(power / REFERENCE_POWER)).toFixed(2);
}

/**
 * A position as `(x, y)`, four decimals each.
 *
 * @example
 * ```ts
 * formatPoint([0.16418811566571337, 0]); // '(0.1642, 0.0000)'
 * ```
 */
export function formatPoint(xy: readonly number[]): string {
  return `(${xy.map((v) => (Number.isFinite(v) ? (v + 0).toFixed(4) : formatNumber(v))).join(', ')})`;
}

/**
 * A path candidate as `[0, 2]`, or `LOS` for line of sight.
 *
 * @example
 * ```ts
 * formatCandidate([0, 2]); // '[0, 2]'
 * formatCandidate([]); // 'LOS'
 * ```
 */
export function formatCandidate(candidate: readonly number[]): string {
  return candidate.length === 0 ? 'LOS' : `[${candidate.join(', ')}]`;
}

/**
 * A column of a {@link formatTable} table: its header and alignment.
 *
 * @example
 * ```ts
 * const column: TableColumn = { header: 'power', align: 'right' };
 * ```
 */
export interface TableColumn {
  /** The header. */
  readonly header: string;
  /** `right` for numbers; `left` (default) for text. */
  readonly align?: 'left' | 'right';
}

/**
 * Rows of cells as an aligned table: a header line, then one line per row,
 * columns two spaces apart, no trailing spaces.
 *
 * @example
 * ```ts
 * formatTable([{ header: 'name' }, { header: 'power', align: 'right' }], [['tx', '1.5'], ['tx_2', '10']]);
 * // 'name  power\ntx      1.5\ntx_2     10\n'
 * ```
 */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        return column.align === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd();
  return [columns.map((c) => c.header), ...rows].map(line).join('\n') + '\n';
}

/**
 * A value as JSON text for people and machines alike: objects indented,
 * arrays of numbers (and of short arrays of numbers, like points) on one
 * line, other arrays one element per line; numbers exactly (shortest
 * round-trip form); `NaN` and infinities as `null`. Ends with a newline.
 *
 * @example
 * ```ts
 * formatJson({ total: 1.5, pairs: [{ tx: 'tx', gradTx: [1, 2] }] });
 * // '{\n  "total": 1.5,\n  "pairs": [\n    {\n      "tx": "tx",\n      "gradTx": [1, 2]\n    }\n  ]\n}\n'
 * ```
 */
export function formatJson(value: unknown): string {
  return jsonLines(value, '') + '\n';
}

function jsonLines(value: unknown, indent: string): string {
  if (isFlat(value)) return flatJson(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + jsonLines(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as object).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${jsonLines(item, inner)}`).join(',\n')}\n${indent}}`;
}

/** Primitives, and arrays of primitives or of small arrays of numbers (points): written on one line. */
function isFlat(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) return false;
  return Array.from(value as ArrayLike<unknown>).every(
    (item) => item === null || typeof item !== 'object' || (Array.isArray(item) && item.length <= 3 && item.every((v) => v === null || typeof v !== 'object')),
  );
}

function flatJson(value: unknown): string {
  if (value !== null && typeof value === 'object') return `[${Array.from(value as ArrayLike<unknown>, flatJson).join(', ')}]`;
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value) ?? 'null';
}

/**
 * A progress bar on stderr for long work: drawn only on a terminal, only
 * once the work has lasted `delayMs` (so quick work prints nothing), and
 * redrawn at most every 100 ms; `finish` replaces it with one line saying
 * how long it took. Off a terminal it writes nothing at all, so a script's
 * stderr is the same on a fast and on a slow machine.
 *
 * @example
 * ```ts
 * const progress = new ProgressBar(io, 'map');
 * await powerMapParallel(scene, { ...options, onProgress: (done, total) => progress.update(done, total) });
 * progress.finish();
 * ```
 */
export class ProgressBar {
  private readonly io: CliIo;
  private readonly label: string;
  private readonly delayMs: number;
  private readonly now: () => number;
  private readonly start: number;
  private lastDraw = -Infinity;
  private drawn = false;
  private done = 0;
  private total = 0;

  /**
   * @param io - where to draw (`io.stderr`, if `io.isTTY`).
   * @param label - what is going on, e.g. `map 300x300`.
   * @param delayMs - draw nothing before the work has lasted this long (default 1000).
   */
  constructor(io: CliIo, label: string, delayMs = 1000) {
    this.io = io;
    this.label = label;
    this.delayMs = delayMs;
    this.now = io.now ?? (() => performance.now());
    this.start = this.now();
  }

  /**
   * Report progress: `done` of `total` units of work.
   *
   * @example
   * ```ts
   * progress.update(150, 300);
   * ```
   */
  update(done: number, total: number): void {
    this.done = done;
    this.total = total;
    if (!this.io.isTTY) return;
    const time = this.now();
    if (time - this.start < this.delayMs) return;
    if (time - this.lastDraw < 100 && done < total) return;
    this.lastDraw = time;
    this.drawn = true;
    this.io.stderr(`\r${this.barLine(time)}\x1b[K`);
  }

  /**
   * The work is over: clear the bar and, if the work was long, say how long.
   *
   * @example
   * ```ts
   * progress.finish(); // stderr: "map 300x300: done in 2.4 s"
   * ```
   */
  finish(): void {
    const elapsed = this.now() - this.start;
    if (this.drawn) this.io.stderr('\r\x1b[K');
    // Off a terminal stderr stays silent, so that scripts see the same (empty) stream on a fast or a slow machine.
    if (this.io.isTTY && elapsed >= this.delayMs) this.io.stderr(`${this.label}: done in ${(elapsed / 1000).toFixed(1)} s\n`);
  }

  /**
   * Stop drawing, leaving the line clean (the work failed or was cancelled).
   *
   * @example
   * ```ts
   * try { await work(); } catch (error) { progress.abort(); throw error; }
   * ```
   */
  abort(): void {
    if (this.drawn) this.io.stderr('\r\x1b[K');
    this.drawn = false;
  }

  private barLine(time: number): string {
    const fraction = this.total > 0 ? Math.min(1, this.done / this.total) : 0;
    const elapsed = (time - this.start) / 1000;
    const eta = fraction > 0 && fraction < 1 ? `, ${((elapsed * (1 - fraction)) / fraction).toFixed(0)} s left` : '';
    const counts = `${Math.round(fraction * 100)}% ${this.done}/${this.total} (${elapsed.toFixed(1)} s${eta})`;
    const width = Math.max(10, Math.min(40, (this.io.columns || 80) - this.label.length - counts.length - 5));
    const filled = Math.round(fraction * width);
    return `${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${counts}`;
  }
}
