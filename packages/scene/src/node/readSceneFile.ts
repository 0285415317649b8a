/**
 * Reading a scene from a file (node only): scene JSON or GeoJSON, told apart
 * by the extension and the contents.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { SceneFormatError } from '../formats/errors.js';
import { sceneFromGeoJson, type GeoJsonOptions } from '../formats/geojson.js';
import { parseJsonText } from '../formats/jsonText.js';
import { sceneFromJson, type SceneJsonOptions } from '../formats/sceneJson.js';
import type { Scene } from '../scene/scene.js';

/**
 * The formats `readSceneFile` reads.
 *
 * @example
 * ```ts
 * const format: SceneFileFormat = 'geojson';
 * ```
 */
export type SceneFileFormat = 'scene' | 'geojson';

/**
 * Options of {@link readSceneFile}: the format (default: detected), and the
 * options of the format's reader.
 *
 * @example
 * ```ts
 * const options: ReadSceneFileOptions = { format: 'geojson', projection: 'none', tx: [0, 0] };
 * ```
 */
export interface ReadSceneFileOptions extends SceneJsonOptions, GeoJsonOptions {
  /** `'scene'` (scene JSON) or `'geojson'`; default: detected (see {@link readSceneFile}). */
  format?: SceneFileFormat | undefined;
}

/**
 * A scene file that cannot be loaded: a `SceneFormatError` whose message
 * starts with the file, e.g. `rooms.json: scene JSON: objects[2]: unknown
 * type "door"`.
 *
 * @example
 * ```ts
 * try {
 *   await readSceneFile('rooms.json');
 * } catch (error) {
 *   if (error instanceof SceneFileError) console.error(error.message, error.file, error.path);
 * }
 * ```
 */
export class SceneFileError extends SceneFormatError {
  /** The file, as given. */
  readonly file: string;

  /**
   * @param file - the file, as given.
   * @param error - the format's error.
   */
  constructor(file: string, error: SceneFormatError) {
    super(error.format, error.path, 'x', { cause: error });
    this.name = 'SceneFileError';
    this.file = file;
    this.message = `${file}: ${error.message}`;
  }
}

/**
 * Which format a file's contents are in: GeoJSON when the extension is
 * `.geojson`, or the parsed value has a string `type` field (every GeoJSON
 * object has one; a scene JSON file has none); scene JSON otherwise.
 *
 * @example
 * ```ts
 * detectSceneFormat('a.json', { type: 'FeatureCollection', features: [] }); // 'geojson'
 * detectSceneFormat('a.json', { objects: [] }); // 'scene'
 * ```
 */
export function detectSceneFormat(file: string, value: unknown): SceneFileFormat {
  if (extname(file).toLowerCase() === '.geojson') return 'geojson';
  const type = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { type?: unknown }).type : undefined;
  if (typeof type === 'string') return 'geojson';
  return 'scene';
}

/**
 * Read a scene from a file: scene JSON (`.json`, see `sceneFromJson`) or
 * GeoJSON (`.geojson`, or a `.json` (or any) file whose top-level value has
 * a `type` such as `"FeatureCollection"`, see `sceneFromGeoJson`). The
 * format can be forced with `format`.
 *
 * @param file - the path.
 * @param options - `format`, and the reader's options (`codecs` for scene
 *   JSON; `projection`, `origin`, `tx`, `rx`, `duplicateWalls` for GeoJSON).
 * @returns the scene.
 * @throws {@link SceneFileError} (a `SceneFormatError`) whose message starts
 *   with the file, for a bad file: `rooms.json: scene JSON: objects[2]:
 *   unknown type "door" ...`; node's own error (with its `code`, e.g.
 *   `ENOENT`, naming the file) when it cannot be read; Error for a bad option.
 * @example
 * ```ts
 * import { readSceneFile } from '@differt2d/scene/node';
 * const scene = await readSceneFile('packages/scene/test/fixtures/basic-scene.json');
 * scene.objects.length; // 7
 * await readSceneFile('city.geojson', { tx: 'N', rx: 'S' });
 * ```
 */
export async function readSceneFile(file: string, options: ReadSceneFileOptions = {}): Promise<Scene> {
  if (typeof file !== 'string' || file === '') throw new Error(`readSceneFile: file must be a non-empty path, got ${JSON.stringify(file)}`);
  if (options.format !== undefined && options.format !== 'scene' && options.format !== 'geojson') {
    throw new Error(`readSceneFile: format must be 'scene' or 'geojson', got ${JSON.stringify(options.format)}`);
  }
  const text = await readFile(file, 'utf8');
  const { format: forced, codecs, ...geoJsonOptions } = options;
  try {
    const value = parseJsonText(text, forced === 'geojson' || (forced === undefined && extname(file).toLowerCase() === '.geojson') ? 'GeoJSON' : 'scene JSON');
    const format = forced ?? detectSceneFormat(file, value);
    if (format === 'geojson') {
      if (typeof value !== 'object' || value === null) throw new SceneFormatError('GeoJSON', '', `expected a GeoJSON object, got ${JSON.stringify(value)}`);
      return sceneFromGeoJson(value, geoJsonOptions);
    }
    // From the text: scene JSON rejects keys given twice.
    return sceneFromJson(text, codecs === undefined ? {} : { codecs });
  } catch (error) {
    if (error instanceof SceneFormatError) throw new SceneFileError(file, error);
    throw error;
  }
}
