/**
 * The `Scene`: named transmitters and receivers, and the objects rays
 * interact with. Immutable: every change returns a new scene.
 *
 * @module
 */
import { activeTapeOrNull, max, min, stack, take, Tensor, type TensorLike } from '@differt2d/autodiff';
import { Extent, isInteractable, type Interactable, type Point } from '@differt2d/geometry';
import { describeValue } from './describe.js';
import {
  checkName,
  closestPoint,
  readNamedPoints,
  RECEIVER,
  requireName,
  toPoint,
  TRANSMITTER,
  type ClosestPoint,
  type NamedPoints,
  type PointLike,
  type Role,
} from './namedPoints.js';

/**
 * What a scene is made of; every part is optional (empty by default).
 *
 * @example
 * ```ts
 * const init: SceneInit = {
 *   transmitters: { tx: [0.1, 0.1] },
 *   receivers: { rx: [0.3, 0.2] },
 *   objects: [new Wall([[0, 0], [1, 0]])],
 * };
 * new Scene(init).objects.length; // 1
 * ```
 */
export interface SceneInit {
  /** Named transmitters, in order. */
  transmitters?: NamedPoints | undefined;
  /** Named receivers, in order. */
  receivers?: NamedPoints | undefined;
  /** The objects (walls, RIS, vertices, user types), in order: path candidates refer to them by index. */
  objects?: Iterable<Interactable> | undefined;
}

/**
 * A transmitter-receiver pair of a scene.
 *
 * @example
 * ```ts
 * const [pair]: TransmitterReceiverPair[] = basicScene().pairs();
 * pair.tx; // 'tx'
 * pair.rxPoint.xy.toArray(); // [0.302, 0.2147]
 * ```
 */
export interface TransmitterReceiverPair {
  /** The transmitter's name. */
  readonly tx: string;
  /** The receiver's name. */
  readonly rx: string;
  /** The transmitter. */
  readonly txPoint: Point;
  /** The receiver. */
  readonly rxPoint: Point;
}

/**
 * The parts of a scene, as stored (what `Scene.derive` replaces, for
 * subclasses that add operations of their own).
 *
 * @example
 * ```ts
 * class MyScene extends Scene {
 *   withoutObjects(): this {
 *     const parts: Partial<SceneParts> = { objects: [] };
 *     return this.derive(parts);
 *   }
 * }
 * ```
 */
export interface SceneParts {
  /** The transmitters, by name, in order. */
  readonly transmitters: ReadonlyMap<string, Point>;
  /** The receivers, by name, in order. */
  readonly receivers: ReadonlyMap<string, Point>;
  /** The objects, in order (frozen). */
  readonly objects: readonly Interactable[];
}

/** The role's map in a scene's parts, by the role's plural. */
type RoleKey = 'transmitters' | 'receivers';

/**
 * Bounding boxes of scenes computed outside any gradient trace. A WeakMap
 * rather than a field: a scene derived from another (`derive` copies the
 * fields) must not inherit its box.
 */
const constantBoxes = new WeakMap<Scene, Tensor>();

/**
 * A scene: transmitters and receivers (ordered maps from names to points)
 * and a list of objects (walls, RIS, vertices, user-defined `Interactable`s).
 *
 * Immutable: `withTransmitter`, `renameReceiver`, `addObjects` and the other
 * `with*` / `update*` / `rename*` / `without*` / `filterObjects` methods return
 * a new scene and leave this one as it was. Maps keep their order: a name
 * that is set again keeps its place, a new name goes last, a renamed point
 * keeps its place. Objects are kept in order, since path candidates refer to
 * them by index.
 *
 * Coordinates are Tensors: a scene built inside `grad` from a differentiated
 * tensor carries gradients (through `boundingBox`, `grid`... too).
 *
 * Subclasses keep their type and their own fields through every method
 * (new scenes are copies of this one with some parts replaced).
 *
 * @example
 * ```ts
 * import { Wall } from '@differt2d/geometry';
 * import { Scene } from '@differt2d/scene';
 *
 * const scene = new Scene({
 *   transmitters: { tx: [0.1, 0.1] },
 *   receivers: { rx: [0.9, 0.1] },
 *   objects: [new Wall([[0, 0], [1, 0]])],
 * });
 * const moved = scene.withReceiver('rx', [0.5, 0.5]).withTransmitter('tx2', [0.2, 0.9]);
 * scene.receiver('rx').xy.toArray(); // [0.9, 0.1]: unchanged
 * moved.pairs().map(({ tx, rx }) => `${tx}->${rx}`); // ['tx->rx', 'tx2->rx']
 * moved.location('NW').toArray(); // [0, 0.9]
 * scene.withTransmitter('tx', [NaN, 0]); // throws "Scene.withTransmitter: transmitters.tx: coordinate x is NaN"
 * ```
 */
export class Scene extends Extent {
  /** The transmitters, by name, in order. */
  readonly transmitters: ReadonlyMap<string, Point>;
  /** The receivers, by name, in order. */
  readonly receivers: ReadonlyMap<string, Point>;
  /** The objects, in order (a frozen array). */
  readonly objects: readonly Interactable[];

  /**
   * @param init - transmitters, receivers and objects; all optional.
   * @throws Error naming the entry for a bad or duplicate name, bad
   *   coordinates, or an object that is not an `Interactable`.
   */
  constructor(init: SceneInit = {}) {
    super();
    const op = 'Scene';
    this.transmitters = new Map(readNamedPoints(op, TRANSMITTER, init.transmitters ?? {}, true));
    this.receivers = new Map(readNamedPoints(op, RECEIVER, init.receivers ?? {}, true));
    this.objects = checkedObjects(op, init.objects ?? []);
  }

  /**
   * A copy of this scene (same class, same own fields) with some parts
   * replaced, unchecked: every method that returns a new scene goes through
   * it, so subclasses keep their class and their own fields. An `objects`
   * array is frozen here.
   *
   * @example
   * ```ts
   * // in a subclass
   * return this.derive({ objects: this.objects.slice(1) });
   * ```
   */
  protected derive(parts: Partial<SceneParts>): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    const objects = parts.objects === undefined ? {} : { objects: Object.isFrozen(parts.objects) ? parts.objects : Object.freeze([...parts.objects]) };
    return Object.assign(copy, this, parts, objects);
  }

  // --- transmitters and receivers -----------------------------------------

  /**
   * The transmitter of that name.
   *
   * @throws Error listing the transmitters when there is none of that name.
   * @example
   * ```ts
   * basicScene().transmitter('tx').xy.toArray(); // [0.1, 0.1]
   * ```
   */
  transmitter(name: string): Point {
    return this.namedPoint('Scene.transmitter', TRANSMITTER, name);
  }

  /**
   * The receiver of that name.
   *
   * @throws Error listing the receivers when there is none of that name.
   * @example
   * ```ts
   * basicScene().receiver('rx').xy.toArray(); // [0.302, 0.2147]
   * ```
   */
  receiver(name: string): Point {
    return this.namedPoint('Scene.receiver', RECEIVER, name);
  }

  /**
   * This scene with a transmitter set (moved if the name exists, keeping its
   * place; added last otherwise).
   *
   * @param xy - `[x, y]` (metres) or a `Point`.
   * @throws Error naming the transmitter for a bad name or coordinates.
   * @example
   * ```ts
   * basicScene().withTransmitter('tx', [0.5, 0.5]).transmitter('tx').xy.toArray(); // [0.5, 0.5]
   * ```
   */
  withTransmitter(name: string, xy: PointLike): this {
    return this.setPoint('Scene.withTransmitter', TRANSMITTER, name, xy);
  }

  /**
   * This scene with a receiver set (moved if the name exists, keeping its
   * place; added last otherwise).
   *
   * @param xy - `[x, y]` (metres) or a `Point`.
   * @throws Error naming the receiver for a bad name or coordinates.
   * @example
   * ```ts
   * basicScene().withReceiver('rx_1', [0.5, 0.1]).receivers.size; // 2
   * ```
   */
  withReceiver(name: string, xy: PointLike): this {
    return this.setPoint('Scene.withReceiver', RECEIVER, name, xy);
  }

  /**
   * This scene with all its transmitters replaced by these.
   *
   * @throws Error naming the entry for a bad or duplicate name or bad coordinates.
   * @example
   * ```ts
   * basicScene().withTransmitters({ a: [0.2, 0.2], b: [0.8, 0.8] }).transmitters.size; // 2
   * ```
   */
  withTransmitters(points: NamedPoints): this {
    return this.derive({ transmitters: new Map(readNamedPoints('Scene.withTransmitters', TRANSMITTER, points, true)) });
  }

  /**
   * This scene with all its receivers replaced by these.
   *
   * @throws Error naming the entry for a bad or duplicate name or bad coordinates.
   * @example
   * ```ts
   * basicScene().withReceivers({}).receivers.size; // 0
   * ```
   */
  withReceivers(points: NamedPoints): this {
    return this.derive({ receivers: new Map(readNamedPoints('Scene.withReceivers', RECEIVER, points, true)) });
  }

  /**
   * This scene with several transmitters set or added (as `withTransmitter`,
   * in order; the others are kept).
   *
   * @throws Error naming the entry for a bad name or bad coordinates.
   * @example
   * ```ts
   * basicScene().updateTransmitters({ tx: [0.2, 0.2], tx2: [0.9, 0.9] }).transmitters.size; // 2
   * ```
   */
  updateTransmitters(points: NamedPoints): this {
    return this.updatePoints('Scene.updateTransmitters', TRANSMITTER, points);
  }

  /**
   * This scene with several receivers set or added (as `withReceiver`, in
   * order; the others are kept).
   *
   * @throws Error naming the entry for a bad name or bad coordinates.
   * @example
   * ```ts
   * basicScene().updateReceivers([['rx_0', [0.3, 0.1]], ['rx_1', [0.5, 0.1]]]).receivers.size; // 3
   * ```
   */
  updateReceivers(points: NamedPoints): this {
    return this.updatePoints('Scene.updateReceivers', RECEIVER, points);
  }

  /**
   * This scene with a transmitter renamed (it keeps its place).
   *
   * @throws Error for an unknown old name, or a new name already taken.
   * @example
   * ```ts
   * [...basicScene().renameTransmitter('tx', 'bs').transmitters.keys()]; // ['bs']
   * ```
   */
  renameTransmitter(oldName: string, newName: string): this {
    return this.renamePoint('Scene.renameTransmitter', TRANSMITTER, oldName, newName);
  }

  /**
   * This scene with a receiver renamed (it keeps its place).
   *
   * @throws Error for an unknown old name, or a new name already taken.
   * @example
   * ```ts
   * [...basicScene().renameReceiver('rx', 'ue').receivers.keys()]; // ['ue']
   * ```
   */
  renameReceiver(oldName: string, newName: string): this {
    return this.renamePoint('Scene.renameReceiver', RECEIVER, oldName, newName);
  }

  /**
   * This scene without a transmitter.
   *
   * @throws Error listing the transmitters when there is none of that name.
   * @example
   * ```ts
   * basicScene().withoutTransmitter('tx').transmitters.size; // 0
   * ```
   */
  withoutTransmitter(name: string): this {
    return this.removePoint('Scene.withoutTransmitter', TRANSMITTER, name);
  }

  /**
   * This scene without a receiver.
   *
   * @throws Error listing the receivers when there is none of that name.
   * @example
   * ```ts
   * basicScene().withoutReceiver('rx').receivers.size; // 0
   * ```
   */
  withoutReceiver(name: string): this {
    return this.removePoint('Scene.withoutReceiver', RECEIVER, name);
  }

  /**
   * The transmitter nearest to a position (the first in order on a tie).
   *
   * @param xy - `[x, y]` (metres).
   * @throws Error when the scene has no transmitter or `xy` is not two finite numbers.
   * @example
   * ```ts
   * const scene = new Scene({ transmitters: { a: [0, 0], b: [1, 0] } });
   * scene.closestTransmitter([0.9, 0.1]).name; // 'b'
   * ```
   */
  closestTransmitter(xy: TensorLike): ClosestPoint {
    return closestPoint('Scene.closestTransmitter', TRANSMITTER, this.transmitters, xy);
  }

  /**
   * The receiver nearest to a position (the first in order on a tie).
   *
   * @param xy - `[x, y]` (metres).
   * @throws Error when the scene has no receiver or `xy` is not two finite numbers.
   * @example
   * ```ts
   * basicScene().closestReceiver([0.3, 0.2]).distance; // ~0.0148
   * ```
   */
  closestReceiver(xy: TensorLike): ClosestPoint {
    return closestPoint('Scene.closestReceiver', RECEIVER, this.receivers, xy);
  }

  /**
   * Every transmitter-receiver pair: for each transmitter in order, each
   * receiver in order.
   *
   * @example
   * ```ts
   * randomScene({ seed: 0, transmitters: 2, receivers: 2 }).pairs().map(({ tx, rx }) => `${tx}->${rx}`);
   * // ['tx_0->rx_0', 'tx_0->rx_1', 'tx_1->rx_0', 'tx_1->rx_1']
   * ```
   */
  pairs(): TransmitterReceiverPair[] {
    const pairs: TransmitterReceiverPair[] = [];
    for (const [tx, txPoint] of this.transmitters) {
      for (const [rx, rxPoint] of this.receivers) pairs.push({ tx, rx, txPoint, rxPoint });
    }
    return pairs;
  }

  // --- objects --------------------------------------------------------------

  /**
   * This scene with objects added after its own.
   *
   * @throws Error naming the argument that is not an `Interactable`.
   * @example
   * ```ts
   * squareScene().addObjects(new RIS([[0.5, 0.3], [0.5, 0.7]])).objects.length; // 5
   * ```
   */
  addObjects(...objects: Interactable[]): this {
    return this.derive({ objects: [...this.objects, ...checkedObjects('Scene.addObjects', objects)] });
  }

  /**
   * This scene with its objects replaced by these.
   *
   * @throws Error naming the entry that is not an `Interactable`.
   * @example
   * ```ts
   * basicScene().withObjects([]).objects.length; // 0
   * ```
   */
  withObjects(objects: Iterable<Interactable>): this {
    return this.derive({ objects: checkedObjects('Scene.withObjects', objects) });
  }

  /**
   * This scene with only the objects for which `predicate` is true (in order).
   *
   * @param predicate - called with each object and its index.
   * @example
   * ```ts
   * // the vertex diffraction example: remove the wall (0.4, 0.4)-(0.3, 0.4)
   * basicScene().filterObjects((_, index) => index !== 5).objects.length; // 6
   * ```
   */
  filterObjects(predicate: (object: Interactable, index: number) => boolean): this {
    return this.derive({ objects: this.objects.filter((object, index) => predicate(object, index)) });
  }

  // --- extent -------------------------------------------------------------

  /**
   * The bounding box `[[xmin, ymin], [xmax, ymax]]` of the transmitters,
   * receivers and objects; `center()`, `location(name)` and `grid(nx, ny)`
   * derive from it.
   *
   * @returns a tensor `[2, 2]` (metres), differentiable w.r.t. the coordinates.
   * @throws Error when the scene is empty.
   * @example
   * ```ts
   * basicScene().boundingBox().toArray(); // [[0, 0], [1, 1]]
   * basicScene().grid(300).shape; // [300, 300, 2]
   * basicScene().location('NW').toArray(); // [0, 1]
   * ```
   */
  boundingBox(): Tensor {
    // Outside a gradient trace the box is a constant of this immutable
    // scene: computed once (a city of 2,000 walls takes ~8 ms), a copy handed out.
    const traced = activeTapeOrNull() !== null;
    const known = traced ? undefined : constantBoxes.get(this);
    if (known !== undefined) return new Tensor(known.data.slice(), [2, 2]);
    const box = this.computeBoundingBox();
    if (!traced) constantBoxes.set(this, new Tensor(box.data.slice(), [2, 2]));
    return box;
  }

  private computeBoundingBox(): Tensor {
    const boxes: Tensor[] = [];
    for (const point of this.transmitters.values()) boxes.push(point.boundingBox());
    for (const point of this.receivers.values()) boxes.push(point.boundingBox());
    for (const object of this.objects) boxes.push(object.boundingBox());
    if (boxes.length === 0) throw new Error('Scene.boundingBox: the scene is empty (no transmitter, receiver or object)');
    const all = stack(boxes); // [n, 2, 2]
    return stack([take(min(all, 0), 0), take(max(all, 0), 1)]);
  }

  // --- shared by both roles -------------------------------------------------

  private static key(role: Role): RoleKey {
    return role === TRANSMITTER ? 'transmitters' : 'receivers';
  }

  private namedPoint(op: string, role: Role, name: string): Point {
    const points = this[Scene.key(role)];
    requireName(op, role, points, name);
    return points.get(name)!;
  }

  private setPoint(op: string, role: Role, name: string, xy: PointLike): this {
    checkName(op, role, name);
    const points = new Map(this[Scene.key(role)]);
    points.set(name, toPoint(op, role, name, xy));
    return this.derive({ [Scene.key(role)]: points });
  }

  private updatePoints(op: string, role: Role, update: NamedPoints): this {
    const points = new Map(this[Scene.key(role)]);
    for (const [name, point] of readNamedPoints(op, role, update, false)) points.set(name, point);
    return this.derive({ [Scene.key(role)]: points });
  }

  private renamePoint(op: string, role: Role, oldName: string, newName: string): this {
    const current = this[Scene.key(role)];
    requireName(op, role, current, oldName);
    checkName(op, role, newName);
    if (newName !== oldName && current.has(newName)) {
      throw new Error(`${op}: cannot rename ${JSON.stringify(oldName)} to ${JSON.stringify(newName)}: a ${role.singular} of that name exists`);
    }
    const points = new Map<string, Point>();
    for (const [name, point] of current) points.set(name === oldName ? newName : name, point);
    return this.derive({ [Scene.key(role)]: points });
  }

  private removePoint(op: string, role: Role, name: string): this {
    const current = this[Scene.key(role)];
    requireName(op, role, current, name);
    const points = new Map(current);
    points.delete(name);
    return this.derive({ [Scene.key(role)]: points });
  }
}

/** The objects as a frozen array, each checked to be an `Interactable`. */
function checkedObjects(op: string, objects: Iterable<Interactable>): readonly Interactable[] {
  if (objects === null || typeof objects !== 'object' || !(Symbol.iterator in objects)) {
    throw new Error(`${op}: objects must be an iterable of Interactable objects, got ${describeValue(objects)}`);
  }
  const list = [...objects];
  list.forEach((object, index) => {
    if (!isInteractable(object)) {
      throw new Error(`${op}: objects[${index}] is not an Interactable (a wall, RIS, vertex or user type), got ${describeValue(object)}`);
    }
  });
  return Object.freeze(list);
}
