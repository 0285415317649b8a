/**
 * Power maps in workers: chunks of rows sent to Web Workers (or node worker
 * threads through an adapter), the results gathered in order.
 *
 * @module
 */
import type { Scene } from '../scene/scene.js';
import { emptyPowerGrid, gridChunks, type GridPlan, type PowerGrid } from './gridPlan.js';
import { checkMapCallbacks, runChunksInThread, type PowerMapOptions } from './powerMap.js';
import { writeGridRows } from './gridRows.js';
import { isPowerMapMessage, planOfJob, portablePowerMap, POWER_MAP_PROTOCOL, type PowerMapJob, type PowerMapReply } from './workerProtocol.js';

/**
 * What the page needs of a worker: a Web `Worker` running
 * `servePowerMapRequests`, or an adapter (node's worker threads, a fake in
 * tests). Its `onmessage` and `onerror` handlers are set for the duration of
 * a map and restored afterwards; one map at a time per worker.
 *
 * @example
 * ```ts
 * const worker: PowerMapWorker = new Worker(new URL('./power-map-worker.ts', import.meta.url), { type: 'module' }) as unknown as PowerMapWorker;
 * ```
 */
export interface PowerMapWorker {
  /** Send a message to the worker. */
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Messages from the worker. */
  onmessage: ((event: { data: unknown }) => void) | null;
  /** The worker failed (it could not start, or crashed): its chunk is computed elsewhere. */
  onerror?: ((event: unknown) => void) | null;
}

/** Job identifiers, so that late replies of an earlier (aborted) map are ignored. */
let nextJob = 1;

/** Chunks sent ahead to each worker, so that it never waits for the next one. */
const CHUNKS_IN_FLIGHT = 2;

/**
 * Compute a prepared map's chunks in workers: each worker gets the job, then
 * chunks, two at a time (one computing, one waiting); a worker that fails
 * (`onerror`) is dropped and its chunks handed to the others; when none is
 * left, the remaining chunks are computed in this thread (from
 * `planOfJob(job)`). Every chunk is computed from the same job (scene JSON
 * and options), so the result does not depend on the workers.
 *
 * @param plan - the map's plan (its grid and chunks), e.g. from `portablePowerMap`.
 *
 * @internal
 * @example
 * ```ts
 * const { job, plan } = portablePowerMap('powerMapInWorkers', scene, options);
 * const grid = await runPowerMapJob('powerMapInWorkers', job, plan, workers, options);
 * ```
 */
export function runPowerMapJob(
  op: string,
  job: PowerMapJob,
  plan: GridPlan,
  workers: readonly PowerMapWorker[],
  options: Pick<PowerMapOptions, 'onProgress' | 'signal'>,
): Promise<PowerGrid> {
  const grid = emptyPowerGrid(plan);
  const chunks = gridChunks(plan);
  const id = nextJob++;
  const pending: number[] = chunks.map((_, index) => index);
  const inFlight = new Map<PowerMapWorker, number[]>();
  const alive = new Set<PowerMapWorker>(workers);
  const saved = workers.map((worker) => ({ worker, onmessage: worker.onmessage, onerror: worker.onerror }));
  let rowsDone = 0;
  let chunksDone = 0;
  let settled = false;
  let fallback = false;

  return new Promise<PowerGrid>((resolve, reject) => {
    const signal = options.signal;
    const restore = (): void => {
      for (const entry of saved) {
        entry.worker.onmessage = entry.onmessage;
        entry.worker.onerror = entry.onerror ?? null;
      }
      signal?.removeEventListener('abort', onAbort);
    };
    const finish = (error: unknown): void => {
      if (settled) return;
      settled = true;
      restore();
      if (error === null) resolve(grid);
      else reject(error);
    };
    const onAbort = (): void => finish(signal!.reason);
    const progress = (rows: number): void => {
      rowsDone += rows;
      options.onProgress?.(rowsDone, plan.ny);
    };
    const dispatch = (worker: PowerMapWorker, inFlightLimit = CHUNKS_IN_FLIGHT): void => {
      const sent = inFlight.get(worker) ?? [];
      inFlight.set(worker, sent);
      while (!settled && !fallback && sent.length < inFlightLimit && pending.length > 0) {
        const chunk = pending.shift()!;
        sent.push(chunk);
        const [rowStart, rowEnd] = chunks[chunk]!;
        worker.postMessage({ protocol: POWER_MAP_PROTOCOL, type: 'rows', job: id, chunk, rowStart, rowEnd });
      }
    };
    const inThread = (): void => {
      // No worker left: the remaining chunks (queued and lost) here, from the
      // plan a worker would have resolved.
      fallback = true;
      const chunkIndices = pending.splice(0).sort((a, b) => a - b);
      Promise.resolve()
        .then(() => runChunksInThread(planOfJob(op, job), grid, chunkIndices, { signal, onChunk: progress }))
        .then(
          () => finish(null),
          (error: unknown) => finish(error),
        );
    };
    const drop = (worker: PowerMapWorker): void => {
      if (!alive.delete(worker)) return;
      pending.unshift(...(inFlight.get(worker) ?? []));
      inFlight.delete(worker);
      if (settled || fallback) return;
      if (alive.size === 0) inThread();
      else for (const other of alive) dispatch(other);
    };
    const onReply = (worker: PowerMapWorker, data: unknown): void => {
      if (settled || !isPowerMapMessage(data)) return;
      const reply = data as PowerMapReply;
      const sent = inFlight.get(worker);
      const at = sent === undefined ? -1 : sent.indexOf(reply.chunk);
      if (reply.job !== id || at < 0) return;
      sent!.splice(at, 1);
      if (reply.type === 'error') {
        const [rowStart, rowEnd] = chunks[reply.chunk]!;
        finish(new Error(`${op}: a worker failed on rows ${rowStart}-${rowEnd - 1}: ${reply.message}`));
        return;
      }
      const [rowStart, rowEnd] = chunks[reply.chunk]!;
      const expected = (rowEnd - rowStart) * plan.nx;
      if (reply.type !== 'rows' || !(reply.power instanceof Float64Array) || reply.power.length !== expected) {
        finish(new Error(`${op}: a worker sent a malformed reply for rows ${rowStart}-${rowEnd - 1}`));
        return;
      }
      writeGridRows(grid, plan.nx, rowStart, reply);
      chunksDone++;
      progress(rowEnd - rowStart);
      if (chunksDone === chunks.length) finish(null);
      else dispatch(worker);
    };

    if (signal?.aborted) {
      finish(signal.reason);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    if (workers.length === 0) {
      inThread();
      return;
    }
    for (const worker of workers) {
      worker.onmessage = (event) => onReply(worker, event.data);
      worker.onerror = () => drop(worker);
    }
    // One chunk to each worker first, then a second one each: with few
    // chunks, every worker gets work before any gets two.
    for (const inFlightLimit of [1, CHUNKS_IN_FLIGHT]) {
      for (const worker of workers) {
        if (!alive.has(worker)) continue;
        try {
          if (inFlightLimit === 1) worker.postMessage({ protocol: POWER_MAP_PROTOCOL, type: 'job', job: id, scene: job.scene, options: job.options });
          dispatch(worker, inFlightLimit);
        } catch {
          drop(worker);
        }
      }
    }
  });
}

/**
 * The received power over a grid, computed by workers: the same numbers as
 * `powerGrid` (bit for bit, whatever the number of workers), chunk by chunk
 * of `chunkRows` rows. The scene is sent as scene JSON and the options as
 * plain data, once per worker; each worker then gets one chunk at a time
 * and sends its rows back (buffers transferred). A worker that fails
 * (`onerror`) is dropped and its chunk computed by another; with no worker
 * left (or none given) the rest is computed in this thread, between yields
 * to the event loop.
 *
 * Each worker must run `servePowerMapRequests(self)`. The workers' `onmessage`
 * and `onerror` are taken for the duration of the map and restored after.
 *
 * @param workers - Web Workers (or adapters), e.g. `navigator.hardwareConcurrency` of them.
 * @param options - as `powerMap`; `filter` may be a function (it is applied
 *   here), `activation` must be `'hardSigmoid'` or `'sigmoid'`.
 * @throws Error naming the option at fault, an activation function, or a
 *   scene scene JSON cannot write (user object types); a worker's error.
 * @example
 * ```ts
 * const workers = Array.from({ length: navigator.hardwareConcurrency }, () =>
 *   new Worker(new URL('./power-map-worker.ts', import.meta.url), { type: 'module' }) as unknown as PowerMapWorker,
 * );
 * const map = await powerMapInWorkers(basicScene(), workers, { over: 'rx', nx: 600, onProgress: (done, total) => bar.set(done / total) });
 * ```
 */
export async function powerMapInWorkers(scene: Scene, workers: readonly PowerMapWorker[], options: PowerMapOptions): Promise<PowerGrid> {
  const op = 'powerMapInWorkers';
  checkMapCallbacks(op, options);
  if (!Array.isArray(workers)) throw new Error(`${op}: workers must be an array of workers, got ${typeof workers}`);
  workers.forEach((worker, index) => {
    if (worker === null || typeof worker !== 'object' || typeof worker.postMessage !== 'function') {
      throw new Error(`${op}: workers[${index}] is not a worker (no postMessage method)`);
    }
  });
  const { job, plan } = portablePowerMap(op, scene, options);
  return runPowerMapJob(op, job, plan, workers, options);
}
