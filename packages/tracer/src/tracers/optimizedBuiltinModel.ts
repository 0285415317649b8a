/**
 * The fused numeric model of a path candidate made of the package's own
 * objects (walls, RIS, vertices): path length, interaction residuals and
 * their exact derivatives with respect to the parametric coordinates, for a
 * batch of TX-RX pairs, in plain loops over Float64Arrays.
 *
 * Notation (one path): points `P_0 = TX`, `P_1 .. P_K` on the objects,
 * `P_{K+1} = RX`; segment `s` joins `P_s` to `P_{s+1}`, with length `l_s`,
 * unit direction `u_s` and `Q_s = (I - u_s u_s^T) / l_s = d u_s / d P_{s+1}`
 * (`-Q_s` w.r.t. `P_s`). Object `i` (0-based) holds `P_{i+1}`; a wall or RIS
 * moves it along `t_i` with its one unknown (`P = origin + s t`).
 *
 * @module
 */
import { RIS, Wall, type Interactable, type Vertex } from '@differt2d/geometry';
import type { BatchedObjective } from '../solvers/batchedObjective.js';
import { PseudoInverseWorkspace, symmetricPseudoInverse } from '../solvers/smallMatrix.js';

const VERTEX = 0;
const WALL = 1;
const METASURFACE = 2;

/**
 * `scale J^T J` for an `m x n` matrix `J` (row-major), written as a full
 * symmetric `n x n` matrix into `out` at `offset`: the Gauss-Newton Hessian
 * (scale 2) or the normal matrix (scale 1) of the interaction residuals.
 *
 * @example
 * ```ts
 * const out = new Float64Array(1);
 * gramMatrix(Float64Array.of(3, 4), 2, 1, 2, out, 0); // out[0] = 2 (9 + 16) = 50
 * ```
 */
function gramMatrix(J: Float64Array, m: number, n: number, scale: number, out: Float64Array, offset: number): void {
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let h = 0;
      for (let k = 0; k < m; k++) h += J[k * n + a]! * J[k * n + b]!;
      out[offset + a * n + b] = scale * h;
      out[offset + b * n + a] = scale * h;
    }
  }
}

/**
 * The numeric model of one candidate of built-in objects over a batch of
 * TX-RX pairs (see the module notes for the notation).
 *
 * @example
 * ```ts
 * const model = new BuiltinPathModel([new Wall([[0, 0], [1, 0]])], Float64Array.of(0, 1), Float64Array.of(1, 1), 1);
 * const gradient = new Float64Array(1);
 * model.lengthTerms(Float64Array.of(0.5), 0, gradient, 0, null, 0); // 2 sqrt(1.25): TX -> (0.5, 0) -> RX
 * gradient[0]; // 0: the reflection point
 * ```
 */
export class BuiltinPathModel {
  /** Number of TX-RX pairs. */
  readonly problems: number;
  /** Unknowns per path: one per wall or RIS. */
  readonly unknowns: number;
  /** Interaction residuals per path: two per wall or RIS. */
  readonly residualCount: number;
  private readonly objectCount: number;
  private readonly kinds: Int8Array;
  /** The unknown of each object, or -1 for a vertex. */
  private readonly columns: Int32Array;
  /** The first residual of each object (vertices have none). */
  private readonly residualRows: Int32Array;
  private readonly anchors: Float64Array;
  private readonly directions: Float64Array;
  private readonly normals: Float64Array;
  private readonly sinPhi: Float64Array;
  private readonly cosPhi: Float64Array;
  private readonly tx: Float64Array;
  private readonly rx: Float64Array;
  // Scratch of the path being evaluated.
  private readonly points: Float64Array;
  private readonly units: Float64Array;
  private readonly projections: Float64Array;
  private readonly residualScratch: Float64Array;
  private readonly jacobianScratch: Float64Array;

  /**
   * @param objects - the candidate: `Wall`, `RIS` and `Vertex` instances (exactly those classes).
   * @param tx - `[problems, 2]` transmitters (metres).
   * @param rx - `[problems, 2]` receivers (metres).
   */
  constructor(objects: readonly Interactable[], tx: Float64Array, rx: Float64Array, problems: number) {
    const count = objects.length;
    this.problems = problems;
    this.objectCount = count;
    this.tx = tx;
    this.rx = rx;
    this.kinds = new Int8Array(count);
    this.columns = new Int32Array(count);
    this.residualRows = new Int32Array(count);
    this.anchors = new Float64Array(2 * count);
    this.directions = new Float64Array(2 * count);
    this.normals = new Float64Array(2 * count);
    this.sinPhi = new Float64Array(count);
    this.cosPhi = new Float64Array(count);
    let unknowns = 0;
    let residuals = 0;
    for (let i = 0; i < count; i++) {
      const object = objects[i]!;
      if (object instanceof Wall) {
        const origin = object.origin.data;
        const direction = object.direction.data;
        const normal = object.normal().data;
        this.anchors[2 * i] = origin[0]!;
        this.anchors[2 * i + 1] = origin[1]!;
        this.directions[2 * i] = direction[0]!;
        this.directions[2 * i + 1] = direction[1]!;
        this.normals[2 * i] = normal[0]!;
        this.normals[2 * i + 1] = normal[1]!;
        if (object instanceof RIS) {
          const phi = object.phi.data[0]!;
          this.kinds[i] = METASURFACE;
          this.sinPhi[i] = Math.sin(phi);
          this.cosPhi[i] = Math.cos(phi);
        } else {
          this.kinds[i] = WALL;
        }
        this.columns[i] = unknowns++;
        this.residualRows[i] = residuals;
        residuals += 2;
      } else {
        const point = (object as Vertex).xy.data;
        this.kinds[i] = VERTEX;
        this.anchors[2 * i] = point[0]!;
        this.anchors[2 * i + 1] = point[1]!;
        this.columns[i] = -1;
        this.residualRows[i] = residuals;
      }
    }
    this.unknowns = unknowns;
    this.residualCount = residuals;
    this.points = new Float64Array(2 * (count + 2));
    this.units = new Float64Array(2 * (count + 1));
    this.projections = new Float64Array(3 * (count + 1));
    this.residualScratch = new Float64Array(residuals);
    this.jacobianScratch = new Float64Array(residuals * unknowns);
  }

  /**
   * Fill the scratch points, unit directions and projections of path `p` at
   * `x`; return its length.
   */
  private prepare(x: Float64Array, p: number): number {
    const count = this.objectCount;
    const points = this.points;
    const base = p * this.unknowns;
    points[0] = this.tx[2 * p]!;
    points[1] = this.tx[2 * p + 1]!;
    for (let i = 0; i < count; i++) {
      const column = this.columns[i]!;
      if (column < 0) {
        points[2 * i + 2] = this.anchors[2 * i]!;
        points[2 * i + 3] = this.anchors[2 * i + 1]!;
      } else {
        const s = x[base + column]!;
        points[2 * i + 2] = this.anchors[2 * i]! + s * this.directions[2 * i]!;
        points[2 * i + 3] = this.anchors[2 * i + 1]! + s * this.directions[2 * i + 1]!;
      }
    }
    points[2 * count + 2] = this.rx[2 * p]!;
    points[2 * count + 3] = this.rx[2 * p + 1]!;
    const units = this.units;
    const projections = this.projections;
    let total = 0;
    for (let s = 0; s <= count; s++) {
      const dx = points[2 * s + 2]! - points[2 * s]!;
      const dy = points[2 * s + 3]! - points[2 * s + 1]!;
      const length = Math.sqrt(dx * dx + dy * dy);
      total += length;
      // A zero-length segment has no direction: u = 0 and Q = 0, as `normalize` does.
      if (length > 0) {
        const ux = dx / length;
        const uy = dy / length;
        units[2 * s] = ux;
        units[2 * s + 1] = uy;
        projections[3 * s] = (1 - ux * ux) / length;
        projections[3 * s + 1] = (-ux * uy) / length;
        projections[3 * s + 2] = (1 - uy * uy) / length;
      } else {
        units[2 * s] = 0;
        units[2 * s + 1] = 0;
        projections[3 * s] = 0;
        projections[3 * s + 1] = 0;
        projections[3 * s + 2] = 0;
      }
    }
    return total;
  }

  /**
   * Length of path `p` at `x`, with its gradient `F` (into `gradient` at
   * `gradientOffset`) and, unless null, its exact Hessian `M` (`n x n` at
   * `hessianOffset`): `F_i = t_i . (u_i - u_{i+1})`,
   * `M_ii = t_i^T (Q_i + Q_{i+1}) t_i`, `M_{i,i+1} = -t_i^T Q_{i+1} t_{i+1}`.
   *
   * @returns the length (metres).
   * @example
   * ```ts
   * const F = new Float64Array(1);
   * model.lengthTerms(Float64Array.of(0.5), 0, F, 0, null, 0); // the length; F[0] = 0 at the reflection point
   * ```
   */
  lengthTerms(x: Float64Array, p: number, gradient: Float64Array, gradientOffset: number, hessian: Float64Array | null, hessianOffset: number): number {
    const total = this.prepare(x, p);
    const n = this.unknowns;
    const count = this.objectCount;
    const units = this.units;
    const q = this.projections;
    const t = this.directions;
    if (hessian !== null) for (let k = 0; k < n * n; k++) hessian[hessianOffset + k] = 0;
    for (let i = 0; i < count; i++) {
      const column = this.columns[i]!;
      if (column < 0) continue;
      const tx = t[2 * i]!;
      const ty = t[2 * i + 1]!;
      gradient[gradientOffset + column] = tx * (units[2 * i]! - units[2 * i + 2]!) + ty * (units[2 * i + 1]! - units[2 * i + 3]!);
      if (hessian === null) continue;
      // (Q_i + Q_{i+1}) t_i
      const qxx = q[3 * i]! + q[3 * i + 3]!;
      const qxy = q[3 * i + 1]! + q[3 * i + 4]!;
      const qyy = q[3 * i + 2]! + q[3 * i + 5]!;
      hessian[hessianOffset + column * n + column] = tx * (qxx * tx + qxy * ty) + ty * (qxy * tx + qyy * ty);
      const nextColumn = i + 1 < count ? this.columns[i + 1]! : -1;
      if (nextColumn >= 0) {
        const sx = t[2 * i + 2]!;
        const sy = t[2 * i + 3]!;
        const cxx = q[3 * i + 3]!;
        const cxy = q[3 * i + 4]!;
        const cyy = q[3 * i + 5]!;
        const coupling = -(tx * (cxx * sx + cxy * sy) + ty * (cxy * sx + cyy * sy));
        hessian[hessianOffset + column * n + nextColumn] = coupling;
        hessian[hessianOffset + nextColumn * n + column] = coupling;
      }
    }
    return total;
  }

  /**
   * The interaction residuals of path `p` at `x` (`m` values at
   * `residualOffset`, in object order, as `interactionResiduals` gives them)
   * and, unless null, their Jacobian `d r / d x` (`m x n` at `jacobianOffset`).
   *
   * Wall: `e = u_{i+1} - R u_i`, `R = I - 2 n n^T`; `de/dP_i = R Q_i`,
   * `de/dP_{i+1} = -R Q_i - Q_{i+1}`, `de/dP_{i+2} = Q_{i+1}`.
   * RIS: `rho = S w - (sin phi, cos phi)`, `w = -u_{i+1}`,
   * `S = [[n_y, -n_x], [n_x, n_y]]`; `d rho/dP_{i+1} = S Q_{i+1} = -d rho/dP_{i+2}`.
   *
   * @example
   * ```ts
   * const r = new Float64Array(2);
   * const J = new Float64Array(2);
   * model.residualTerms(Float64Array.of(0.5), 0, r, 0, J, 0); // r = [0, 0] at the reflection point
   * ```
   */
  residualTerms(x: Float64Array, p: number, residuals: Float64Array, residualOffset: number, jacobian: Float64Array | null, jacobianOffset: number): void {
    this.prepare(x, p);
    const n = this.unknowns;
    const count = this.objectCount;
    const units = this.units;
    const q = this.projections;
    const t = this.directions;
    if (jacobian !== null) for (let k = 0; k < this.residualCount * n; k++) jacobian[jacobianOffset + k] = 0;
    for (let i = 0; i < count; i++) {
      const kind = this.kinds[i]!;
      if (kind === VERTEX) continue;
      const row = this.residualRows[i]!;
      const nx = this.normals[2 * i]!;
      const ny = this.normals[2 * i + 1]!;
      const inX = units[2 * i]!;
      const inY = units[2 * i + 1]!;
      const outX = units[2 * i + 2]!;
      const outY = units[2 * i + 3]!;
      const column = this.columns[i]!;
      const previousColumn = i > 0 ? this.columns[i - 1]! : -1;
      const nextColumn = i + 1 < count ? this.columns[i + 1]! : -1;
      // Q_{i+1} (outgoing segment), used by both kinds
      const oxx = q[3 * i + 3]!;
      const oxy = q[3 * i + 4]!;
      const oyy = q[3 * i + 5]!;
      const r0 = jacobianOffset + row * n;
      const r1 = r0 + n;
      if (kind === WALL) {
        const along = 2 * (inX * nx + inY * ny);
        residuals[residualOffset + row] = outX - (inX - along * nx);
        residuals[residualOffset + row + 1] = outY - (inY - along * ny);
        if (jacobian === null) continue;
        // Q_i (incoming segment)
        const ixx = q[3 * i]!;
        const ixy = q[3 * i + 1]!;
        const iyy = q[3 * i + 2]!;
        if (previousColumn >= 0) {
          const sx = t[2 * i - 2]!;
          const sy = t[2 * i - 1]!;
          const vx = ixx * sx + ixy * sy;
          const vy = ixy * sx + iyy * sy;
          const d = 2 * (vx * nx + vy * ny);
          jacobian[r0 + previousColumn] += vx - d * nx;
          jacobian[r1 + previousColumn] += vy - d * ny;
        }
        {
          const sx = t[2 * i]!;
          const sy = t[2 * i + 1]!;
          const vx = ixx * sx + ixy * sy;
          const vy = ixy * sx + iyy * sy;
          const d = 2 * (vx * nx + vy * ny);
          jacobian[r0 + column] += -(vx - d * nx) - (oxx * sx + oxy * sy);
          jacobian[r1 + column] += -(vy - d * ny) - (oxy * sx + oyy * sy);
        }
        if (nextColumn >= 0) {
          const sx = t[2 * i + 2]!;
          const sy = t[2 * i + 3]!;
          jacobian[r0 + nextColumn] += oxx * sx + oxy * sy;
          jacobian[r1 + nextColumn] += oxy * sx + oyy * sy;
        }
      } else {
        const wx = -outX;
        const wy = -outY;
        residuals[residualOffset + row] = wx * ny - wy * nx - this.sinPhi[i]!;
        residuals[residualOffset + row + 1] = wx * nx + wy * ny - this.cosPhi[i]!;
        if (jacobian === null) continue;
        {
          const sx = t[2 * i]!;
          const sy = t[2 * i + 1]!;
          const vx = oxx * sx + oxy * sy;
          const vy = oxy * sx + oyy * sy;
          jacobian[r0 + column] += ny * vx - nx * vy;
          jacobian[r1 + column] += nx * vx + ny * vy;
        }
        if (nextColumn >= 0) {
          const sx = t[2 * i + 2]!;
          const sy = t[2 * i + 3]!;
          const vx = oxx * sx + oxy * sy;
          const vy = oxy * sx + oyy * sy;
          jacobian[r0 + nextColumn] -= ny * vx - nx * vy;
          jacobian[r1 + nextColumn] -= nx * vx + ny * vy;
        }
      }
    }
  }

  /**
   * Sum of the squared residuals of path `p` (its interaction loss), with
   * gradient `2 J^T r` and, unless null, Gauss-Newton Hessian `2 J^T J`.
   *
   * @returns the loss (unitless).
   * @example
   * ```ts
   * model.lossTerms(Float64Array.of(0.5), 0, new Float64Array(1), 0, null, 0); // 0 at the reflection point
   * ```
   */
  lossTerms(x: Float64Array, p: number, gradient: Float64Array, gradientOffset: number, hessian: Float64Array | null, hessianOffset: number): number {
    const n = this.unknowns;
    const m = this.residualCount;
    const r = this.residualScratch;
    const J = this.jacobianScratch;
    this.residualTerms(x, p, r, 0, J, 0);
    let loss = 0;
    for (let k = 0; k < m; k++) loss += r[k]! * r[k]!;
    for (let a = 0; a < n; a++) {
      let g = 0;
      for (let k = 0; k < m; k++) g += J[k * n + a]! * r[k]!;
      gradient[gradientOffset + a] = 2 * g;
    }
    if (hessian !== null) gramMatrix(J, m, n, 2, hessian, hessianOffset);
    return loss;
  }

  /**
   * A starting point for the solvers: the image-method path through the
   * walls' and RIS' lines (a RIS reflecting specularly), run separately on
   * each stretch between fixed points (TX, vertices, RX): images of the
   * stretch's start through its walls, then back from its end, as DiffeRT2d's
   * image method (`point += (v . n) / (u . n) u`, no step when `u . n = 0`).
   * On walls that path is the solution itself, so the solvers only confirm
   * it; for RIS it is the specular point, a close start.
   *
   * @returns `[problems, n]`.
   * @example
   * ```ts
   * model.imageStart(); // [0.5] for TX (0, 1), RX (1, 1) and the floor (0, 0)-(1, 0)
   * ```
   */
  imageStart(): Float64Array {
    const n = this.unknowns;
    const count = this.objectCount;
    const out = new Float64Array(this.problems * n);
    const images = new Float64Array(2 * (count + 1));
    const anchors = this.anchors;
    const t = this.directions;
    const normals = this.normals;
    for (let p = 0; p < this.problems; p++) {
      let first = 0;
      let startX = this.tx[2 * p]!;
      let startY = this.tx[2 * p + 1]!;
      for (let end = 0; end <= count; end++) {
        // A stretch ends at a vertex or at RX.
        if (end < count && this.columns[end]! >= 0) continue;
        const endX = end < count ? anchors[2 * end]! : this.rx[2 * p]!;
        const endY = end < count ? anchors[2 * end + 1]! : this.rx[2 * p + 1]!;
        let ix = startX;
        let iy = startY;
        for (let i = first; i < end; i++) {
          const nx = normals[2 * i]!;
          const ny = normals[2 * i + 1]!;
          const d = 2 * ((ix - anchors[2 * i]!) * nx + (iy - anchors[2 * i + 1]!) * ny);
          ix -= d * nx;
          iy -= d * ny;
          images[2 * i] = ix;
          images[2 * i + 1] = iy;
        }
        let px = endX;
        let py = endY;
        for (let i = end - 1; i >= first; i--) {
          const nx = normals[2 * i]!;
          const ny = normals[2 * i + 1]!;
          const ux = px - images[2 * i]!;
          const uy = py - images[2 * i + 1]!;
          const un = ux * nx + uy * ny;
          if (un !== 0) {
            const ratio = ((anchors[2 * i]! - px) * nx + (anchors[2 * i + 1]! - py) * ny) / un;
            px += ratio * ux;
            py += ratio * uy;
          }
          const tx = t[2 * i]!;
          const ty = t[2 * i + 1]!;
          out[p * n + this.columns[i]!] = ((px - anchors[2 * i]!) * tx + (py - anchors[2 * i + 1]!) * ty) / (tx * tx + ty * ty);
        }
        first = end + 1;
        startX = endX;
        startY = endY;
      }
    }
    return out;
  }

  /**
   * The total path length as a batched objective (Fermat).
   *
   * @example
   * ```ts
   * solveDampedNewton(model.lengthObjective(), x0);
   * ```
   */
  lengthObjective(): BatchedObjective {
    return new BuiltinLengthObjective(this);
  }

  /**
   * The sum of interaction losses as a batched objective (min-path), with
   * the Gauss-Newton Hessian.
   *
   * @example
   * ```ts
   * solveDampedNewton(model.lossObjective(), x0, { costTolerance: 1e-30 });
   * ```
   */
  lossObjective(): BatchedObjective {
    return new BuiltinLossObjective(this);
  }

  /**
   * The points of every path at `x`: `[problems, K + 2, 2]` (metres).
   *
   * @example
   * ```ts
   * model.pathPoints(Float64Array.of(0.5)); // [0, 1, 0.5, 0, 1, 1]
   * ```
   */
  pathPoints(x: Float64Array): Float64Array {
    const stride = 2 * (this.objectCount + 2);
    const out = new Float64Array(this.problems * stride);
    for (let p = 0; p < this.problems; p++) {
      this.prepare(x, p);
      out.set(this.points, p * stride);
    }
    return out;
  }

  /**
   * The interaction loss of every path at `x` (sum over its objects): `[problems]`.
   *
   * @example
   * ```ts
   * model.pathLosses(Float64Array.of(0.5)); // [0]
   * ```
   */
  pathLosses(x: Float64Array): Float64Array {
    const out = new Float64Array(this.problems);
    const r = this.residualScratch;
    for (let p = 0; p < this.problems; p++) {
      this.residualTerms(x, p, r, 0, null, 0);
      let loss = 0;
      for (let k = 0; k < r.length; k++) loss += r[k]! * r[k]!;
      out[p] = loss;
    }
    return out;
  }

  /**
   * The matrices of the implicit derivative at the solutions `x`, one per
   * path: for `'lengthGradient'`, the pseudo-inverse of the length's Hessian
   * `M^+` (`n x n`); for `'residuals'`, the pseudo-inverse of the residuals'
   * Jacobian `J^+ = (J^T J)^+ J^T` (`n x m`).
   *
   * @returns `[problems, n, q]` and `q` (`n` or `m`).
   * @example
   * ```ts
   * model.implicitMatrices('residuals', x).equations; // 2 per wall or RIS
   * ```
   */
  implicitMatrices(formulation: 'lengthGradient' | 'residuals', x: Float64Array): { matrices: Float64Array; equations: number } {
    const n = this.unknowns;
    const m = this.residualCount;
    const work = new PseudoInverseWorkspace(n);
    const gradient = new Float64Array(n);
    const square = new Float64Array(n * n);
    if (formulation === 'lengthGradient') {
      const matrices = new Float64Array(this.problems * n * n);
      for (let p = 0; p < this.problems; p++) {
        this.lengthTerms(x, p, gradient, 0, square, 0);
        symmetricPseudoInverse(square, 0, n, matrices, p * n * n, work);
      }
      return { matrices, equations: n };
    }
    const matrices = new Float64Array(this.problems * n * m);
    const inverse = new Float64Array(n * n);
    const J = this.jacobianScratch;
    for (let p = 0; p < this.problems; p++) {
      this.residualTerms(x, p, this.residualScratch, 0, J, 0);
      gramMatrix(J, m, n, 1, square, 0);
      symmetricPseudoInverse(square, 0, n, inverse, 0, work);
      const base = p * n * m;
      for (let a = 0; a < n; a++) {
        for (let k = 0; k < m; k++) {
          let value = 0;
          for (let b = 0; b < n; b++) value += inverse[a * n + b]! * J[k * n + b]!;
          matrices[base + a * m + k] = value;
        }
      }
    }
    return { matrices, equations: m };
  }
}

/** A `BuiltinPathModel` as a solver objective: its path length or its interaction loss. */
abstract class BuiltinObjective implements BatchedObjective {
  readonly problems: number;
  readonly unknowns: number;
  protected readonly model: BuiltinPathModel;

  constructor(model: BuiltinPathModel) {
    this.model = model;
    this.problems = model.problems;
    this.unknowns = model.unknowns;
  }

  abstract evaluate(x: Float64Array, rows: Int32Array, rowCount: number, cost: Float64Array, gradient: Float64Array, hessian: Float64Array | null): void;
}

// Each objective keeps its own loop, with one call target that V8 can inline.

/** Path length of a `BuiltinPathModel` (Fermat). */
class BuiltinLengthObjective extends BuiltinObjective {
  evaluate(x: Float64Array, rows: Int32Array, rowCount: number, cost: Float64Array, gradient: Float64Array, hessian: Float64Array | null): void {
    const n = this.unknowns;
    for (let i = 0; i < rowCount; i++) {
      const p = rows[i]!;
      cost[p] = this.model.lengthTerms(x, p, gradient, p * n, hessian, p * n * n);
    }
  }
}

/** Interaction loss of a `BuiltinPathModel` (min-path). */
class BuiltinLossObjective extends BuiltinObjective {
  evaluate(x: Float64Array, rows: Int32Array, rowCount: number, cost: Float64Array, gradient: Float64Array, hessian: Float64Array | null): void {
    const n = this.unknowns;
    for (let i = 0; i < rowCount; i++) {
      const p = rows[i]!;
      cost[p] = this.model.lossTerms(x, p, gradient, p * n, hessian, p * n * n);
    }
  }
}
