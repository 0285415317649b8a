/**
 * Path validity: each criterion, exact and smoothed; their combination; the
 * early exits of the exact mode against the plain product; gradients of the
 * smoothed validity against central finite differences; tracePaths and
 * totalReceivedPower.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grad, hardSigmoid, minimum, mul, sigmoid, sum, Tensor, tensor, type TensorLike } from '@differt2d/autodiff';
import {
  RIS,
  Vertex,
  Wall,
  segmentsIntersectSmooth,
  type ApproxOptions,
  type Interactable,
  type IntersectOptions,
} from '@differt2d/geometry';
import {
  imagePaths,
  interactionPointsOnObjects,
  pathCandidates,
  pathLossBelowTolerance,
  pathUnobstructed,
  pathValidity,
  receivedPower,
  totalReceivedPower,
  tracePaths,
  type PathTracer,
} from '../src/index.js';
import { wallsFrom } from './fixtures/basicSceneFixture.js';
import { BASIC_RX, BASIC_TX, BASIC_WALLS, basicWalls } from '../../../test-support/basicScene.js';
import { directionalCheck, gradientError } from '../../../test-support/finiteDifferences.js';
import { positionArb, prng } from '../../../test-support/generators.js';

/** Points in [0.01, 0.99]^2. */
const unitPosition = positionArb(0.01, 0.99);

/**
 * A user-defined blocking object that is not a Wall: a straight screen whose
 * tests delegate to a wall, so that it must agree with the fused kernels.
 */
class Screen implements Interactable {
  readonly kind = 'screen';
  readonly name = 'screen';
  readonly parameterCount = 1;
  readonly blocksRays = true;
  private readonly wall: Wall;
  constructor(xys: TensorLike) {
    this.wall = new Wall(xys);
  }
  parametricToCartesian(s: Tensor): Tensor {
    return this.wall.parametricToCartesian(s);
  }
  cartesianToParametric(xy: Tensor): Tensor {
    return this.wall.cartesianToParametric(xy);
  }
  contains(s: Tensor, options?: ApproxOptions): Tensor {
    return this.wall.contains(s, options);
  }
  intersects(p: Tensor, q: Tensor, options?: IntersectOptions): Tensor {
    return this.wall.intersects(p, q, options);
  }
  interactionLoss(a: Tensor, b: Tensor, c: Tensor): Tensor {
    return this.wall.interactionLoss(a, b, c);
  }
  boundingBox(): Tensor {
    return this.wall.boundingBox();
  }
}

describe('criterion 1: interaction points on their objects', () => {
  const floor = new Wall([[0, 0], [1, 0]]);
  it('is 1 when s is in [0, 1], exact or smoothed like Wall.contains', () => {
    const points = [[[0, 1], [0.5, 0], [1, 1]], [[0, 1], [1.2, 0], [3, 1]], [[0, 1], [1.001, 0], [3, 1]]];
    expect(interactionPointsOnObjects(points, [floor], [0]).toArray()).toEqual([1, 0, 0]);
    const smoothed = interactionPointsOnObjects(points, [floor], [0], { approx: true }).data;
    expect(smoothed[0]).toBe(1);
    expect(smoothed[1]).toBe(0);
    expect(smoothed[2]).toBeCloseTo(floor.contains([1.001], { approx: true }).item(), 15);
  });
  it('combines the points with and (min under approximation); line of sight and vertices are always on', () => {
    const side = new Wall([[1, 0], [1, 1]]);
    const points = [[[0.5, 0.5], [0.3, 0], [1, 0.5], [0.5, 0.9]], [[0.5, 0.5], [0.3, 0], [1, 1.002], [0.5, 0.9]]];
    expect(interactionPointsOnObjects(points, [floor, side], [0, 1]).toArray()).toEqual([1, 0]);
    const smoothed = interactionPointsOnObjects(points, [floor, side], [0, 1], { approx: true, alpha: 100 }).data;
    expect(smoothed[1]).toBeCloseTo(2.8 / 6, 12); // s = 1.002 on the side wall: hardSigmoid(100 * -0.002)
    expect(interactionPointsOnObjects([[[0, 0], [1, 1]]], [], []).toArray()).toEqual([1]);
    expect(interactionPointsOnObjects([[0, 0], [5, 5], [1, 1]], [new Vertex([0.3, 0.3])], [0]).item()).toBe(1);
  });
});

/** A wall whose methods are not Wall.prototype's: the criteria must take their generic path for it. */
class GenericWall extends Wall {
  override cartesianToParametric(xy: TensorLike): Tensor {
    return super.cartesianToParametric(xy);
  }
  override intersects(p: TensorLike, q: TensorLike, options?: IntersectOptions): Tensor {
    return super.intersects(p, q, options);
  }
}

describe('fused loops and generic methods agree', () => {
  it('exact criteria 1 and 2: walls in fused loops give what their methods give (random paths)', () => {
    const fast = basicWalls();
    const generic = BASIC_WALLS.map((xys) => new GenericWall(xys));
    const candidates = [...pathCandidates(fast.length, { maxOrder: 2 })];
    fc.assert(
      fc.property(fc.array(unitPosition, { minLength: 1, maxLength: 30 }), unitPosition, (receivers, tx) => {
        for (const candidate of candidates) {
          const paths = imagePaths(tx, candidate.map((i) => fast[i]!), receivers);
          expect(interactionPointsOnObjects(paths.points, fast, candidate).toArray()).toEqual(
            interactionPointsOnObjects(paths.points, generic, candidate).toArray(),
          );
          expect(pathUnobstructed(paths.points, fast, candidate).toArray()).toEqual(pathUnobstructed(paths.points, generic, candidate).toArray());
          expect(pathValidity(paths, fast, candidate).toArray()).toEqual(pathValidity(paths, generic, candidate).toArray());
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('criterion 3: loss below the tolerance', () => {
  it('is loss < 1e-2 exactly, activation(alpha (tol - loss)) smoothed: 2/3 for a perfect path', () => {
    expect(pathLossBelowTolerance([0, 0.009, 0.01, 3]).toArray()).toEqual([1, 1, 0, 0]);
    expect(pathLossBelowTolerance(0, { approx: true }).item()).toBeCloseTo(2 / 3, 15);
    expect(pathLossBelowTolerance(0, { approx: true, activation: 'sigmoid' }).item()).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
    expect(pathLossBelowTolerance([0.05], { tolerance: 0.1 }).toArray()).toEqual([1]);
    expect(() => pathLossBelowTolerance(0, { tolerance: 0 })).toThrow('pathLossBelowTolerance: tolerance must be a finite positive number, got 0');
  });
});

describe('criterion 2: no segment blocked', () => {
  const floor = new Wall([[0, 0], [1, 0]]);
  const screen = new Wall([[0.3, 0.1], [0.3, 2]]);
  const path = [[[0, 1], [0.5, 0], [1, 1]]];
  it('is blocked by a wall across a segment, never by the objects at the segment ends', () => {
    expect(pathUnobstructed(path, [floor, screen], [0]).toArray()).toEqual([0]);
    expect(pathUnobstructed(path, [floor], [0]).toArray()).toEqual([1]);
    // the path touches the floor: the floor is an end object of both segments
    expect(pathUnobstructed([[[0, 1], [1, 1]]], [floor], []).toArray()).toEqual([1]);
  });
  it('accepts crossings within the tolerance of a wall end (0.005 by default)', () => {
    // 0.005 of the stub's length 0.7: it blocks down to y = 0.2965
    const stub = new Wall([[0.5, 0.3], [0.5, 1]]);
    expect(pathUnobstructed([[0, 0.2966], [1, 0.2966]], [stub], []).item()).toBe(0);
    expect(pathUnobstructed([[0, 0.2964], [1, 0.2964]], [stub], []).item()).toBe(1);
    expect(pathUnobstructed([[0, 0.2966], [1, 0.2966]], [stub], [], { tolerance: 0 }).item()).toBe(1);
  });
  it('tests user-defined blocking objects with their own intersects (end objects excluded); vertices never block', () => {
    const userScreen = new Screen([[0.3, 0.1], [0.3, 2]]);
    expect(pathUnobstructed(path, [floor, userScreen], [0]).toArray()).toEqual([0]);
    expect(pathUnobstructed([[[0, 1], [0.3, 0.5], [1, 1]]], [floor, userScreen], [1]).toArray()).toEqual([1]);
    expect(pathUnobstructed(path, [floor, new Vertex([0.25, 0.5])], [0]).toArray()).toEqual([1]);
    const smoothedUser = pathUnobstructed(path, [floor, userScreen], [0], { approx: true }).item();
    const smoothedWall = pathUnobstructed(path, [floor, screen], [0], { approx: true }).item();
    expect(smoothedUser).toBeCloseTo(smoothedWall, 15);
  });
  it('smoothed: 1 - max over segments and walls, as segmentsIntersectSmooth', () => {
    const wall = new Wall([[0.5, 0], [0.5, 1]]);
    const short = [[0, 0.5], [0.499, 0.5]]; // stops 0.001 short of the wall
    const expected = 1 - segmentsIntersectSmooth([[0, 0.5]], [[0.499, 0.5]], [[[0.5, 0], [0.5, 1]]]).item();
    expect(pathUnobstructed(short, [wall], [], { approx: true }).item()).toBeCloseTo(expected, 15);
    expect(expected).toBeGreaterThan(0.4);
    expect(expected).toBeLessThan(0.5);
  });
  it('gives the same smoothed values with a user activation function (no fused kernel) as with the built-in one', () => {
    const objects = basicWalls();
    const userSigmoid = (x: Tensor): Tensor => sigmoid(x);
    const userHard = (x: Tensor): Tensor => hardSigmoid(x);
    for (const candidate of pathCandidates(objects.length, { maxOrder: 2 })) {
      const paths = imagePaths(BASIC_TX, candidate.map((i) => objects[i]!), [[0.302, 0.2147], [0.39, 0.39], [0.7, 0.05]]);
      for (const [builtIn, user] of [['sigmoid', userSigmoid], ['hardSigmoid', userHard]] as const) {
        const a = pathValidity(paths, objects, candidate, { approx: true, alpha: 30, activation: builtIn }).data;
        const b = pathValidity(paths, objects, candidate, { approx: true, alpha: 30, activation: user }).data;
        for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-12);
      }
    }
  });
});

describe('pathValidity', () => {
  it('exact: the product of the three criteria (the early exits change nothing), on random receivers', () => {
    const objects = basicWalls();
    const candidates = [...pathCandidates(objects.length, { maxOrder: 2 })];
    fc.assert(
      fc.property(fc.array(unitPosition, { minLength: 1, maxLength: 20 }), unitPosition, (receivers, tx) => {
        for (const candidate of candidates) {
          const paths = imagePaths(tx, candidate.map((i) => objects[i]!), receivers);
          const expected = mul(
            mul(interactionPointsOnObjects(paths.points, objects, candidate), pathUnobstructed(paths.points, objects, candidate)),
            pathLossBelowTolerance(paths.loss),
          );
          expect(pathValidity(paths, objects, candidate).toArray()).toEqual(expected.toArray());
        }
      }),
      { numRuns: 20 },
    );
  });

  it('smoothed: the min of the three criteria; with a huge alpha, the exact validity', () => {
    const objects = basicWalls();
    const candidates = [...pathCandidates(objects.length, { maxOrder: 2 })];
    fc.assert(
      fc.property(fc.array(unitPosition, { minLength: 1, maxLength: 10 }), (receivers) => {
        for (const candidate of candidates) {
          const paths = imagePaths(BASIC_TX, candidate.map((i) => objects[i]!), receivers);
          const options = { approx: true, alpha: 40 };
          const expected = minimum(
            minimum(interactionPointsOnObjects(paths.points, objects, candidate, options), pathUnobstructed(paths.points, objects, candidate, options)),
            pathLossBelowTolerance(paths.loss, options),
          );
          expect(pathValidity(paths, objects, candidate, options).toArray()).toEqual(expected.toArray());
          const sharp = pathValidity(paths, objects, candidate, { approx: true, alpha: 1e12 }).data;
          const exact = pathValidity(paths, objects, candidate).data;
          for (let i = 0; i < exact.length; i++) expect(sharp[i]).toBe(exact[i]);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('is batched: a grid of receivers gives the single-receiver values', () => {
    const objects = basicWalls();
    const grid = Array.from({ length: 4 }, (_, i) => Array.from({ length: 5 }, (_, j) => [0.05 + 0.23 * i, 0.04 + 0.19 * j]));
    for (const candidate of [[], [0], [4, 3], [5, 4]]) {
      const walls = candidate.map((i) => objects[i]!);
      for (const approx of [false, true]) {
        const batch = pathValidity(imagePaths(BASIC_TX, walls, grid), objects, candidate, { approx });
        expect(batch.shape).toEqual([4, 5]);
        grid.flat().forEach((rx, k) => {
          expect(batch.data[k]).toBe(pathValidity(imagePaths(BASIC_TX, walls, rx), objects, candidate, { approx }).item());
        });
      }
    }
  });

  it('rejects bad input with an error naming the problem', () => {
    const objects = basicWalls();
    const paths = imagePaths(BASIC_TX, [objects[0]!], BASIC_RX);
    expect(() => pathValidity(paths, objects, [9])).toThrow('pathValidity: candidate[0] = 9 is out of range for 7 objects');
    expect(() => pathValidity(paths, objects, [0, 1])).toThrow('pathValidity: the candidate [0, 1] has 2 objects but the paths have 1 interaction points');
    expect(() => pathValidity(paths, [], [0])).toThrow('pathValidity: candidate[0] = 0 is out of range for 0 objects');
    expect(() => pathValidity({ points: paths.points, loss: tensor([0, 0]) }, objects, [0])).toThrow('pathValidity: paths.loss must have the batch shape []');
    expect(() => pathValidity(paths, [objects[0]!, 5 as unknown as Interactable], [0])).toThrow('pathValidity: objects[1] is a number, not an interacting object');
    expect(() => pathValidity(paths, objects, [0], { lossTolerance: -1 })).toThrow('pathValidity: lossTolerance must be a finite positive number, got -1');
    expect(() => pathValidity(paths, objects, [0], { intersectTolerance: NaN })).toThrow('pathValidity: intersectTolerance must be a finite number, got NaN');
    expect(() => pathValidity(paths, objects, [0], { approx: true, alpha: -1 })).toThrow('pathValidity: alpha must be a finite positive number');
    expect(() => pathValidity({ points: tensor([1, 2]), loss: tensor(0) }, objects, [])).toThrow('pathValidity: path points must have shape [..., K + 2, 2]');
  });
});

describe('smoothed validity: gradients', () => {
  // validity and validity * power, w.r.t. TX, RX and every wall coordinate of the basic scene
  const candidates = [...pathCandidates(BASIC_WALLS.length, { maxOrder: 2 })];
  for (const [activation, alpha] of [['sigmoid', 20], ['hardSigmoid', 100]] as const) {
    it(`match central finite differences away from kinks (${activation}, alpha ${alpha}; fast-check)`, () => {
      let nonTrivial = 0;
      let skipped = 0;
      fc.assert(
        fc.property(unitPosition, unitPosition, fc.nat({ max: candidates.length - 1 }), fc.integer(), (tx, rx, c, seed) => {
          const candidate = candidates[c]!;
          const options = { approx: true, alpha, activation };
          // Finite differences need the geometry to be large next to their
          // steps: no segment shorter than 1e-3 (paths into a corner).
          const walls = basicWalls();
          const points = imagePaths(tx, candidate.map((i) => walls[i]!), rx).points.data;
          for (let j = 0; j + 2 < points.length; j += 2) fc.pre(Math.hypot(points[j + 2]! - points[j]!, points[j + 3]! - points[j + 1]!) > 1e-3);
          const validity = (t: Tensor, r: Tensor, w: Tensor): Tensor => {
            const objects = wallsFrom(w);
            return pathValidity(imagePaths(t, candidate.map((i) => objects[i]!), r), objects, candidate, options);
          };
          const weighted = (t: Tensor, r: Tensor, w: Tensor): Tensor => {
            const objects = wallsFrom(w);
            const paths = imagePaths(t, candidate.map((i) => objects[i]!), r);
            return mul(pathValidity(paths, objects, candidate, options), receivedPower(paths.points));
          };
          const next = prng(seed);
          for (const f of [validity, weighted]) {
            const check = directionalCheck(f, [tensor(tx), tensor(rx), tensor(BASIC_WALLS)], next);
            expect(check.finite).toBe(true);
            if (!check.smooth) {
              skipped++;
              continue;
            }
            if (check.scale > 1e-6) nonTrivial++;
            expect(gradientError(check)).toBeLessThanOrEqual(1e-6);
          }
        }),
        { numRuns: 300 },
      );
      expect(nonTrivial).toBeGreaterThan(activation === 'sigmoid' ? 100 : 5);
      expect(skipped).toBeLessThan(60);
    });
  }

  it('of the power are finite on a 50 x 50 TX grid, outer walls included (DiffeRT2d: 154 of 5000 NaN)', () => {
    const ticks = Array.from({ length: 50 }, (_, i) => i / 49);
    const grid = tensor(ticks.flatMap((x) => ticks.map((y) => [x, y])));
    const g = grad((tx: Tensor) => sum(totalReceivedPower(tx, BASIC_RX, basicWalls(), { approx: true, maxOrder: 1 })))(grid);
    expect(g.shape).toEqual([2500, 2]);
    let finite = 0;
    for (const v of g.data) if (Number.isFinite(v)) finite++;
    expect(finite).toBe(5000);
  });
});

describe('tracePaths and totalReceivedPower', () => {
  it('yield every candidate in order with its paths, validity and power', () => {
    const objects = basicWalls();
    const traced = [...tracePaths(BASIC_TX, BASIC_RX, objects, { maxOrder: 2, prune: false })];
    expect(traced.map((t) => t.candidate)).toEqual([...pathCandidates(7, { maxOrder: 2 })]);
    for (const { candidate, paths, validity, power } of traced) {
      const expected = imagePaths(BASIC_TX, candidate.map((i) => objects[i]!), BASIC_RX);
      expect(paths.points.toArray()).toEqual(expected.points.toArray());
      expect(validity.item()).toBe(pathValidity(expected, objects, candidate).item());
      expect(power.item()).toBe(receivedPower(expected.points).item());
    }
    const total = traced.reduce((acc, t) => acc + t.validity.item() * t.power.item(), 0);
    expect(totalReceivedPower(BASIC_TX, BASIC_RX, objects, { maxOrder: 2 }).item()).toBeCloseTo(total, 12);
  });

  it('keep filtered-out objects as obstacles', () => {
    const objects = basicWalls();
    // LOS from TX to (0.6, 0.1) crosses wall 4, which the filter keeps out of candidates
    const traced = [...tracePaths(BASIC_TX, [0.6, 0.1], objects, { maxOrder: 0, filter: (i) => i !== 4 })];
    expect(traced.map((t) => [t.candidate, t.validity.item()])).toEqual([[[], 0]]);
  });

  it('need specular walls for the image method: a RIS throws unless filtered out (it still blocks) or another tracer is given', () => {
    const objects: Interactable[] = [...basicWalls(), new RIS([[0.6, 0.05], [0.6, 0.3]], { name: 'ris' })];
    expect(() => tracePaths(BASIC_TX, [0.8, 0.2], objects)).toThrow(
      'tracePaths: objects[7] is a ris (ris), which the image method cannot trace: leave it out of the candidates with the filter option',
    );
    const onlyWalls = { filter: (i: number) => i < 7, maxOrder: 1 };
    const withRis = totalReceivedPower([0.5, 0.1], [0.8, 0.2], objects, onlyWalls).item();
    const withoutRis = totalReceivedPower([0.5, 0.1], [0.8, 0.2], basicWalls(), onlyWalls).item();
    expect(withRis).toBeLessThan(withoutRis); // the RIS blocks the line of sight
    const tracer: PathTracer = (tx, objs, rx) => imagePaths(tx, objs.map((o) => (o instanceof RIS ? new Wall(o.xys) : o)) as Wall[], rx);
    expect([...tracePaths(BASIC_TX, [0.8, 0.2], objects, { tracer, order: 1 })].length).toBe(8);
  });

  it('check everything at the call, before the first candidate', () => {
    const objects = basicWalls();
    expect(() => tracePaths([NaN, 0.1], BASIC_RX, objects)).toThrow('tracePaths: tx has a NaN x coordinate');
    expect(() => tracePaths(BASIC_TX, BASIC_RX, [], { order: 1 })).toThrow(
      'tracePaths: paths of order >= 1 need at least one object to interact with, but objects is empty',
    );
    expect(() => tracePaths(BASIC_TX, BASIC_RX, objects, { order: 2, filter: [] })).toThrow('the filter excludes every object');
    expect(() => tracePaths(BASIC_TX, BASIC_RX, objects, { filter: [9] })).toThrow('pathCandidates: filter index 9 is out of range for 7 objects');
    expect(() => tracePaths(BASIC_TX, BASIC_RX, objects, { approx: true, alpha: 0 })).toThrow('tracePaths: alpha must be a finite positive number');
    expect(() => tracePaths(BASIC_TX, BASIC_RX, objects, { rCoef: NaN })).toThrow('tracePaths: rCoef must be a finite number, got NaN');
    expect(() => totalReceivedPower(BASIC_TX, BASIC_RX, [objects[0]!, null as unknown as Interactable])).toThrow(
      'totalReceivedPower: objects[1] is null, not an interacting object',
    );
    // an empty scene still has its line of sight
    expect(totalReceivedPower([0, 0], [3, 4], []).item()).toBeCloseTo(1 / (0.01 + 25), 15);
  });

  it('are lazy: the first candidate of a 300-wall scene at order 3 comes at once', () => {
    const walls = Array.from({ length: 300 }, (_, i) => new Wall([[i, 0], [i + 0.5, 1]]));
    const first = tracePaths([0, 5], [10, 5], walls, { order: 3, prune: false }).next();
    expect(first.done).toBe(false);
    expect(first.value!.candidate).toEqual([0, 1, 0]);
  });

  it('sum powers over many receivers and transmitters in one call (broadcast)', () => {
    const objects = basicWalls();
    const txs = [[0.1, 0.1], [0.2, 0.3]];
    const rxs = [[0.302, 0.2147], [0.8, 0.8], [0.6, 0.1]];
    const batch = totalReceivedPower(txs.map((t) => [t]), rxs, objects, { maxOrder: 2 });
    expect(batch.shape).toEqual([2, 3]);
    txs.forEach((t, i) => rxs.forEach((r, j) => expect(batch.data[3 * i + j]).toBeCloseTo(totalReceivedPower(t, r, objects, { maxOrder: 2 }).item(), 13)));
    const g = grad((t: Tensor) => sum(totalReceivedPower(t, rxs, objects, { maxOrder: 1, approx: true })))(tensor([0.1, 0.1]));
    let expected0 = 0;
    for (const r of rxs) expected0 += grad((t: Tensor) => totalReceivedPower(t, r, objects, { maxOrder: 1, approx: true }))(tensor([0.1, 0.1])).data[0]!;
    expect(g.data[0]).toBeCloseTo(expected0, 10);
  });
});
