/**
 * Benchmarks of the autodiff engine (issue 2):
 * - a 30-primitive elementwise chain (then a sum) on 1e6 elements, forward +
 *   backward, against a hand-written fused loop doing the same math;
 * - the overhead per primitive on tiny tensors (size 1 and 2);
 * - the peak memory of the 1e6 chain with its gradient (in a child process).
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  abs, add, atan2, cos, div, exp, grad, log, mul, neg, pow, sigmoid, sin, softplus, sqrt, square, sub, sum, tanh, uniform, key,
  type Tensor,
} from '@differt2d/autodiff';
import { median, medianPerCall, row, timeRuns, type BenchRow } from './harness.js';

/** 30 elementwise primitives; x in [0.5, 1.5]. */
export function chain(x: Tensor): Tensor {
  let v = mul(x, 0.7);
  v = add(v, 0.2);
  v = sin(v);
  v = square(v);
  v = add(v, 1);
  v = log(v);
  v = mul(v, x);
  v = exp(v);
  v = sqrt(v);
  v = tanh(v);
  v = add(v, x);
  v = cos(v);
  v = mul(v, v);
  v = add(v, 0.5);
  v = div(1, v);
  v = sigmoid(v);
  v = sub(v, 0.3);
  v = abs(v);
  v = add(v, 0.1);
  v = pow(v, 1.5);
  v = mul(v, 3);
  v = softplus(v);
  v = neg(v);
  v = exp(v);
  v = add(v, x);
  v = atan2(v, x);
  v = sin(v);
  v = square(v);
  v = add(v, 1);
  v = sqrt(v);
  return v;
}

/** The same math in one loop, value and derivative together (forward mode). */
export function fusedChain(xs: Float64Array, gradient: Float64Array): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    let v = 0.7 * x;
    let d = 0.7;
    v += 0.2;
    d = Math.cos(v) * d; v = Math.sin(v);
    d = 2 * v * d; v = v * v;
    v += 1;
    d = d / v; v = Math.log(v);
    d = d * x + v; v = v * x;
    v = Math.exp(v); d = v * d;
    v = Math.sqrt(v); d = d / (2 * v);
    v = Math.tanh(v); d = (1 - v * v) * d;
    v += x; d += 1;
    d = -Math.sin(v) * d; v = Math.cos(v);
    d = 2 * v * d; v = v * v;
    v += 0.5;
    v = 1 / v; d = -v * v * d;
    const s = 1 / (1 + Math.exp(-v)); d = s * (1 - s) * d; v = s;
    v -= 0.3;
    d = Math.sign(v) * d; v = Math.abs(v);
    v += 0.1;
    d = 1.5 * Math.sqrt(v) * d; v = v * Math.sqrt(v);
    v *= 3; d *= 3;
    d = (1 / (1 + Math.exp(-v))) * d; v = Math.log1p(Math.exp(v));
    v = -v; d = -d;
    v = Math.exp(v); d = v * d;
    v += x; d += 1;
    d = (x * d - v) / (x * x + v * v); v = Math.atan2(v, x);
    d = Math.cos(v) * d; v = Math.sin(v);
    d = 2 * v * d; v = v * v;
    v += 1;
    v = Math.sqrt(v); d = d / (2 * v);
    total += v;
    gradient[i] = d;
  }
  return total;
}

const PRIMITIVES_PER_CHAIN = 31; // 30 elementwise + the final sum

function input(n: number): Tensor {
  return add(mul(uniform(key(0), [n]), 1), 0.5);
}

function memoryChild(n: number): void {
  const x = input(n);
  grad((t: Tensor) => sum(chain(t)))(x);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ peakMb }));
}

/** Run the autodiff benchmarks and return their rows. */
export function benchAutodiff(options: { n?: number; runs?: number } = {}): BenchRow[] {
  const n = options.n ?? 1_000_000;
  const runs = options.runs ?? 5;
  const x = input(n);
  const chainGrad = grad((t: Tensor) => sum(chain(t)));

  // Correctness first: the tape and the fused loop must agree.
  const fusedGradient = new Float64Array(n);
  fusedChain(x.data, fusedGradient);
  const tapeGradient = chainGrad(x).data as Float64Array;
  let worst = 0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(tapeGradient[i]! - fusedGradient[i]!) / Math.max(1e-12, Math.abs(fusedGradient[i]!)));
  if (worst > 1e-9) throw new Error(`bench: tape and fused gradients disagree (relative ${worst})`);

  // Interleave the two so that both see the same machine load.
  const tapeTimes: number[] = [];
  const fusedTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    tapeTimes.push(median(timeRuns(() => chainGrad(x), { runs: 1, warmup: r === 0 ? 1 : 0 })));
    fusedTimes.push(median(timeRuns(() => fusedChain(x.data, fusedGradient), { runs: 1, warmup: r === 0 ? 1 : 0 })));
  }
  const tapeMs = median(tapeTimes);
  const fusedMs = median(fusedTimes);
  const ratio = tapeMs / fusedMs;

  const tiny = (size: number) => {
    const t = input(size);
    return medianPerCall(() => chainGrad(t), { inner: 2000 }) / PRIMITIVES_PER_CHAIN;
  };
  const tiny1 = tiny(1);
  const tiny2 = tiny(2);

  const file = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, file, '--memory-child', String(n)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench: memory child failed: ${child.stderr}`);
  const peakMb = (JSON.parse(child.stdout) as { peakMb: number }).peakMb;

  return [
    row(`autodiff: 30-op chain + sum, fwd+bwd, n=${n.toExponential(0)}`, tapeMs, {
      target: 3 * fusedMs,
      note: `${((tapeMs * 1e6) / n).toFixed(1)} ns/element; fused loop ${fusedMs.toFixed(1)} ms; ratio ${ratio.toFixed(2)}x (target <= 3x)`,
    }),
    row('autodiff: per primitive, size-1 tensor, fwd+bwd', tiny1, { target: 0.001, note: `${(tiny1 * 1e6).toFixed(0)} ns/primitive` }),
    row('autodiff: per primitive, size-2 tensor, fwd+bwd', tiny2, { target: 0.001, note: `${(tiny2 * 1e6).toFixed(0)} ns/primitive` }),
    { workload: `autodiff: peak RSS of the chain with gradient, n=${n.toExponential(0)}`, median_ms: NaN, reference_ms: null, target_ms: null, met: peakMb <= 600, note: `${peakMb.toFixed(0)} MB (target <= 600 MB)` },
  ];
}

if (process.argv[2] === '--memory-child') memoryChild(Number(process.argv[3]));
