/**
 * The coverage-map worker (bundled on its own as `coverage-worker.js`): it
 * answers the library's power-map protocol, rows of a map at a time.
 *
 * @module
 */
import { servePowerMapRequests, type PowerMapWorkerScope } from '@differt2d/scene';

servePowerMapRequests(self as unknown as PowerMapWorkerScope);
