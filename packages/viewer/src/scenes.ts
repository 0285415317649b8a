/**
 * The scenes the page offers (the library's built-ins, and the scene of the
 * paper's figure 2), and scenes read from a dropped file (scene JSON or
 * GeoJSON, told apart by their content).
 *
 * @module
 */
import { builtinScene, sceneFromGeoJson, sceneFromJson, squareSceneWithObstacle, type Scene } from '@differt2d/scene';

/**
 * A scene the page offers in its list.
 *
 * @example
 * ```ts
 * const basic: SceneChoice = SCENE_CHOICES[0]!;
 * basic.make().objects.length; // 7
 * ```
 */
export interface SceneChoice {
  /** The value in the list (and in the URL's `?scene=`). */
  readonly id: string;
  /** What the list shows. */
  readonly label: string;
  /** The scene. */
  readonly make: () => Scene;
}

/** The receivers of the paper's figure 2. */
export const FIGURE2_RECEIVERS: Readonly<Record<string, readonly [number, number]>> = Object.freeze({ rx_0: [0.3, 0.1], rx_1: [0.5, 0.1] });

/** Where the transmitter of figure 2 starts. */
export const FIGURE2_START: readonly [number, number] = [0.5, 0.7];

/**
 * The scene of the paper's figure 2: `square-with-obstacle` (ratio 0.1),
 * receivers rx_0 (0.3, 0.1) and rx_1 (0.5, 0.1), the TX at (0.5, 0.7).
 *
 * @example
 * ```ts
 * [...figure2Scene().receivers.keys()]; // ['rx_0', 'rx_1']
 * ```
 */
export function figure2Scene(): Scene {
  return squareSceneWithObstacle({ ratio: 0.1 })
    .withReceivers({ rx_0: [...FIGURE2_RECEIVERS.rx_0!], rx_1: [...FIGURE2_RECEIVERS.rx_1!] })
    .withTransmitter('tx', [...FIGURE2_START]);
}

/**
 * The scenes of the list, the basic scene first.
 *
 * @example
 * ```ts
 * SCENE_CHOICES.map((choice) => choice.id); // ['basic', 'square', 'square-with-wall', ...]
 * ```
 */
export const SCENE_CHOICES: readonly SceneChoice[] = Object.freeze([
  { id: 'basic', label: 'basic (the paper)', make: () => builtinScene('basic') },
  { id: 'square', label: 'square', make: () => builtinScene('square') },
  { id: 'square-with-wall', label: 'square with wall', make: () => builtinScene('square-with-wall') },
  { id: 'square-with-obstacle', label: 'square with obstacle', make: () => builtinScene('square-with-obstacle') },
  { id: 'figure-2', label: 'figure 2 (two receivers)', make: figure2Scene },
  { id: 'random', label: 'random (seed 0, 8 walls)', make: () => builtinScene('random', { seed: 0, walls: 8 }) },
  { id: 'city', label: 'city (16 buildings, metres)', make: () => builtinScene('city', { buildings: 16 }) },
]);

/**
 * A built-in scene of the list by id.
 *
 * @throws Error listing the ids for an unknown one.
 * @example
 * ```ts
 * sceneChoice('basic').label; // 'basic (the paper)'
 * ```
 */
export function sceneChoice(id: string): SceneChoice {
  const choice = SCENE_CHOICES.find((entry) => entry.id === id);
  if (choice === undefined) throw new Error(`unknown scene "${id}" (expected one of ${SCENE_CHOICES.map((entry) => `"${entry.id}"`).join(', ')})`);
  return choice;
}

const GEOJSON_TYPES = new Set([
  'FeatureCollection',
  'Feature',
  'GeometryCollection',
  'Polygon',
  'MultiPolygon',
  'LineString',
  'MultiLineString',
  'Point',
  'MultiPoint',
]);

/**
 * Whether the text of a file looks like GeoJSON (a top-level `"type"` of a
 * GeoJSON object) rather than scene JSON.
 *
 * @example
 * ```ts
 * looksLikeGeoJson('{"type": "FeatureCollection", "features": []}'); // true
 * looksLikeGeoJson('{"objects": []}'); // false
 * ```
 */
export function looksLikeGeoJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && GEOJSON_TYPES.has(String((value as { type?: unknown }).type));
  } catch {
    return false;
  }
}

/**
 * A scene from a file's text: GeoJSON (projected to local metres, the
 * library's defaults) or scene JSON, whichever it is.
 *
 * @param fileName - for messages.
 * @throws Error starting with the file name and the format's message (the
 *   place in the file, what is wrong), or for a scene with no TX or no RX.
 * @example
 * ```ts
 * sceneFromFile('room.json', '{"transmitters": {"tx": [0, 0]}, "receivers": {"rx": [1, 1]}}').pairs().length; // 1
 * ```
 */
export function sceneFromFile(fileName: string, text: string): Scene {
  let scene: Scene;
  try {
    scene = looksLikeGeoJson(text) || /\.geojson$/i.test(fileName) ? sceneFromGeoJson(text) : sceneFromJson(text);
  } catch (error) {
    throw new Error(`${fileName}: ${(error as Error).message}`, { cause: error });
  }
  if (scene.transmitters.size === 0 || scene.receivers.size === 0) {
    throw new Error(`${fileName}: the scene needs at least one transmitter and one receiver (it has ${scene.transmitters.size} and ${scene.receivers.size})`);
  }
  return scene;
}
