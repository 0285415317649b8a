/**
 * The scene model: an immutable `Scene` of named transmitters and receivers
 * and a list of interacting objects.
 *
 * @example
 * ```ts
 * import { Scene } from '@differt2d/scene';
 * new Scene({ transmitters: { tx: [0, 0] }, receivers: { rx: [1, 1] } }).center().toArray(); // [0.5, 0.5]
 * ```
 *
 * @module
 */
export { Scene, type SceneInit, type SceneParts, type TransmitterReceiverPair } from './scene.js';
export type { ClosestPoint, NamedPoints, PointLike } from './namedPoints.js';
