/**
 * The scene JSON format: a scene's transmitters, receivers and objects as
 * plain JSON, read and written exactly (see `docs/scene-format.md`).
 *
 * @module
 */
import { Tensor } from '@differt2d/autodiff';
import type { Interactable } from '@differt2d/geometry';
import { memberPath, quotedList } from '../scene/describe.js';
import { Scene } from '../scene/scene.js';
import { checkKeys, expectArray, expectRecord, expectXy, formatError, SceneFormatError, type Place } from './errors.js';
import { parseJsonText } from './jsonText.js';
import { BUILTIN_CODECS, type ObjectCodec, type ObjectJson } from './objectCodecs.js';

const FORMAT = 'scene JSON';

/**
 * A scene as JSON. Every key is optional (an absent one is empty), and no
 * other key is allowed:
 *
 * ```json
 * {
 *   "transmitters": {"tx": [0.1, 0.1]},
 *   "receivers": {"rx": [0.302, 0.2147]},
 *   "objects": [
 *     {"type": "wall", "xys": [[0, 0], [1, 0]]},
 *     {"type": "ris", "xys": [[0.5, 0.3], [0.5, 0.7]], "phi": 0.785},
 *     {"type": "vertex", "xy": [0.3, 0.4]}
 *   ]
 * }
 * ```
 *
 * - `transmitters`, `receivers`: objects from names (non-empty, each once)
 *   to positions `[x, y]` (metres), in order.
 * - `objects`: in order (path candidates refer to objects by index); each
 *   has a `type` and that type's fields: `wall` `xys` (origin then dest, not
 *   the same point); `ris` `xys` and `phi` (radians from the normal,
 *   optional when reading, default pi / 4); `vertex` `xy`. Other types need
 *   a codec (`ObjectCodec`).
 *
 * @example
 * ```ts
 * const json: SceneJson = { transmitters: { tx: [0, 0] }, objects: [{ type: 'vertex', xy: [1, 1] }] };
 * sceneFromJson(json).objects[0].kind; // 'vertex'
 * ```
 */
export interface SceneJson {
  /** Names to positions `[x, y]` (metres), in order. */
  transmitters?: Record<string, readonly [number, number]>;
  /** Names to positions `[x, y]` (metres), in order. */
  receivers?: Record<string, readonly [number, number]>;
  /** The objects, in order. */
  objects?: readonly ObjectJson[];
}

/**
 * Options of `sceneFromJson`, `sceneToJson` and `sceneToJsonObject`.
 *
 * @example
 * ```ts
 * const options: SceneJsonOptions = { codecs: [myDoorCodec] };
 * ```
 */
export interface SceneJsonOptions {
  /** Codecs of user-defined object types, tried before the built-in ones (wall, ris, vertex). */
  codecs?: readonly ObjectCodec[] | undefined;
}

/**
 * A scene from scene JSON text (or the parsed value). Everything is checked
 * before the scene is built, and a bad file gives one `SceneFormatError`
 * naming the place: `scene JSON: invalid JSON at position 12 (line 2,
 * column 5): ...`, `scene JSON: objects[2]: unknown type "door" (expected
 * one of "wall", "ris", "vertex")`, `scene JSON: objects[1].xys: zero-length
 * wall at (0.4, 0.4)`, `scene JSON: transmitters: duplicate key "tx"`,
 * `scene JSON: receivers.rx: expected [x, y] (two finite numbers), got [1]`.
 *
 * Objects read from a file are named by their place (`objects[3]`), which
 * later error messages quote.
 *
 * @param input - the text, or the value `JSON.parse` gave.
 * @throws SceneFormatError for a bad file.
 * @example
 * ```ts
 * const scene = sceneFromJson('{"transmitters": {"tx": [0.1, 0.1]}, "objects": [{"type": "wall", "xys": [[0, 0], [1, 0]]}]}');
 * scene.objects[0].kind; // 'wall'
 * sceneFromJson('{"objects": [{"type": "door"}]}'); // throws 'scene JSON: objects[0]: unknown type "door" ...'
 * ```
 */
export function sceneFromJson(input: string | SceneJson, options: SceneJsonOptions = {}): Scene {
  const root = typeof input === 'string' ? parseJsonText(input, FORMAT, { rejectDuplicateKeys: true }) : input;
  const top: Place = { format: FORMAT, path: '' };
  const record = expectRecord(root, top, 'a scene object {"transmitters": {...}, "receivers": {...}, "objects": [...]}');
  checkKeys(record, ['transmitters', 'receivers', 'objects'], top);
  const transmitters = readPoints(record.transmitters, 'transmitters');
  const receivers = readPoints(record.receivers, 'receivers');
  const codecs = codecsByType(options.codecs);
  const objects = expectArray(record.objects ?? [], { format: FORMAT, path: 'objects' }).map((entry, index) =>
    readObject(entry, { format: FORMAT, path: memberPath('objects', index) }, codecs),
  );
  return new Scene({ transmitters, receivers, objects });
}

/**
 * The scene JSON value of a scene (see `SceneJson`); always has the three
 * keys. Coordinates are the exact doubles (a `-0` becomes `0` in text).
 *
 * @throws Error naming the object when no codec writes it (a user type: pass its codec).
 * @example
 * ```ts
 * sceneToJsonObject(squareScene()).transmitters; // { tx: [0.2, 0.2] }
 * ```
 */
export function sceneToJsonObject(scene: Scene, options: SceneJsonOptions = {}): Required<SceneJson> {
  const codecs = [...(options.codecs ?? []), ...BUILTIN_CODECS];
  const points = (map: ReadonlyMap<string, { xy: Tensor }>): Record<string, [number, number]> => {
    const record: Record<string, [number, number]> = {};
    // defineProperty, not assignment: a point may be named "__proto__".
    for (const [name, point] of map) {
      Object.defineProperty(record, name, { value: [point.xy.data[0]!, point.xy.data[1]!], enumerable: true, writable: true, configurable: true });
    }
    return record;
  };
  const objects = scene.objects.map((object, index): ObjectJson => {
    const codec = codecs.find((c) => c.matches(object));
    if (codec === undefined) {
      throw new Error(
        `sceneToJson: objects[${index}] is of kind ${JSON.stringify(object.kind)}, which scene JSON has no codec for ` +
          `(it has ${quotedList(codecs.map((c) => c.type))}; pass one in options.codecs)`,
      );
    }
    return { type: codec.type, ...codec.write(object) };
  });
  return { transmitters: points(scene.transmitters), receivers: points(scene.receivers), objects };
}

/**
 * A scene as scene JSON text: one line per point and per object, so that
 * files read well and diff well. `sceneFromJson(sceneToJson(scene))` gives
 * the same names, order, kinds and coordinates (exact doubles), and
 * `sceneToJson` of that gives the same text.
 *
 * @throws Error naming the object when no codec writes it (a user type: pass its codec).
 * @example
 * ```ts
 * sceneToJson(squareScene());
 * // {
 * //   "transmitters": {
 * //     "tx": [0.2, 0.2]
 * //   },
 * //   ...
 * //   "objects": [
 * //     {"type": "wall", "xys": [[0, 0], [1, 0]]},
 * //     ...
 * ```
 */
export function sceneToJson(scene: Scene, options: SceneJsonOptions = {}): string {
  const json = sceneToJsonObject(scene, options);
  const block = (open: string, close: string, lines: string[]): string =>
    lines.length === 0 ? open + close : `${open}\n${lines.map((line) => `    ${line}`).join(',\n')}\n  ${close}`;
  const points = (record: Record<string, readonly [number, number]>): string =>
    block('{', '}', Object.entries(record).map(([name, xy]) => `${JSON.stringify(name)}: ${inline(xy)}`));
  return [
    '{',
    `  "transmitters": ${points(json.transmitters)},`,
    `  "receivers": ${points(json.receivers)},`,
    `  "objects": ${block('[', ']', json.objects.map(inline))}`,
    '}',
    '',
  ].join('\n');
}

/** JSON on one line, with a space after each `,` and `:`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Named positions, checked, in order. */
function readPoints(value: unknown, key: 'transmitters' | 'receivers'): [string, Tensor][] {
  if (value === undefined) return [];
  const record = expectRecord(value, { format: FORMAT, path: key }, 'an object {"name": [x, y], ...}');
  return Object.entries(record).map(([name, xy]) => {
    const path = memberPath(key, name);
    if (name === '') throw formatError({ format: FORMAT, path }, 'a name must not be empty');
    const [x, y] = expectXy(xy, { format: FORMAT, path });
    return [name, new Tensor(Float64Array.of(x, y), [2])];
  });
}

/** The codecs by type: user codecs first, so that they may replace a built-in one. */
function codecsByType(user: readonly ObjectCodec[] = []): Map<string, ObjectCodec> {
  const codecs = new Map<string, ObjectCodec>();
  for (const codec of [...user, ...BUILTIN_CODECS]) if (!codecs.has(codec.type)) codecs.set(codec.type, codec);
  return codecs;
}

/** One object, checked and built. */
function readObject(entry: unknown, at: Place, codecs: ReadonlyMap<string, ObjectCodec>): Interactable {
  const json = expectRecord(entry, at, `an object {"type": ..., ...}`);
  const types = quotedList(codecs.keys());
  if (json.type === undefined) throw formatError(at, `missing "type" (expected one of ${types})`);
  if (typeof json.type !== 'string') throw formatError({ ...at, path: memberPath(at.path, 'type') }, `expected a string, got ${JSON.stringify(json.type)}`);
  const codec = codecs.get(json.type);
  if (codec === undefined) throw formatError(at, `unknown type ${JSON.stringify(json.type)} (expected one of ${types})`);
  checkKeys(json, ['type', ...codec.fields], at);
  try {
    return codec.read(json as ObjectJson, at);
  } catch (error) {
    if (error instanceof SceneFormatError) throw error;
    throw new SceneFormatError(at.format, at.path, (error as Error).message, { cause: error });
  }
}
