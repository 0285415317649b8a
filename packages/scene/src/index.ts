/**
 * `@differt2d/scene`: immutable scenes (named transmitters and receivers, and
 * the objects rays interact with), DiffeRT2d's built-in scenes, and scene
 * file formats (scene JSON, GeoJSON import).
 *
 * @example
 * ```ts
 * import { basicScene, sceneFromJson, sceneToJson } from '@differt2d/scene';
 *
 * const scene = basicScene().withReceiver('rx', [0.5, 0.1]);
 * scene.pairs().length; // 1
 * sceneFromJson(sceneToJson(scene)).receiver('rx').xy.toArray(); // [0.5, 0.1]
 * ```
 *
 * @packageDocumentation
 */
export * from './scene/index.js';
export * from './builtins/index.js';
export * from './formats/index.js';
export * from './operations/index.js';
export * from './maps/index.js';
export * from './render/index.js';
