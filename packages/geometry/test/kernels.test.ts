/**
 * Tests of the fused geometry kernels: values and gradients against naive
 * compositions of autodiff primitives and against central finite
 * differences, the hard blocking test's bounds, exclusions and early exit,
 * smooth versus hard far from boundaries, and degenerate inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cos,
  cross,
  div,
  dot,
  equal,
  grad,
  hardSigmoid,
  matmul,
  max as maxOver,
  maximum,
  minimum,
  mul,
  neg,
  noGrad,
  normalize,
  reshape,
  sigmoid,
  sin,
  square,
  stack,
  sub,
  add,
  sum,
  take,
  Tensor,
  tensor,
  where,
} from '@differt2d/autodiff';
import { withApprox } from '../src/logic/settings.js';
import { RIS, Wall } from '../src/objects/index.js';
import {
  DEFAULT_INTERSECTION_TOLERANCE,
  firstBlockingWalls,
  imagesThroughWall,
  interactionLosses,
  risInteractionLosses,
  segmentsBlocked,
  segmentsIntersectSmooth,
  type KernelActivation,
} from '../src/kernels/index.js';

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/** fast-check settings: a fixed seed (reproducible), overridable with KERNELS_SEED to explore. */
const FC = { numRuns: 150, seed: Number(process.env['KERNELS_SEED'] ?? 20240611) } as const;

/** Step of the finite differences (in coordinate units). */
const FD_STEP = 1e-5;

/** A coordinate uniform in [-1, 1] (by value, not by bit pattern). */
const uniformCoordinate = fc.integer({ min: -(2 ** 30), max: 2 ** 30 }).map((k) => (k / 2 ** 30) * (1 - 1e-9) + 1e-10 * Math.sin(k));

/**
 * A coordinate in [-1, 1]: mostly uniform, sometimes a special value (0, +-1,
 * 0.5) or any double (fast-check's doubles favour tiny and boundary values).
 * Without bias (`fc.noBias`), only uniform values.
 */
const coordinate = fc.oneof(
  { weight: 6, arbitrary: uniformCoordinate },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, -1, 0.5, -0.5) },
  { weight: 1, arbitrary: fc.double({ min: -1, max: 1, noNaN: true }) },
);

/** `length` coordinates. */
const coordinatesOf = (arbitrary: fc.Arbitrary<number>) => (length: number) => fc.array(arbitrary, { minLength: length, maxLength: length });

const t = (data: readonly number[] | Float64Array, shape: number[]) => new Tensor(Float64Array.from(data), shape);

/** Max norm of a - b over max(|a|, |b|, floor). */
function relativeError(a: Float64Array, b: Float64Array, floor = 1e-12): number {
  let diff = 0;
  let scale = floor;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(a[i]!), Math.abs(b[i]!));
  }
  return diff / scale;
}

function expectClose(actual: Tensor, expected: Tensor, tolerance: number, what: string): void {
  expect(actual.shape, what).toEqual(expected.shape);
  const error = relativeError(actual.data, expected.data, 1);
  if (!(error <= tolerance)) {
    throw new Error(`${what}: relative error ${error} > ${tolerance}\n actual   ${Array.from(actual.data)}\n expected ${Array.from(expected.data)}`);
  }
}

function allFinite(...tensors: Tensor[]): boolean {
  return tensors.every((x) => x.data.every((v) => Number.isFinite(v)));
}

/**
 * Central finite differences of `f` at `x` (every coordinate), with the
 * fourth-order five-point stencil `(-f(x+2h) + 8 f(x+h) - 8 f(x-h) + f(x-2h)) / 12h`.
 */
function finiteDifferences(f: (x: Float64Array) => number, x: Float64Array, h: number): Float64Array {
  const out = new Float64Array(x.length);
  const y = x.slice();
  const at = (i: number, step: number) => {
    y[i] = x[i]! + step;
    const value = f(y);
    y[i] = x[i]!;
    return value;
  };
  for (let i = 0; i < x.length; i++) out[i] = (-at(i, 2 * h) + 8 * at(i, h) - 8 * at(i, -h) + at(i, -2 * h)) / (12 * h);
  return out;
}

/** Check an analytic gradient against central differences (norm-wise relative error). */
function expectMatchesFiniteDifferences(analytic: Float64Array, f: (x: Float64Array) => number, x: Float64Array, what: string): void {
  const numeric = finiteDifferences(f, x, FD_STEP);
  // Scale: the gradient's size, at least 1e-4 x max(1, |f|): the stencil's own
  // rounding error is ~18 eps |f| / 12 h ~ 2e-11 |f|, and must stay below 1e-6 of the scale.
  const error = relativeError(analytic, numeric, 1e-4 * Math.max(1, Math.abs(f(x))));
  if (!(error <= 1e-6)) {
    throw new Error(`${what}: finite-difference relative error ${error}\n analytic ${Array.from(analytic)}\n numeric  ${Array.from(numeric)}`);
  }
}

function concatData(...parts: Tensor[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.size, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p.data, at);
    at += p.size;
  }
  return out;
}

/** Cut a flat array into tensors shaped like `like`. */
function splitLike<const T extends readonly Tensor[]>(y: Float64Array, like: T): { -readonly [K in keyof T]: Tensor } {
  let at = 0;
  return like.map((x) => {
    const part = new Tensor(y.slice(at, at + x.size), x.shape);
    at += x.size;
    return part;
  }) as { -readonly [K in keyof T]: Tensor };
}

/**
 * Check the reverse-mode gradient of a scalar `objective` with respect to
 * every one of `inputs` against finite differences (see
 * `expectMatchesFiniteDifferences`); return it, flattened.
 */
function expectObjectiveMatchesFiniteDifferences(objective: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], what: string): Float64Array {
  const gradients = grad(objective, { argnums: inputs.map((_, i) => i) })(...inputs) as Tensor[];
  const analytic = concatData(...gradients);
  const f = (y: Float64Array) => noGrad(() => objective(...splitLike(y, inputs)).item());
  expectMatchesFiniteDifferences(analytic, f, concatData(...inputs), what);
  return analytic;
}

// ---------------------------------------------------------------------------
// Naive compositions of autodiff primitives (the references)
// ---------------------------------------------------------------------------

/** `t @ ROTATION = (t.y, -t.x)`. */
const ROTATION = [
  [0, -1],
  [1, 0],
];

/** Origins, dests and unit normals of walls `[2, 2]` or `[N, 2, 2]`. */
function naiveWall(wall: Tensor): { origin: Tensor; dest: Tensor; normal: Tensor } {
  const origin = take(wall, 0, -2);
  const dest = take(wall, 1, -2);
  return { origin, dest, normal: normalize(matmul(sub(dest, origin), ROTATION)) };
}

/** `[N]` to `[N, 1]`. */
const column = (x: Tensor) => reshape(x, [x.size, 1]);

function naiveImages(points: Tensor, wall: Tensor): Tensor {
  const { origin, normal } = naiveWall(wall);
  const s = dot(sub(points, origin), normal);
  return sub(points, mul(mul(column(s), 2), normal));
}

function naiveLosses(a: Tensor, b: Tensor, c: Tensor, wall: Tensor): Tensor {
  const { normal } = naiveWall(wall);
  const i = normalize(sub(b, a));
  const r = normalize(sub(c, b));
  const e = sub(r, sub(i, mul(mul(column(dot(i, normal)), 2), normal)));
  return dot(e, e);
}

function naiveRisLosses(b: Tensor, c: Tensor, wall: Tensor, phi: Tensor): Tensor {
  const { normal } = naiveWall(wall);
  const minusR = neg(normalize(sub(c, b)));
  return add(square(sub(cross(minusR, normal), sin(phi))), square(sub(dot(minusR, normal), cos(phi))));
}

interface SmoothCase {
  readonly tolerance: number;
  readonly patch: number;
  readonly alpha: number;
  readonly activation: KernelActivation;
  readonly exclude?: Int32Array;
}

/**
 * max over walls of min(act(alpha (u + tol)), act(alpha (1 + tol - u)), act(alpha (s + tol)), act(alpha (1 + tol - s))),
 * 0 for parallel or excluded walls.
 */
function naiveSmooth(starts: Tensor, ends: Tensor, walls: Tensor, options: SmoothCase): Tensor {
  const n = starts.shape[0]!;
  const w = walls.shape[0]!;
  const p = reshape(starts, [n, 1, 2]);
  const q = reshape(ends, [n, 1, 2]);
  const origin = take(walls, 0, 1);
  const direction = sub(take(walls, 1, 1), origin);
  const patchedOrigin = sub(origin, mul(options.patch, direction));
  const patchedDirection = mul(1 + 2 * options.patch, direction);
  const r = sub(q, p);
  const toOrigin = sub(patchedOrigin, p);
  const denominator = cross(r, patchedDirection);
  const parallel = equal(denominator, 0);
  const safe = where(parallel, 1, denominator);
  const u = div(cross(toOrigin, patchedDirection), safe);
  const s = div(cross(toOrigin, r), safe);
  const activation = options.activation === 'hardSigmoid' ? hardSigmoid : sigmoid;
  const atLeast = (x: Tensor | number, y: Tensor | number) => activation(mul(options.alpha, sub(x, y)));
  const tol = options.tolerance;
  const value = minimum(minimum(atLeast(u, -tol), atLeast(1 + tol, u)), minimum(atLeast(s, -tol), atLeast(1 + tol, s)));
  const excluded = new Float64Array(n * w);
  if (options.exclude) {
    for (let i = 0; i < n; i++) {
      for (const k of [options.exclude[2 * i]!, options.exclude[2 * i + 1]!]) if (k >= 0 && k < w) excluded[i * w + k] = 1;
    }
  }
  const skip = maximum(parallel, new Tensor(excluded, [n, w]));
  return maxOver(where(skip, 0, value), 1);
}

/** The margins of every segment-wall pair, in plain JS (NaN for parallel / excluded pairs). */
function pairMargins(
  starts: Float64Array,
  ends: Float64Array,
  walls: Float64Array,
  tolerance: number,
  patch: number,
  exclude?: Int32Array,
): { margins: Float64Array[][]; denominators: number[][] } {
  const n = starts.length / 2;
  const w = walls.length / 4;
  const margins: Float64Array[][] = [];
  const denominators: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: Float64Array[] = [];
    const dRow: number[] = [];
    const px = starts[2 * i]!;
    const py = starts[2 * i + 1]!;
    const rx = ends[2 * i]! - px;
    const ry = ends[2 * i + 1]! - py;
    for (let j = 0; j < w; j++) {
      const tx0 = walls[4 * j + 2]! - walls[4 * j]!;
      const ty0 = walls[4 * j + 3]! - walls[4 * j + 1]!;
      const ox = walls[4 * j]! - patch * tx0;
      const oy = walls[4 * j + 1]! - patch * ty0;
      const tx = (1 + 2 * patch) * tx0;
      const ty = (1 + 2 * patch) * ty0;
      const d = rx * ty - ry * tx;
      const excluded = exclude !== undefined && (exclude[2 * i] === j || exclude[2 * i + 1] === j);
      dRow.push(excluded ? NaN : d);
      if (d === 0 || excluded) {
        row.push(Float64Array.of(NaN, NaN, NaN, NaN));
        continue;
      }
      const wx = ox - px;
      const wy = oy - py;
      const u = (wx * ty - wy * tx) / d;
      const s = (wx * ry - wy * rx) / d;
      row.push(Float64Array.of(u + tolerance, 1 + tolerance - u, s + tolerance, 1 + tolerance - s));
    }
    margins.push(row);
    denominators.push(dRow);
  }
  return { margins, denominators };
}

/** A full scan with divisions, no early exit: the number of blocking walls per segment and the first one. */
function fullScan(
  starts: Float64Array,
  ends: Float64Array,
  walls: Float64Array,
  tolerance: number,
  patch: number,
  exclude?: Int32Array,
): { blockers: number[]; first: number[]; pairsTested: number } {
  const { margins } = pairMargins(starts, ends, walls, tolerance, patch, exclude);
  const w = walls.length / 4;
  const blockers: number[] = [];
  const first: number[] = [];
  let pairsTested = 0;
  margins.forEach((row, i) => {
    let count = 0;
    let firstWall = -1;
    row.forEach((m, j) => {
      const blocks = m[0]! >= 0 && m[1]! >= 0 && m[2]! >= 0 && m[3]! >= 0;
      if (blocks) count++;
      if (blocks && firstWall < 0) firstWall = j;
    });
    blockers.push(count);
    first.push(firstWall);
    const scanned = firstWall < 0 ? w : firstWall + 1;
    for (let j = 0; j < scanned; j++) {
      const excluded = exclude !== undefined && (exclude[2 * i] === j || exclude[2 * i + 1] === j);
      if (!excluded) pairsTested++;
    }
  });
  return { blockers, first, pairsTested };
}

// ---------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------

/** N points, one wall or N walls. */
const pointsAndWallOf = (coordinates: (length: number) => fc.Arbitrary<number[]>) => fc
  .record({ n: fc.integer({ min: 1, max: 5 }), perPoint: fc.boolean() })
  .chain(({ n, perPoint }) =>
    fc.record({
      n: fc.constant(n),
      perPoint: fc.constant(perPoint),
      a: coordinates(2 * n),
      b: coordinates(2 * n),
      c: coordinates(2 * n),
      wall: coordinates(perPoint ? 4 * n : 4),
      phi: fc.oneof(fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }).map((x) => [x]), coordinates(n).map((x) => x.map((v) => 3 * v))),
      weights: coordinates(n),
    }),
  )
  .map((x) => ({
    ...x,
    A: t(x.a, [x.n, 2]),
    B: t(x.b, [x.n, 2]),
    C: t(x.c, [x.n, 2]),
    Wall: t(x.wall, x.perPoint ? [x.n, 2, 2] : [2, 2]),
    Phi: x.phi.length === 1 ? t(x.phi, []) : t(x.phi, [x.n]),
    Weights: t(x.weights, [x.n]),
  }));

/** N segments, W walls, options. */
const segmentsCaseOf = (coordinates: (length: number) => fc.Arbitrary<number[]>) => fc
  .record({ n: fc.integer({ min: 1, max: 5 }), w: fc.integer({ min: 1, max: 4 }) })
  .chain(({ n, w }) =>
    fc.record({
      n: fc.constant(n),
      w: fc.constant(w),
      starts: coordinates(2 * n),
      ends: coordinates(2 * n),
      walls: coordinates(4 * w),
      exclude: fc.option(fc.array(fc.integer({ min: -1, max: w }), { minLength: 2 * n, maxLength: 2 * n }), { nil: undefined }),
      tolerance: fc.constantFrom(0, DEFAULT_INTERSECTION_TOLERANCE, 0.05),
      patch: fc.constantFrom(0, 0, 0.1, -0.2),
      alpha: fc.oneof(fc.constant(100), fc.double({ min: 0.5, max: 30, noNaN: true })),
      activation: fc.constantFrom<KernelActivation>('hardSigmoid', 'sigmoid'),
      weights: coordinates(n),
    }),
  )
  .map((x) => ({
    ...x,
    Starts: t(x.starts, [x.n, 2]),
    Ends: t(x.ends, [x.n, 2]),
    Walls: t(x.walls, [x.w, 2, 2]),
    Weights: t(x.weights, [x.n]),
    options: {
      tolerance: x.tolerance,
      patch: x.patch,
      alpha: x.alpha,
      activation: x.activation,
      ...(x.exclude === undefined ? {} : { exclude: Int32Array.from(x.exclude) }),
    } as SmoothCase,
  }));

/** Cases with some special and degenerate coordinates. */
const pointsAndWall = pointsAndWallOf(coordinatesOf(coordinate));
const segmentsCase = segmentsCaseOf(coordinatesOf(coordinate));
/** Cases with coordinates uniform in [-1, 1], for finite differences. */
const uniformPointsAndWall = fc.noBias(pointsAndWallOf(coordinatesOf(uniformCoordinate)));
const uniformSegmentsCase = fc.noBias(segmentsCaseOf(coordinatesOf(uniformCoordinate)));

// ---------------------------------------------------------------------------
// imagesThroughWall
// ---------------------------------------------------------------------------

describe('imagesThroughWall', () => {
  it('mirrors points through a wall (shared or one per point)', () => {
    expect(imagesThroughWall([[0.2, 0.3], [1, 2]], [[0, 0], [1, 0]]).toArray()).toEqual([[0.2, -0.3], [1, -2]]);
    const images = imagesThroughWall([[0, 0], [2, 1]], [[[1, 0], [1, 1]], [[0, 0], [1, 1]]]).toArray() as number[][];
    expect(images[0]).toEqual([2, 0]);
    expect(images[1]![0]).toBeCloseTo(1, 14);
    expect(images[1]![1]).toBeCloseTo(2, 14);
    // A zero-length wall leaves its points where they are.
    expect(imagesThroughWall([[0.3, 0.4]], [[0.5, 0.5], [0.5, 0.5]]).toArray()).toEqual([[0.3, 0.4]]);
  });

  it('matches the naive composition (values and gradients)', () => {
    fc.assert(
      fc.property(pointsAndWall, ({ A, Wall, n }) => {
        expectClose(imagesThroughWall(A, Wall), naiveImages(A, Wall), 1e-12, 'values');
        if (!segmentsLongEnough(A, A, A, Wall, 1e-150, true)) return; // gradients ~ 1 / |t| overflow
        const cotangent = t(Array.from({ length: 2 * n }, (_, i) => Math.sin(3 * i + 1)), [n, 2]);
        const objective = (f: typeof naiveImages) => (p: Tensor, w: Tensor) => sum(mul(cotangent, f(p, w)));
        const [gp, gw] = grad(objective(imagesThroughWall), { argnums: [0, 1] })(A, Wall);
        const [np, nw] = grad(objective(naiveImages), { argnums: [0, 1] })(A, Wall);
        expectClose(gp, np, 1e-10, 'gradient w.r.t. points');
        expectClose(gw, nw, 1e-10, 'gradient w.r.t. the wall');
      }),
      FC,
    );
  });

  it('has gradients equal to central finite differences', () => {
    let checked = 0;
    fc.assert(
      fc.property(uniformPointsAndWall, ({ A, Wall, n }) => {
        const lengths = Wall.data.length / 4;
        for (let k = 0; k < lengths; k++) {
          const dx = Wall.data[4 * k + 2]! - Wall.data[4 * k]!;
          const dy = Wall.data[4 * k + 3]! - Wall.data[4 * k + 1]!;
          if (Math.hypot(dx, dy) < 0.05) return; // the normal turns fast: finite differences are unreliable
        }
        checked++;
        const cotangent = t(Array.from({ length: 2 * n }, (_, i) => Math.cos(2 * i + 1)), [n, 2]);
        const objective = (p: Tensor, w: Tensor) => sum(mul(cotangent, imagesThroughWall(p, w)));
        expectObjectiveMatchesFiniteDifferences(objective, [A, Wall], 'imagesThroughWall');
      }),
      FC,
    );
    expect(checked).toBeGreaterThan(FC.numRuns / 2);
  });

  it('is an involution: the image of the image is the point', () => {
    fc.assert(
      fc.property(pointsAndWall, ({ A, Wall }) => {
        expectClose(imagesThroughWall(imagesThroughWall(A, Wall), Wall), A, 1e-12, 'image of image');
      }),
      FC,
    );
  });

  it('rejects bad shapes with the function name and the shapes', () => {
    expect(() => imagesThroughWall([1, 2], [[0, 0], [1, 0]])).toThrow('imagesThroughWall: points must have shape [N, 2] (N points (x, y)), got [2]');
    expect(() => imagesThroughWall([[1, 2]], [[0, 0, 1, 0]])).toThrow('imagesThroughWall: wall must have shape [2, 2] (origin, dest) or [N, 2, 2] with N = 1 (one wall per point), got [1, 4]');
    expect(() => imagesThroughWall([[1, 2], [3, 4]], [[[0, 0], [1, 0]], [[0, 0], [1, 0]], [[0, 0], [1, 0]]])).toThrow('got [3, 2, 2]');
  });
});

// ---------------------------------------------------------------------------
// interactionLosses, risInteractionLosses
// ---------------------------------------------------------------------------

describe('interactionLosses (specular reflection on a wall)', () => {
  it('is 0 for a mirror reflection and positive otherwise', () => {
    const wall = [[0, 0], [1, 0]];
    expect(interactionLosses([[0, 1]], [[0.5, 0]], [[1, 1]], wall).item()).toBeCloseTo(0, 15);
    expect(interactionLosses([[0, 1]], [[0.5, 0]], [[1, -1]], wall).item()).toBeCloseTo(3.2, 14);
  });

  it('matches the naive composition (values and gradients)', () => {
    fc.assert(
      fc.property(pointsAndWall, ({ A, B, C, Wall, Weights }) => {
        expectClose(interactionLosses(A, B, C, Wall), naiveLosses(A, B, C, Wall), 1e-12, 'values');
        if (!segmentsLongEnough(A, B, C, Wall, 1e-150, true)) return; // gradients ~ 1 / length overflow
        const objective = (f: typeof naiveLosses) => (a: Tensor, b: Tensor, c: Tensor, w: Tensor) => sum(mul(Weights, f(a, b, c, w)));
        const ours = grad(objective(interactionLosses), { argnums: [0, 1, 2, 3] })(A, B, C, Wall);
        const naive = grad(objective(naiveLosses), { argnums: [0, 1, 2, 3] })(A, B, C, Wall);
        ['a', 'b', 'c', 'wall'].forEach((name, k) => expectClose(ours[k]!, naive[k]!, 1e-9, `gradient w.r.t. ${name}`));
      }),
      FC,
    );
  });

  it('has gradients equal to central finite differences', () => {
    let checked = 0;
    fc.assert(
      fc.property(uniformPointsAndWall, ({ A, B, C, Wall, Weights }) => {
        if (!segmentsLongEnough(A, B, C, Wall)) return;
        checked++;
        const objective = (a: Tensor, b: Tensor, c: Tensor, w: Tensor) => sum(mul(Weights, interactionLosses(a, b, c, w)));
        expectObjectiveMatchesFiniteDifferences(objective, [A, B, C, Wall], 'interactionLosses');
      }),
      FC,
    );
    expect(checked).toBeGreaterThan(FC.numRuns / 3);
  });

  it('gives finite values and gradients for zero-length segments and walls', () => {
    const p = [0.3, 0.4];
    const q = [0.7, 0.1];
    const cases: [number[], number[], number[], number[][]][] = [
      [p, p, q, [[0, 0], [1, 0]]],
      [p, q, q, [[0, 0], [1, 0]]],
      [p, p, p, [[0, 0], [1, 0]]],
      [p, q, p, [[0.5, 0.5], [0.5, 0.5]]],
    ];
    for (const [a, b, c, w] of cases) {
      const objective = (x: Tensor, y: Tensor, z: Tensor, ww: Tensor) => sum(interactionLosses(x, y, z, ww));
      const value = interactionLosses([a], [b], [c], w);
      const gradients = grad(objective, { argnums: [0, 1, 2, 3] })(tensor([a]), tensor([b]), tensor([c]), tensor(w));
      expect(allFinite(value, ...gradients)).toBe(true);
    }
  });

  it('rejects bad shapes', () => {
    expect(() => interactionLosses([[0, 0]], [[0, 0], [1, 1]], [[0, 0]], [[0, 0], [1, 0]])).toThrow(
      'interactionLosses: the point arrays must all have the same length N, got a [1, 2], b [2, 2], c [1, 2]',
    );
    expect(() => interactionLosses([[0, 0, 0]], [[0, 0]], [[0, 0]], [[0, 0], [1, 0]])).toThrow('interactionLosses: a must have shape [N, 2]');
  });
});

/**
 * All non-zero segments a-b, b-c and walls at least `minimum` long (0.05:
 * finite differences are reliable; 1e-150: exact gradients, of order
 * 1 / length, do not overflow). With `allowZero`, zero lengths pass (their
 * gradient is defined as 0).
 */
function segmentsLongEnough(A: Tensor, B: Tensor, C: Tensor, Wall: Tensor, minimum = 0.05, allowZero = false): boolean {
  const ok = (dx: number, dy: number) => {
    const length = Math.hypot(dx, dy);
    return length >= minimum || (allowZero && length === 0);
  };
  for (let i = 0; i < A.shape[0]!; i++) {
    if (!ok(B.data[2 * i]! - A.data[2 * i]!, B.data[2 * i + 1]! - A.data[2 * i + 1]!)) return false;
    if (!ok(C.data[2 * i]! - B.data[2 * i]!, C.data[2 * i + 1]! - B.data[2 * i + 1]!)) return false;
  }
  for (let k = 0; k < Wall.size / 4; k++) {
    if (!ok(Wall.data[4 * k + 2]! - Wall.data[4 * k]!, Wall.data[4 * k + 3]! - Wall.data[4 * k + 1]!)) return false;
  }
  return true;
}

describe('risInteractionLosses (RIS)', () => {
  it('is 0 when the ray leaves at phi to the normal, whatever the incidence', () => {
    const ris = [[0.5, 0.3], [0.5, 0.7]];
    // The reference's figure 1: from the left, the ray leaves up-left at 45 degrees.
    expect(risInteractionLosses([[0, 0]], [[0.5, 0.5]], [[0.2, 0.8]], ris).item()).toBeCloseTo(0, 15);
    expect(risInteractionLosses([[0.4, 0.9]], [[0.5, 0.5]], [[0.2, 0.8]], ris).item()).toBeCloseTo(0, 15);
    expect(risInteractionLosses([[0, 0]], [[0.5, 0.5]], [[0, 0.5]], ris, 0).item()).toBeCloseTo(0, 15);
    expect(risInteractionLosses([[0, 0]], [[0.5, 0.5]], [[0.2, 0.8]], ris, 0).item()).toBeGreaterThan(0.1);
  });

  it('matches the naive composition (values and gradients, phi scalar or per triplet)', () => {
    fc.assert(
      fc.property(pointsAndWall, ({ A, B, C, Wall, Phi, Weights }) => {
        expectClose(risInteractionLosses(A, B, C, Wall, Phi), naiveRisLosses(B, C, Wall, Phi), 1e-12, 'values');
        if (!segmentsLongEnough(B, B, C, Wall, 1e-150, true)) return; // gradients ~ 1 / length overflow
        const ours = grad((a: Tensor, b: Tensor, c: Tensor, w: Tensor, phi: Tensor) => sum(mul(Weights, risInteractionLosses(a, b, c, w, phi))), {
          argnums: [0, 1, 2, 3, 4],
        })(A, B, C, Wall, Phi);
        const naive = grad((b: Tensor, c: Tensor, w: Tensor, phi: Tensor) => sum(mul(Weights, naiveRisLosses(b, c, w, phi))), {
          argnums: [0, 1, 2, 3],
        })(B, C, Wall, Phi);
        expect(ours[0]!.data.every((v) => v === 0)).toBe(true);
        ['b', 'c', 'wall', 'phi'].forEach((name, k) => expectClose(ours[k + 1]!, naive[k]!, 1e-9, `gradient w.r.t. ${name}`));
      }),
      FC,
    );
  });

  it('has gradients equal to central finite differences', () => {
    let checked = 0;
    fc.assert(
      fc.property(uniformPointsAndWall, ({ A, B, C, Wall, Phi, Weights }) => {
        if (!segmentsLongEnough(A, B, C, Wall)) return;
        checked++;
        const objective = (b: Tensor, c: Tensor, w: Tensor, phi: Tensor) => sum(mul(Weights, risInteractionLosses(A, b, c, w, phi)));
        expectObjectiveMatchesFiniteDifferences(objective, [B, C, Wall, Phi], 'risInteractionLosses');
      }),
      FC,
    );
    expect(checked).toBeGreaterThan(FC.numRuns / 3);
  });

  it('gives finite values and gradients for b == c and zero-length RIS', () => {
    const objective = (b: Tensor, c: Tensor, w: Tensor, phi: Tensor) => sum(risInteractionLosses([[0, 0]], b, c, w, phi));
    for (const [b, c, w] of [
      [[0.5, 0.5], [0.5, 0.5], [[0.5, 0.3], [0.5, 0.7]]],
      [[0.5, 0.5], [0.2, 0.5], [[0.5, 0.5], [0.5, 0.5]]],
    ] as [number[], number[], number[][]][]) {
      const value = risInteractionLosses([[0, 0]], [b], [c], w);
      expect(value.item()).toBeCloseTo(1, 14); // r = 0 or n = 0: sin^2 + cos^2
      expect(allFinite(value, ...grad(objective, { argnums: [0, 1, 2, 3] })(tensor([b]), tensor([c]), tensor(w), tensor(0.3)))).toBe(true);
    }
  });

  it('rejects a phi of the wrong shape', () => {
    expect(() => risInteractionLosses([[0, 0]], [[0, 0]], [[1, 1]], [[0, 0], [1, 0]], [1, 2])).toThrow(
      'risInteractionLosses: phi must be a number, a scalar or of shape [N] with N = 1, got [2]',
    );
  });
});

// ---------------------------------------------------------------------------
// segmentsBlocked (hard)
// ---------------------------------------------------------------------------

describe('segmentsBlocked (hard, early exit)', () => {
  const wall = [[[0, 0], [1, 0]]];
  /** A vertical segment at x, crossing y = 0 at parametric coordinate u along it. */
  const vertical = (x: number, u: number): [number[], number[]] => [[x, -u], [x, 1 - u]];
  const blocked = (segment: [number[], number[]], options = {}) => segmentsBlocked([segment[0]], [segment[1]], wall, options).item();

  it('accepts crossings within the tolerance on the wall coordinate, bounds included', () => {
    expect(blocked(vertical(0.5, 0.5))).toBe(1);
    expect(blocked(vertical(1.004, 0.5))).toBe(1);
    expect(blocked(vertical(1.006, 0.5))).toBe(0);
    expect(blocked(vertical(-0.004, 0.5))).toBe(1);
    expect(blocked(vertical(-0.006, 0.5))).toBe(0);
    expect(blocked(vertical(1.25, 0.5), { tolerance: 0.25 })).toBe(1); // bound included (exact in binary)
    expect(blocked(vertical(1.25, 0.5), { tolerance: 0.24 })).toBe(0);
  });

  it('accepts crossings within the tolerance on the segment coordinate', () => {
    expect(blocked(vertical(0.5, 1.004))).toBe(1);
    expect(blocked(vertical(0.5, 1.006))).toBe(0);
    expect(blocked(vertical(0.5, -0.004))).toBe(1);
    expect(blocked(vertical(0.5, -0.006))).toBe(0);
    // Both coordinates at once, and exactly at the segment's end (touching).
    expect(blocked(vertical(1.004, 1.004))).toBe(1);
    expect(blocked(vertical(1, 1))).toBe(1);
    expect(blocked(vertical(1, 1), { tolerance: 0 })).toBe(1);
  });

  it('patches walls: grown by patch * t at both ends, shrunk when negative', () => {
    expect(blocked(vertical(1.05, 0.5))).toBe(0);
    expect(blocked(vertical(1.05, 0.5), { patch: 0.1 })).toBe(1);
    expect(blocked(vertical(-0.05, 0.5), { patch: 0.1 })).toBe(1);
    expect(blocked(vertical(0.95, 0.5), { patch: -0.1 })).toBe(0);
    expect(blocked(vertical(0.5, 0.5), { patch: -0.1 })).toBe(1);
  });

  it('never blocks with parallel, collinear or zero-length segments and walls', () => {
    const starts = [[0, 0.5], [0.2, 0], [0.5, -0.5], [0.5, 0]];
    const ends = [[1, 0.5], [0.8, 0], [0.5, -0.5], [0.5, 0]];
    expect(segmentsBlocked(starts, ends, wall).toArray()).toEqual([0, 0, 0, 0]);
    expect(segmentsBlocked([[0.5, -1]], [[0.5, 1]], [[[0.5, 0], [0.5, 0]]]).toArray()).toEqual([0]);
  });

  it('skips the excluded walls (the objects at the segment ends)', () => {
    const walls = [[[0, 0], [1, 0]], [[0, 0.5], [1, 0.5]], [[5, 5], [6, 6]]];
    const starts = [[0.5, -1], [0.5, -1], [0.5, -1], [0.5, -1]];
    const ends = [[0.5, 1], [0.5, 1], [0.5, 1], [0.5, 0.2]];
    const exclude = Int32Array.of(-1, -1, 0, -1, 1, 0, 0, 2);
    expect(segmentsBlocked(starts, ends, walls, { exclude }).toArray()).toEqual([1, 1, 0, 0]);
    const found = firstBlockingWalls(starts, ends, walls, { exclude });
    expect(Array.from(found.indices)).toEqual([0, 1, -1, -1]);
    expect(found.pairsTested).toBe(1 + 1 + 1 + 1); // one wall each: found at once, or the only one not excluded
  });

  it('gives the same answer as a full scan without early exit (random inputs)', () => {
    fc.assert(
      fc.property(segmentsCase, ({ Starts, Ends, Walls, tolerance, patch, options }) => {
        const reference = fullScan(Starts.data, Ends.data, Walls.data, tolerance, patch, options.exclude);
        const hard = segmentsBlocked(Starts, Ends, Walls, options);
        expect(Array.from(hard.data)).toEqual(reference.blockers.map((b) => (b > 0 ? 1 : 0)));
        const found = firstBlockingWalls(Starts, Ends, Walls, options);
        expect(Array.from(found.indices)).toEqual(reference.first);
        expect(found.pairsTested).toBe(reference.pairsTested);
      }),
      { ...FC, numRuns: 400 },
    );
  });

  it('gives the same answer as a full scan on a coarse grid (touching ends, collinear and parallel segments)', () => {
    const gridPoint = fc.integer({ min: -4, max: 4 }).map((k) => k / 4);
    const grid = (length: number) => fc.array(gridPoint, { minLength: length, maxLength: length });
    const gridCase = fc
      .record({ n: fc.integer({ min: 1, max: 6 }), w: fc.integer({ min: 1, max: 5 }) })
      .chain(({ n, w }) =>
        fc.record({
          starts: grid(2 * n).map((x) => t(x, [n, 2])),
          ends: grid(2 * n).map((x) => t(x, [n, 2])),
          walls: grid(4 * w).map((x) => t(x, [w, 2, 2])),
          tolerance: fc.constantFrom(0, 1 / 16),
          patch: fc.constantFrom(0, 0.125, -0.125),
        }),
      );
    let touching = 0;
    fc.assert(
      fc.property(gridCase, ({ starts, ends, walls, tolerance, patch }) => {
        const reference = fullScan(starts.data, ends.data, walls.data, tolerance, patch);
        const { margins } = pairMargins(starts.data, ends.data, walls.data, tolerance, patch);
        if (margins.some((row) => row.some((m) => m.some((v) => v === 0)))) touching++;
        expect(Array.from(segmentsBlocked(starts, ends, walls, { tolerance, patch }).data)).toEqual(reference.blockers.map((b) => (b > 0 ? 1 : 0)));
      }),
      { ...FC, numRuns: 400 },
    );
    expect(touching).toBeGreaterThan(20); // the grid does exercise the bounds
  });

  it('handles empty batches and rejects bad inputs', () => {
    expect(segmentsBlocked(new Tensor(new Float64Array(0), [0, 2]), new Tensor(new Float64Array(0), [0, 2]), wall).shape).toEqual([0]);
    expect(segmentsBlocked([[0, 0]], [[1, 1]], new Tensor(new Float64Array(0), [0, 2, 2])).toArray()).toEqual([0]);
    expect(() => segmentsBlocked([[0, 0]], [[1, 1], [2, 2]], wall)).toThrow(
      'segmentsBlocked: the point arrays must all have the same length N, got starts [1, 2], ends [2, 2]',
    );
    expect(() => segmentsBlocked([[0, 0]], [[1, 1]], [[0, 0], [1, 0]])).toThrow('segmentsBlocked: walls must have shape [W, 2, 2] (origin, dest of each wall), got [2, 2]');
    expect(() => segmentsBlocked([[0, 0]], [[1, 1]], wall, { exclude: Int32Array.of(0) })).toThrow(
      'segmentsBlocked: exclude must be an Int32Array of length 2N = 2',
    );
    expect(() => segmentsBlocked([[0, 0]], [[1, 1]], wall, { tolerance: NaN })).toThrow('segmentsBlocked: tolerance must be a finite number');
  });

  it('records nothing and gives a zero gradient (a step function)', () => {
    const g = grad((s: Tensor) => sum(mul(s, segmentsBlocked(s, [[0.5, 1]], wall))))(tensor([[0.5, -1]]));
    expect(g.toArray()).toEqual([[1, 1]]); // only through the explicit factor s
  });
});

// ---------------------------------------------------------------------------
// segmentsIntersectSmooth
// ---------------------------------------------------------------------------

describe('segmentsIntersectSmooth', () => {
  it('is 1 deep inside, 0 far away, linear near the bounds (hard sigmoid)', () => {
    const walls = [[[0.5, 0], [0.5, 1]]];
    const values = segmentsIntersectSmooth([[0, 0.5], [0, 0.5], [0, 0.5]], [[1, 0.5], [0.499, 0.5], [0.2, 0.5]], walls, { alpha: 100 });
    const [deep, near, far] = Array.from(values.data);
    expect(deep).toBe(1);
    expect(far).toBe(0);
    // u = 0.5 / 0.499 along the segment: margin 1.005 - u.
    expect(near).toBeCloseTo((100 * (1.005 - 0.5 / 0.499) + 3) / 6, 12);
  });

  it('takes its defaults from the approx settings', () => {
    const walls = [[[0.5, 0], [0.5, 1]]];
    const args = [[[0, 0.5]], [[0.499, 0.5]], walls] as const;
    const byDefault = segmentsIntersectSmooth(...args).item();
    expect(byDefault).toBe(segmentsIntersectSmooth(...args, { alpha: 100, activation: 'hardSigmoid' }).item());
    const scoped = withApprox({ alpha: 10, activation: 'sigmoid' }, () => segmentsIntersectSmooth(...args).item());
    expect(scoped).toBe(segmentsIntersectSmooth(...args, { alpha: 10, activation: 'sigmoid' }).item());
    expect(() => withApprox({ activation: (x: Tensor) => x }, () => segmentsIntersectSmooth(...args))).toThrow(
      "segmentsIntersectSmooth: the fused kernel implements the 'hardSigmoid' and 'sigmoid' activations only",
    );
    expect(() => segmentsIntersectSmooth(...args, { alpha: -1 })).toThrow('segmentsIntersectSmooth: alpha must be a finite positive number');
  });

  it('matches the naive composition (values and gradients w.r.t. starts, ends, walls)', () => {
    let compared = 0;
    fc.assert(
      fc.property(segmentsCase, ({ Starts, Ends, Walls, Weights, options }) => {
        expectClose(segmentsIntersectSmooth(Starts, Ends, Walls, options), naiveSmooth(Starts, Ends, Walls, options), 1e-12, 'values');
        // Gradients: away from ties (where the kernel takes the first, the
        // naive min / max split the cotangent) and from nearly parallel pairs
        // (derivatives ~ 1 / d^2, so rounding differs by ~ eps / d^2).
        if (!awayFromKinks(Starts, Ends, Walls, options, 1e-9, 1e-3)) return;
        compared++;
        const objective = (f: typeof naiveSmooth) => (s: Tensor, e: Tensor, w: Tensor) => sum(mul(Weights, f(s, e, w, options)));
        const ours = grad(objective(segmentsIntersectSmooth), { argnums: [0, 1, 2] })(Starts, Ends, Walls);
        const naive = grad(objective(naiveSmooth), { argnums: [0, 1, 2] })(Starts, Ends, Walls);
        ['starts', 'ends', 'walls'].forEach((name, k) => expectClose(ours[k]!, naive[k]!, 1e-8, `gradient w.r.t. ${name}`));
      }),
      { ...FC, numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(150);
  });

  it('has gradients equal to central finite differences away from kinks', () => {
    let checked = 0;
    let nonZero = 0;
    fc.assert(
      fc.property(uniformSegmentsCase, ({ Starts, Ends, Walls, Weights, options }) => {
        if (!awayFromKinks(Starts, Ends, Walls, options, 3e-3, 0.05)) return;
        checked++;
        const objective = (s: Tensor, e: Tensor, w: Tensor) => sum(mul(Weights, segmentsIntersectSmooth(s, e, w, options)));
        const analytic = expectObjectiveMatchesFiniteDifferences(objective, [Starts, Ends, Walls], 'segmentsIntersectSmooth');
        if (analytic.some((v) => v !== 0)) nonZero++;
      }),
      { ...FC, numRuns: 400 },
    );
    expect(checked).toBeGreaterThan(100);
    expect(nonZero).toBeGreaterThan(50);
  });

  it('agrees with the hard test far from the boundaries (all margins beyond 3 / alpha)', () => {
    let compared = 0;
    fc.assert(
      fc.property(segmentsCase, ({ Starts, Ends, Walls, n, options }) => {
        const hardOptions = { ...options, activation: 'hardSigmoid' as const };
        const smooth = segmentsIntersectSmooth(Starts, Ends, Walls, hardOptions).data;
        const hard = segmentsBlocked(Starts, Ends, Walls, options).data;
        const sigmoidValues = segmentsIntersectSmooth(Starts, Ends, Walls, { ...options, activation: 'sigmoid', alpha: 1000 }).data;
        const { margins } = pairMargins(Starts.data, Ends.data, Walls.data, options.tolerance, options.patch, options.exclude);
        for (let i = 0; i < n; i++) {
          const far = margins[i]!.every((m) => m.every((v) => Number.isNaN(v) || Math.abs(v) > 3 / options.alpha));
          if (!far) continue;
          compared++;
          expect(smooth[i]).toBe(hard[i]);
          // The sigmoid is only close to 0 / 1, and further away.
          const farther = margins[i]!.every((m) => m.every((v) => Number.isNaN(v) || Math.abs(v) > 0.05));
          if (farther) expect(Math.abs(sigmoidValues[i]! - hard[i]!)).toBeLessThan(1e-20);
        }
      }),
      { ...FC, numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(200);
  });

  it('never gives NaN or infinite values or gradients on degenerate inputs', () => {
    const walls = [[[0, 0], [1, 0]], [[0.5, 0], [0.5, 0]], [[0, 1], [0, 1]], [[1, 0], [1, 1]]];
    const starts = [
      [0.5, 0.5], // zero-length segment
      [0.5, 0], // zero-length segment on a wall
      [0.2, 0], // collinear with wall 0
      [0, 0.5], // parallel to wall 0
      [0.5, -0.5], // touching wall 0 at its end (u = 1)
      [1, -1], // through wall 0's dest exactly (s = 1, then along wall 3)
      [0, 0], // starting at wall 0's origin
      [0.5, 0.5], // ending at a zero-length wall
    ];
    const ends = [[0.5, 0.5], [0.5, 0], [0.8, 0], [1, 0.5], [0.5, 0], [1, 1], [0.3, 0.4], [0.5, 0]];
    const S = tensor(starts);
    const E = tensor(ends);
    const W = tensor(walls);
    for (const activation of ['hardSigmoid', 'sigmoid'] as const) {
      for (const alpha of [0.1, 1, 100, 1e6]) {
        for (const exclude of [undefined, Int32Array.from(starts.flatMap(() => [0, -1]))]) {
          const options = { activation, alpha, ...(exclude ? { exclude } : {}) };
          const value = segmentsIntersectSmooth(S, E, W, options);
          const gradients = grad((s: Tensor, e: Tensor, w: Tensor) => sum(segmentsIntersectSmooth(s, e, w, options)), { argnums: [0, 1, 2] })(S, E, W);
          expect(allFinite(value, ...gradients), `${activation} alpha=${alpha}`).toBe(true);
          expect(value.data.every((v) => v >= 0 && v <= 1)).toBe(true);
        }
      }
    }
  });

  it('never gives NaN on random degenerate inputs (points drawn from a tiny set)', () => {
    const point = fc.constantFrom(0, 0.5, 1, 0.25, 1e-9, -1e-9);
    const pointList = (length: number) => fc.array(point, { minLength: length, maxLength: length });
    const degenerateCase = fc
      .record({ n: fc.integer({ min: 1, max: 4 }), w: fc.integer({ min: 1, max: 3 }) })
      .chain(({ n, w }) =>
        fc.record({
          S: pointList(2 * n).map((x) => t(x, [n, 2])),
          E: pointList(2 * n).map((x) => t(x, [n, 2])),
          W: pointList(4 * w).map((x) => t(x, [w, 2, 2])),
          activation: fc.constantFrom<KernelActivation>('hardSigmoid', 'sigmoid'),
        }),
      );
    fc.assert(
      fc.property(degenerateCase, ({ S, E, W, activation }) => {
        const options = { activation, alpha: 100 };
        const value = segmentsIntersectSmooth(S, E, W, options);
        expect(value.data.every((v) => v >= 0 && v <= 1)).toBe(true);
        const gradients = grad((a: Tensor, b: Tensor, c: Tensor) => sum(segmentsIntersectSmooth(a, b, c, options)), { argnums: [0, 1, 2] })(S, E, W);
        expect(gradients.every((g) => g.data.every((v) => Number.isFinite(v)))).toBe(true);
        const wall = take(W, 0);
        const images = imagesThroughWall(S, wall);
        const losses = interactionLosses(S, E, S, wall);
        const ris = risInteractionLosses(S, E, S, wall);
        const lossGradients = grad((a: Tensor, b: Tensor, c: Tensor) => sum(interactionLosses(a, b, a, c)), { argnums: [0, 1, 2] })(S, E, wall);
        for (const x of [images, losses, ris, ...lossGradients]) expect(x.data.every((v) => Number.isFinite(v))).toBe(true);
      }),
      { ...FC, numRuns: 300 },
    );
  });
});

/**
 * Whether the smoothed value is differentiable around these inputs, `gap`
 * away from any kink: no activation of the hard sigmoid near a kink, no
 * near-tie between the two smallest margins of a wall in the active region,
 * nor between the values of the two best walls; and no pair more nearly
 * parallel than `minDenominator` (|cross(r, t)|), where derivatives ~ 1 / d^2.
 * For finite differences, the gap must exceed what a step moves a margin:
 * 2 FD_STEP |du/dx| <= 2e-5 x 40.
 */
function awayFromKinks(Starts: Tensor, Ends: Tensor, Walls: Tensor, options: SmoothCase, gap: number, minDenominator: number): boolean {
  const { margins, denominators } = pairMargins(Starts.data, Ends.data, Walls.data, options.tolerance, options.patch, options.exclude);
  const hard = options.activation === 'hardSigmoid';
  const act = (z: number) => (hard ? Math.min(1, Math.max(0, (z + 3) / 6)) : 1 / (1 + Math.exp(-z)));
  for (let i = 0; i < margins.length; i++) {
    const values: number[] = [];
    for (let j = 0; j < margins[i]!.length; j++) {
      const d = denominators[i]![j]!;
      if (Number.isNaN(d) || d === 0) continue;
      if (Math.abs(d) < minDenominator) return false;
      const sorted = Array.from(margins[i]![j]!).sort((a, b) => a - b);
      const z = options.alpha * sorted[0]!;
      if (hard && Math.abs(Math.abs(z) - 3) < gap * Math.max(1, options.alpha)) return false;
      const active = hard ? Math.abs(z) < 3 : true;
      if (active && sorted[1]! - sorted[0]! < gap) return false;
      values.push(act(z));
    }
    values.sort((a, b) => b - a);
    if (values.length > 1 && values[0]! - values[1]! < gap && values[0]! > 0 && values[0]! < 1) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// The batched kernels against the scalar object methods (Wall, RIS)
// ---------------------------------------------------------------------------

/** Walls `[W, 2, 2]` of `walls` as Wall objects (inside grad: tracked coordinates). */
const wallObjects = (walls: Tensor) => Array.from({ length: walls.shape[0]! }, (_, j) => new Wall(take(walls, j)));

/** Whether every wall of `walls` (`[2, 2]` or `[W, 2, 2]`) has a non-zero length (a Wall object requires it). */
function wallsHaveLength(walls: Tensor): boolean {
  for (let k = 0; k < walls.size / 4; k++) {
    if (walls.data[4 * k] === walls.data[4 * k + 2] && walls.data[4 * k + 1] === walls.data[4 * k + 3]) return false;
  }
  return true;
}

describe('the kernels agree with the object methods (Wall, RIS)', () => {
  it('imagesThroughWall and interactionLosses = Wall.image and Wall.interactionLoss (values and gradients)', () => {
    let compared = 0;
    fc.assert(
      fc.property(pointsAndWall, ({ A, B, C, Wall: xys, perPoint, Weights }) => {
        if (perPoint || !wallsHaveLength(xys)) return;
        expectClose(imagesThroughWall(A, xys), new Wall(xys).image(A), 1e-12, 'images');
        expectClose(interactionLosses(A, B, C, xys), new Wall(xys).interactionLoss(A, B, C), 1e-12, 'losses');
        if (!segmentsLongEnough(A, B, C, xys, 1e-150, true)) return;
        compared++;
        const imagesObjective = (f: (p: Tensor, w: Tensor) => Tensor) => (p: Tensor, w: Tensor) => sum(mul(f(p, w), mul(column(Weights), [1, -2])));
        const ours = grad(imagesObjective(imagesThroughWall), { argnums: [0, 1] })(A, xys);
        const theirs = grad(imagesObjective((p, w) => new Wall(w).image(p)), { argnums: [0, 1] })(A, xys);
        ['points', 'wall'].forEach((name, k) => expectClose(ours[k]!, theirs[k]!, 1e-9, `image gradient w.r.t. ${name}`));
        const lossObjective = (f: (a: Tensor, b: Tensor, c: Tensor, w: Tensor) => Tensor) => (a: Tensor, b: Tensor, c: Tensor, w: Tensor) =>
          sum(mul(Weights, f(a, b, c, w)));
        const oursLoss = grad(lossObjective(interactionLosses), { argnums: [0, 1, 2, 3] })(A, B, C, xys);
        const theirsLoss = grad(lossObjective((a, b, c, w) => new Wall(w).interactionLoss(a, b, c)), { argnums: [0, 1, 2, 3] })(A, B, C, xys);
        ['a', 'b', 'c', 'wall'].forEach((name, k) => expectClose(oursLoss[k]!, theirsLoss[k]!, 1e-9, `loss gradient w.r.t. ${name}`));
      }),
      FC,
    );
    expect(compared).toBeGreaterThan(30);
  });

  it('risInteractionLosses = RIS.interactionLoss (values and gradients, phi included)', () => {
    let compared = 0;
    fc.assert(
      fc.property(pointsAndWall, ({ A, B, C, Wall: xys, perPoint, phi, Weights }) => {
        if (perPoint || !wallsHaveLength(xys)) return;
        const angle = tensor(phi[0]!);
        expectClose(risInteractionLosses(A, B, C, xys, angle), new RIS(xys, { phi: angle }).interactionLoss(A, B, C), 1e-12, 'values');
        if (!segmentsLongEnough(B, B, C, xys, 1e-150, true)) return;
        compared++;
        const ours = grad((b: Tensor, c: Tensor, w: Tensor, p: Tensor) => sum(mul(Weights, risInteractionLosses(A, b, c, w, p))), {
          argnums: [0, 1, 2, 3],
        })(B, C, xys, angle);
        const theirs = grad((b: Tensor, c: Tensor, w: Tensor, p: Tensor) => sum(mul(Weights, new RIS(w, { phi: p }).interactionLoss(A, b, c))), {
          argnums: [0, 1, 2, 3],
        })(B, C, xys, angle);
        ['b', 'c', 'wall', 'phi'].forEach((name, k) => expectClose(ours[k]!, theirs[k]!, 1e-9, `gradient w.r.t. ${name}`));
      }),
      FC,
    );
    expect(compared).toBeGreaterThan(30);
  });

  it('segmentsBlocked = any over walls of Wall.intersects (hard)', () => {
    fc.assert(
      fc.property(segmentsCase, ({ Starts, Ends, Walls, tolerance, patch }) => {
        if (!wallsHaveLength(Walls)) return;
        const hard = segmentsBlocked(Starts, Ends, Walls, { tolerance, patch });
        const perWall = wallObjects(Walls).map((wall) => wall.intersects(Starts, Ends, { tolerance, patch, approx: false }));
        expect(Array.from(hard.data)).toEqual(Array.from(maxOver(stack(perWall), 0).data));
      }),
      { ...FC, numRuns: 300 },
    );
  });

  it('segmentsIntersectSmooth = max over walls of Wall.intersects (smoothed; values and gradients)', () => {
    let compared = 0;
    fc.assert(
      fc.property(segmentsCase, ({ Starts, Ends, Walls, Weights, options }) => {
        if (!wallsHaveLength(Walls)) return;
        const { exclude: _exclude, ...shared } = options;
        const objectOptions = { ...shared, approx: true };
        const theirs = (s: Tensor, e: Tensor, w: Tensor) => maxOver(stack(wallObjects(w).map((wall) => wall.intersects(s, e, objectOptions))), 0);
        expectClose(segmentsIntersectSmooth(Starts, Ends, Walls, shared), theirs(Starts, Ends, Walls), 1e-12, 'values');
        if (!awayFromKinks(Starts, Ends, Walls, shared, 1e-9, 1e-3)) return;
        compared++;
        const objective = (f: typeof theirs) => (s: Tensor, e: Tensor, w: Tensor) => sum(mul(Weights, f(s, e, w)));
        const oursGradients = grad(objective((s, e, w) => segmentsIntersectSmooth(s, e, w, shared)), { argnums: [0, 1, 2] })(Starts, Ends, Walls);
        const theirGradients = grad(objective(theirs), { argnums: [0, 1, 2] })(Starts, Ends, Walls);
        ['starts', 'ends', 'walls'].forEach((name, k) => expectClose(oursGradients[k]!, theirGradients[k]!, 1e-8, `gradient w.r.t. ${name}`));
      }),
      { ...FC, numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
