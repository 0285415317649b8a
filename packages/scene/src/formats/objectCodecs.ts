/**
 * How each type of object is written in scene JSON, and read back: one codec
 * per `"type"`. Walls, RIS and vertices are built in; a user-defined object
 * type is saved and loaded by handing its own codec to `sceneToJson` and
 * `sceneFromJson`.
 *
 * @module
 */
import { Tensor } from '@differt2d/autodiff';
import { RIS, Vertex, Wall, type Interactable } from '@differt2d/geometry';
import { memberPath } from '../scene/describe.js';
import { expectArray, expectFinite, expectXy, formatError, type Place } from './errors.js';

/**
 * The JSON form of one object: its `"type"` and its fields.
 *
 * @example
 * ```ts
 * const wall: ObjectJson = { type: 'wall', xys: [[0, 0], [1, 0]] };
 * ```
 */
export interface ObjectJson {
  /** The type, e.g. `wall`, `ris`, `vertex`. */
  readonly type: string;
  readonly [field: string]: unknown;
}

/**
 * Reads and writes one type of object in scene JSON.
 *
 * `read` receives the object's fields (`"type"` included, already checked
 * against `fields`) and its place in the file; it checks every value and
 * throws an `Error` saying what is wrong (the loader adds the place, e.g.
 * `scene JSON: objects[3]: ...`), or returns the object. `write` gives the
 * fields of an object for which `matches` is true (`"type"` is added).
 *
 * @example
 * A codec for a user type (see `Interactable` for the class):
 * ```ts
 * const metasurfaceCodec: ObjectCodec = {
 *   type: 'phase-gradient-metasurface',
 *   fields: ['xys', 'gradient'],
 *   matches: (object) => object instanceof PhaseGradientMetasurface,
 *   read: (json) => new PhaseGradientMetasurface(json.xys as number[][], json.gradient as number),
 *   write: (object) => {
 *     const m = object as PhaseGradientMetasurface;
 *     return { xys: m.xys.toArray(), gradient: m.gradient.item() };
 *   },
 * };
 * const text = sceneToJson(scene, { codecs: [metasurfaceCodec] });
 * sceneFromJson(text, { codecs: [metasurfaceCodec] });
 * ```
 */
export interface ObjectCodec {
  /** The `"type"` in the file. */
  readonly type: string;
  /** The fields besides `"type"` the object may have (any other is an error). */
  readonly fields: readonly string[];
  /** Whether this codec writes the object (tried in order, user codecs first). */
  matches(object: Interactable): boolean;
  /** The object from its checked-for-keys JSON form; throws an Error naming the bad field. */
  read(json: ObjectJson, at: Place): Interactable;
  /** The fields of the object (without `"type"`), JSON-serialisable. */
  write(object: Interactable): Record<string, unknown>;
}

/** A wall's or a RIS's `xys`, checked: two positions, not the same. */
function readSegment(json: ObjectJson, at: Place): Tensor {
  const path = memberPath(at.path, 'xys');
  const xys = expectArray(json.xys, { format: at.format, path }, '[[x0, y0], [x1, y1]]');
  if (xys.length !== 2) throw formatError({ format: at.format, path }, `expected [[x0, y0], [x1, y1]] (two positions), got ${xys.length}`);
  const [x0, y0] = expectXy(xys[0], { format: at.format, path: memberPath(path, 0) });
  const [x1, y1] = expectXy(xys[1], { format: at.format, path: memberPath(path, 1) });
  if (x0 === x1 && y0 === y1) throw formatError({ format: at.format, path }, `zero-length wall at (${x0}, ${y0})`);
  return new Tensor(Float64Array.of(x0, y0, x1, y1), [2, 2]);
}

/** A segment's `xys` as nested numbers. */
function writeSegment(wall: Wall): number[][] {
  const [x0, y0, x1, y1] = wall.xys.data;
  return [
    [x0!, y0!],
    [x1!, y1!],
  ];
}

/**
 * `{"type": "wall", "xys": [[x0, y0], [x1, y1]]}`: a `Wall` (origin, then dest).
 *
 * @example
 * ```ts
 * WALL_CODEC.write(new Wall([[0, 0], [1, 0]])); // { xys: [[0, 0], [1, 0]] }
 * ```
 */
export const WALL_CODEC: ObjectCodec = Object.freeze({
  type: 'wall',
  fields: ['xys'],
  matches: (object: Interactable) => object instanceof Wall && object.kind === 'wall',
  read: (json: ObjectJson, at: Place) => new Wall(readSegment(json, at), { name: at.path }),
  write: (object: Interactable) => ({ xys: writeSegment(object as Wall) }),
});

/**
 * `{"type": "ris", "xys": [[x0, y0], [x1, y1]], "phi": 0.785}`: a `RIS`;
 * `phi` (radians) is optional when reading (default pi / 4) and always
 * written.
 *
 * @example
 * ```ts
 * RIS_CODEC.write(new RIS([[0.5, 0.3], [0.5, 0.7]], { phi: 0.5 })); // { xys: [[0.5, 0.3], [0.5, 0.7]], phi: 0.5 }
 * ```
 */
export const RIS_CODEC: ObjectCodec = Object.freeze({
  type: 'ris',
  fields: ['xys', 'phi'],
  matches: (object: Interactable) => object instanceof RIS && object.kind === 'ris',
  read: (json: ObjectJson, at: Place) => {
    const xys = readSegment(json, at);
    const phi = json.phi === undefined ? Math.PI / 4 : expectFinite(json.phi, { format: at.format, path: memberPath(at.path, 'phi') });
    return new RIS(xys, { phi, name: at.path });
  },
  write: (object: Interactable) => ({ xys: writeSegment(object as RIS), phi: (object as RIS).phi.item() }),
});

/**
 * `{"type": "vertex", "xy": [x, y]}`: a `Vertex`.
 *
 * @example
 * ```ts
 * VERTEX_CODEC.write(new Vertex([0.3, 0.4])); // { xy: [0.3, 0.4] }
 * ```
 */
export const VERTEX_CODEC: ObjectCodec = Object.freeze({
  type: 'vertex',
  fields: ['xy'],
  matches: (object: Interactable) => object instanceof Vertex && object.kind === 'vertex',
  read: (json: ObjectJson, at: Place) => {
    const [x, y] = expectXy(json.xy, { format: at.format, path: memberPath(at.path, 'xy') });
    return new Vertex(new Tensor(Float64Array.of(x, y), [2]), { name: at.path });
  },
  write: (object: Interactable) => {
    const [x, y] = (object as Vertex).xy.data;
    return { xy: [x!, y!] };
  },
});

/**
 * The built-in codecs: wall, RIS, vertex.
 *
 * @example
 * ```ts
 * BUILTIN_CODECS.map((codec) => codec.type); // ['wall', 'ris', 'vertex']
 * ```
 */
export const BUILTIN_CODECS: readonly ObjectCodec[] = Object.freeze([WALL_CODEC, RIS_CODEC, VERTEX_CODEC]);
