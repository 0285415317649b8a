/**
 * What can be dragged in the view: transmitters, receivers and the end
 * points of segment objects (walls, RIS); where each is and how moving it
 * changes the (immutable) scene.
 *
 * @module
 */
import { BUILTIN_CODECS, type Scene } from '@differt2d/scene';

/** A point `[x, y]` in metres. */
export type XY = readonly [number, number];

/**
 * A draggable thing: a named TX or RX, or end `end` (0: origin, 1: dest) of
 * object `index`.
 *
 * @example
 * ```ts
 * const tx: Handle = { kind: 'tx', name: 'tx' };
 * const wallEnd: Handle = { kind: 'end', index: 4, end: 1 };
 * ```
 */
export type Handle = { readonly kind: 'tx' | 'rx'; readonly name: string } | { readonly kind: 'end'; readonly index: number; readonly end: 0 | 1 };

/**
 * Whether two handles name the same thing.
 *
 * @example
 * ```ts
 * sameHandle({ kind: 'tx', name: 'tx' }, { kind: 'tx', name: 'tx' }); // true
 * ```
 */
export function sameHandle(a: Handle | null, b: Handle | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'end' || b.kind === 'end') return a.kind === 'end' && b.kind === 'end' && a.index === b.index && a.end === b.end;
  return a.kind === b.kind && a.name === b.name;
}

/** The end points of object `index`, if it is a segment (it has 2x2 `xys`). */
function segmentOf(scene: Scene, index: number): Float64Array | undefined {
  const xys = (scene.objects[index] as { xys?: { data?: unknown; shape?: readonly number[] } } | undefined)?.xys;
  return xys?.data instanceof Float64Array && xys.data.length === 4 ? xys.data : undefined;
}

/**
 * Every handle of a scene: transmitters, receivers, then the two ends of each
 * segment object that scene JSON can write (walls, RIS).
 *
 * @example
 * ```ts
 * sceneHandles(basicScene()).length; // 1 TX + 1 RX + 7 walls x 2 ends = 16
 * ```
 */
export function sceneHandles(scene: Scene): Handle[] {
  const handles: Handle[] = [];
  for (const name of scene.transmitters.keys()) handles.push({ kind: 'tx', name });
  for (const name of scene.receivers.keys()) handles.push({ kind: 'rx', name });
  scene.objects.forEach((object, index) => {
    if (segmentOf(scene, index) !== undefined && BUILTIN_CODECS.some((codec) => codec.matches(object))) {
      handles.push({ kind: 'end', index, end: 0 }, { kind: 'end', index, end: 1 });
    }
  });
  return handles;
}

/**
 * Where a handle is (metres), or null when the scene has no such thing.
 *
 * @example
 * ```ts
 * handlePosition(basicScene(), { kind: 'tx', name: 'tx' }); // [0.1, 0.1]
 * ```
 */
export function handlePosition(scene: Scene, handle: Handle): XY | null {
  if (handle.kind === 'end') {
    const xys = segmentOf(scene, handle.index);
    return xys === undefined ? null : [xys[2 * handle.end]!, xys[2 * handle.end + 1]!];
  }
  const points = handle.kind === 'tx' ? scene.transmitters : scene.receivers;
  const xy = points.get(handle.name)?.xy.data;
  return xy === undefined ? null : [xy[0]!, xy[1]!];
}

/** A segment object moved to new ends, through its scene JSON codec (so that a RIS keeps its angle and any other field). */
function movedSegment(scene: Scene, index: number, ends: number[][]) {
  const object = scene.objects[index]!;
  const codec = BUILTIN_CODECS.find((candidate) => candidate.matches(object));
  if (codec === undefined) throw new Error(`moveHandle: object ${index} (${object.kind}) has no movable end points`);
  return codec.read({ ...codec.write(object), type: codec.type, xys: ends }, { format: 'viewer', path: `objects[${index}]` });
}

/**
 * The scene with a handle moved to `xy`. A wall end moves together with
 * every other segment end at exactly the same place (a corner where walls
 * meet stays a corner). An end that would land on its segment's other end
 * (a zero-length wall) stays where it is.
 *
 * @throws Error naming the handle when the scene has no such thing.
 * @example
 * ```ts
 * const moved = moveHandle(basicScene(), { kind: 'tx', name: 'tx' }, [0.2, 0.1]);
 * moveHandle(basicScene(), { kind: 'end', index: 4, end: 1 }, [0.45, 0.5]); // walls 4 and 5 keep their shared corner
 * ```
 */
export function moveHandle(scene: Scene, handle: Handle, xy: XY): Scene {
  if (handle.kind !== 'end') return handle.kind === 'tx' ? scene.withTransmitter(handle.name, [xy[0], xy[1]]) : scene.withReceiver(handle.name, [xy[0], xy[1]]);
  const grabbed = segmentOf(scene, handle.index);
  if (grabbed === undefined) throw new Error(`moveHandle: object ${handle.index} has no movable end points`);
  const x0 = grabbed[2 * handle.end]!;
  const y0 = grabbed[2 * handle.end + 1]!;
  const objects = [...scene.objects];
  let changed = false;
  for (let index = 0; index < objects.length; index++) {
    const xys = segmentOf(scene, index);
    if (xys === undefined || (index !== handle.index && !BUILTIN_CODECS.some((codec) => codec.matches(objects[index]!)))) continue;
    const ends = [
      [xys[0]!, xys[1]!],
      [xys[2]!, xys[3]!],
    ];
    let moved = false;
    for (const end of [0, 1]) {
      const other = ends[1 - end]!;
      if (ends[end]![0] === x0 && ends[end]![1] === y0 && !(other[0] === xy[0] && other[1] === xy[1])) {
        ends[end] = [xy[0], xy[1]];
        moved = true;
      }
    }
    if (moved) {
      objects[index] = movedSegment(scene, index, ends);
      changed = true;
    }
  }
  return changed ? scene.withObjects(objects) : scene;
}

/**
 * A short name of a handle for the page: `TX tx`, `RX rx`, `wall 4, end 2`.
 *
 * @example
 * ```ts
 * handleLabel(basicScene(), { kind: 'end', index: 4, end: 1 }); // 'wall 4, end 2'
 * ```
 */
export function handleLabel(scene: Scene, handle: Handle): string {
  if (handle.kind !== 'end') return `${handle.kind.toUpperCase()} ${handle.name}`;
  const kind = scene.objects[handle.index]?.kind ?? 'object';
  return `${kind} ${handle.index}, end ${handle.end + 1}`;
}
