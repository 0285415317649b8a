/**
 * The entry of the worker threads of `powerMapParallel`: serve power-map
 * requests on the parent port. Not exported: node starts it as a worker
 * (`dist/node/powerMapWorker.js`, or this file through tsx from sources).
 *
 * @example
 * ```ts
 * new Worker(new URL('./powerMapWorker.js', import.meta.url));
 * ```
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { servePowerMapRequests } from '../maps/servePowerMapRequests.js';

if (parentPort !== null) {
  const port = parentPort;
  servePowerMapRequests({
    postMessage: (message, transfer) => port.postMessage(message, transfer),
    set onmessage(handler: ((event: { data: unknown }) => void) | null) {
      port.removeAllListeners('message');
      if (handler !== null) port.on('message', (data: unknown) => handler({ data }));
    },
    get onmessage() {
      return null;
    },
  });
}
