import { grad, sum, tensor, type Tensor } from '@differt2d/autodiff';
import { Point, RIS, Vertex, Wall, type Interactable } from '@differt2d/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicScene, Scene, type NamedPoints } from '../src/index.js';

type Xy = [number, number];

/** Everything a scene holds, as plain values (to check that a scene did not change). */
function snapshot(scene: Scene): unknown {
  const points = (map: ReadonlyMap<string, Point>) => [...map].map(([name, p]) => [name, p, [...p.xy.data]]);
  return {
    transmitters: points(scene.transmitters),
    receivers: points(scene.receivers),
    objects: scene.objects.map((object) => [object, object.kind, [...object.boundingBox().data]]),
  };
}

const xy = (p: Point): number[] => [...p.xy.data];
// (+ 0 turns -0 into 0: the bounding box's min does not tell them apart, Math.min does)
const coordinate = fc.double({ min: -10, max: 10, noNaN: true }).map((v) => v + 0);
const position = fc.tuple(coordinate, coordinate);
const name = fc.constantFrom('tx', 'rx', 'a', 'b', 'c', 'tx_0', 'my point', 'é');
const wall = fc
  .tuple(position, position)
  .filter(([p, q]) => p[0] !== q[0] || p[1] !== q[1])
  .map((xys) => new Wall(xys));
const object: fc.Arbitrary<Interactable> = fc.oneof(wall, position.map((p) => new Vertex(p)));
const namedPoints = fc.uniqueArray(fc.tuple(name, position), { selector: ([n]) => n, maxLength: 4 });
const scene = fc
  .record({ transmitters: namedPoints, receivers: namedPoints, objects: fc.array(object, { maxLength: 5 }) })
  .map((init) => new Scene(init));

describe('Scene: construction', () => {
  it('accepts records, entries and maps, keeping their order', () => {
    const fromRecord = new Scene({ transmitters: { b: [1, 2], a: [3, 4] } });
    const fromEntries = new Scene({ transmitters: [['b', [1, 2]], ['a', tensor([3, 4])]] });
    const fromMap = new Scene({ transmitters: new Map<string, Xy | Point>([['b', [1, 2]], ['a', new Point([3, 4])]]) });
    for (const s of [fromRecord, fromEntries, fromMap]) {
      expect([...s.transmitters.keys()]).toEqual(['b', 'a']);
      expect(xy(s.transmitter('a'))).toEqual([3, 4]);
      expect(s.receivers.size).toBe(0);
      expect(s.objects).toEqual([]);
    }
  });

  it('names points by role for later messages, and keeps a given Point as it is', () => {
    const point = new Point([0, 0], { name: 'mine' });
    const s = new Scene({ transmitters: { tx: [1, 1], 'my tx': [2, 2], given: point }, receivers: { rx: [0, 1] } });
    expect(s.transmitter('tx').name).toBe('transmitters.tx');
    expect(s.transmitter('my tx').name).toBe('transmitters["my tx"]');
    expect(s.transmitter('given')).toBe(point);
    expect(s.receiver('rx').name).toBe('receivers.rx');
  });

  it('keeps a differentiated tensor on the tape: the bounding box has gradients', () => {
    // the transmitter is the lower-left corner; the receiver the upper-right one
    const g = grad((tx: Tensor) => sum(new Scene({ transmitters: { tx }, receivers: { rx: [2, 3] }, objects: [new Wall([[0.5, 0.5], [1, 1]])] }).boundingBox()))(
      tensor([0, 0]),
    );
    expect(g.toArray()).toEqual([1, 1]);
  });

  it('computes the bounding box once outside a trace: copies handed out, derived scenes and traces get their own', () => {
    const s = new Scene({ transmitters: { tx: [0, 0] }, receivers: { rx: [2, 3] }, objects: [new Wall([[0.5, 0.5], [1, 1]])] });
    const first = s.boundingBox();
    first.data[0] = 99; // a caller scribbling on its copy
    expect(s.boundingBox().toArray()).toEqual([
      [0, 0],
      [2, 3],
    ]);
    expect(s.boundingBox()).not.toBe(s.boundingBox());
    // A scene derived from it has its own box, not the cached one.
    const moved = s.withTransmitter('tx', [-4, 1]).addObjects(new Vertex([5, 0]));
    expect(moved.boundingBox().toArray()).toEqual([
      [-4, 0],
      [5, 3],
    ]);
    // Inside a trace the box is computed on the tape, cached or not.
    const g = grad((tx: Tensor) => {
      const traced = s.withTransmitter('tx', tx);
      traced.boundingBox();
      return sum(traced.boundingBox()); // the second call is on the tape too
    })(tensor([0, 0]));
    expect(g.toArray()).toEqual([1, 1]);
  });

  it('rejects bad input with messages that say what and where', () => {
    expect(() => new Scene({ transmitters: [['tx', [0, 0]], ['tx', [1, 1]]] })).toThrow('Scene: duplicate transmitter name "tx"');
    expect(() => new Scene({ receivers: { rx: [0, NaN] } })).toThrow('Scene: receivers.rx: coordinate y is NaN');
    expect(() => new Scene({ receivers: { rx: [0, 1, 2] } })).toThrow('Scene: receivers.rx: xy (x, y) must have shape [2], got [3]');
    expect(() => new Scene({ transmitters: { '': [0, 0] } })).toThrow('Scene: a transmitter name must be a non-empty string, got ""');
    expect(() => new Scene({ transmitters: [['tx']] as never })).toThrow('Scene: transmitters[0] must be a [name, [x, y]] entry, got ["tx"]');
    expect(() => new Scene({ transmitters: 3 as never })).toThrow('Scene: transmitters must be a record');
    expect(() => new Scene({ objects: [new Wall([[0, 0], [1, 0]]), new Point([0, 0]) as never] })).toThrow(
      'Scene: objects[1] is not an Interactable (a wall, RIS, vertex or user type), got an instance of Point',
    );
    expect(() => new Scene({ objects: 3 as never })).toThrow('Scene: objects must be an iterable of Interactable objects, got 3');
  });

  it('freezes its objects array', () => {
    const s = basicScene();
    expect(Object.isFrozen(s.objects)).toBe(true);
    expect(() => (s.objects as Interactable[]).push(new Vertex([0, 0]))).toThrow();
  });
});

describe('Scene: transmitters and receivers', () => {
  const s = new Scene({ transmitters: { a: [0, 0], b: [1, 0], c: [2, 0] }, receivers: { rx: [5, 5] } });

  it('sets in place, adds last, renames in place and removes', () => {
    expect([...s.withTransmitter('b', [9, 9]).transmitters.keys()]).toEqual(['a', 'b', 'c']);
    expect(xy(s.withTransmitter('b', [9, 9]).transmitter('b'))).toEqual([9, 9]);
    expect([...s.withTransmitter('d', [9, 9]).transmitters.keys()]).toEqual(['a', 'b', 'c', 'd']);
    expect([...s.renameTransmitter('b', 'z').transmitters.keys()]).toEqual(['a', 'z', 'c']);
    expect(xy(s.renameTransmitter('b', 'z').transmitter('z'))).toEqual([1, 0]);
    expect(s.renameTransmitter('b', 'b').transmitters).toEqual(s.transmitters);
    expect([...s.withoutTransmitter('b').transmitters.keys()]).toEqual(['a', 'c']);
    expect([...s.updateTransmitters({ c: [7, 7], e: [8, 8], a: [6, 6] }).transmitters.keys()]).toEqual(['a', 'b', 'c', 'e']);
    expect(xy(s.updateTransmitters([['c', [7, 7]], ['c', [8, 8]]]).transmitter('c'))).toEqual([8, 8]); // the last wins
    expect([...s.withTransmitters({ y: [0, 0], x: [1, 1] }).transmitters.keys()]).toEqual(['y', 'x']);
    expect(() => s.withTransmitters([['y', [0, 0]], ['y', [1, 1]]])).toThrow('Scene.withTransmitters: duplicate transmitter name "y"');
  });

  it('does the same for receivers, without touching transmitters', () => {
    const t = s.withReceiver('rx2', [1, 1]).updateReceivers({ rx: [2, 2] }).renameReceiver('rx', 'ue').withoutReceiver('rx2');
    expect([...t.receivers.keys()]).toEqual(['ue']);
    expect(xy(t.receiver('ue'))).toEqual([2, 2]);
    expect(t.transmitters).toBe(s.transmitters);
    expect(s.withReceivers({}).receivers.size).toBe(0);
  });

  it('rejects unknown names, taken names and bad coordinates, naming the operation', () => {
    expect(() => s.transmitter('x')).toThrow('Scene.transmitter: unknown transmitter "x" (transmitters: "a", "b", "c")');
    expect(() => s.receiver('tx')).toThrow('Scene.receiver: unknown receiver "tx" (receivers: "rx")');
    expect(() => s.withoutReceiver('x')).toThrow('Scene.withoutReceiver: unknown receiver "x" (receivers: "rx")');
    expect(() => s.withoutReceiver('rx').withoutReceiver('rx')).toThrow('unknown receiver "rx" (receivers: (none))');
    expect(() => s.renameTransmitter('x', 'y')).toThrow('Scene.renameTransmitter: unknown transmitter "x"');
    expect(() => s.renameTransmitter('a', 'b')).toThrow('Scene.renameTransmitter: cannot rename "a" to "b": a transmitter of that name exists');
    expect(() => s.renameReceiver('rx', '')).toThrow('Scene.renameReceiver: a receiver name must be a non-empty string, got ""');
    expect(() => s.withTransmitter('a', [NaN, 0])).toThrow('Scene.withTransmitter: transmitters.a: coordinate x is NaN');
    expect(() => s.withReceiver('rx', [0, Infinity])).toThrow('Scene.withReceiver: receivers.rx: coordinate y is infinite (Infinity)');
    expect(() => s.updateTransmitters({ a: [0, 0], b: [NaN, 1] })).toThrow('Scene.updateTransmitters: transmitters.b: coordinate x is NaN');
    expect(() => s.withTransmitter(3 as never, [0, 0])).toThrow('Scene.withTransmitter: a transmitter name must be a non-empty string, got 3');
  });

  it('pairs every transmitter with every receiver, in order', () => {
    const t = s.withReceiver('rx2', [1, 1]);
    const pairs = t.pairs();
    expect(pairs.map(({ tx, rx }) => `${tx}->${rx}`)).toEqual(['a->rx', 'a->rx2', 'b->rx', 'b->rx2', 'c->rx', 'c->rx2']);
    expect(pairs[3]!.txPoint).toBe(t.transmitter('b'));
    expect(pairs[3]!.rxPoint).toBe(t.receiver('rx2'));
    expect(s.withoutReceiver('rx').pairs()).toEqual([]);
    fc.assert(fc.property(scene, (sc) => sc.pairs().length === sc.transmitters.size * sc.receivers.size));
  });

  it('finds the closest transmitter and receiver (the first on a tie), as a brute-force search does', () => {
    fc.assert(
      fc.property(scene, position, (sc, p) => {
        for (const [map, closest] of [
          [sc.transmitters, (q: Xy) => sc.closestTransmitter(q)],
          [sc.receivers, (q: Xy) => sc.closestReceiver(q)],
        ] as const) {
          if (map.size === 0) {
            expect(() => closest(p)).toThrow('the scene has no');
            continue;
          }
          const distances = [...map].map(([n, point]) => [n, Math.hypot(point.xy.data[0]! - p[0], point.xy.data[1]! - p[1])] as const);
          const best = Math.min(...distances.map(([, d]) => d));
          const found = closest(p);
          expect(found.distance).toBe(best);
          expect(found.name).toBe(distances.find(([, d]) => d === best)![0]);
          expect(found.point).toBe(map.get(found.name));
        }
      }),
    );
    const tie = new Scene({ receivers: { first: [0, 0], second: [2, 0] } });
    expect(tie.closestReceiver([1, 0]).name).toBe('first');
    expect(() => s.closestTransmitter([0, NaN])).toThrow('Scene.closestTransmitter: the position must be finite, got (0, NaN)');
    expect(() => s.closestTransmitter([0, 0, 0])).toThrow('Scene.closestTransmitter: the position must be [x, y], got a tensor of shape [3]');
    expect(() => new Scene().closestReceiver([0, 0])).toThrow('Scene.closestReceiver: the scene has no receivers');
  });
});

describe('Scene: objects', () => {
  const s = basicScene();
  const ris = new RIS([[0.5, 0.3], [0.5, 0.7]]);

  it('adds, replaces and filters objects, in order', () => {
    const added = s.addObjects(ris, new Vertex([0.3, 0.4]));
    expect(added.objects.length).toBe(9);
    expect(added.objects[7]).toBe(ris);
    expect(added.objects.slice(0, 7)).toEqual(s.objects);
    expect(s.withObjects([ris]).objects).toEqual([ris]);
    expect(s.withObjects(new Set([ris])).objects).toEqual([ris]);
    const filtered = s.filterObjects((_, index) => index !== 5);
    expect(filtered.objects.length).toBe(6);
    expect(filtered.objects).toEqual([...s.objects.slice(0, 5), s.objects[6]]);
    expect(s.filterObjects((o) => o.kind === 'vertex').objects).toEqual([]);
    expect(Object.isFrozen(filtered.objects) && Object.isFrozen(added.objects)).toBe(true);
  });

  it('rejects what is not an Interactable, naming the argument', () => {
    expect(() => s.addObjects(ris, { kind: 'door' } as never)).toThrow('Scene.addObjects: objects[1] is not an Interactable');
    expect(() => s.withObjects([null as never])).toThrow('Scene.withObjects: objects[0] is not an Interactable (a wall, RIS, vertex or user type), got null');
  });
});

describe('Scene: immutability', () => {
  type Operation = (s: Scene) => Scene;
  const anyName = (map: ReadonlyMap<string, Point>, index: number): string => [...map.keys()][index % Math.max(map.size, 1)] ?? 'missing';
  const operation: fc.Arbitrary<Operation> = fc.oneof(
    fc.tuple(name, position).map(([n, p]): Operation => (s) => s.withTransmitter(n, p)),
    fc.tuple(name, position).map(([n, p]): Operation => (s) => s.withReceiver(n, p)),
    namedPoints.map((points): Operation => (s) => s.updateTransmitters(points)),
    namedPoints.map((points): Operation => (s) => s.updateReceivers(points)),
    namedPoints.map((points): Operation => (s) => s.withTransmitters(points as NamedPoints)),
    namedPoints.map((points): Operation => (s) => s.withReceivers(points)),
    fc.tuple(fc.nat(), name).map(([i, n]): Operation => (s) => s.renameTransmitter(anyName(s.transmitters, i), n)),
    fc.tuple(fc.nat(), name).map(([i, n]): Operation => (s) => s.renameReceiver(anyName(s.receivers, i), n)),
    fc.nat().map((i): Operation => (s) => s.withoutTransmitter(anyName(s.transmitters, i))),
    fc.nat().map((i): Operation => (s) => s.withoutReceiver(anyName(s.receivers, i))),
    fc.array(object, { maxLength: 3 }).map((objects): Operation => (s) => s.addObjects(...objects)),
    fc.array(object, { maxLength: 3 }).map((objects): Operation => (s) => s.withObjects(objects)),
    fc.nat().map((k): Operation => (s) => s.filterObjects((_, index) => index % 3 !== k % 3)),
  );

  it('leaves the old scene as it was after every operation (even one that fails)', () => {
    fc.assert(
      fc.property(scene, fc.array(operation, { minLength: 1, maxLength: 8 }), (start, operations) => {
        let current = start;
        for (const op of operations) {
          const before = snapshot(current);
          let next: Scene | undefined;
          try {
            next = op(current);
          } catch (error) {
            expect((error as Error).message).toMatch(/^Scene\.\w+: /);
          }
          expect(snapshot(current)).toEqual(before);
          if (next !== undefined) {
            expect(next).not.toBe(current);
            expect(next).toBeInstanceOf(Scene);
            current = next;
          }
        }
      }),
    );
  });

  it('keeps a subclass and its own fields through every operation', () => {
    class TaggedScene extends Scene {
      readonly tag = 'mine';
      describe(): string {
        return `${this.tag}: ${this.objects.length} objects`;
      }
    }
    const tagged = new TaggedScene({ transmitters: { tx: [0, 0] } })
      .withReceiver('rx', [1, 1])
      .addObjects(new Wall([[0, 0], [1, 0]]))
      .renameTransmitter('tx', 'bs');
    expect(tagged).toBeInstanceOf(TaggedScene);
    expect(tagged.describe()).toBe('mine: 1 objects');
  });
});

describe('Scene: extent', () => {
  it('bounds transmitters, receivers and objects, as a brute-force search does', () => {
    fc.assert(
      fc.property(scene, (sc) => {
        const xs: number[] = [];
        const ys: number[] = [];
        for (const p of [...sc.transmitters.values(), ...sc.receivers.values()]) {
          xs.push(p.xy.data[0]!);
          ys.push(p.xy.data[1]!);
        }
        for (const o of sc.objects) {
          const coordinates = o instanceof Wall ? o.xys.data : (o as Vertex).xy.data;
          coordinates.forEach((v, i) => (i % 2 === 0 ? xs : ys).push(v));
        }
        if (xs.length === 0) {
          expect(() => sc.boundingBox()).toThrow('Scene.boundingBox: the scene is empty (no transmitter, receiver or object)');
          return;
        }
        const box = [
          [Math.min(...xs), Math.min(...ys)],
          [Math.max(...xs), Math.max(...ys)],
        ];
        expect(sc.boundingBox().toArray()).toEqual(box);
        expect(sc.location('SW').toArray()).toEqual(box[0]);
        expect(sc.location('NE').toArray()).toEqual(box[1]);
        expect(sc.location('NW').toArray()).toEqual([box[0]![0], box[1]![1]]);
        expect(sc.location('SE').toArray()).toEqual([box[1]![0], box[0]![1]]);
      }),
    );
  });

  it('gives the centre, the named locations and grids of its bounding box', () => {
    const s = new Scene({ transmitters: { tx: [-1, 0] }, receivers: { rx: [3, 1] }, objects: [new Vertex([0, 2])] });
    expect(s.boundingBox().toArray()).toEqual([
      [-1, 0],
      [3, 2],
    ]);
    expect(s.center().toArray()).toEqual([1, 1]);
    const locations = { N: [1, 2], E: [3, 1], S: [1, 0], W: [-1, 1], C: [1, 1], NE: [3, 2], NW: [-1, 2], SE: [3, 0], SW: [-1, 0] } as const;
    for (const [location, expected] of Object.entries(locations)) expect(s.location(location as never).toArray()).toEqual(expected);
    expect(() => s.location('X' as never)).toThrow('unknown location "X"');
    const grid = s.grid(5, 3);
    expect(grid.shape).toEqual([3, 5, 2]);
    expect(grid.toArray()).toEqual([0, 1, 2].map((j) => [-1, 0, 1, 2, 3].map((x) => [x, j])));
    expect(s.grid(2).shape).toEqual([2, 2, 2]);
    expect(basicScene().boundingBox().toArray()).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
});
