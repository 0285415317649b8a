/**
 * The page's Web Workers for coverage maps, started once and kept.
 *
 * @module
 */
import type { PowerMapWorker } from '@differt2d/scene';

/** The worker script, next to the page's bundle. */
export const WORKER_SCRIPT = 'coverage-worker.js';

/** At most this many workers, whatever the machine says. */
export const MAX_WORKERS = 4;

let pool: PowerMapWorker[] | null = null;

/**
 * The workers (created at the first call): one per logical core, at least 1
 * and at most `MAX_WORKERS`. An empty list where workers cannot start (a
 * page opened from `file://`): maps are then computed in the page's thread,
 * between yields to the event loop.
 *
 * @example
 * ```ts
 * const grid = await powerMapInWorkers(scene, coverageWorkers(), { over: 'rx', nx: 150 });
 * ```
 */
export function coverageWorkers(): PowerMapWorker[] {
  if (pool !== null) return [...pool];
  const count = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 2));
  pool = [];
  try {
    for (let k = 0; k < count; k++) {
      const worker = new Worker(WORKER_SCRIPT, { name: `coverage-${k}` });
      // A worker that failed (its script did not load, it crashed) is never given work again.
      worker.addEventListener('error', () => {
        pool = (pool ?? []).filter((entry) => entry !== (worker as unknown as PowerMapWorker));
        worker.terminate();
      });
      pool.push(worker as unknown as PowerMapWorker);
    }
  } catch {
    for (const worker of pool) (worker as unknown as Worker).terminate();
    pool = [];
  }
  return [...pool];
}
