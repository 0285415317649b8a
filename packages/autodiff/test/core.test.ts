import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeTapeOrNull,
  add,
  arange,
  asTensor,
  broadcastShapes,
  definePrimitive,
  expandData,
  expectShape,
  flatten,
  full,
  getPrimitive,
  grad,
  isTracked,
  jacobian,
  linspace,
  mul,
  noGrad,
  ones,
  reshape,
  scalar,
  setDebugNans,
  sqrt,
  sum,
  sumToShape,
  Tape,
  tensor,
  Tensor,
  valueAndGrad,
  vjp,
  where,
  withTape,
  zeros,
} from '../src/index.js';

describe('tensor creation and conversion', () => {
  it('builds tensors from nested arrays, numbers and Float64Arrays', () => {
    expect(tensor([[1, 2, 3], [4, 5, 6]]).shape).toEqual([2, 3]);
    expect(tensor(3).shape).toEqual([]);
    expect(tensor(Float64Array.of(1, 2)).shape).toEqual([2]);
    expect(scalar(2).item()).toBe(2);
    expect(zeros([2, 2]).toArray()).toEqual([[0, 0], [0, 0]]);
    expect(ones([2]).toArray()).toEqual([1, 1]);
    expect(full([1, 2], 7).toArray()).toEqual([[7, 7]]);
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(2, 3, 1).toArray()).toEqual([2]);
    expect(tensor([]).shape).toEqual([0]);
  });
  it('copies on tensor() but not on asTensor()', () => {
    const data = Float64Array.of(1, 2);
    expect(tensor(data).data).not.toBe(data);
    expect(asTensor(data).data).toBe(data);
  });
  it('names the place of a ragged or non-numeric entry', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow('tensor: ragged nested array at [1]: expected an array of length 2, got an array of length 1');
    expect(() => tensor([[1, 2], [3, 'x' as unknown as number]])).toThrow('value at [1][1] is string');
    expect(() => asTensor({} as unknown as number, 'myop')).toThrow('myop: expected a number');
    expect(() => new Tensor(new Float64Array(3), [2, 2])).toThrow('data has 3 values but shape [2, 2] needs 4');
    expect(() => zeros([2, -1])).toThrow('invalid shape [2, -1]');
    expect(() => arange(0, 1, 0)).toThrow('arange');
    expect(() => scalar(1).toArray() && tensor([1, 2]).item()).toThrow('item: tensor of shape [2] has 2 values');
  });
  it('rejects bad linspace arguments, naming the values', () => {
    expect(() => linspace(0, Infinity, 3)).toThrow('linspace: start and stop must be finite, got (0, Infinity)');
    expect(() => linspace(Number.NaN, 1, 3)).toThrow('linspace: start and stop must be finite, got (NaN, 1)');
    expect(() => linspace(0, 1, 2.5)).toThrow('linspace: num must be a non-negative integer, got 2.5');
    expect(linspace(0, 1, 0).shape).toEqual([0]);
  });
  it('expectShape accepts the exact shape only, naming the op, the argument and both shapes', () => {
    expect(() => expectShape('image', 'point', tensor([1, 2]), [2])).not.toThrow();
    expect(() => expectShape('image', 'point', tensor([1, 2, 3]), [2])).toThrow('image: point must have shape [2], got [3]');
    expect(() => expectShape('image', 'point', tensor([[1, 2]]), [2])).toThrow('image: point must have shape [2], got [1, 2]');
    expect(() => expectShape('image', 'wall', tensor(1), [2, 2])).toThrow('image: wall must have shape [2, 2], got []');
  });
  it('prints its shape and values', () => {
    expect(tensor([[1, 2], [3, 4]]).toString()).toBe('Tensor([2, 2]) [[1,2],[3,4]]');
    expect(String(scalar(2.5))).toBe('Tensor([]) 2.5');
  });
  it('round-trips nested arrays (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer(), (rows, cols, seed) => {
        const nested = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => seed + i * cols + j));
        expect(tensor(nested).toArray()).toEqual(nested);
      }),
    );
  });
  it('broadcasts and reduces back like numpy', () => {
    expect(broadcastShapes('op', [3, 1], [4])).toEqual([3, 4]);
    expect(() => broadcastShapes('add', [2, 3], [4])).toThrow('add: cannot broadcast shapes [2, 3] and [4]');
    expect(Array.from(expandData(Float64Array.of(1, 2), [2, 1], [2, 3]))).toEqual([1, 1, 1, 2, 2, 2]);
    expect(Array.from(sumToShape(Float64Array.of(1, 1, 1, 2, 2, 2), [2, 3], [2, 1]))).toEqual([3, 6]);
    expect(Array.from(sumToShape(Float64Array.of(1, 2, 3, 4), [2, 2], [1]))).toEqual([10]);
  });
});

describe('tape', () => {
  it('records nothing when no gradient is taken', () => {
    expect(activeTapeOrNull()).toBeNull();
    const t = add(tensor([1]), 2);
    expect(t._tape).toBeNull();
    const tape = new Tape();
    withTape(tape, () => add(tensor([1]), 2));
    expect(tape.records.length).toBe(0);
  });
  it('records one entry per primitive applied to a tracked tensor', () => {
    let tape: Tape | null = null;
    grad((x: Tensor) => {
      tape = activeTapeOrNull();
      const y = mul(x, x);
      mul(tensor([1]), 2); // constant: not recorded
      return sum(y);
    })(tensor([1, 2]));
    expect(tape!.records.map((r) => r.primitive.name)).toEqual(['mul', 'sum']);
  });
  it('isTracked tells whether a tensor is tracked by a given tape', () => {
    const x = tensor([1, 2]);
    expect(isTracked(x, null)).toBe(false);
    grad((t: Tensor) => {
      const tape = activeTapeOrNull();
      expect(isTracked(t, tape)).toBe(true);
      expect(isTracked(mul(t, 2), tape)).toBe(true);
      expect(isTracked(x, tape)).toBe(false);
      expect(isTracked(t, new Tape())).toBe(false);
      expect(isTracked(t, null)).toBe(false);
      return sum(t);
    })(x);
  });
  it('noGrad() makes a constant', () => {
    const g = grad((x: Tensor) => sum(mul(x, noGrad(() => mul(x, 3)))))(tensor([1, 2]));
    expect(g.toArray()).toEqual([3, 6]);
  });
  it('rejects nested differentiation with a clear error', () => {
    const outer = (x: Tensor) => sum(grad((y: Tensor) => sum(mul(x, y)))(tensor([1, 1])));
    expect(() => grad(outer)(tensor([1, 2]))).toThrow('nested differentiation is not supported');
  });
  it('never modifies the caller\'s tensors', () => {
    const x = tensor([1, 2]);
    grad((t: Tensor) => sum(mul(t, t)))(x);
    expect(x._tape).toBeNull();
    expect(x.toArray()).toEqual([1, 2]);
  });
});

describe('grad, valueAndGrad, vjp, jacobian', () => {
  it('differentiates a small expression', () => {
    const g = grad((x: Tensor) => sum(mul(x, add(x, 1))))(tensor([1, 2, 3]));
    expect(g.toArray()).toEqual([3, 5, 7]);
  });
  it('gives each gradient the form of its argument', () => {
    expect(grad((p: number[]) => sum(mul(p, p)))([3, 4])).toEqual([6, 8]);
    expect(grad((p: number) => mul(p, p))(3)).toBe(6);
    const g = grad((p: Float64Array) => sum(mul(p, p)))(Float64Array.of(1, 2));
    expect(g).toBeInstanceOf(Float64Array);
    expect(Array.from(g)).toEqual([2, 4]);
  });
  it('differentiates nested structures', () => {
    const params = { a: tensor([1, 2]), b: [3, { c: 4 }] as [number, { c: number }] };
    const f = (p: typeof params) => add(sum(mul(p.a, p.b[0])), mul(p.b[1].c, p.b[1].c));
    const g = grad(f)(params);
    expect(g.a.toArray()).toEqual([3, 3]);
    expect(g.b[0]).toBe(3);
    expect(g.b[1].c).toBe(8);
  });
  it('handles several argnums, hasAux and unused arguments', () => {
    const f = (x: Tensor, y: Tensor, _z: Tensor) => sum(mul(x, y));
    const [gx, gz] = grad(f, { argnums: [0, 2] })(tensor([1, 2]), tensor([3, 4]), tensor([5]));
    expect(gx.toArray()).toEqual([3, 4]);
    expect(gz.toArray()).toEqual([0]);
    const gy = grad(f, { argnums: 1 })(tensor([1, 2]), tensor([3, 4]), tensor([5]));
    expect(gy.toArray()).toEqual([1, 2]);
    const [[value, aux], g] = valueAndGrad((x: Tensor) => [sum(mul(x, x)), 'note'], { hasAux: true })(tensor([2]));
    expect(value.item()).toBe(4);
    expect(aux).toBe('note');
    expect(g.toArray()).toEqual([4]);
  });
  it('reports bad calls clearly', () => {
    expect(() => grad((x: Tensor) => mul(x, 2))(tensor([1, 2]))).toThrow('valueAndGrad: the function must return a scalar (size-1) tensor, got shape [2]');
    expect(() => grad((x: Tensor) => x, { argnums: 3 })(tensor([1]))).toThrow('argnums 3 is out of range');
    expect(() => grad((x: unknown) => sum(x as Tensor))('a' as unknown)).toThrow('expected a tensor, a number, an array or a plain object, got string');
  });
  it('reports a missing aux and a cotangent of the wrong structure', () => {
    expect(() => valueAndGrad((x: Tensor) => sum(x), { hasAux: true })(tensor([1]))).toThrow('valueAndGrad: with hasAux, the function must return [value, aux]');
    expect(() => grad((x: Tensor) => [sum(x)], { hasAux: true })(tensor([1]))).toThrow('valueAndGrad: with hasAux, the function must return [value, aux]');
    const [, back] = vjp((x: Tensor) => mul(x, 2), tensor([1]));
    expect(() => back([tensor([1]), tensor([2])])).toThrow('vjp: the cotangent has 2 leaves but the output has 1');
  });
  it('flatten gives the leaves depth-first and rebuilds the tree, with functions that may be detached', () => {
    const leaf = tensor([1, 2]);
    const { leaves, unflatten, unflattenTensors } = flatten({ a: 1, b: [leaf, Float64Array.of(3)], c: [[4, 5]] });
    expect(leaves.map((t) => t.shape)).toEqual([[], [2], [1], [1, 2]]);
    expect(leaves[1]).toBe(leaf);
    const values = [scalar(10), tensor([20, 30]), tensor([40]), tensor([[50, 60]])];
    const rebuilt = unflatten(values) as { a: number; b: [Tensor, Float64Array]; c: number[][] };
    expect(rebuilt.a).toBe(10);
    expect(rebuilt.b[0]).toBe(values[1]);
    expect(rebuilt.b[1]).toBeInstanceOf(Float64Array);
    expect(Array.from(rebuilt.b[1])).toEqual([40]);
    expect(rebuilt.c).toEqual([[50, 60]]);
    expect(unflattenTensors(values)).toEqual({ a: values[0], b: [values[1], values[2]], c: values[3] });
    expect(() => flatten({ a: [null] } as never, 'params')).toThrow('params.a[0]: expected a tensor, a number, an array or a plain object, got null');
  });
  it('treats a constant result as a zero gradient', () => {
    expect(grad((_x: Tensor) => 3)(tensor([1, 2])).toArray()).toEqual([0, 0]);
  });
  it('computes vector-Jacobian products', () => {
    const [y, back] = vjp((x: Tensor) => reshape(mul(x, 3), [2, 1]), tensor([1, 2]));
    expect(y.toArray()).toEqual([[3], [6]]);
    expect(back(tensor([[1], [2]]))[0]!).toEqual(tensor([3, 6]));
    expect(() => back(tensor([1, 2, 3]))).toThrow('vjp: cotangent leaf 0 has shape [3], output has [2, 1]');
  });
  it('computes the Jacobian of a known map', () => {
    // f(x, y) = [x*y, x + y, x*x]
    const f = (v: Tensor) => {
      const x = reshape(tensor([1, 0]), [2]);
      const parts = [sum(mul(v, x)), sum(v)];
      return add(mul(parts[0]!, tensor([0, 1, 0])), add(mul(parts[1]!, tensor([0, 0, 1])), 0));
    };
    const J = jacobian(f)(tensor([2, 3]));
    expect(J.shape).toEqual([3, 2]);
    expect(J.toArray()).toEqual([[0, 0], [1, 0], [1, 1]]);
    const [Ja, Jb] = jacobian((a: Tensor, b: Tensor) => mul(a, b), { argnums: [0, 1] })(tensor([1, 2]), tensor([3, 4]));
    expect(Ja.toArray()).toEqual([[3, 0], [0, 4]]);
    expect(Jb.toArray()).toEqual([[1, 0], [0, 2]]);
  });
});

describe('NaN safety and the debug mode', () => {
  it('keeps zero cotangents zero through where (sqrt of negatives)', () => {
    const f = (x: Tensor) => sum(where(x.data.map((v) => (v > 0 ? 1 : 0)), sqrt(x), 0));
    expect(grad(f)(tensor([-1, 0, 4])).toArray()).toEqual([0, 0, 0.25]);
  });
  it('stops at the first non-finite forward value and names the primitive', () => {
    const previous = setDebugNans(true);
    try {
      expect(() => sqrt(mul(tensor([-1, 4]), 1))).toThrow(/debug: primitive "sqrt" produced NaN at index 0 of output 0 \(shape \[2\]\).*#0 \[2\] from "mul"/);
    } finally {
      setDebugNans(previous);
    }
  });
  it('stops at the first non-finite cotangent', () => {
    const blowUp = definePrimitive<void>({
      name: 'test-blow-up',
      forward: ([x]) => new Tensor(x!.data.slice(), x!.shape),
      backward: ([g]) => [g!.map(() => Infinity)],
    });
    const previous = setDebugNans(true);
    try {
      expect(() => grad((x: Tensor) => sum(blowUp.apply([x], undefined) as Tensor))(tensor([1]))).toThrow(
        'debug: backward rule of primitive "test-blow-up" produced Infinity at index 0 of the cotangent of input 0',
      );
    } finally {
      setDebugNans(previous);
    }
  });
});

describe('custom primitives', () => {
  // y = x^3 with its own fused forward and backward loops
  const cube = definePrimitive<void>({
    name: 'test-cube',
    forward([x]) {
      const out = new Float64Array(x!.size);
      for (let i = 0; i < out.length; i++) out[i] = x!.data[i]! ** 3;
      return new Tensor(out, x!.shape);
    },
    backward([g], [x]) {
      const gx = new Float64Array(x!.size);
      for (let i = 0; i < gx.length; i++) gx[i] = g![i] === 0 ? 0 : g![i]! * 3 * x!.data[i]! ** 2;
      return [gx];
    },
  });
  // two outputs: (sum, product) of a pair
  const sumAndProduct = definePrimitive<void>({
    name: 'test-sum-and-product',
    forward([a, b]) {
      return [new Tensor(Float64Array.of(a!.data[0]! + b!.data[0]!), []), new Tensor(Float64Array.of(a!.data[0]! * b!.data[0]!), [])];
    },
    backward([gs, gp], [a, b]) {
      const s = gs ? gs[0]! : 0;
      const p = gp ? gp[0]! : 0;
      return [Float64Array.of(s + p * b!.data[0]!), Float64Array.of(s + p * a!.data[0]!)];
    },
  });
  it('is registered, applied and differentiated', () => {
    expect(getPrimitive('test-cube')).toBe(cube);
    const x = tensor([1, 2]);
    expect((cube.apply([x], undefined) as Tensor).toArray()).toEqual([1, 8]);
    expect(grad((t: Tensor) => sum(cube.apply([t], undefined) as Tensor))(x).toArray()).toEqual([3, 12]);
    expect(() => definePrimitive({ name: 'test-cube', forward: ([t]) => t! })).toThrow('a primitive named "test-cube" already exists');
  });
  it('supports several outputs, only some of which reach the result', () => {
    const f = (a: number, b: number) => {
      const [s, p] = sumAndProduct.apply([asTensor(a), asTensor(b)], undefined) as Tensor[];
      return add(mul(s!, 2), p!);
    };
    expect(grad(f, { argnums: [0, 1] })(3, 5)).toEqual([7, 5]);
    const onlyProduct = (a: number, b: number) => (sumAndProduct.apply([asTensor(a), asTensor(b)], undefined) as Tensor[])[1]!;
    expect(grad(onlyProduct, { argnums: [0, 1] })(3, 5)).toEqual([5, 3]);
  });
});
