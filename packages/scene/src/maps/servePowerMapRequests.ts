/**
 * The worker side of power maps: answer the protocol's requests with rows.
 *
 * @module
 */
import { gridRows } from './gridRows.js';
import type { GridPlan } from './gridPlan.js';
import { isPowerMapMessage, planOfJob, POWER_MAP_PROTOCOL, type PowerMapReply, type PowerMapRequest } from './workerProtocol.js';

/**
 * What a worker's global scope offers (a Web Worker's `self`, or an adapter
 * of node's `parentPort`): post a message (with buffers to transfer), and a
 * message handler.
 *
 * @example
 * ```ts
 * // in a Web Worker module:
 * servePowerMapRequests(self as unknown as PowerMapWorkerScope);
 * ```
 */
export interface PowerMapWorkerScope {
  /** Send a message to the page; `transfer` lists buffers to move rather than copy. */
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  /** The message handler, set by {@link servePowerMapRequests}. */
  onmessage: ((event: { data: unknown }) => void) | null;
}

/**
 * A handler of the protocol's requests, keeping the current job's plan:
 * give it each request, it returns the reply to post (or null for a `job`
 * request, and for messages of other protocols).
 *
 * @example
 * ```ts
 * const handle = powerMapRequestHandler();
 * handle({ protocol: POWER_MAP_PROTOCOL, type: 'job', job: 1, ...portablePowerMap('x', scene, options).job }); // null
 * handle({ protocol: POWER_MAP_PROTOCOL, type: 'rows', job: 1, chunk: 0, rowStart: 0, rowEnd: 2 }); // { type: 'rows', power, ... }
 * ```
 */
export function powerMapRequestHandler(): (message: unknown) => PowerMapReply | null {
  let current: { job: number; plan: GridPlan | null; error: string | null } | null = null;
  // The last job's text and plan: maps of the same scene with the same options
  // (an interactive page redrawing, a benchmark) skip reading the scene again.
  let lastKey = '';
  let lastPlan: GridPlan | null = null;
  return (message) => {
    if (!isPowerMapMessage(message)) return null;
    const request = message as PowerMapRequest;
    if (request.type === 'job') {
      const key = `${JSON.stringify(request.options)}\n${request.scene}`;
      try {
        const plan = key === lastKey && lastPlan !== null ? lastPlan : planOfJob('powerMap worker', { scene: request.scene, options: request.options });
        lastKey = key;
        lastPlan = plan;
        current = { job: request.job, plan, error: null };
      } catch (error) {
        current = { job: request.job, plan: null, error: (error as Error).message };
      }
      return null;
    }
    if (request.type !== 'rows') return null;
    const fail = (why: string): PowerMapReply => ({ protocol: POWER_MAP_PROTOCOL, type: 'error', job: request.job, chunk: request.chunk, message: why });
    if (current === null || current.job !== request.job) return fail(`no job ${request.job} was started in this worker`);
    if (current.plan === null) return fail(current.error ?? 'the job could not be started');
    try {
      const rows = gridRows(current.plan, request.rowStart, request.rowEnd);
      return { protocol: POWER_MAP_PROTOCOL, type: 'rows', job: request.job, chunk: request.chunk, power: rows.power, gradient: rows.gradient };
    } catch (error) {
      return fail((error as Error).message);
    }
  };
}

/**
 * Serve power-map requests in a worker: install a message handler on the
 * worker's scope that computes the rows asked for and posts them back
 * (their buffers transferred). Messages of other protocols are ignored, so
 * a worker can serve other work too (through `addEventListener`).
 *
 * @param scope - the worker's global scope (`self` in a Web Worker), or an
 *   adapter with `postMessage` and `onmessage`.
 * @example
 * ```ts
 * // power-map-worker.ts, loaded with new Worker(new URL('./power-map-worker.ts', import.meta.url), { type: 'module' })
 * import { servePowerMapRequests, type PowerMapWorkerScope } from '@differt2d/scene';
 * servePowerMapRequests(self as unknown as PowerMapWorkerScope);
 * ```
 */
export function servePowerMapRequests(scope: PowerMapWorkerScope): void {
  const handle = powerMapRequestHandler();
  scope.onmessage = (event) => {
    const reply = handle(event.data);
    if (reply === null) return;
    const transfer = reply.type === 'rows' ? [reply.power.buffer as ArrayBuffer, ...(reply.gradient === null ? [] : [reply.gradient.buffer as ArrayBuffer])] : [];
    scope.postMessage(reply, transfer);
  };
}
