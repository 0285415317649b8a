import { grad, norm, sum, Tensor, tensor, zeros } from '@differt2d/autodiff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrue } from '../src/logic/index.js';
import {
  centerOf,
  gridOver,
  isInteractable,
  LOCATIONS,
  locationOf,
  Point,
  Ray,
  RIS,
  Vertex,
  Wall,
  type Interactable,
  type LocationName,
} from '../src/objects/index.js';
import { BASIC_WALLS } from '../../../test-support/basicScene.js';
import { distance, pointArb, wallEndsArb } from '../../../test-support/generators.js';

type Xy = [number, number];

function expectClose(actual: Tensor | number, expected: number | readonly unknown[], digits = 12): void {
  const flatActual = typeof actual === 'number' ? [actual] : Array.from(actual.data);
  const flatExpected = (typeof expected === 'number' ? [expected] : (expected.flat(Infinity) as number[])) as number[];
  expect(flatActual.length).toBe(flatExpected.length);
  flatActual.forEach((v, i) => expect(v).toBeCloseTo(flatExpected[i]!, digits));
}

function expectAllFinite(...tensors: Tensor[]): void {
  for (const t of tensors) for (const v of t.data) expect(Number.isFinite(v), `value ${v} in ${t.toString()}`).toBe(true);
}

describe('construction', () => {
  it('accepts numbers, nested arrays, Float64Arrays and Tensors, keeping a Tensor as it is', () => {
    const xys = tensor([[0, 0], [1, 0]]);
    expect(new Wall(xys).xys).toBe(xys);
    expect(new Wall([[0, 0], [1, 0]]).xys.toArray()).toEqual([[0, 0], [1, 0]]);
    const data = Float64Array.of(0.1, 0.2);
    const p = new Point(data);
    data[0] = 5; // the point owns a copy
    expect(p.xy.toArray()).toEqual([0.1, 0.2]);
    expect(new Vertex([0.3, 0.4]).xy.toArray()).toEqual([0.3, 0.4]);
  });
  it('derives origin, dest, direction and length', () => {
    const ray = new Ray([[1, 1], [4, 5]]);
    expect(ray.origin.toArray()).toEqual([1, 1]);
    expect(ray.dest.toArray()).toEqual([4, 5]);
    expect(ray.direction.toArray()).toEqual([3, 4]);
    expect(ray.length().item()).toBe(5);
  });
  it('names the value and why in errors, with the class or the given name first', () => {
    expect(() => new Wall([[0.4, 0.4], [0.4, 0.4]])).toThrow('Wall: zero-length wall at (0.4, 0.4)');
    expect(() => new Wall([[0.4, 0.4], [0.4, 0.4]], { name: 'walls[3]' })).toThrow(/^walls\[3\]: zero-length wall at \(0\.4, 0\.4\)$/);
    expect(() => new RIS([[1, 2], [1, 2]])).toThrow('RIS: zero-length wall at (1, 2)');
    expect(() => new Point([0, NaN])).toThrow('Point: coordinate y is NaN');
    expect(() => new Point([Infinity, 0], { name: 'tx' })).toThrow('tx: coordinate x is infinite (Infinity)');
    expect(() => new Wall([[0, 0], [NaN, 1]])).toThrow('Wall: coordinate dest.x is NaN');
    expect(() => new Ray([[0, -Infinity], [0, 1]])).toThrow('Ray: coordinate origin.y is infinite (-Infinity)');
    expect(() => new Vertex([0, 0, 0])).toThrow('Vertex: xy (x, y) must have shape [2], got [3]');
    expect(() => new Wall([0, 0, 1, 1])).toThrow('Wall: xys ([origin, dest]) must have shape [2, 2], got [4]');
    expect(() => new Wall([[0, 0], [1]], { name: 'walls[0]' })).toThrow('walls[0]: ragged nested array');
    expect(() => new RIS([[0, 0], [1, 0]], { phi: NaN })).toThrow('RIS: phi is NaN');
    expect(() => new RIS([[0, 0], [1, 0]], { phi: [1, 2], name: 'ris' })).toThrow('ris: phi must be a single number, got shape [2]');
    expect(() => new Wall([[0, 0], [1, 0]]).rotate(NaN)).toThrow('Wall.rotate: angle is NaN');
  });
  it('rejects bad method inputs, naming the method, the argument and its shape', () => {
    const wall = new Wall([[0, 0], [1, 0]], { name: 'walls[1]' });
    expect(() => wall.image([1, 2, 3])).toThrow('walls[1].image: point must have shape [..., 2], got [3]');
    expect(() => new Wall([[0, 0], [1, 0]]).parametricToCartesian([0.5, 0.5])).toThrow('Wall.parametricToCartesian: s must have shape [..., 1], got [2]');
    expect(() => wall.intersects([0, 0], [1, 1], { tolerance: NaN })).toThrow('walls[1].intersects: tolerance must be a finite number, got NaN');
    expect(() => wall.intersects([0, 0], [1, 1], { patch: -0.5 })).toThrow('patch must be a finite number above -0.5, got -0.5');
    expect(() => wall.intersects([[0, 0], [1, 1]], [[0, 0], [1, 1], [2, 2]])).toThrow('walls[1].intersects: cannot broadcast');
    expect(() => new Vertex([0, 0]).contains([0.5])).toThrow('Vertex.contains: s must have shape [..., 0], got [1]');
  });
});

describe('walls: known facts', () => {
  it('images (0, 1) through (0,0)-(1,0) to (0, -1)', () => {
    expect(new Wall([[0, 0], [1, 0]]).image([0, 1]).toArray()).toEqual([0, -1]);
  });
  it('orients each basic-scene wall normal as normalize((t.y, -t.x))', () => {
    const expected: Xy[] = [[0, -1], [1, 0], [0, 1], [-1, 0], [1, 0], [0, 1], [0, 1]];
    BASIC_WALLS.forEach((xys, k) => expectClose(new Wall(xys).normal(), expected[k]!, 15));
  });
  it('gives a unit normal orthogonal to the wall, on the right of t (property)', () => {
    fc.assert(
      fc.property(wallEndsArb, (xys) => {
        const wall = new Wall(xys);
        const [nx, ny] = wall.normal().data as unknown as [number, number];
        const [tx, ty] = wall.direction.data as unknown as [number, number];
        expect(Math.hypot(nx, ny)).toBeCloseTo(1, 14);
        expect(nx * tx + ny * ty).toBeCloseTo(0, 14);
        expect(tx * ny - ty * nx).toBeLessThan(0); // clockwise from t
      }),
    );
  });
  it('images are mirror images: an involution, same distance to the wall, other side (property)', () => {
    fc.assert(
      fc.property(wallEndsArb, pointArb, fc.double({ min: -0.5, max: 1.5, noNaN: true }), (xys, p, s) => {
        const wall = new Wall(xys);
        const image = wall.image(p);
        expectClose(wall.image(image), p, 12);
        const onLine = wall.parametricToCartesian([s]);
        expect(norm(tensor([image.data[0]! - onLine.data[0]!, image.data[1]! - onLine.data[1]!])).item()).toBeCloseTo(distance(p, onLine.data), 12);
        const side = (q: ArrayLike<number>): number => (q[0]! - xys[0][0]) * wall.normal().data[0]! + (q[1]! - xys[0][1]) * wall.normal().data[1]!;
        expect(side(image.data)).toBeCloseTo(-side(p), 12);
      }),
    );
  });
  it('maps parametric coordinates to points and back (property)', () => {
    fc.assert(
      fc.property(wallEndsArb, fc.double({ min: -2, max: 2, noNaN: true }), (xys, s) => {
        const wall = new Wall(xys);
        expect(wall.cartesianToParametric(wall.parametricToCartesian([s])).item()).toBeCloseTo(s, 12);
      }),
    );
    const wall = new Wall([[0, 0], [2, 0]]);
    expect(wall.parametricToCartesian([[0], [0.5], [1]]).toArray()).toEqual([[0, 0], [1, 0], [2, 0]]);
    expect(wall.cartesianToParametric([[1, 7], [-2, -1]]).toArray()).toEqual([[0.5], [-1]]);
  });
  it('contains 0 <= s <= 1, ends included', () => {
    const wall = new Wall([[0, 0], [1, 0]]);
    expect(wall.contains([[-1e-9], [0], [0.5], [1], [1 + 1e-9]]).toArray()).toEqual([0, 1, 1, 1, 0]);
    expect(wall.contains([0.5], { approx: true }).item()).toBe(1);
    expect(wall.contains([0], { approx: true }).item()).toBe(0.5);
  });
  it('has zero loss for a specular reflection: the image-method point (property)', () => {
    fc.assert(
      fc.property(wallEndsArb, pointArb, pointArb, (xys, a, c) => {
        const wall = new Wall(xys);
        const n = wall.normal().data;
        const side = (q: readonly number[]): number => (q[0]! - xys[0][0]) * n[0]! + (q[1]! - xys[0][1]) * n[1]!;
        fc.pre(side(a) > 0.05 && side(c) > 0.05);
        // the reflection point is where the segment image(a) -> c crosses the wall's line
        const image = wall.image(a).data;
        const along = side(c) / (side(c) - -side(a));
        const b = [c[0] + (image[0]! - c[0]) * along, c[1] + (image[1]! - c[1]) * along];
        expect(wall.interactionLoss(a, b, c).item()).toBeLessThan(1e-20);
        // any other outgoing direction costs something
        expect(wall.interactionLoss(a, b, [c[0] + 0.1 * (c[1] - b[1]!), c[1] - 0.1 * (c[0] - b[0]!)]).item()).toBeGreaterThan(1e-6);
      }),
    );
    const wall = new Wall([[0, 0], [1, 0]]);
    expect(wall.interactionLoss([0, 1], [0.5, 0], [1, 1]).item()).toBe(0);
    expectClose(wall.interactionLoss([0, 1], [0.5, 0], [0, 1]), 0.8, 14);
    expect(wall.interactionLoss([0, 1], [0, 0], [0, 1]).item()).toBe(0);
  });
  it('rotates and translates, keeping the class and the name', () => {
    const wall = new Wall([[0, 0], [2, 0]], { name: 'w' });
    const turned = wall.rotate(Math.PI / 2);
    expect(turned).toBeInstanceOf(Wall);
    expect(turned.name).toBe('w');
    expectClose(turned.xys, [[1, -1], [1, 1]], 14);
    expectClose(wall.rotate(Math.PI, [0, 0]).xys, [[0, 0], [-2, 0]], 14);
    expect(wall.translate([1, 2]).xys.toArray()).toEqual([[1, 2], [3, 2]]);
    fc.assert(
      fc.property(wallEndsArb, fc.double({ min: -7, max: 7, noNaN: true }), pointArb, (xys, angle, center) => {
        const wall = new Wall(xys);
        const turned = wall.rotate(angle, center);
        expect(turned.length().item()).toBeCloseTo(wall.length().item(), 12);
        expectClose(turned.rotate(-angle, center).xys, xys, 12);
      }),
    );
  });
  it('gives its ends as vertices', () => {
    const [first, second] = new Wall([[0.4, 0.4], [0.3, 0.4]], { name: 'walls[5]' }).vertices();
    expect(first).toBeInstanceOf(Vertex);
    expect(first.xy.toArray()).toEqual([0.4, 0.4]);
    expect(second.xy.toArray()).toEqual([0.3, 0.4]);
    expect(second.name).toBe('walls[5].vertices[1]');
    expect(new Wall([[0, 0], [1, 0]]).vertices()[0].name).toBeUndefined();
  });
});

describe('walls: intersections', () => {
  const wall = new Wall([[0, 0], [1, 0]]);
  /** A vertical segment through the wall's line at x, its own parametric coordinate of the crossing in the middle. */
  const atWall = (x: number): [Xy, Xy] => [[x, 1], [x, -1]];
  /** A vertical segment at x = 0.5 whose own parametric coordinate of the crossing is u. */
  const atSegment = (u: number): [Xy, Xy] => [[0.5, -u], [0.5, 1 - u]];

  it('accepts a crossing at wall coordinate 1.004 and -0.004, not 1.006 or -0.006 (tolerance 0.005)', () => {
    expect(wall.intersects(...atWall(0.5)).item()).toBe(1);
    expect(wall.intersects(...atWall(1.004)).item()).toBe(1);
    expect(wall.intersects(...atWall(1.006)).item()).toBe(0);
    expect(wall.intersects(...atWall(-0.004)).item()).toBe(1);
    expect(wall.intersects(...atWall(-0.006)).item()).toBe(0);
  });
  it('accepts a crossing at segment coordinate 1.004 and -0.004, not 1.006 or -0.006', () => {
    expect(wall.intersects(...atSegment(1.004)).item()).toBe(1);
    expect(wall.intersects(...atSegment(1.006)).item()).toBe(0);
    expect(wall.intersects(...atSegment(-0.004)).item()).toBe(1);
    expect(wall.intersects(...atSegment(-0.006)).item()).toBe(0);
  });
  it('agrees under approximation once read with isTrue', () => {
    const options = { approx: true };
    for (const [x, expected] of [[1.004, 1], [1.006, 0], [-0.004, 1], [-0.006, 0]] as const) {
      expect(isTrue(wall.intersects(...atWall(x), options), options).item()).toBe(expected);
      expect(isTrue(wall.intersects(...atSegment(x), options), options).item()).toBe(expected);
    }
  });
  it('follows the tolerance and patch options', () => {
    expect(wall.intersects(...atWall(1.004), { tolerance: 0 }).item()).toBe(0);
    expect(wall.intersects(...atWall(1.05), { tolerance: 0.1 }).item()).toBe(1);
    // patch 0.01 extends the wall to [-0.01, 1.01]; -0.01 shrinks it to [0.01, 0.99]
    expect(wall.intersects(...atWall(1.012), { patch: 0.01 }).item()).toBe(1);
    // (the tolerance is a fraction of the patched length, 0.98)
    expect(wall.intersects(...atWall(0.994), { patch: -0.01 }).item()).toBe(1);
    expect(wall.intersects(...atWall(0.996), { patch: -0.01 }).item()).toBe(0);
  });
  it('never intersects a parallel segment, collinear or zero-length ones included', () => {
    expect(wall.intersects([0, 1], [1, 1]).item()).toBe(0);
    expect(wall.intersects([0.2, 0], [0.8, 0]).item()).toBe(0);
    expect(wall.intersects([-1, 0], [3, 0], { approx: true }).item()).toBe(0);
    expect(wall.intersects([0.5, 0], [0.5, 0]).item()).toBe(0);
    expect(new Wall([[0, 0], [0.25, 0.5]]).intersects([1, 1], [1.5, 2]).item()).toBe(0);
  });
  it('agrees with a plain-number segment test (property)', () => {
    fc.assert(
      fc.property(wallEndsArb, pointArb, pointArb, (xys, p, q) => {
        const [[ax, ay], [bx, by]] = xys;
        const [dx, dy, tx, ty, wx, wy] = [q[0] - p[0], q[1] - p[1], bx - ax, by - ay, ax - p[0], ay - p[1]];
        const denominator = dx * ty - dy * tx;
        fc.pre(Math.abs(denominator) > 1e-6);
        const u = (wx * ty - wy * tx) / denominator;
        const v = (wx * dy - wy * dx) / denominator;
        const margin = (x: number): number => Math.min(Math.abs(x + 0.005), Math.abs(x - 1.005));
        fc.pre(margin(u) > 1e-9 && margin(v) > 1e-9);
        const expected = u >= -0.005 && u <= 1.005 && v >= -0.005 && v <= 1.005 ? 1 : 0;
        expect(new Wall(xys).intersects(p, q).item()).toBe(expected);
        // far from every bound the smoothed test is exactly the hard one (hard sigmoid, |x| >= 3 / alpha)
        if (Math.min(margin(u), margin(v)) * 100 >= 3) expect(new Wall(xys).intersects(p, q, { approx: true }).item()).toBe(expected);
      }),
    );
  });
  it('broadcasts segments over batch axes', () => {
    const p = tensor([[[0.5, 1], [0.5, 2]], [[2, 1], [0.2, -1]]]); // [2, 2, 2]
    const q = tensor([0.5, -1]); // [2]
    const batch = wall.intersects(p, q);
    expect(batch.shape).toEqual([2, 2]);
    expect(batch.toArray()).toEqual([[1, 1], [0, 0]]);
  });
});

describe('degenerate inputs give finite values and finite gradients', () => {
  const xys = tensor([[0, 0], [1, 0]]);
  const gradients = (f: (a: Tensor, b: Tensor, c: Tensor, w: Tensor) => Tensor, a: Xy, b: Xy, c: Xy): Tensor[] =>
    grad((...args: Tensor[]) => sum(f(args[0]!, args[1]!, args[2]!, args[3]!)), { argnums: [0, 1, 2, 3] })(
      tensor(a),
      tensor(b),
      tensor(c),
      xys,
    ) as Tensor[];

  it('a point exactly on the wall (image, loss)', () => {
    const wall = new Wall(xys);
    expect(wall.image([0.5, 0]).toArray()).toEqual([0.5, 0]);
    expectAllFinite(...gradients((a, _b, _c, w) => new Wall(w).image(a), [0.5, 0], [0, 0], [0, 0]));
    expectAllFinite(...gradients((a, b, c, w) => new Wall(w).interactionLoss(a, b, c), [0.3, 0], [0.5, 0], [0.7, 0]));
    expectAllFinite(...gradients((a, b, c, w) => new RIS(w).interactionLoss(a, b, c), [0.3, 0], [0.5, 0], [0.7, 0]));
  });
  it('zero-length path segments (a == b, b == c, all equal)', () => {
    for (const [a, b, c] of [
      [[0.5, 0], [0.5, 0], [1, 1]],
      [[0, 1], [0.5, 0], [0.5, 0]],
      [[0.5, 0], [0.5, 0], [0.5, 0]],
    ] as [Xy, Xy, Xy][]) {
      expectAllFinite(new Wall(xys).interactionLoss(a, b, c), new RIS(xys).interactionLoss(a, b, c));
      expectAllFinite(...gradients((p, q, r, w) => new Wall(w).interactionLoss(p, q, r), a, b, c));
      expectAllFinite(...gradients((p, q, r, w) => new RIS(w).interactionLoss(p, q, r), a, b, c));
    }
    expect(new Wall(xys).interactionLoss([0.5, 0], [0.5, 0], [1, 1]).item()).toBeCloseTo(1, 14);
  });
  it('segments that are parallel, zero-length, touch an end, or start on the wall (exact and smoothed)', () => {
    const cases: [Xy, Xy][] = [
      [[0, 1], [1, 1]], // parallel
      [[0.2, 0], [0.8, 0]], // collinear
      [[0.5, 0.5], [0.5, 0.5]], // zero-length
      [[0.5, 1], [1, 0]], // touches the wall's end
      [[1, 0], [2, 1]], // starts at the wall's end
      [[0.5, 0], [0.5, 1]], // TX exactly on the wall
    ];
    for (const options of [{}, { approx: true }, { approx: true, activation: 'sigmoid' as const, alpha: 5 }]) {
      for (const [p, q] of cases) {
        const value = new Wall(xys).intersects(p, q, options);
        expectAllFinite(value);
        expectAllFinite(...gradients((a, b, _c, w) => new Wall(w).intersects(a, b, options), p, q, [0, 0]));
      }
    }
    // parallel: no crossing, and no gradient at all
    const [gp, gq, , gw] = gradients((a, b, _c, w) => new Wall(w).intersects(a, b, { approx: true, activation: 'sigmoid' }), [0, 1], [1, 1], [0, 0]);
    expect([...gp!.data, ...gq!.data, ...gw!.data].every((v) => v === 0)).toBe(true);
    expect(new Wall(xys).intersects([0.5, 1], [1, 0]).item()).toBe(1);
  });
});

describe('RIS', () => {
  it('defaults to phi = pi / 4 and keeps phi through rotate and translate', () => {
    const ris = new RIS([[0.5, 0.3], [0.5, 0.7]], { name: 'ris' });
    expect(ris.phi.item()).toBe(Math.PI / 4);
    expect(ris.kind).toBe('ris');
    const moved = new RIS([[0, 0], [1, 0]], { phi: 0.3 }).rotate(1).translate([1, 1]);
    expect(moved).toBeInstanceOf(RIS);
    expect(moved.phi.item()).toBe(0.3);
  });
  it('sends rays from a TX on its left towards the upper left (figure 1 of the paper)', () => {
    const ris = new RIS([[0.5, 0.3], [0.5, 0.7]]);
    expectClose(ris.normal(), [1, 0], 15);
    // an RX at (x, y) is reached through the RIS point (0.5, y - (0.5 - x)), whatever the TX
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.45, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), pointArb, (x, y, tx) => {
        expect(ris.interactionLoss(tx, [0.5, y - (0.5 - x)], [x, y]).item()).toBeLessThan(1e-20);
      }),
    );
    expect(ris.interactionLoss([0, 0], [0.5, 0.5], [0.4, 0.4]).item()).toBeCloseTo(2, 12);
  });
  it('has zero loss exactly along the direction phi from the normal (property)', () => {
    fc.assert(
      fc.property(wallEndsArb, fc.double({ min: -1.5, max: 1.5, noNaN: true }), pointArb, (xys, phi, a) => {
        const ris = new RIS(xys, { phi });
        const [nx, ny] = ris.normal().data as unknown as [number, number];
        // -r is the normal turned by -phi
        const backwards = [nx * Math.cos(phi) + ny * Math.sin(phi), -nx * Math.sin(phi) + ny * Math.cos(phi)];
        const b = ris.parametricToCartesian([0.5]).data;
        const c = [b[0]! - 0.3 * backwards[0]!, b[1]! - 0.3 * backwards[1]!];
        expect(ris.interactionLoss(a, b, c).item()).toBeLessThan(1e-20);
        // turning the outgoing ray (a step along the wall) costs something
        expect(ris.interactionLoss(a, b, [c[0]! - 0.1 * ny, c[1]! + 0.1 * nx]).item()).toBeGreaterThan(1e-6);
      }),
    );
  });
  it('broadcasts the batch axes of a, b and c (a included, though it does not count)', () => {
    const ris = new RIS([[0, 0], [0, 1]]);
    const loss = ris.interactionLoss(zeros([3, 1, 2]), [[0, 0.5], [0, 0.2]], [-1, 1.5]);
    expect(loss.shape).toEqual([3, 2]);
    expect(loss.data[0]).toBeLessThan(1e-20);
  });
});

describe('vertices', () => {
  it('contain their point, never block, have zero loss, and carry the batch shape', () => {
    const corner = new Vertex([0.3, 0.4]);
    expect(corner.kind).toBe('vertex');
    expect(corner.parameterCount).toBe(0);
    expect(corner.blocksRays).toBe(false);
    expect(corner.parametricToCartesian(zeros([3, 0])).toArray()).toEqual([[0.3, 0.4], [0.3, 0.4], [0.3, 0.4]]);
    expect(corner.cartesianToParametric(zeros([2, 5, 2])).shape).toEqual([2, 5, 0]);
    expect(corner.contains(zeros([4, 0]), { approx: true }).toArray()).toEqual([1, 1, 1, 1]);
    expect(corner.intersects(zeros([2, 1, 2]), [[0.3, 0.4], [1, 1], [0, 0]]).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(corner.interactionLoss([0, 0], [[0.3, 0.4]], [1, 1]).toArray()).toEqual([0]);
  });
  it('pass gradients to their point through parametricToCartesian', () => {
    const g = grad((xy: Tensor) => sum(new Vertex(xy).parametricToCartesian(zeros([3, 0]))))(tensor([0.3, 0.4]));
    expect(g.toArray()).toEqual([3, 3]);
  });
  it('translate as vertices', () => {
    const moved = new Vertex([0, 0], { name: 'v' }).translate([1, 2]);
    expect(moved).toBeInstanceOf(Vertex);
    expect(moved.name).toBe('v');
    expect(moved.xy.toArray()).toEqual([1, 2]);
  });
});

describe('Interactable', () => {
  it('is implemented by walls, RIS and vertices, not by points or rays', () => {
    const objects: Interactable[] = [new Wall([[0, 0], [1, 0]]), new RIS([[0, 0], [1, 0]]), new Vertex([0, 0])];
    for (const object of objects) expect(isInteractable(object)).toBe(true);
    expect(isInteractable(new Point([0, 0]))).toBe(false);
    expect(isInteractable(new Ray([[0, 0], [1, 0]]))).toBe(false);
    expect(isInteractable(null)).toBe(false);
    expect(objects.map((o) => [o.kind, o.parameterCount, o.blocksRays])).toEqual([
      ['wall', 1, true],
      ['ris', 1, true],
      ['vertex', 0, false],
    ]);
  });
});

describe('extents', () => {
  it('give bounding boxes, centres and named locations', () => {
    const wall = new Wall([[1, 0], [0, 2]]);
    expect(wall.boundingBox().toArray()).toEqual([[0, 0], [1, 2]]);
    expect(new Point([1, 2]).boundingBox().toArray()).toEqual([[1, 2], [1, 2]]);
    expect(wall.center().toArray()).toEqual([0.5, 1]);
    const expected: Record<LocationName, Xy> = {
      N: [0.5, 2],
      E: [1, 1],
      S: [0.5, 0],
      W: [0, 1],
      C: [0.5, 1],
      NE: [1, 2],
      NW: [0, 2],
      SE: [1, 0],
      SW: [0, 0],
    };
    for (const name of Object.keys(LOCATIONS) as LocationName[]) expect(wall.location(name).toArray()).toEqual(expected[name]);
    expect(locationOf([[0, 0], [2, 1]], 'N').toArray()).toEqual([1, 1]);
    expect(centerOf([[0, 0], [2, 1]]).toArray()).toEqual([1, 0.5]);
    expect(() => wall.location('X' as LocationName)).toThrow('locationOf: unknown location "X", expected one of N, E, S, W, C, NE, NW, SE, SW');
    expect(() => centerOf([1, 2])).toThrow('centerOf: a bounding box must have shape [2, 2]');
  });
  it('give grids [ny, nx, 2] with rows along y and columns along x, edges included', () => {
    const grid = gridOver([[0, 0], [1, 2]], 2, 3);
    expect(grid.toArray()).toEqual([
      [[0, 0], [1, 0]],
      [[0, 1], [1, 1]],
      [[0, 2], [1, 2]],
    ]);
    fc.assert(
      fc.property(wallEndsArb, fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), (xys, nx, ny) => {
        const wall = new Wall(xys);
        const g = wall.grid(nx, ny);
        expect(g.shape).toEqual([ny, nx, 2]);
        const box = wall.boundingBox().data;
        const at = (j: number, i: number): number[] => [g.data[(j * nx + i) * 2]!, g.data[(j * nx + i) * 2 + 1]!];
        expectClose(tensor(at(0, 0)), [box[0]!, box[1]!], 15);
        if (nx > 1 && ny > 1) expectClose(tensor(at(ny - 1, nx - 1)), [box[2]!, box[3]!], 15);
      }),
    );
    expect(new Point([1, 2]).grid(2).toArray()).toEqual([[[1, 2], [1, 2]], [[1, 2], [1, 2]]]);
    expect(() => gridOver([[0, 0], [1, 1]], 0)).toThrow('gridOver: nx must be a positive integer, got 0');
    expect(() => gridOver([[0, 0], [1, 1]], 2, 1.5)).toThrow('gridOver: ny must be a positive integer, got 1.5');
  });
});
