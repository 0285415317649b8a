/**
 * Power maps, asynchronously: the same work as `powerGrid`, giving the event
 * loop back between chunks of rows, with progress and cancellation.
 *
 * @module
 */
import type { Scene } from '../scene/scene.js';
import { emptyPowerGrid, gridChunks, resolveGridPlan, type GridPlan, type PowerGrid, type PowerGridOptions } from './gridPlan.js';
import { gridRows, writeGridRows } from './gridRows.js';

/**
 * Options of `powerMap`, `powerMapInWorkers` and `powerMapParallel`: those
 * of `powerGrid`, plus progress and cancellation.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const options: PowerMapOptions = {
 *   over: 'rx',
 *   nx: 600,
 *   onProgress: (done, total) => console.error(`${done}/${total} rows`),
 *   signal: controller.signal,
 * };
 * ```
 */
export interface PowerMapOptions extends PowerGridOptions {
  /** Called after each chunk with the number of rows done and the number of rows (`ny`). */
  onProgress?: (done: number, total: number) => void;
  /** Cancels the map: the promise rejects with `signal.reason` (an `AbortError` by default). */
  signal?: AbortSignal;
}

/**
 * Give the event loop back (timers, I/O, messages) before the next chunk.
 *
 * @example
 * ```ts
 * await yieldToEventLoop();
 * ```
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Check the progress and cancellation options.
 *
 * @internal
 * @example
 * ```ts
 * checkMapCallbacks('powerMap', { onProgress: 3 }); // throws
 * ```
 */
export function checkMapCallbacks(op: string, options: { onProgress?: unknown; signal?: unknown }): void {
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new Error(`${op}: onProgress must be a function (done, total) => void, got ${typeof options.onProgress}`);
  }
  const signal = options.signal as { aborted?: unknown; addEventListener?: unknown } | undefined;
  if (signal !== undefined && (signal === null || typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function')) {
    throw new Error(`${op}: signal must be an AbortSignal`);
  }
}

/**
 * Compute the chunks of a plan in this thread, in order, yielding between
 * chunks; `skip` marks chunks already done (by workers).
 *
 * @internal
 * @example
 * ```ts
 * await runChunksInThread(plan, grid, [0, 1, 2], { onChunk: (rows) => console.log(rows) });
 * ```
 */
export async function runChunksInThread(
  plan: GridPlan,
  grid: PowerGrid,
  chunkIndices: Iterable<number>,
  hooks: { signal?: AbortSignal | undefined; onChunk?: ((rows: number) => void) | undefined },
): Promise<void> {
  const chunks = gridChunks(plan);
  for (const index of chunkIndices) {
    hooks.signal?.throwIfAborted();
    const [rowStart, rowEnd] = chunks[index]!;
    writeGridRows(grid, plan.nx, rowStart, gridRows(plan, rowStart, rowEnd));
    hooks.onChunk?.(rowEnd - rowStart);
    await yieldToEventLoop();
  }
  hooks.signal?.throwIfAborted();
}

/**
 * The received power over a grid, asynchronously: the same numbers as
 * `powerGrid` (the same chunks of `chunkRows` rows, each computed in one go),
 * giving the event loop back between chunks so that a page or a server stays
 * responsive. `onProgress(rowsDone, ny)` is called after each chunk; aborting
 * `signal` rejects the promise with `signal.reason` before the next chunk.
 *
 * For several cores see `powerMapInWorkers` (Web Workers) and
 * `powerMapParallel` of `@differt2d/scene/node` (worker threads).
 *
 * @param options - as `powerGrid`, plus `onProgress` and `signal`.
 * @throws Error naming the option at fault, at the call (the promise rejects).
 * @example
 * ```ts
 * const controller = new AbortController();
 * const map = await powerMap(basicScene(), {
 *   over: 'rx',
 *   nx: 300,
 *   onProgress: (done, total) => progressBar.set(done / total),
 *   signal: controller.signal,
 * });
 * // controller.abort() rejects it with an AbortError
 * ```
 */
export async function powerMap(scene: Scene, options: PowerMapOptions): Promise<PowerGrid> {
  const op = 'powerMap';
  checkMapCallbacks(op, options);
  const plan = resolveGridPlan(op, scene, options);
  const grid = emptyPowerGrid(plan);
  let done = 0;
  await runChunksInThread(plan, grid, gridChunks(plan).keys(), {
    signal: options.signal,
    onChunk: (rows) => {
      done += rows;
      options.onProgress?.(done, plan.ny);
    },
  });
  return grid;
}
