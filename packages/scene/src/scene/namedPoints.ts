/**
 * Ordered maps from names to points: the transmitters and the receivers of a
 * scene. The helpers here check names and coordinates with messages that say
 * which operation, which role and which name.
 *
 * @module
 */
import { asTensor, type TensorLike } from '@differt2d/autodiff';
import { Point } from '@differt2d/geometry';
import { describeValue, memberPath, quotedList } from './describe.js';

/**
 * Where a point may be given: a `Point` (kept as it is, subclasses included),
 * or its coordinates `[x, y]` (metres) as numbers, a Float64Array or a
 * Tensor (kept on the tape, so a scene built inside `grad` carries gradients).
 *
 * @example
 * ```ts
 * const a: PointLike = [0.1, 0.2];
 * const b: PointLike = new Point([0.1, 0.2]);
 * new Scene({ transmitters: { a, b } }).transmitters.size; // 2
 * ```
 */
export type PointLike = Point | TensorLike;

/**
 * Named points, in order: a record `{ name: xy }` (insertion order), a `Map`,
 * or any iterable of `[name, xy]` entries.
 *
 * @example
 * ```ts
 * const asRecord: NamedPoints = { tx: [0.1, 0.1] };
 * const asEntries: NamedPoints = [['rx_0', [0.3, 0.1]], ['rx_1', [0.5, 0.1]]];
 * new Scene({ transmitters: asRecord, receivers: asEntries }).receivers.size; // 2
 * ```
 */
export type NamedPoints = Readonly<Record<string, PointLike>> | Iterable<readonly [string, PointLike]>;

/**
 * The two roles of named points in a scene, as they appear in messages.
 *
 * @example
 * ```ts
 * TRANSMITTER.plural; // 'transmitters'
 * ```
 * @internal
 */
export interface Role {
  /** `transmitter` or `receiver`. */
  readonly singular: string;
  /** `transmitters` or `receivers`: also the start of each point's name. */
  readonly plural: string;
}

/**
 * The transmitters' role.
 *
 * @example
 * ```ts
 * TRANSMITTER.singular; // 'transmitter'
 * ```
 * @internal
 */
export const TRANSMITTER: Role = Object.freeze({ singular: 'transmitter', plural: 'transmitters' });

/**
 * The receivers' role.
 *
 * @example
 * ```ts
 * RECEIVER.singular; // 'receiver'
 * ```
 * @internal
 */
export const RECEIVER: Role = Object.freeze({ singular: 'receiver', plural: 'receivers' });

/**
 * The point nearest to a position, with its name and distance.
 *
 * @example
 * ```ts
 * const scene = new Scene({ transmitters: { a: [0, 0], b: [1, 0] } });
 * const { name, distance }: ClosestPoint = scene.closestTransmitter([0.9, 0]);
 * // name 'b', distance ~0.1
 * ```
 */
export interface ClosestPoint {
  /** The point's name in the scene. */
  readonly name: string;
  /** The point. */
  readonly point: Point;
  /** The Euclidean distance to the position asked about (metres). */
  readonly distance: number;
}

/**
 * Check a name: a non-empty string.
 *
 * @throws Error `op: a transmitter name must be a non-empty string, got 3`.
 * @example
 * ```ts
 * checkName('Scene.withTransmitter', TRANSMITTER, 'tx'); // ok
 * ```
 * @internal
 */
export function checkName(op: string, role: Role, name: unknown): asserts name is string {
  if (typeof name !== 'string' || name === '') {
    throw new Error(`${op}: a ${role.singular} name must be a non-empty string, got ${describeValue(name)}`);
  }
}

/**
 * A point from a `PointLike`: a `Point` as it is, coordinates checked and
 * named `transmitters.tx` (for the point's own later messages).
 *
 * @throws Error `op: transmitters.tx: coordinate y is NaN` and the like.
 * @example
 * ```ts
 * toPoint('Scene.withTransmitter', TRANSMITTER, 'tx', [0.1, 0.2]).name; // 'transmitters.tx'
 * ```
 * @internal
 */
export function toPoint(op: string, role: Role, name: string, value: PointLike): Point {
  if (value instanceof Point) return value;
  try {
    return new Point(value, { name: memberPath(role.plural, name) });
  } catch (error) {
    throw new Error(`${op}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Checked `[name, point]` entries from any `NamedPoints`, in order.
 *
 * @param unique - whether a name given twice is an error (it is when
 *   building a new set of points; an update may set a name twice, the last wins).
 * @throws Error naming the operation and the entry for a bad name, bad
 *   coordinates or (with `unique`) a duplicate name.
 * @example
 * ```ts
 * readNamedPoints('Scene', TRANSMITTER, { tx: [0, 0] }, true); // [['tx', Point]]
 * ```
 * @internal
 */
export function readNamedPoints(op: string, role: Role, points: NamedPoints, unique: boolean): [string, Point][] {
  if (points === null || typeof points !== 'object') {
    throw new Error(`${op}: ${role.plural} must be a record { name: [x, y] } or [name, [x, y]] entries, got ${describeValue(points)}`);
  }
  const entries: [unknown, unknown][] = [];
  if (Symbol.iterator in points) {
    let index = 0;
    for (const entry of points as Iterable<unknown>) {
      if (!Array.isArray(entry) || entry.length !== 2) {
        throw new Error(`${op}: ${role.plural}[${index}] must be a [name, [x, y]] entry, got ${describeValue(entry)}`);
      }
      entries.push([entry[0], entry[1]]);
      index++;
    }
  } else {
    entries.push(...Object.entries(points));
  }
  const seen = new Set<string>();
  return entries.map(([name, value]) => {
    checkName(op, role, name);
    if (unique && seen.has(name)) throw new Error(`${op}: duplicate ${role.singular} name ${JSON.stringify(name)}`);
    seen.add(name);
    return [name, toPoint(op, role, name, value as PointLike)];
  });
}

/**
 * Check that a name is in the map.
 *
 * @throws Error `op: unknown transmitter "tx3" (transmitters: "tx", "tx2")`.
 * @example
 * ```ts
 * requireName('Scene.transmitter', TRANSMITTER, scene.transmitters, 'tx'); // ok
 * ```
 * @internal
 */
export function requireName(op: string, role: Role, points: ReadonlyMap<string, Point>, name: unknown): asserts name is string {
  checkName(op, role, name);
  if (!points.has(name)) {
    throw new Error(`${op}: unknown ${role.singular} ${JSON.stringify(name)} (${role.plural}: ${quotedList(points.keys())})`);
  }
}

/**
 * The point nearest to `xy` (the first one on a tie).
 *
 * @throws Error naming the operation when there is no point, or when `xy`
 *   is not two finite numbers.
 * @example
 * ```ts
 * closestPoint('Scene.closestTransmitter', TRANSMITTER, scene.transmitters, [0, 0]).name;
 * ```
 * @internal
 */
export function closestPoint(op: string, role: Role, points: ReadonlyMap<string, Point>, xy: TensorLike): ClosestPoint {
  const position = asTensor(xy, op);
  if (position.size !== 2 || position.shape.length !== 1) {
    throw new Error(`${op}: the position must be [x, y], got a tensor of shape [${position.shape.join(', ')}]`);
  }
  const [x, y] = position.data as unknown as [number, number];
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`${op}: the position must be finite, got (${x}, ${y})`);
  let best: ClosestPoint | undefined;
  for (const [name, point] of points) {
    const distance = Math.hypot(point.xy.data[0]! - x, point.xy.data[1]! - y);
    if (best === undefined || distance < best.distance) best = { name, point, distance };
  }
  if (best === undefined) throw new Error(`${op}: the scene has no ${role.plural}`);
  return best;
}
