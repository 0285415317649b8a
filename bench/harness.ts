/**
 * A small benchmark harness: time a workload several times, keep the median,
 * and print rows as a table. Timings are wall-clock milliseconds from
 * `performance.now()`; machines here are shared, so only medians of several
 * runs and ratios measured in one run are quoted.
 *
 * @module
 */

/** One row of the benchmark table. */
export interface BenchRow {
  /** What was timed. */
  workload: string;
  /** Median over the runs, in milliseconds. */
  median_ms: number;
  /** The reference implementation's figure for the same work, if any (ms). */
  reference_ms: number | null;
  /** The target this project sets itself (ms), if any. */
  target_ms: number | null;
  /** Whether the median meets the target (null when there is none). */
  met: boolean | null;
  /** Extra figures: rates, ratios, memory. */
  note?: string;
}

/**
 * Median of a list of numbers.
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Time `fn` `runs` times after `warmup` untimed calls; return each time (ms).
 *
 * @example
 * ```ts
 * const times = timeRuns(() => Math.sqrt(2), { runs: 5 });
 * ```
 */
export function timeRuns(fn: () => unknown, options: { runs?: number; warmup?: number } = {}): number[] {
  const runs = options.runs ?? 5;
  const warmup = options.warmup ?? 1;
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Median time (ms) of `runs` calls of `fn` after `warmup` untimed calls
 * (the median of `timeRuns`).
 *
 * @example
 * ```ts
 * const ms = medianTime(() => work(), { runs: 7, warmup: 2 });
 * ```
 */
export function medianTime(fn: () => unknown, options: { runs?: number; warmup?: number } = {}): number {
  return median(timeRuns(fn, options));
}

/**
 * Median time per call (ms) of a fast function, calling it in batches of
 * `inner` calls so that timer resolution does not matter.
 *
 * @example
 * ```ts
 * const ms = medianPerCall(() => Math.sqrt(2), { inner: 1000 });
 * ```
 */
export function medianPerCall(fn: () => unknown, options: { runs?: number; inner?: number; warmup?: number } = {}): number {
  const inner = options.inner ?? 1000;
  const times = timeRuns(
    () => {
      for (let i = 0; i < inner; i++) fn();
    },
    { runs: options.runs ?? 7, warmup: options.warmup ?? 2 },
  );
  return median(times) / inner;
}

/**
 * Milliseconds for the tables: 3 significant figures or so, `-` for none.
 *
 * @example
 * ```ts
 * formatMs(1234.5); // '1235'
 * formatMs(1.234); // '1.23'
 * ```
 */
export function formatMs(ms: number | null): string {
  if (ms === null || Number.isNaN(ms)) return '-';
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 1) return ms.toFixed(2);
  if (ms >= 0.001) return ms.toFixed(4);
  return ms.toExponential(2);
}

/** How this project compares with the reference: `12.3x faster` or `1.5x slower`. */
function ratioText(referenceMs: number | null, medianMs: number): string {
  if (referenceMs === null || !(medianMs > 0)) return '-';
  const ratio = referenceMs / medianMs;
  return ratio >= 1 ? `${ratio.toFixed(1)}x faster` : `${(1 / ratio).toFixed(1)}x slower`;
}

/**
 * Lines of an aligned text table: the header, a rule, then one line per
 * body row (cells padded to their column's width, joined by ` | `).
 *
 * @example
 * ```ts
 * formatTable(['walls', 'median ms'], [['10', '1.20'], ['100', '3.40']]).join('\n');
 * ```
 */
export function formatTable(header: readonly string[], body: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)];
}

/**
 * Print rows as an aligned text table: workload, median, the reference's
 * figure, the ratio (reference / median: `12.3x faster`, or `1.5x slower`
 * when the reference is faster), the target, whether it is met, and the note.
 *
 * @example
 * ```ts
 * printTable([{ workload: 'x', median_ms: 1, reference_ms: null, target_ms: 2, met: true }]);
 * ```
 */
export function printTable(rows: readonly BenchRow[]): void {
  const header = ['workload', 'median ms', 'reference ms', 'ratio', 'target ms', 'met', 'note'];
  const body = rows.map((row) => [
    row.workload,
    formatMs(row.median_ms),
    formatMs(row.reference_ms),
    ratioText(row.reference_ms, row.median_ms),
    formatMs(row.target_ms),
    row.met === null ? '-' : row.met ? 'yes' : 'NO',
    row.note ?? '',
  ]);
  for (const line of formatTable(header, body)) console.log(line);
}

/**
 * A row as `bench/results.json` holds it: exactly the keys `workload`,
 * `median_ms`, `reference_ms`, `target_ms`, `met` (the note is for the
 * printed table only).
 *
 * @example
 * ```ts
 * resultOf(row('x', 1, { target: 2, note: 'fast' })); // { workload: 'x', median_ms: 1, reference_ms: null, target_ms: 2, met: true }
 * ```
 */
export function resultOf(row: BenchRow): Omit<BenchRow, 'note'> {
  return { workload: row.workload, median_ms: row.median_ms, reference_ms: row.reference_ms, target_ms: row.target_ms, met: row.met };
}

/**
 * What a benchmark group gives: its rows, and lines printed after the main
 * table (small extra tables, such as a scaling curve).
 *
 * @example
 * ```ts
 * const report: BenchReport = { rows: [row('x', 1)], after: ['walls | ms', '10 | 1'] };
 * ```
 */
export interface BenchReport {
  /** The group's rows of the main table. */
  rows: BenchRow[];
  /** Lines printed after the main table. */
  after: string[];
}

/**
 * A row, with `met` derived from the target.
 *
 * @example
 * ```ts
 * row('tiny op', 0.0005, { target: 0.001 });
 * ```
 */
export function row(workload: string, medianMs: number, options: { reference?: number; target?: number; note?: string } = {}): BenchRow {
  const target = options.target ?? null;
  return {
    workload,
    median_ms: medianMs,
    reference_ms: options.reference ?? null,
    target_ms: target,
    met: target === null ? null : medianMs <= target,
    ...(options.note === undefined ? {} : { note: options.note }),
  };
}
