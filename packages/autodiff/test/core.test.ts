import { describe, expect, it } from 'vitest';
import { add, grad, jacobian, mul, reshape, sqrt, sum, tensor, Tensor, valueAndGrad, vjp, where } from '../src/index.js';

describe('core', () => {
  it('differentiates a small expression', () => {
    const f = (x: Tensor) => sum(mul(x, add(x, 1)));
    const g = grad(f)(tensor([1, 2, 3])) as Tensor;
    expect(g.toArray()).toEqual([3, 5, 7]);
  });
  it('keeps zero cotangents zero through where', () => {
    const f = (x: Tensor) => sum(where(x.data.map((v) => (v > 0 ? 1 : 0)), sqrt(x), 0));
    const g = grad(f)(tensor([-1, 0, 4])) as Tensor;
    expect(g.toArray()).toEqual([0, 0, 0.25]);
  });
  it('mirrors leaf forms', () => {
    const g = grad((p: Tensor) => sum(mul(p, p)))([3, 4] as unknown as Tensor);
    expect(g).toEqual([6, 8]);
    const [v, gn] = valueAndGrad((a: Tensor, b: Tensor) => mul(a, b), { argnums: [0, 1] })(2 as unknown as Tensor, 5 as unknown as Tensor);
    expect(v.item()).toBe(10);
    expect(gn).toEqual([5, 2]);
  });
  it('jacobian and vjp', () => {
    const J = jacobian((x: Tensor) => mul(x, x))(tensor([1, 2])) as Tensor;
    expect(J.toArray()).toEqual([[2, 0], [0, 4]]);
    const [y, back] = vjp((x: Tensor) => reshape(mul(x, 3), [2, 1]), tensor([1, 2]));
    expect(y.toArray()).toEqual([[3], [6]]);
    expect((back(tensor([[1], [1]]))[0] as Tensor).toArray()).toEqual([3, 3]);
  });
  it('broadcasting gradients', () => {
    const g = grad((a: Tensor, b: Tensor) => sum(mul(a, b)), { argnums: [0, 1] })(tensor([[1, 2], [3, 4]]), tensor([10, 20])) as Tensor[];
    expect(g[0]!.toArray()).toEqual([[10, 20], [10, 20]]);
    expect(g[1]!.toArray()).toEqual([4, 6]);
    expect(sum([[1, 2], [3, 4]], { axis: 1, keepdims: true }).toArray()).toEqual([[3], [7]]);
  });
});
