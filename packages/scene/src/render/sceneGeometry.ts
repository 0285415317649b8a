/**
 * A scene and its paths as plain numbers, ready to draw: segments (walls,
 * RIS, user segment types), point objects (vertices), other objects (by
 * their bounding box), named transmitters and receivers, and paths.
 *
 * @module
 */
import type { Interactable, Point } from '@differt2d/geometry';
import { extentOfPoints, type DataExtent } from './frame.js';

/**
 * What the renderers need of a scene: its named points and its objects.
 * Every `Scene` is one.
 *
 * @example
 * ```ts
 * const drawable: DrawableScene = basicScene();
 * ```
 */
export interface DrawableScene {
  /** The transmitters, by name. */
  readonly transmitters: ReadonlyMap<string, Point>;
  /** The receivers, by name. */
  readonly receivers: ReadonlyMap<string, Point>;
  /** The objects, in order. */
  readonly objects: readonly Interactable[];
}

/**
 * A path to draw: the points from TX to RX (TX, the interaction points, RX)
 * and the candidate (object indices; its length is the path's order). Every
 * `ScenePath` is one.
 *
 * @example
 * ```ts
 * const reflection: DrawablePath = { points: [[0.1, 0.1], [0.2, 0], [0.302, 0.2147]], candidate: [0] };
 * ```
 */
export interface DrawablePath {
  /** `[x, y]` of each point, TX first, RX last (metres). */
  readonly points: ArrayLike<ArrayLike<number>>;
  /** Indices of the objects the path interacts with, in order (`[]`: line of sight). */
  readonly candidate: ArrayLike<number>;
  /** The transmitter's name, if known. */
  readonly tx?: string | undefined;
  /** The receiver's name, if known. */
  readonly rx?: string | undefined;
  /** 0/1 or in [0, 1]: a path below 0.5 is drawn dashed. */
  readonly validity?: number | undefined;
}

/**
 * A straight object (a wall, a RIS, a user type with `xys`).
 *
 * @example
 * ```ts
 * const floor: DrawnSegment = { kind: 'wall', index: 0, x0: 0, y0: 0, x1: 1, y1: 0 };
 * ```
 */
export interface DrawnSegment {
  /** The object's `kind` (`wall`, `ris`, ...). */
  readonly kind: string;
  /** The object's index in the scene. */
  readonly index: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * A point object (a vertex, a user type with `xy`).
 *
 * @example
 * ```ts
 * const corner: DrawnPointObject = { kind: 'vertex', index: 7, x: 0.3, y: 0.4 };
 * ```
 */
export interface DrawnPointObject {
  readonly kind: string;
  readonly index: number;
  readonly x: number;
  readonly y: number;
}

/**
 * Any other object, drawn as its bounding box.
 *
 * @example
 * ```ts
 * const blob: DrawnBox = { kind: 'blob', index: 2, extent: { xmin: 0, xmax: 1, ymin: 0, ymax: 1 } };
 * ```
 */
export interface DrawnBox {
  readonly kind: string;
  readonly index: number;
  readonly extent: DataExtent;
}

/**
 * A named transmitter or receiver.
 *
 * @example
 * ```ts
 * const tx: NamedPosition = { name: 'tx', x: 0.1, y: 0.1 };
 * ```
 */
export interface NamedPosition {
  readonly name: string;
  readonly x: number;
  readonly y: number;
}

/**
 * A path as plain numbers.
 *
 * @example
 * ```ts
 * const los: DrawnPath = { order: 0, candidate: [], points: [[0.1, 0.1], [0.3, 0.2]], index: 0 };
 * ```
 */
export interface DrawnPath {
  /** Its index in the list given. */
  readonly index: number;
  /** Number of interactions (the candidate's length). */
  readonly order: number;
  readonly candidate: readonly number[];
  readonly points: readonly (readonly [number, number])[];
  readonly tx?: string | undefined;
  readonly rx?: string | undefined;
  readonly validity?: number | undefined;
}

/**
 * A scene as plain numbers.
 *
 * @example
 * ```ts
 * const drawing: SceneDrawing = sceneDrawing(basicScene());
 * drawing.segments.length; // 7
 * ```
 */
export interface SceneDrawing {
  readonly segments: readonly DrawnSegment[];
  readonly pointObjects: readonly DrawnPointObject[];
  readonly boxes: readonly DrawnBox[];
  readonly transmitters: readonly NamedPosition[];
  readonly receivers: readonly NamedPosition[];
}

/** The numbers of a tensor-like member (`xys`, `xy`), if it has `size` of them. */
function numbersOf(value: unknown, size: number): Float64Array | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const data = (value as { data?: unknown }).data;
  if (!(data instanceof Float64Array) || data.length !== size) return undefined;
  for (let i = 0; i < size; i++) if (!Number.isFinite(data[i]!)) return undefined;
  return data;
}

/**
 * A scene as plain numbers: each object becomes a segment (it has `xys`, 2x2
 * numbers), a point object (it has `xy`), or a box (its bounding box).
 *
 * @example
 * ```ts
 * const drawing = sceneDrawing(basicScene());
 * drawing.transmitters; // [{ name: 'tx', x: 0.1, y: 0.1 }]
 * drawing.segments[4]; // { kind: 'wall', index: 4, x0: 0.4, y0: 0, x1: 0.4, y1: 0.4 }
 * ```
 */
export function sceneDrawing(scene: DrawableScene): SceneDrawing {
  const segments: DrawnSegment[] = [];
  const pointObjects: DrawnPointObject[] = [];
  const boxes: DrawnBox[] = [];
  scene.objects.forEach((object, index) => {
    const kind = object.kind;
    const xys = numbersOf((object as { xys?: unknown }).xys, 4);
    if (xys !== undefined) {
      segments.push({ kind, index, x0: xys[0]!, y0: xys[1]!, x1: xys[2]!, y1: xys[3]! });
      return;
    }
    const xy = numbersOf((object as { xy?: unknown }).xy, 2);
    if (xy !== undefined) {
      pointObjects.push({ kind, index, x: xy[0]!, y: xy[1]! });
      return;
    }
    const box = object.boundingBox().data;
    boxes.push({ kind, index, extent: { xmin: box[0]!, ymin: box[1]!, xmax: box[2]!, ymax: box[3]! } });
  });
  const named = (points: ReadonlyMap<string, Point>) =>
    [...points].map(([name, point]) => ({ name, x: point.xy.data[0]!, y: point.xy.data[1]! }));
  return { segments, pointObjects, boxes, transmitters: named(scene.transmitters), receivers: named(scene.receivers) };
}

/**
 * The extent of everything in a drawing (and of extra points), or undefined
 * when it is empty.
 *
 * @example
 * ```ts
 * drawingExtent(sceneDrawing(basicScene())); // { xmin: 0, xmax: 1, ymin: 0, ymax: 1 }
 * ```
 */
export function drawingExtent(drawing: SceneDrawing, extra: Iterable<readonly [number, number]> = []): DataExtent | undefined {
  const points: (readonly [number, number])[] = [...extra];
  for (const s of drawing.segments) points.push([s.x0, s.y0], [s.x1, s.y1]);
  for (const p of drawing.pointObjects) points.push([p.x, p.y]);
  for (const b of drawing.boxes) points.push([b.extent.xmin, b.extent.ymin], [b.extent.xmax, b.extent.ymax]);
  for (const p of [...drawing.transmitters, ...drawing.receivers]) points.push([p.x, p.y]);
  return extentOfPoints(points);
}

/**
 * Paths as plain numbers, checked.
 *
 * @param op - the calling function, for messages.
 * @throws Error naming the path and point that is not two finite numbers, or
 *   a path with fewer than two points.
 * @example
 * ```ts
 * drawnPaths('renderSceneSvg', [{ points: [[0, 0], [1, 1]], candidate: [] }])[0]!.order; // 0
 * ```
 */
export function drawnPaths(op: string, paths: readonly DrawablePath[]): DrawnPath[] {
  return paths.map((path, index) => {
    const where = `${op}: paths[${index}]`;
    if (path === null || typeof path !== 'object' || path.points === undefined || path.candidate === undefined) {
      throw new Error(`${where} must have points and candidate`);
    }
    const points: [number, number][] = [];
    for (let k = 0; k < path.points.length; k++) {
      const point = path.points[k]!;
      const x = point?.[0];
      const y = point?.[1];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
        throw new Error(`${where}.points[${k}] must be two finite numbers [x, y], got ${describePoint(point)}`);
      }
      points.push([x, y]);
    }
    if (points.length < 2) throw new Error(`${where} has ${points.length} point(s); a path needs at least TX and RX`);
    const candidate = Array.from(path.candidate, Number);
    return { index, order: candidate.length, candidate, points, tx: path.tx, rx: path.rx, validity: path.validity };
  });
}

function describePoint(point: unknown): string {
  if (point === null || point === undefined) return String(point);
  try {
    return JSON.stringify(Array.from(point as ArrayLike<unknown>));
  } catch {
    return String(point);
  }
}
