/**
 * A user-defined interacting object, written only against the public API
 * (the example in the TSDoc of `Interactable`): a phase-gradient metasurface
 * (test-support/metasurface.ts).
 */
import { sum, tensor, type Tensor, type TensorLike } from '@differt2d/autodiff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInteractable, Wall, type Interactable } from '../src/objects/index.js';
import { expectGradientsMatchFiniteDifferences } from '../../../test-support/finiteDifferences.js';
import { PhaseGradientMetasurface } from '../../../test-support/metasurface.js';

/** Same as in objects-gradients.test.ts, on the plain sum of `fn`'s output. */
function checkGradients(fn: (...args: Tensor[]) => Tensor, args: readonly TensorLike[]): void {
  expectGradientsMatchFiniteDifferences((...xs) => sum(fn(...xs)), args);
}

type Xy = [number, number];
const FLOOR: [Xy, Xy] = [[0, 0], [1, 0]]; // normal (0, -1): the reflecting side is y > 0

/**
 * A path obeying the law on the floor: from `a` (above the floor) through the
 * floor point at `s`, out at `length` along the direction the law gives.
 */
function lawfulPath(a: Xy, s: number, g: number, length = 0.7): { b: Xy; c: Xy } {
  const b: Xy = [s, 0];
  const incident = [b[0] - a[0], b[1] - a[1]];
  const sinIncidence = incident[0]! / Math.hypot(incident[0]!, incident[1]!);
  const sinReflection = sinIncidence + g;
  return { b, c: [b[0] + length * sinReflection, length * Math.sqrt(1 - sinReflection ** 2)] };
}

/** Random incidences and gradients whose reflected ray exists (|sin theta_r| < 0.9). */
const lawful = fc
  .record({
    a: fc.tuple(fc.double({ min: -1, max: 2, noNaN: true }), fc.double({ min: 0.2, max: 1.5, noNaN: true })),
    s: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    g: fc.double({ min: -0.8, max: 0.8, noNaN: true }),
  })
  .filter(({ a, s, g }) => {
    const sinIncidence = (s - a[0]) / Math.hypot(s - a[0], a[1]);
    return Math.abs(sinIncidence + g) < 0.9;
  });

describe('a user-defined object type: phase-gradient metasurface', () => {
  it('is an Interactable, with the wall geometry', () => {
    const surface: Interactable = new PhaseGradientMetasurface(FLOOR, 0.2, { name: 'surface' });
    expect(isInteractable(surface)).toBe(true);
    expect(surface.kind).toBe('phase-gradient-metasurface');
    expect(surface.intersects(tensor([0.5, 1]), tensor([0.5, -1])).item()).toBe(1);
    expect(() => new PhaseGradientMetasurface([[1, 1], [1, 1]], 0.2, { name: 'objects[2]' })).toThrow('objects[2]: zero-length wall at (1, 1)');
  });

  it('has loss ~0 where sin(theta_r) = sin(theta_i) + g, and positive elsewhere (property)', () => {
    fc.assert(
      fc.property(lawful, ({ a, s, g }) => {
        const surface = new PhaseGradientMetasurface(FLOOR, g);
        const { b, c } = lawfulPath(a, s, g);
        expect(surface.interactionLoss(a, b, c).item()).toBeLessThan(1e-20);
        // the specular direction (the law without g) is off by g
        const specular = lawfulPath(a, s, 0);
        const expected = g * g;
        expect(surface.interactionLoss(a, b, specular.c).item()).toBeCloseTo(expected, 12);
        // a ray going through the surface is penalised
        expect(surface.interactionLoss(a, b, [c[0], -c[1]]).item()).toBeGreaterThan(1e-3);
      }),
    );
  });

  it('reduces to a wall for g = 0', () => {
    const [a, b, c]: Xy[] = [[0, 1], [0.5, 0], [1, 1]];
    expect(new PhaseGradientMetasurface(FLOOR, 0).interactionLoss(a, b, c).item()).toBe(0);
    expect(new Wall(FLOOR).interactionLoss(a, b, c).item()).toBe(0);
  });

  it('is differentiable w.r.t. the path, its coordinates and g (finite differences)', () => {
    fc.assert(
      fc.property(lawful, fc.double({ min: -0.3, max: 0.3, noNaN: true }), ({ a, s, g }, offset) => {
        // off the law by `offset`, but still a ray that exists
        fc.pre(Math.abs((s - a[0]) / Math.hypot(s - a[0], a[1]) + g + offset) < 0.95);
        const { b, c } = lawfulPath(a, s, g + offset);
        checkGradients((xys, gradient, p, q, r) => new PhaseGradientMetasurface(xys!, gradient!).interactionLoss(p!, q!, r!), [FLOOR, g, a, b, c]);
      }),
      { numRuns: 40 },
    );
  });

  it('works with a min-path search written against Interactable only', () => {
    // What a min-path tracer does: minimise the loss over the parametric coordinate.
    const minPath = (object: Interactable, a: Xy, c: Xy): number => {
      const candidates = tensor(Array.from({ length: 2001 }, (_, k) => [k / 2000]));
      const losses = object.interactionLoss(tensor(a), object.parametricToCartesian(candidates), tensor(c)).data;
      let best = 0;
      for (let k = 1; k < losses.length; k++) if (losses[k]! < losses[best]!) best = k;
      return best / 2000;
    };
    const a: Xy = [0.1, 0.6];
    const { c } = lawfulPath(a, 0.55, 0.3);
    expect(minPath(new PhaseGradientMetasurface(FLOOR, 0.3), a, c)).toBeCloseTo(0.55, 3);
    // the same search on a plain wall finds the specular point, elsewhere
    expect(Math.abs(minPath(new Wall(FLOOR), a, c) - 0.55)).toBeGreaterThan(0.05);
  });

  it('keeps g through rotate and translate', () => {
    const moved = new PhaseGradientMetasurface(FLOOR, 0.25).rotate(0.5).translate([1, 1]);
    expect(moved).toBeInstanceOf(PhaseGradientMetasurface);
    expect(moved.gradient.item()).toBe(0.25);
  });
});
