/**
 * Gradients of Fermat and min-path paths (implicit differentiation) against
 * central finite differences of the solver output: the path is traced again
 * at perturbed TX, RX, wall coordinates and RIS angles.
 */
import { add, mul, sum, Tensor, tensor, type TensorLike } from '@differt2d/autodiff';
import { RIS, Vertex, Wall, type Interactable } from '@differt2d/geometry';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { TracedPaths } from '../src/paths/tracedPaths.js';
import { fermatPaths } from '../src/tracers/fermatPaths.js';
import { minPaths } from '../src/tracers/minPaths.js';
import { expectGradientsMatchFiniteDifferences } from '../../../test-support/finiteDifferences.js';
import { positionArb } from '../../../test-support/generators.js';
import { PhaseGradientMetasurface, ResidualMetasurface } from '../../../test-support/metasurface.js';

type Tracer = (tx: TensorLike, objects: readonly Interactable[], rx: TensorLike) => TracedPaths;

/**
 * `sum(w * points) + 3 sum(loss)` for fixed weights `w`, as a function of
 * tensors (TX, RX, then whatever `build` turns into objects).
 */
function objective(trace: Tracer, build: (parameters: Tensor[]) => Interactable[]): (...args: Tensor[]) => Tensor {
  return (tx, rx, ...parameters) => {
    const { points, loss } = trace(tx!, build(parameters), rx!);
    const weights = new Tensor(Float64Array.from({ length: points.size }, (_, k) => 1 + 0.5 * Math.cos(3 * k + 1)), points.shape);
    return add(sum(mul(points, weights)), mul(sum(loss), 3));
  };
}

/** Every gradient entry against Richardson-extrapolated central differences of re-solved paths: relative error <= 1e-6. */
function checkAgainstFiniteDifferences(fn: (...args: Tensor[]) => Tensor, args: readonly TensorLike[]): void {
  expectGradientsMatchFiniteDifferences(fn, args, { step: 1e-5, absolute: 1e-8 });
}

const FLOOR = [[0, 0], [1, 0]];
const CEILING = [[1, 1], [0, 1]];
const RIGHT = [[1, 0], [1, 1]];
const RUNS = { numRuns: 6 };

/** Whether a traced path is valid (loss ~0, each point strictly inside its segment), so that it is smooth around the inputs. */
function isValid(tx: TensorLike, objects: readonly Interactable[], rx: TensorLike, trace: Tracer = minPaths): boolean {
  const { points, loss } = trace(tx, objects, rx);
  if (!(loss.item() < 1e-12)) return false;
  return objects.every((object, k) => {
    if (object.parameterCount === 0) return true;
    const s = object.cartesianToParametric(new Tensor(points.data.slice(2 * k + 2, 2 * k + 4), [1, 2])).item();
    return s > 0.02 && s < 0.98;
  });
}

describe.each([
  ['fermatPaths', fermatPaths],
  ['minPaths', minPaths],
] as const)('%s: implicit gradients', (_name, trace) => {
  it('w.r.t. TX, RX and the walls, three reflections (property)', () => {
    fc.assert(
      fc.property(positionArb(0.05, 0.45), positionArb(0.05, 0.95), (tx, rx) => {
        const build = ([a, b, c]: Tensor[]) => [new Wall(a!), new Wall(b!), new Wall(c!)];
        fc.pre(isValid(tx, build([tensor(FLOOR), tensor(CEILING), tensor(RIGHT)]), rx));
        checkAgainstFiniteDifferences(objective(trace, build), [tx, rx, FLOOR, CEILING, RIGHT]);
      }),
      RUNS,
    );
  });

  it('through the objects\' methods (a Wall subclass, derivatives by differences inside)', () => {
    class PlainWall extends Wall {}
    const build = ([a, b]: Tensor[]) => [new PlainWall(a!), new PlainWall(b!)];
    checkAgainstFiniteDifferences(objective(trace, build), [[0.1, 0.1], [0.302, 0.2147], FLOOR, CEILING]);
  });

  it('through a vertex (diffraction): only the walls\' points move', () => {
    const build = ([a, v, b]: Tensor[]) => [new Wall(a!), new Vertex(v!), new Wall(b!)];
    checkAgainstFiniteDifferences(objective(trace, build), [[0.1, 0.1], [0.302, 0.2147], FLOOR, [0.5, 0.5], CEILING]);
  });
});

describe('minPaths: implicit gradients with a RIS', () => {
  it('w.r.t. TX, RX, the RIS coordinates and its angle phi (property)', () => {
    fc.assert(
      fc.property(positionArb(0.1, 0.45), positionArb(0.1, 0.45), fc.double({ min: 0.3, max: 1.1, noNaN: true }), (tx, rx, phi) => {
        const build = ([xys, angle, floor]: Tensor[]) => [new Wall(floor!), new RIS(xys!, { phi: angle! })];
        fc.pre(isValid(tx, build([tensor([[0.5, 0.1], [0.5, 0.9]]), tensor(phi), tensor(FLOOR)]), rx));
        checkAgainstFiniteDifferences(objective(minPaths, build), [tx, rx, [[0.5, 0.1], [0.5, 0.9]], phi, FLOOR]);
      }),
      RUNS,
    );
  });
});

describe('minPaths: implicit gradients with a user-defined object type', () => {
  it.each([
    ['a loss only (differences of the loss)', PhaseGradientMetasurface],
    ['residuals (Gauss-Newton)', ResidualMetasurface],
  ] as const)('%s: w.r.t. TX, RX, the surface and its gradient g', (_name, Surface) => {
    const build = ([xys, g]: Tensor[]) => [new Surface(xys!, g!)];
    checkAgainstFiniteDifferences(objective(minPaths, build), [[0.1, 0.6], [0.9, 0.7], [[0.05, 0.02], [1, -0.03]], 0.2]);
  });
});
