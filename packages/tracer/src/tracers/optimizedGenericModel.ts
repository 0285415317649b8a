/**
 * The numeric model of a path candidate that holds objects the fused kernels
 * do not know (user-defined types, subclasses): every quantity comes from the
 * objects' own methods, evaluated on whole batches of paths at once under
 * `noGrad`, and derivatives w.r.t. the unknowns come from central
 * differences over stencils of rows stacked into the same batch.
 *
 * Why differences and not autodiff: the solver runs while an enclosing
 * `grad` may be differentiating the objects' coordinates, and the autodiff
 * package does not nest tapes. The residuals or losses themselves are exact,
 * so the solutions are as precise as with exact derivatives (the solver only
 * needs a good Jacobian to converge fast); the differences' ~1e-10 relative
 * error only reaches the implicit gradients.
 *
 * @module
 */
import { noGrad, Tensor } from '@differt2d/autodiff';
import type { Interactable } from '@differt2d/geometry';
import type { BatchedObjective } from '../solvers/batchedObjective.js';
import { PseudoInverseWorkspace, symmetricPseudoInverse } from '../solvers/smallMatrix.js';
import {
  hasTrustedMethod,
  lengthGradientTensor,
  lossTensor,
  parameterOffsets,
  pathPointTensors,
  residualTensor,
} from './optimizedTensors.js';

/** Step of the differences giving the residuals' Jacobian. */
const RESIDUAL_STEP = 1e-6;
/** Step of the differences giving the length's Hessian from its exact gradient. */
const LENGTH_STEP = 1e-6;
/** The same when the gradient itself uses differenced parametric Jacobians (noisier: a wider step). */
const LENGTH_STEP_DIFFERENCED = 1e-4;
/** Steps of the loss's differences: the gradient, and the Hessian. */
const LOSS_STEP = 1e-6;
const LOSS_HESSIAN_STEP = 1e-4;

/**
 * How the min-path condition of a candidate is written: with every object's
 * residuals (`'residuals'`: Levenberg-Marquardt), or as the gradient of the
 * loss (`'lossGradient'`: objects that define only `interactionLoss`).
 *
 * @example
 * ```ts
 * const formulation: LossFormulation = new GenericPathModel('minPaths', objects, tx, rx, 1).lossFormulation;
 * ```
 */
export type LossFormulation = 'residuals' | 'lossGradient';

/**
 * A numeric model of one candidate over a batch of TX-RX pairs, through the
 * objects' methods.
 *
 * @example
 * ```ts
 * const model = new GenericPathModel('minPaths', [surface], Float64Array.of(0, 1), Float64Array.of(1, 1), 1);
 * model.lossFormulation; // 'residuals' if the surface defines interactionResiduals, else 'lossGradient'
 * ```
 */
export class GenericPathModel {
  /** Number of TX-RX pairs. */
  readonly problems: number;
  /** Unknowns per path. */
  readonly unknowns: number;
  /** `'residuals'` when every object has trusted `interactionResiduals`, else `'lossGradient'`. */
  readonly lossFormulation: LossFormulation;
  private readonly op: string;
  private readonly objects: readonly Interactable[];
  private readonly offsets: readonly number[];
  private readonly tx: Float64Array;
  private readonly rx: Float64Array;
  private readonly lengthStep: number;

  /**
   * @param op - the tracer, quoted in errors.
   * @param tx - `[problems, 2]` (metres).
   * @param rx - `[problems, 2]` (metres).
   */
  constructor(op: string, objects: readonly Interactable[], tx: Float64Array, rx: Float64Array, problems: number) {
    this.op = op;
    this.objects = objects;
    const { offsets, total } = parameterOffsets(objects);
    this.offsets = offsets;
    this.unknowns = total;
    this.problems = problems;
    this.tx = tx;
    this.rx = rx;
    this.lossFormulation = objects.every((o) => hasTrustedMethod(o, 'interactionResiduals', 'interactionLoss')) ? 'residuals' : 'lossGradient';
    const exactJacobians = objects.every((o) => o.parameterCount === 0 || hasTrustedMethod(o, 'parametricJacobian', 'parametricToCartesian'));
    this.lengthStep = exactJacobians ? LENGTH_STEP : LENGTH_STEP_DIFFERENCED;
  }

  /**
   * One batch of rows: for each listed problem, its `x` plus each offset of
   * `stencil` (in order), with the problem's TX and RX.
   */
  private stencilRows(x: Float64Array, rows: Int32Array, rowCount: number, stencil: readonly (readonly number[])[]): { x: Tensor; tx: Tensor; rx: Tensor } {
    const n = this.unknowns;
    const size = stencil.length;
    const total = rowCount * size;
    const xs = new Float64Array(total * n);
    const txs = new Float64Array(total * 2);
    const rxs = new Float64Array(total * 2);
    for (let i = 0; i < rowCount; i++) {
      const p = rows[i]!;
      for (let k = 0; k < size; k++) {
        const row = i * size + k;
        for (let a = 0; a < n; a++) xs[row * n + a] = x[p * n + a]! + stencil[k]![a]!;
        txs[2 * row] = this.tx[2 * p]!;
        txs[2 * row + 1] = this.tx[2 * p + 1]!;
        rxs[2 * row] = this.rx[2 * p]!;
        rxs[2 * row + 1] = this.rx[2 * p + 1]!;
      }
    }
    return { x: new Tensor(xs, [total, n]), tx: new Tensor(txs, [total, 2]), rx: new Tensor(rxs, [total, 2]) };
  }

  /** Offsets: none, then `+h e_j`, `-h e_j` for each unknown. */
  private centralStencil(h: number, withSteps: boolean): number[][] {
    const n = this.unknowns;
    const stencil: number[][] = [new Array<number>(n).fill(0)];
    if (!withSteps) return stencil;
    for (let j = 0; j < n; j++) {
      const plus = new Array<number>(n).fill(0);
      const minus = new Array<number>(n).fill(0);
      plus[j] = h;
      minus[j] = -h;
      stencil.push(plus, minus);
    }
    return stencil;
  }

  /**
   * Path length, its gradient and (unless null) its Hessian by differences
   * of the gradient, for the listed problems.
   *
   * @example
   * ```ts
   * model.lengthTerms(x, allRows(model.problems), model.problems, cost, gradient, null);
   * ```
   */
  lengthTerms(x: Float64Array, rows: Int32Array, rowCount: number, cost: Float64Array, gradient: Float64Array, hessian: Float64Array | null): void {
    const n = this.unknowns;
    const h = this.lengthStep;
    const stencil = this.centralStencil(h, hessian !== null);
    const size = stencil.length;
    const { x: xs, tx, rx } = this.stencilRows(x, rows, rowCount, stencil);
    const [points, lengthGradient] = noGrad(() => {
      const pts = pathPointTensors(this.op, this.objects, this.offsets, tx, rx, xs);
      return [pts, lengthGradientTensor(this.objects, this.offsets, pts, xs).data] as const;
    });
    for (let i = 0; i < rowCount; i++) {
      const p = rows[i]!;
      const row = i * size;
      let length = 0;
      for (let s = 0; s + 1 < points.length; s++) {
        const a = points[s]!.data;
        const b = points[s + 1]!.data;
        const dx = b[2 * row]! - a[2 * row]!;
        const dy = b[2 * row + 1]! - a[2 * row + 1]!;
        length += Math.sqrt(dx * dx + dy * dy);
      }
      cost[p] = length;
      for (let a = 0; a < n; a++) gradient[p * n + a] = lengthGradient[row * n + a]!;
      if (hessian === null) continue;
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          const plus = lengthGradient[(row + 1 + 2 * b) * n + a]!;
          const minus = lengthGradient[(row + 2 + 2 * b) * n + a]!;
          hessian[p * n * n + a * n + b] = (plus - minus) / (2 * h);
        }
      }
      symmetrize(hessian, p * n * n, n);
    }
  }

  /**
   * Interaction residuals `[rowCount, m]` and their Jacobian by differences
   * `[rowCount, m, n]`, for the listed problems (in list order).
   *
   * @example
   * ```ts
   * const { residuals, jacobian, m } = model.residualTerms(x, allRows(model.problems), model.problems);
   * ```
   */
  residualTerms(x: Float64Array, rows: Int32Array, rowCount: number): { residuals: Float64Array; jacobian: Float64Array; m: number } {
    const n = this.unknowns;
    const h = RESIDUAL_STEP;
    const stencil = this.centralStencil(h, true);
    const size = stencil.length;
    const { x: xs, tx, rx } = this.stencilRows(x, rows, rowCount, stencil);
    const stacked = noGrad(() => residualTensor(this.op, this.objects, pathPointTensors(this.op, this.objects, this.offsets, tx, rx, xs)));
    const m = stacked.shape[1]!;
    const values = stacked.data;
    const residuals = new Float64Array(rowCount * m);
    const jacobian = new Float64Array(rowCount * m * n);
    for (let i = 0; i < rowCount; i++) {
      const row = i * size;
      for (let k = 0; k < m; k++) {
        residuals[i * m + k] = values[row * m + k]!;
        for (let b = 0; b < n; b++) {
          jacobian[(i * m + k) * n + b] = (values[(row + 1 + 2 * b) * m + k]! - values[(row + 2 + 2 * b) * m + k]!) / (2 * h);
        }
      }
    }
    return { residuals, jacobian, m };
  }

  /**
   * The interaction loss of the listed problems, its gradient and (unless
   * null) its Hessian: `|r|^2`, `2 J^T r`, `2 J^T J` from the residuals when
   * every object has them, else differences of the loss itself.
   *
   * @example
   * ```ts
   * model.lossTerms(x, allRows(model.problems), model.problems, cost, gradient, hessian);
   * ```
   */
  lossTerms(x: Float64Array, rows: Int32Array, rowCount: number, cost: Float64Array, gradient: Float64Array, hessian: Float64Array | null): void {
    const n = this.unknowns;
    if (this.lossFormulation === 'residuals') {
      const { residuals, jacobian, m } = this.residualTerms(x, rows, rowCount);
      for (let i = 0; i < rowCount; i++) {
        const p = rows[i]!;
        let loss = 0;
        for (let k = 0; k < m; k++) loss += residuals[i * m + k]! * residuals[i * m + k]!;
        cost[p] = loss;
        for (let a = 0; a < n; a++) {
          let g = 0;
          for (let k = 0; k < m; k++) g += jacobian[(i * m + k) * n + a]! * residuals[i * m + k]!;
          gradient[p * n + a] = 2 * g;
          if (hessian === null) continue;
          for (let b = 0; b < n; b++) {
            let value = 0;
            for (let k = 0; k < m; k++) value += jacobian[(i * m + k) * n + a]! * jacobian[(i * m + k) * n + b]!;
            hessian[p * n * n + a * n + b] = 2 * value;
          }
        }
      }
      return;
    }
    // Stencil: x; x +- h e_j (gradient); then, for the Hessian, x +- H e_j and x +-H e_j +-H e_k (j < k).
    const stencil = this.centralStencil(LOSS_STEP, true);
    const diagonalStart = stencil.length;
    if (hessian !== null) {
      const H = LOSS_HESSIAN_STEP;
      for (let j = 0; j < n; j++) {
        const plus = new Array<number>(n).fill(0);
        const minus = new Array<number>(n).fill(0);
        plus[j] = H;
        minus[j] = -H;
        stencil.push(plus, minus);
      }
      for (let j = 0; j < n; j++) {
        for (let k = j + 1; k < n; k++) {
          for (const [sj, sk] of [[1, 1], [1, -1], [-1, 1], [-1, -1]] as const) {
            const corner = new Array<number>(n).fill(0);
            corner[j] = sj * H;
            corner[k] = sk * H;
            stencil.push(corner);
          }
        }
      }
    }
    const size = stencil.length;
    const { x: xs, tx, rx } = this.stencilRows(x, rows, rowCount, stencil);
    const losses = noGrad(() => lossTensor(this.op, this.objects, pathPointTensors(this.op, this.objects, this.offsets, tx, rx, xs))).data;
    for (let i = 0; i < rowCount; i++) {
      const p = rows[i]!;
      const row = i * size;
      const center = losses[row]!;
      cost[p] = center;
      for (let j = 0; j < n; j++) gradient[p * n + j] = (losses[row + 1 + 2 * j]! - losses[row + 2 + 2 * j]!) / (2 * LOSS_STEP);
      if (hessian === null) continue;
      const H = LOSS_HESSIAN_STEP;
      let corner = row + diagonalStart + 2 * n;
      for (let j = 0; j < n; j++) {
        const plus = losses[row + diagonalStart + 2 * j]!;
        const minus = losses[row + diagonalStart + 2 * j + 1]!;
        hessian[p * n * n + j * n + j] = (plus - 2 * center + minus) / (H * H);
        for (let k = j + 1; k < n; k++) {
          const value = (losses[corner]! - losses[corner + 1]! - losses[corner + 2]! + losses[corner + 3]!) / (4 * H * H);
          hessian[p * n * n + j * n + k] = value;
          hessian[p * n * n + k * n + j] = value;
          corner += 4;
        }
      }
    }
  }

  /**
   * A starting point for the solvers: each object's coordinates of the point
   * `(i + 1) / (K + 1)` of the way from TX to RX (its `cartesianToParametric`:
   * for a wall, the projection onto its line), so that the straight TX-RX
   * line is spread over the objects in order.
   *
   * @returns `[problems, n]`.
   * @throws Error naming the object when its `cartesianToParametric` returns a wrong shape.
   * @example
   * ```ts
   * model.projectedStart(); // [0.5] for TX (0, 1), RX (1, 1) and a floor (0, 0)-(1, 0)
   * ```
   */
  projectedStart(): Float64Array {
    const n = this.unknowns;
    const problems = this.problems;
    const count = this.objects.length;
    const out = new Float64Array(problems * n);
    const along = new Float64Array(2 * problems);
    for (let i = 0; i < count; i++) {
      const object = this.objects[i]!;
      const p = object.parameterCount;
      if (p === 0) continue;
      const fraction = (i + 1) / (count + 1);
      for (let k = 0; k < 2 * problems; k++) along[k] = this.tx[k]! + fraction * (this.rx[k]! - this.tx[k]!);
      const s = noGrad(() => object.cartesianToParametric(new Tensor(along, [problems, 2])));
      if (s.size !== problems * p) {
        throw new Error(`${this.op}: objects[${i}].cartesianToParametric returned shape [${s.shape.join(', ')}], expected [${problems}, ${p}]`);
      }
      const offset = this.offsets[i]!;
      for (let r = 0; r < problems; r++) for (let a = 0; a < p; a++) out[r * n + offset + a] = s.data[r * p + a]!;
    }
    return out;
  }

  /**
   * The path length as a batched objective (Fermat).
   *
   * @example
   * ```ts
   * solveDampedNewton(model.lengthObjective(), x0);
   * ```
   */
  lengthObjective(): BatchedObjective {
    return { problems: this.problems, unknowns: this.unknowns, evaluate: this.lengthTerms.bind(this) };
  }

  /**
   * The interaction loss as a batched objective (min-path).
   *
   * @example
   * ```ts
   * solveDampedNewton(model.lossObjective(), x0, { costTolerance: 1e-30 });
   * ```
   */
  lossObjective(): BatchedObjective {
    return { problems: this.problems, unknowns: this.unknowns, evaluate: this.lossTerms.bind(this) };
  }

  /**
   * The matrices of the implicit derivative at the solutions `x`, one per
   * path: `M^+` for `'lengthGradient'` (the length's Hessian), `J^+` for
   * `'residuals'`, `H^+` for `'lossGradient'` (the loss's Hessian).
   *
   * @returns `[problems, n, q]` and `q`.
   * @example
   * ```ts
   * model.implicitMatrices('lengthGradient', x).equations; // n
   * ```
   */
  implicitMatrices(formulation: 'lengthGradient' | LossFormulation, x: Float64Array): { matrices: Float64Array; equations: number } {
    const n = this.unknowns;
    const problems = this.problems;
    const rows = new Int32Array(problems);
    for (let p = 0; p < problems; p++) rows[p] = p;
    const work = new PseudoInverseWorkspace(n);
    if (formulation === 'residuals') {
      const { jacobian, m } = this.residualTerms(x, rows, problems);
      const square = new Float64Array(n * n);
      const inverse = new Float64Array(n * n);
      const matrices = new Float64Array(problems * n * m);
      for (let p = 0; p < problems; p++) {
        const J = p * m * n;
        for (let a = 0; a < n; a++) {
          for (let b = 0; b < n; b++) {
            let value = 0;
            for (let k = 0; k < m; k++) value += jacobian[J + k * n + a]! * jacobian[J + k * n + b]!;
            square[a * n + b] = value;
          }
        }
        symmetricPseudoInverse(square, 0, n, inverse, 0, work);
        for (let a = 0; a < n; a++) {
          for (let k = 0; k < m; k++) {
            let value = 0;
            for (let b = 0; b < n; b++) value += inverse[a * n + b]! * jacobian[J + k * n + b]!;
            matrices[(p * n + a) * m + k] = value;
          }
        }
      }
      return { matrices, equations: m };
    }
    const cost = new Float64Array(problems);
    const gradient = new Float64Array(problems * n);
    const hessian = new Float64Array(problems * n * n);
    if (formulation === 'lengthGradient') this.lengthTerms(x, rows, problems, cost, gradient, hessian);
    else this.lossTerms(x, rows, problems, cost, gradient, hessian);
    const matrices = new Float64Array(problems * n * n);
    for (let p = 0; p < problems; p++) symmetricPseudoInverse(hessian, p * n * n, n, matrices, p * n * n, work);
    return { matrices, equations: n };
  }
}

/** Replace an `n x n` block by its symmetric part. */
function symmetrize(a: Float64Array, offset: number, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const mean = 0.5 * (a[offset + i * n + j]! + a[offset + j * n + i]!);
      a[offset + i * n + j] = mean;
      a[offset + j * n + i] = mean;
    }
  }
}
