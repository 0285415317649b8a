import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, mul, sum, Tensor, tensor } from '../src/index.js';
import { adam, applyUpdates, chain, minimize, minimizeManyRandomUniform, sgd, zeroNans, type Optimizer } from '../src/optim/index.js';
import { key, uniform } from '../src/random/index.js';

/** f(x) = sum((x - c)^2), gradient 2 (x - c). */
const quadratic = (c: readonly number[]) => (x: Tensor) => {
  const d = add(x, tensor(c.map((v) => -v)));
  return sum(mul(d, d));
};
const quadraticGrad = (x: readonly number[], c: readonly number[]) => x.map((xi, i) => 2 * (xi - c[i]!));

/** Run an optimiser by hand on the quadratic, returning the iterates. */
function iterates(optimizer: Optimizer<unknown>, x0: number[], c: number[], steps: number): number[][] {
  let x: number[] = x0;
  let state = optimizer.init(x);
  const xs: number[][] = [];
  for (let t = 0; t < steps; t++) {
    const result = optimizer.update(quadraticGrad(x, c), state, x);
    x = applyUpdates(x, result.updates);
    state = result.state;
    xs.push(x);
  }
  return xs;
}

describe('adam', () => {
  it('matches the optax formulas for its first 3 steps on a quadratic', () => {
    const [lr, b1, b2, eps] = [0.1, 0.9, 0.999, 1e-8];
    const c = [1, -2];
    const xs = iterates(adam(lr), [0, 1], c, 3);
    // Reference: the formulas written out, step t = 1, 2, 3:
    //   g = 2 (x - c); m = (1 - b1) g + b1 m; v = (1 - b2) g^2 + b2 v;
    //   mhat = m / (1 - b1^t); vhat = v / (1 - b2^t); x += -lr mhat / (sqrt(vhat) + eps).
    let x = [0, 1];
    const m = [0, 0];
    const v = [0, 0];
    for (let t = 1; t <= 3; t++) {
      x = x.map((xi, i) => {
        const g = 2 * (xi - c[i]!);
        m[i] = (1 - b1) * g + b1 * m[i]!;
        v[i] = (1 - b2) * g * g + b2 * v[i]!;
        const mhat = m[i]! / (1 - b1 ** t);
        const vhat = v[i]! / (1 - b2 ** t);
        return xi - (lr * mhat) / (Math.sqrt(vhat) + eps);
      });
      for (let i = 0; i < 2; i++) expect(xs[t - 1]![i]).toBeCloseTo(x[i]!, 15);
    }
    // By hand, step 1: mhat = g = [-2, 6], vhat = g^2, so x1 = x0 - lr g / (|g| + eps).
    expect(xs[0]![0]).toBeCloseTo(0.1 * (2 / (2 + 1e-8)), 15);
    expect(xs[0]![1]).toBeCloseTo(1 - 0.1 * (6 / (6 + 1e-8)), 15);
    // Recorded from an independent Python evaluation of the same formulas.
    expect(xs[1]![0]).toBeCloseTo(0.19958777130820715, 14);
    expect(xs[1]![1]).toBeCloseTo(0.8001027074147891, 14);
    expect(xs[2]![0]).toBeCloseTo(0.29841372705396974, 14);
    expect(xs[2]![1]).toBeCloseTo(0.7003815234507474, 14);
  });
  it('applies the options and keeps states immutable', () => {
    const optimizer = adam(1, { b1: 0, b2: 0, eps: 1 });
    const state = optimizer.init([0]);
    // b1 = b2 = 0: mhat = g, vhat = g^2, update = -g / (|g| + 1).
    expect(optimizer.update([3], state).updates).toEqual([-0.75]);
    expect(optimizer.update([3], state).updates).toEqual([-0.75]);
    expect(state.count).toBe(0);
    expect(Array.from(state.mu[0]!)).toEqual([0]);
  });
  it('validates its hyper-parameters and state', () => {
    expect(() => adam(0.1, { b1: 1 })).toThrow('adam: b1 must be a number in [0, 1), got 1');
    expect(() => adam(Number.NaN)).toThrow('adam: learningRate must be a finite number, got NaN');
    const optimizer = adam(0.1);
    expect(() => optimizer.update([1, 2, 3], optimizer.init([1, 2]))).toThrow(
      'adam: gradient leaf 0 has shape [3] (3 values) but the state holds 2',
    );
    expect(() => optimizer.update({ a: 1, b: 2 }, optimizer.init({ a: 1 }))).toThrow('adam: the gradient tree has 2 leaves but the state was made for 1');
  });
});

describe('sgd', () => {
  it('follows x_t - c = (1 - 2 lr)^t (x_0 - c) on the quadratic', () => {
    const c = [1, -2, 0.5];
    const x0 = [0, 1, 4];
    const xs = iterates(sgd(0.1), x0, c, 3);
    for (let t = 1; t <= 3; t++) {
      for (let i = 0; i < 3; i++) expect(xs[t - 1]![i]).toBeCloseTo(c[i]! + 0.8 ** t * (x0[i]! - c[i]!), 14);
    }
    // By hand: x1 = x0 - 0.1 * 2 (x0 - c) = [0.2, 0.4, 3.3].
    expect(xs[0]![0]).toBeCloseTo(0.2, 15);
    expect(xs[0]![1]).toBeCloseTo(0.4, 15);
    expect(xs[0]![2]).toBeCloseTo(3.3, 15);
  });
  it('accumulates momentum as t = g + momentum t', () => {
    // f = (x - 1)^2 from x0 = 0, lr = 0.1, momentum 0.5, by hand:
    // g1 = -2, t1 = -2, x1 = 0.2; g2 = -1.6, t2 = -1.6 - 1 = -2.6, x2 = 0.46;
    // g3 = -1.08, t3 = -1.08 - 1.3 = -2.38, x3 = 0.698.
    const xs = iterates(sgd(0.1, { momentum: 0.5 }), [0], [1], 3);
    expect(xs[0]![0]).toBeCloseTo(0.2, 15);
    expect(xs[1]![0]).toBeCloseTo(0.46, 15);
    expect(xs[2]![0]).toBeCloseTo(0.698, 15);
    // Nesterov: update = -lr (g + momentum t): x1 = 0 - 0.1 (-2 - 1) = 0.3.
    expect(iterates(sgd(0.1, { momentum: 0.5, nesterov: true }), [0], [1], 1)[0]![0]).toBeCloseTo(0.3, 15);
  });
  it('validates its hyper-parameters', () => {
    expect(() => sgd(0.1, { momentum: -1 })).toThrow('sgd: momentum must be a number in [0, Infinity), got -1');
    expect(() => sgd(0.1, { nesterov: true })).toThrow('sgd: nesterov needs a momentum');
  });
});

describe('zeroNans', () => {
  it('replaces NaN gradients by 0 and records where it found them', () => {
    const t = zeroNans();
    const state = t.init({ a: [0, 0], b: 0 });
    expect(state.foundNan).toEqual([false, false]);
    const result = t.update({ a: [Number.NaN, 1], b: 2 }, state);
    expect(result.updates).toEqual({ a: [0, 1], b: 2 });
    expect(result.state.foundNan).toEqual([true, false]);
    const g = tensor([Number.NaN, -3, Number.NaN]);
    expect(Array.from((t.update(g, t.init(g)).updates as Tensor).data)).toEqual([0, -3, 0]);
    expect(Number.isNaN(g.data[0])).toBe(true); // the gradients are not modified
  });
});

describe('chain', () => {
  it('pipes updates through the transformations in order', () => {
    const optimizer = chain(zeroNans(), sgd(0.1));
    const state = optimizer.init([1, 2]);
    expect(state.length).toBe(2);
    const result = optimizer.update([Number.NaN, 2], state);
    expect(result.updates).toEqual([-0, -0.2]); // -lr * 0 is -0
    expect((result.state[0] as { foundNan: boolean[] }).foundNan).toEqual([true]);
    // sgd(1) then sgd(0.5): -0.5 * (-1 * g) = 0.5 g.
    expect(chain(sgd(1), sgd(0.5)).update([4], [{ trace: null }, { trace: null }]).updates).toEqual([2]);
    // Without zeroNans first, the NaN reaches adam and the update.
    const plain = adam(0.1);
    expect(Number.isNaN((plain.update([Number.NaN], plain.init([0])).updates as number[])[0])).toBe(true);
    expect(() => optimizer.update([1, 2], [])).toThrow('chain: the state must hold one state per transformation (2), got 0');
  });
});

describe('applyUpdates', () => {
  it('adds leaf by leaf, keeping the structure and leaf forms of params', () => {
    const params = { w: tensor([[1, 2], [3, 4]]), b: 1, list: [[1, 2]] };
    const updates = { w: tensor([[0.5, 0.5], [0.5, 0.5]]), b: tensor(2), list: [[-1, -2]] };
    const result = applyUpdates(params, updates);
    expect(result.w).toBeInstanceOf(Tensor);
    expect(result.w.toArray()).toEqual([[1.5, 2.5], [3.5, 4.5]]);
    expect(result.b).toBe(3);
    expect(result.list).toEqual([[0, 0]]);
    expect(params.w.toArray()).toEqual([[1, 2], [3, 4]]);
  });
  it('rejects mismatched trees', () => {
    expect(() => applyUpdates([1, 2], [1])).toThrow('applyUpdates: leaf 0 has shape [2] in params but [1] in updates');
    expect(() => applyUpdates({ a: 1 }, { a: 1, b: 2 })).toThrow('applyUpdates: params have 1 leaves but updates have 2');
  });
});

describe('minimize', () => {
  it('reaches the minimum of a quadratic with adam', () => {
    const c = [1, -2, 0.5];
    const { x, loss } = minimize(quadratic(c), [0, 0, 0], { steps: 300 });
    expect(x).toBeInstanceOf(Tensor);
    for (let i = 0; i < 3; i++) expect(Math.abs(x.data[i]! - c[i]!)).toBeLessThan(1e-3);
    expect(loss).toBeLessThan(1e-6);
    // The loss is the one at the returned x.
    expect(loss).toBe(quadratic(c)(x).item());
  });
  it('reaches the minimum of any quadratic with sgd', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        (c, start) => {
          const { x, loss } = minimize(quadratic(c), c.map(() => start), { steps: 200, optimizer: sgd(0.1) });
          return c.every((ci, i) => Math.abs(x.data[i]! - ci) < 1e-12) && loss < 1e-20;
        },
      ),
      { numRuns: 30 },
    );
  });
  it('accepts a chain of transformations, which survives NaN gradients', () => {
    // A NaN coefficient on the second coordinate makes its gradient (and the loss) NaN.
    const f = (x: Tensor) => add(quadratic([2, 3])(x), sum(mul(x, tensor([0, Number.NaN]))));
    const plain = minimize(f, [0, 0], { steps: 200, optimizer: sgd(0.1) });
    expect(Number.isNaN(plain.x.data[1])).toBe(true);
    const guarded = minimize(f, [0, 0], { steps: 200, optimizer: chain(zeroNans(), sgd(0.1)) });
    expect(guarded.x.data[0]).toBeCloseTo(2, 12);
    expect(guarded.x.data[1]).toBe(0); // its gradient was always NaN, so zeroed
  });
  it('does nothing with 0 steps and validates its arguments', () => {
    const x0 = tensor([1, 2]);
    const { x, loss } = minimize(quadratic([0, 0]), x0, { steps: 0 });
    expect(Array.from(x.data)).toEqual([1, 2]);
    expect(x).not.toBe(x0);
    expect(loss).toBe(5);
    expect(() => minimize(quadratic([0]), [1], { steps: -1 })).toThrow('minimize: steps must be a non-negative integer, got -1');
    expect(() => minimize((x) => mul(x, x), [1, 2], { steps: 0 })).toThrow('minimize: the function must return a scalar (size-1) tensor or a number, got shape [2]');
  });
});

describe('minimizeManyRandomUniform', () => {
  // Two wells in [0, 1], at about 0.2 and 0.9, the first one lower because of the tilt.
  const wells = (x: Tensor) => {
    const a = add(x, -0.2);
    const b = add(x, -0.9);
    const ab = mul(a, b);
    return add(sum(mul(ab, ab)), mul(sum(x), 0.05));
  };
  const options = { steps: 300, optimizer: sgd(0.5) };

  it('returns the best of the restarts', () => {
    const k = key(3);
    const many = 6;
    const starts = uniform(k, [many, 1]).data;
    const runs = Array.from(starts, (s) => minimize(wells, [s], options));
    const best = minimizeManyRandomUniform(wells, k, 1, { many, ...options });
    const losses = runs.map((r) => r.loss);
    expect(best.loss).toBe(Math.min(...losses));
    expect(Array.from(best.x.data)).toEqual(Array.from(runs[losses.indexOf(best.loss)]!.x.data));
    // The restarts did land in both wells, and the lower one won.
    expect(runs.some((r) => r.x.data[0]! > 0.6)).toBe(true);
    expect(best.x.data[0]).toBeLessThan(0.3);
  });
  it('keeps the first restart on ties, and a single start by default', () => {
    const flat = (x: Tensor) => mul(sum(x), 0);
    const k = key(4);
    const best = minimizeManyRandomUniform(flat, k, 3, { many: 4, steps: 5 });
    expect(Array.from(best.x.data)).toEqual(Array.from(uniform(k, [4, 3]).data.subarray(0, 3)));
    const single = minimizeManyRandomUniform(quadratic([0.5, 0.5]), k, 2, { steps: 200, optimizer: sgd(0.1) });
    expect(single.x.shape).toEqual([2]);
    expect(single.loss).toBeLessThan(1e-20);
  });
  it('validates its arguments', () => {
    expect(() => minimizeManyRandomUniform(quadratic([0]), key(0), 1, { many: 0 })).toThrow('minimizeManyRandomUniform: many must be a positive integer, got 0');
    expect(() => minimizeManyRandomUniform(quadratic([0]), key(0), -1)).toThrow('minimizeManyRandomUniform: n must be a non-negative integer, got -1');
  });
});
