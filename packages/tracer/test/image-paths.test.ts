/**
 * The image method: values against the reference formula (plain numbers and
 * DiffeRT2d's fixture), batching, degenerate inputs, errors, and gradients
 * against central finite differences and against the same computation
 * composed of autodiff primitives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, div, dot, grad, mul, reshape, stack, sub, sum, Tensor, tensor, vjp } from '@differt2d/autodiff';
import { RIS, Vertex, Wall } from '@differt2d/geometry';
import { imagePathLoss, imagePathPoints, imagePaths, pathLength, receivedPower } from '../src/index.js';
import { loadBasicSceneFixture, wallsFrom } from './fixtures/basicSceneFixture.js';
import { BASIC_RX, BASIC_TX, BASIC_WALLS } from '../../../test-support/basicScene.js';
import { maxDifference, relativeError } from '../../../test-support/closeness.js';
import { directionalCheck, gradientError } from '../../../test-support/finiteDifferences.js';
import { prng } from '../../../test-support/generators.js';

type Xy = [number, number];
type WallXys = [Xy, Xy];

/**
 * The reference formula in plain numbers, with how far it stays from its
 * degenerate cases: the smallest |cos(u, n)| (u . n = 0) and the smallest |u|
 * (a point on its image: the line through them is undefined).
 */
function referencePath(tx: Xy, walls: readonly WallXys[], rx: Xy): { points: Xy[]; minCos: number; minU: number } {
  const normals = walls.map(([o, d]): Xy => {
    const length = Math.hypot(d[0] - o[0], d[1] - o[1]);
    return [(d[1] - o[1]) / length, -(d[0] - o[0]) / length];
  });
  const images: Xy[] = [];
  let image: Xy = tx;
  walls.forEach(([o], k) => {
    const n = normals[k]!;
    const s = (image[0] - o[0]) * n[0] + (image[1] - o[1]) * n[1];
    image = [image[0] - 2 * s * n[0], image[1] - 2 * s * n[1]];
    images.push(image);
  });
  let p: Xy = rx;
  const points: Xy[] = [];
  let minCos = 1;
  let minU = Infinity;
  for (let k = walls.length - 1; k >= 0; k--) {
    const n = normals[k]!;
    const o = walls[k]![0];
    const u: Xy = [p[0] - images[k]![0], p[1] - images[k]![1]];
    const un = u[0] * n[0] + u[1] * n[1];
    minCos = Math.min(minCos, Math.abs(un) / Math.hypot(u[0], u[1]));
    minU = Math.min(minU, Math.hypot(u[0], u[1]));
    if (un !== 0) {
      const tau = ((o[0] - p[0]) * n[0] + (o[1] - p[1]) * n[1]) / un;
      p = [p[0] + tau * u[0], p[1] + tau * u[1]];
    }
    points.unshift(p);
  }
  return { points: [tx, ...points, rx], minCos, minU };
}

/** The same computation composed of autodiff primitives and Wall methods (valid where u . n != 0). */
function composedPath(tx: Tensor, walls: readonly Wall[], rx: Tensor): Tensor {
  const images: Tensor[] = [];
  let image = tx;
  for (const wall of walls) {
    image = wall.image(image);
    images.push(image);
  }
  let p = rx;
  const points: Tensor[] = [];
  for (let k = walls.length - 1; k >= 0; k--) {
    const n = walls[k]!.normal();
    const u = sub(p, images[k]!);
    const v = sub(walls[k]!.origin, p);
    p = add(p, mul(div(dot(v, n), dot(u, n)), u));
    points.unshift(p);
  }
  return stack([tx, ...points, rx]);
}

// Tiny non-zero coordinates (fast-check likes subnormals) only make
// astronomically ill-conditioned corners: snap them to 0.
const coordinate = fc.double({ min: -0.2, max: 1.2, noNaN: true }).map((v) => (Math.abs(v) < 1e-9 ? 0 : v));
const xyArb: fc.Arbitrary<Xy> = fc.tuple(coordinate, coordinate);
const wallArb: fc.Arbitrary<WallXys> = fc
  .tuple(xyArb, xyArb)
  .filter(([o, d]) => Math.hypot(d[0] - o[0], d[1] - o[1]) > 0.1);
const sceneArb = fc.record({ tx: xyArb, rx: xyArb, walls: fc.array(wallArb, { minLength: 0, maxLength: 3 }) });

/** Segments of a path all longer than `minimum` (the loss's directions are then well defined). */
function segmentsLongerThan(points: readonly Xy[], minimum: number): boolean {
  for (let j = 0; j + 1 < points.length; j++) {
    if (Math.hypot(points[j + 1]![0] - points[j]![0], points[j + 1]![1] - points[j]![1]) <= minimum) return false;
  }
  return true;
}

describe('imagePaths: values', () => {
  it('finds the points of DiffeRT2d on the basic scene (fixture, within 1e-9)', () => {
    const walls = BASIC_WALLS.map((xys) => new Wall(xys));
    for (const expected of loadBasicSceneFixture().basic_valid_paths_max_order_2) {
      const paths = imagePaths(BASIC_TX, expected.candidate.map((i) => walls[i]!), BASIC_RX);
      expect(paths.points.shape).toEqual([expected.candidate.length + 2, 2]);
      expect(maxDifference(paths.points.data, expected.points.flat())).toBeLessThan(1e-9);
      expect(paths.loss.shape).toEqual([]);
      expect(paths.loss.item()).toBeLessThan(1e-12);
    }
  });

  it('equals the reference formula in plain numbers on random scenes', () => {
    fc.assert(
      fc.property(sceneArb, ({ tx, rx, walls }) => {
        const reference = referencePath(tx, walls, rx);
        // Near u . n = 0 or u = 0 the problem is ill-conditioned: rounding
        // differences (hypot against sqrt) grow without bound.
        fc.pre(reference.minCos > 1e-3 && reference.minU > 1e-6);
        const paths = imagePaths(tx, walls.map((xys) => new Wall(xys)), rx);
        const expected = reference.points.flat();
        for (let i = 0; i < expected.length; i++) {
          expect(Math.abs(paths.points.data[i]! - expected[i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected[i]!)));
        }
      }),
    );
  });

  it('is the line of sight with no walls (loss 0)', () => {
    const paths = imagePaths([0.1, 0.2], [], [[0.5, 0.5], [0.7, 0.1]]);
    expect(paths.points.toArray()).toEqual([[[0.1, 0.2], [0.5, 0.5]], [[0.1, 0.2], [0.7, 0.1]]]);
    expect(paths.loss.toArray()).toEqual([0, 0]);
  });

  it('has a zero loss for a reflection and a positive one when TX and RX are on opposite sides', () => {
    const floor = new Wall([[0, 0], [1, 0]]);
    const paths = imagePaths([0.2, 0.5], [floor], [[0.8, 0.3], [0.8, -0.3]]);
    expect(paths.loss.data[0]).toBeLessThan(1e-15);
    // straight through: i = r, mirrored i differs from r by 2 (i . n) n
    expect(paths.loss.data[1]).toBeGreaterThan(1);
    // the line from the image (0.2, -0.5) to each RX meets the floor at x = 0.575 and x = 1.7
    const expected = [0.2, 0.5, 0.575, 0, 0.8, 0.3, 0.2, 0.5, 1.7, 0, 0.8, -0.3];
    expect(maxDifference(paths.points.data, expected)).toBeLessThan(1e-15);
  });

  it('broadcasts TX and RX over leading axes, path by path identical to single calls', () => {
    const walls = [new Wall([[0, 0], [1, 0]]), new Wall([[1, 0], [1, 1]])];
    const txs: Xy[] = [[0.1, 0.2], [0.3, 0.6], [0.5, 0.5]];
    const rxs: Xy[] = [[0.2, 0.9], [0.7, 0.4], [0.9, 0.1], [0.05, 0.05]];
    const batch = imagePaths(txs.map((t) => [t]), walls, rxs); // [3, 1, 2] with [4, 2] -> [3, 4]
    expect(batch.points.shape).toEqual([3, 4, 4, 2]);
    expect(batch.loss.shape).toEqual([3, 4]);
    txs.forEach((t, i) =>
      rxs.forEach((r, j) => {
        const single = imagePaths(t, walls, r);
        const offset = (4 * i + j) * 8;
        expect(Array.from(batch.points.data.subarray(offset, offset + 8))).toEqual(Array.from(single.points.data));
        expect(batch.loss.data[4 * i + j]).toBe(single.loss.item());
      }),
    );
    // one TX for many RX, many TX for one RX, and equal batch shapes
    expect(imagePaths([0.1, 0.2], walls, rxs).points.shape).toEqual([4, 4, 2]);
    expect(imagePaths(txs, walls, [0.5, 0.5]).points.shape).toEqual([3, 4, 2]);
    expect(imagePaths([[txs[0]!, txs[1]!]], walls, [[rxs[0]!, rxs[1]!]]).points.shape).toEqual([1, 2, 4, 2]);
    expect(imagePaths(new Tensor(new Float64Array(0), [0, 2]), walls, [0.5, 0.5]).points.shape).toEqual([0, 4, 2]);
  });

  it('gives finite values and gradients on degenerate inputs', () => {
    const floor: WallXys = [[0, 0], [1, 0]];
    const side: WallXys = [[1, 0], [1, 1]];
    const cases: { tx: Xy; walls: WallXys[]; rx: Xy }[] = [
      { tx: [0.3, 0], walls: [floor], rx: [0.6, 0.4] }, // TX on the wall
      { tx: [0.3, 0.4], walls: [floor], rx: [0.6, 0] }, // RX on the wall
      { tx: [0.3, 0], walls: [floor], rx: [0.6, 0] }, // both on the wall's line: u . n = 0, no step
      { tx: [0.4, 0.4], walls: [floor], rx: [0.4, 0.4] }, // TX = RX
      { tx: [0, 0], walls: [floor, side], rx: [1, 0] }, // at the corner
      { tx: [1, 0], walls: [floor, side], rx: [1, 0] }, // everything at one point
      { tx: [0.2, 0.3], walls: [floor, floor], rx: [0.7, 0.3] }, // the same wall twice
      { tx: [0.2, 0.3], walls: [floor, [[0, 0.5], [1, 0.5]]], rx: [0.2, 0.3] }, // parallel walls, TX = RX
    ];
    for (const { tx, walls, rx } of cases) {
      const f = (t: Tensor, r: Tensor, w: Tensor) => {
        const paths = imagePaths(t, wallsFrom(w), r);
        return add(add(sum(paths.points), paths.loss), receivedPower(paths.points));
      };
      const value = f(tensor(tx), tensor(rx), tensor(walls));
      expect(Number.isFinite(value.item())).toBe(true);
      const gradients = grad(f, { argnums: [0, 1, 2] })(tensor(tx), tensor(rx), tensor(walls));
      for (const g of gradients) for (const v of g.data) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it('leaves points unchanged through a zero-length wall (kernel level), with finite gradients', () => {
    const walls = tensor([[[0.5, 0.5], [0.5, 0.5]]]);
    expect(imagePathPoints([0.1, 0.1], walls, [0.9, 0.2]).toArray()).toEqual([[[0.1, 0.1], [0.9, 0.2], [0.9, 0.2]]]);
    const gradients = grad((t: Tensor, w: Tensor, r: Tensor) => sum(imagePathPoints(t, w, r)), { argnums: [0, 1, 2] })(
      tensor([0.1, 0.1]),
      walls,
      tensor([0.9, 0.2]),
    );
    for (const g of gradients) for (const v of g.data) expect(Number.isFinite(v)).toBe(true);
  });

  it('rejects bad input with an error naming the argument', () => {
    const floor = new Wall([[0, 0], [1, 0]]);
    expect(() => imagePaths([0, NaN], [floor], [1, 1])).toThrow('imagePaths: tx has a NaN y coordinate');
    expect(() => imagePaths([0, 0], [floor], [[1, 1], [Infinity, 2]])).toThrow('imagePaths: rx[1] has an infinite (Infinity) x coordinate');
    expect(() => imagePaths([0, 0, 0], [floor], [1, 1])).toThrow('imagePaths: tx must have shape [..., 2] (positions (x, y)), got [3]');
    expect(() => imagePaths([[0, 0], [1, 1]], [floor], [[1, 1], [2, 2], [3, 3]])).toThrow(
      'imagePaths: the batch axes of tx [2, 2] and rx [3, 2] do not broadcast',
    );
    expect(() => imagePaths([0, 0], [floor, new RIS([[0, 1], [1, 1]], { name: 'ris[0]' })], [1, 1])).toThrow(
      'imagePaths: walls[1] is a ris (ris[0]), not a wall: the image method handles specular walls only',
    );
    expect(() => imagePaths([0, 0], [new Vertex([0, 1]) as unknown as Wall], [1, 1])).toThrow('imagePaths: walls[0] is a vertex, not a wall');
    expect(() => imagePaths([0, 0], [3 as unknown as Wall], [1, 1])).toThrow('imagePaths: walls[0] is a number, not a wall');
    expect(() => imagePaths([0, 0], floor as unknown as Wall[], [1, 1])).toThrow('imagePaths: walls must be an array of Wall objects');
    expect(() => imagePathPoints([0, 0], [[0, 0], [1, 0]], [1, 1])).toThrow('imagePathPoints: walls must have shape [K, 2, 2]');
    expect(() => imagePathPoints([[0, 0], [1, 1]], tensor([[[0, 0], [1, 0]]]), [[1, 1], [2, 2], [3, 3]])).toThrow(
      'imagePathPoints: tx and rx must hold the same number of points N',
    );
    expect(() => imagePathLoss(tensor([[[0, 1], [0.5, 0], [1, 1]]]), tensor([[[0, 0], [1, 0]], [[0, 0], [0, 1]]]))).toThrow(
      'imagePathLoss: walls must have shape [K, 2, 2] with K = 1',
    );
  });
});

describe('imagePaths: gradients', () => {
  it('of points, loss, length and power w.r.t. TX, RX and walls match central finite differences (fast-check)', () => {
    let checked = 0;
    fc.assert(
      fc.property(sceneArb, fc.integer(), ({ tx, rx, walls }, seed) => {
        const { points, minCos, minU } = referencePath(tx, walls, rx);
        // Away from u . n = 0 (where points run off to infinity), from u = 0
        // (where the direction of u is rounding noise) and from zero-length
        // segments (where the loss's directions turn abruptly).
        fc.pre(minCos > 0.2 && minU > 0.01 && segmentsLongerThan(points, 0.05) && points.flat().every((v) => Math.abs(v) < 10));
        const next = prng(seed);
        const weights = tensor(Array.from({ length: 2 * points.length }, () => 2 * next() - 1));
        const functions: ((t: Tensor, r: Tensor, w: Tensor) => Tensor)[] = [
          (t, r, w) => {
            const paths = imagePaths(t, wallsFrom(w), r);
            return add(dot(weights, reshape(paths.points, [-1])), paths.loss);
          },
          (t, r, w) => pathLength(imagePaths(t, wallsFrom(w), r).points),
          (t, r, w) => receivedPower(imagePaths(t, wallsFrom(w), r).points),
        ];
        for (const f of functions) {
          const check = directionalCheck(f, [tensor(tx), tensor(rx), wallTensor(walls)], next);
          expect(check.finite).toBe(true);
          expect(gradientError(check)).toBeLessThanOrEqual(1e-6);
        }
        checked++;
      }),
      { numRuns: 150 },
    );
    expect(checked).toBeGreaterThan(50);
  });

  it('equal the vector-Jacobian product of the same computation composed of autodiff primitives', () => {
    fc.assert(
      fc.property(sceneArb, fc.integer(), ({ tx, rx, walls }, seed) => {
        const reference = referencePath(tx, walls, rx);
        fc.pre(reference.minCos > 0.05 && reference.minU > 1e-3 && segmentsLongerThan(reference.points, 1e-3));
        const K = walls.length;
        const next = prng(seed);
        const cotangent = new Tensor(Float64Array.from({ length: 2 * (K + 2) }, () => 2 * next() - 1), [K + 2, 2]);
        const coordinates = wallTensor(walls);
        const [fused, fusedBack] = vjp((t: Tensor, r: Tensor, w: Tensor) => imagePaths(t, wallsFrom(w), r).points, tensor(tx), tensor(rx), coordinates);
        const [composed, composedBack] = vjp((t: Tensor, r: Tensor, w: Tensor) => composedPath(t, wallsFrom(w), r), tensor(tx), tensor(rx), coordinates);
        expect(maxDifference((fused as Tensor).data, (composed as Tensor).data)).toBeLessThan(1e-9);
        const a = fusedBack(cotangent) as Tensor[];
        const b = composedBack(cotangent) as Tensor[];
        // normwise: a component may be a cancellation of larger terms
        for (let i = 0; i < 3; i++) {
          const size = Math.max(1e-3, ...Array.from(b[i]!.data, Math.abs));
          expect(maxDifference(a[i]!.data, b[i]!.data) / size).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('of a batch sum over receivers equal the sum of the single-path gradients (shared TX and walls)', () => {
    const walls = tensor([[[0, 0], [1, 0]], [[1, 0], [1, 1]]]);
    const rxs = tensor([[0.2, 0.9], [0.7, 0.4], [0.6, 0.6]]);
    const f = (t: Tensor, w: Tensor, r: Tensor) => add(sum(imagePaths(t, wallsFrom(w), r).points), sum(imagePaths(t, wallsFrom(w), r).loss));
    const [gtx, gw] = grad(f, { argnums: [0, 1] })(tensor([0.3, 0.2]), walls, rxs);
    let tx0 = 0;
    let w0 = 0;
    for (let j = 0; j < 3; j++) {
      const [a, b] = grad(f, { argnums: [0, 1] })(tensor([0.3, 0.2]), walls, rowOf(rxs, j));
      tx0 += a.data[0]!;
      w0 += b.data[3]!;
    }
    expect(relativeError(gtx.data[0]!, tx0)).toBeLessThan(1e-12);
    expect(relativeError(gw.data[3]!, w0)).toBeLessThan(1e-12);
  });
});

function rowOf(t: Tensor, j: number): Tensor {
  return new Tensor(t.data.slice(2 * j, 2 * j + 2), [2]);
}

/** `[K, 2, 2]` coordinates of walls (also for K = 0). */
function wallTensor(walls: readonly WallXys[]): Tensor {
  return walls.length === 0 ? new Tensor(new Float64Array(0), [0, 2, 2]) : tensor(walls);
}
