/**
 * Power maps on every core with node's worker threads.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { resolveGridPlan, type GridPlan, type PowerGrid } from '../maps/gridPlan.js';
import { checkMapCallbacks, powerMap, type PowerMapOptions } from '../maps/powerMap.js';
import { runPowerMapJob, type PowerMapWorker } from '../maps/powerMapInWorkers.js';
import { portablePowerMap } from '../maps/workerProtocol.js';
import type { Scene } from '../scene/scene.js';

/**
 * Options of {@link powerMapParallel}: those of `powerMap`, and the number of
 * worker threads.
 *
 * @example
 * ```ts
 * const options: PowerMapParallelOptions = { over: 'rx', nx: 2000, workers: 4, onProgress: (done, total) => console.error(done, total) };
 * ```
 */
export interface PowerMapParallelOptions extends PowerMapOptions {
  /**
   * Worker threads (default `os.availableParallelism()`, at most one per
   * chunk); 0 computes in this thread (the same numbers).
   */
  workers?: number;
}

/** A worker thread of the pool, and its adapter to the protocol's worker interface. */
interface PooledThread {
  readonly thread: Worker;
  readonly adapter: PowerMapWorker;
  busy: boolean;
  failed: boolean;
  closing: boolean;
}

/** The pool: threads are kept between maps (unreferenced while idle, so they never keep the process alive). */
const pool: PooledThread[] = [];

/** This module runs from its TypeScript source (tests, tsx) rather than from the built JavaScript. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/**
 * tsx's ESM API (its `register` installs the TypeScript loader in a
 * thread), or null when tsx cannot be found.
 */
function tsxApiUrl(): string | null {
  try {
    const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
    const esm = cjs.replace(/\.cjs$/, '.mjs');
    return existsSync(esm) ? pathToFileURL(esm).href : null;
  } catch {
    return null;
  }
}

/**
 * Start a worker thread running `powerMapWorker`: the built `.js` file next
 * to this one; from sources, the `.ts` file through tsx's loader (registered
 * in the thread, with the `source` export condition so that the workspace
 * packages resolve to their sources too). Null when it cannot be started.
 */
function startThread(): Worker | null {
  try {
    if (!FROM_SOURCES) return new Worker(new URL('./powerMapWorker.js', import.meta.url));
    const api = tsxApiUrl();
    const entry = new URL('./powerMapWorker.ts', import.meta.url);
    if (api === null || !existsSync(fileURLToPath(entry))) return null;
    const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
    return new Worker(bootstrap, { eval: true, execArgv: ['--conditions=source'] });
  } catch {
    return null;
  }
}

/** A pooled thread, with the protocol's worker interface over node's events. */
function pooledThread(thread: Worker): PooledThread {
  let onmessage: PowerMapWorker['onmessage'] = null;
  let onerror: PowerMapWorker['onerror'] = null;
  const adapter: PowerMapWorker = {
    postMessage: (message, transfer) => thread.postMessage(message, transfer),
    get onmessage() {
      return onmessage;
    },
    set onmessage(handler) {
      onmessage = handler;
    },
    get onerror() {
      return onerror;
    },
    set onerror(handler) {
      onerror = handler ?? null;
    },
  };
  const pooled: PooledThread = { thread, adapter, busy: false, failed: false, closing: false };
  const fail = (error: unknown): void => {
    if (pooled.closing) return;
    pooled.failed = true;
    const index = pool.indexOf(pooled);
    if (index >= 0) pool.splice(index, 1);
    onerror?.(error);
  };
  thread.on('message', (data: unknown) => onmessage?.({ data }));
  thread.on('error', fail);
  thread.on('exit', (code) => fail(new Error(`the power-map worker thread exited with code ${code}`)));
  return pooled;
}

/** Take `count` idle threads from the pool, starting new ones as needed (fewer if they cannot start). */
function acquireThreads(count: number): PooledThread[] {
  const taken: PooledThread[] = [];
  for (const pooled of pool) {
    if (taken.length === count) break;
    if (!pooled.busy && !pooled.failed) taken.push(pooled);
  }
  while (taken.length < count) {
    const thread = startThread();
    if (thread === null) break;
    const pooled = pooledThread(thread);
    pool.push(pooled);
    taken.push(pooled);
  }
  for (const pooled of taken) {
    pooled.busy = true;
    pooled.thread.ref();
  }
  return taken;
}

function releaseThreads(threads: readonly PooledThread[]): void {
  for (const pooled of threads) {
    pooled.busy = false;
    pooled.thread.unref();
  }
}

/**
 * Stop the worker threads `powerMapParallel` keeps between maps. Idle
 * threads never keep a process alive, so calling this is optional; it frees
 * their memory, and lets tests end cleanly.
 *
 * @example
 * ```ts
 * await powerMapParallel(scene, { over: 'rx', nx: 300 });
 * await closePowerMapWorkers();
 * ```
 */
export async function closePowerMapWorkers(): Promise<void> {
  const threads = pool.splice(0);
  await Promise.all(
    threads.map((pooled) => {
      pooled.closing = true;
      return pooled.thread.terminate();
    }),
  );
}

/**
 * The number of worker threads `powerMapParallel` keeps (busy or idle).
 *
 * @example
 * ```ts
 * await powerMapParallel(scene, { over: 'rx', nx: 300, workers: 2 });
 * powerMapWorkerCount(); // 2
 * ```
 */
export function powerMapWorkerCount(): number {
  return pool.length;
}

/** Chunks per worker that a default chunk size aims for at most: a small map still splits evenly. */
const CHUNKS_PER_WORKER = 4;

/**
 * Fewest grid points per chunk that balancing aims for: each chunk prunes
 * the candidates towards its own points and sets up its blocking tests, so
 * that a small map in many chunks pays that many times (the city's 100 x
 * 100 map of order <= 2 in 8 chunks took longer on 2 workers than in one
 * chunk on one thread).
 */
const MIN_BALANCED_CHUNK_POINTS = 4096;

/**
 * Rows per chunk: the caller's, or the plan's default made smaller so that
 * every worker gets the same number of chunks, up to
 * {@link CHUNKS_PER_WORKER} each while chunks keep at least
 * {@link MIN_BALANCED_CHUNK_POINTS} points (the 300 x 300 map would be 6
 * chunks of 54 rows, uneven on 2 workers: 8 of 38 rows; the 100 x 100 map,
 * 2 of 50). Chunks only split the work: the numbers are the same for any size.
 */
function balancedChunkRows(plan: GridPlan, workers: number, requested: number | undefined): number {
  if (requested !== undefined || workers <= 1) return plan.chunkRows;
  const byPoints = Math.floor((plan.nx * plan.ny) / MIN_BALANCED_CHUNK_POINTS);
  const perWorker = Math.max(1, Math.min(CHUNKS_PER_WORKER, Math.floor(byPoints / workers)));
  const finest = Math.max(1, Math.ceil(plan.ny / (perWorker * workers)));
  return Math.min(plan.chunkRows, finest);
}

/**
 * The received power over a grid on every core: `powerGrid`'s map (same
 * options, same numbers bit for bit, whatever the number of workers), its
 * chunks of `chunkRows` rows computed by worker threads, one chunk at a
 * time each, results sent back as transferred buffers.
 *
 * Threads are started on first use and kept for later maps (unreferenced
 * while idle: they never keep the process alive; `closePowerMapWorkers`
 * stops them). From the built package they run `dist/node/powerMapWorker.js`;
 * from sources (vitest, `tsx --conditions=source`) they run the `.ts` entry
 * through tsx's loader. When no thread can start (tsx missing, a worker
 * crash), the remaining chunks are computed in this thread; so are maps
 * whose scene or options cannot be sent to a thread (a user object type
 * without a scene JSON codec, an activation function), through `powerMap`.
 *
 * Memory: the result (`ny nx` doubles, three times that with the gradient)
 * plus, per thread, its scene and one or two chunks (one computing, one
 * queued): with the fused image kernel ~24 bytes per grid point of the chunk
 * (16384 points: 400 KB); through the differentiable tracer with the
 * gradient, the tape of one chunk, ~25-40 MB (see `TAPE_CHUNK_PATHS`). A
 * 2000 x 2000 map holds 32 MB of results (96 MB with the gradient); the
 * whole process peaks at ~160 MB with two threads (measured, order <= 1).
 * A chunk is at least one row: very wide grids make larger chunks.
 *
 * @param options - as `powerMap`, plus `workers`.
 * @throws Error naming the option at fault, at the call; a worker's error.
 * @example
 * ```ts
 * import { basicScene } from '@differt2d/scene';
 * import { powerMapParallel } from '@differt2d/scene/node';
 * const map = await powerMapParallel(basicScene(), { over: 'rx', nx: 2000, maxOrder: 2, onProgress: (done, total) => console.error(done, total) });
 * map.power.length; // 4e6
 * ```
 */
export async function powerMapParallel(scene: Scene, options: PowerMapParallelOptions): Promise<PowerGrid> {
  const op = 'powerMapParallel';
  checkMapCallbacks(op, options);
  const requested = options.workers ?? availableParallelism();
  if (typeof requested !== 'number' || !Number.isInteger(requested) || requested < 0) {
    throw new Error(`${op}: workers must be a non-negative integer, got ${String(requested)}`);
  }
  let checked = resolveGridPlan(op, scene, options);
  const balanced = balancedChunkRows(checked, requested, options.chunkRows);
  if (balanced !== checked.chunkRows) checked = { ...checked, chunkRows: balanced };
  let prepared: ReturnType<typeof portablePowerMap>;
  try {
    prepared = portablePowerMap(op, scene, { ...options, chunkRows: checked.chunkRows }, checked);
  } catch {
    // Not portable (an activation function, a user object type): this thread.
    return powerMap(scene, options);
  }
  const chunkCount = Math.ceil(checked.ny / checked.chunkRows);
  const threads = acquireThreads(Math.min(requested, chunkCount));
  try {
    return await runPowerMapJob(
      op,
      prepared.job,
      prepared.plan,
      threads.map((pooled) => pooled.adapter),
      options,
    );
  } finally {
    releaseThreads(threads);
  }
}
