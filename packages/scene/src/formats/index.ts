/**
 * Scene file formats, as pure functions on strings and values (they run in a
 * browser too): the scene JSON format (read and write) and GeoJSON import.
 *
 * @example
 * ```ts
 * import { sceneFromJson, sceneToJson, squareScene } from '@differt2d/scene';
 * const text = sceneToJson(squareScene());
 * sceneFromJson(text).objects.length; // 4
 * ```
 *
 * @module
 */
export { SceneFormatError } from './errors.js';
export type { Place } from './errors.js';
export { sceneFromJson, sceneToJson, sceneToJsonObject, type SceneJson, type SceneJsonOptions } from './sceneJson.js';
export { BUILTIN_CODECS, RIS_CODEC, VERTEX_CODEC, WALL_CODEC, type ObjectCodec, type ObjectJson } from './objectCodecs.js';
export { sceneFromGeoJson, type GeoJsonOptions, type Placement } from './geojson.js';
export { EARTH_RADIUS, localProjection } from './projection.js';
