/**
 * `@differt2d/scene/node`: the node-only parts of `@differt2d/scene`: power
 * maps on worker threads, reading scene files, and compact PNG / SVG
 * rendering with `node:zlib` (from `render/node.ts`).
 *
 * @example
 * ```ts
 * import { powerMapParallel, readSceneFile } from '@differt2d/scene/node';
 * const scene = await readSceneFile('rooms.json');
 * const map = await powerMapParallel(scene, { over: 'rx', nx: 1000 });
 * ```
 *
 * @packageDocumentation
 */
export { closePowerMapWorkers, powerMapParallel, powerMapWorkerCount, type PowerMapParallelOptions } from './powerMapParallel.js';
export { detectSceneFormat, readSceneFile, SceneFileError, type ReadSceneFileOptions, type SceneFileFormat } from './readSceneFile.js';
export * from '../render/node.js';
