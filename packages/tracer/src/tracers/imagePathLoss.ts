/**
 * The loss of image-method paths: the sum of the specular-reflection losses
 * of their interaction points, through the geometry package's fused
 * `interactionLosses` kernel.
 *
 * @module
 */
import { add, definePrimitive, formatShape, reshape, sum, take, Tensor, zeros } from '@differt2d/autodiff';
import { interactionLosses } from '@differt2d/geometry';

/** Shape of the paths: N paths of K interactions. */
interface TripletParams {
  readonly count: number;
  readonly interactions: number;
}

// Splits [N, K + 2, 2] path points into the three [N K, 2] arrays the loss
// kernel reads (row i K + k: points k, k + 1, k + 2 of path i), in one pass
// and one tape record instead of three slices and three reshapes.
const tripletsPrimitive = definePrimitive<TripletParams>({
  name: 'tracer.interactionTriplets',
  forward([points], { count, interactions }) {
    const p = points!.data;
    const size = 2 * count * interactions;
    const previous = new Float64Array(size);
    const on = new Float64Array(size);
    const next = new Float64Array(size);
    const pathStride = 2 * (interactions + 2);
    for (let i = 0; i < count; i++) {
      const from = i * pathStride;
      const to = 2 * i * interactions;
      for (let j = 0; j < 2 * interactions; j++) {
        previous[to + j] = p[from + j]!;
        on[to + j] = p[from + 2 + j]!;
        next[to + j] = p[from + 4 + j]!;
      }
    }
    const shape = [count * interactions, 2];
    return [new Tensor(previous, shape), new Tensor(on, shape), new Tensor(next, shape)];
  },
  // Each point is read by up to three triplets: its cotangent is their sum.
  backward([gPrevious, gOn, gNext], [points], _outputs, { count, interactions }) {
    const gPoints = new Float64Array(points!.size);
    const pathStride = 2 * (interactions + 2);
    for (let i = 0; i < count; i++) {
      const to = i * pathStride;
      const from = 2 * i * interactions;
      for (let j = 0; j < 2 * interactions; j++) {
        if (gPrevious !== null) gPoints[to + j] = gPoints[to + j]! + gPrevious[from + j]!;
        if (gOn !== null) gPoints[to + 2 + j] = gPoints[to + 2 + j]! + gOn[from + j]!;
        if (gNext !== null) gPoints[to + 4 + j] = gPoints[to + 4 + j]! + gNext[from + j]!;
      }
    }
    return [gPoints];
  },
});

// Splits [N, P, 2] path points into P arrays [N, 2] (column j: point j of
// every path), so that the loss kernel can run once per wall with that wall
// shared by all N paths, instead of on a copy of the walls repeated N times.
const columnsPrimitive = definePrimitive<void>({
  name: 'tracer.pathPointColumns',
  forward([points]) {
    const p = points!.data;
    const count = points!.shape[0]!;
    const perPath = points!.shape[1]!;
    const columns: Tensor[] = [];
    for (let j = 0; j < perPath; j++) {
      const column = new Float64Array(2 * count);
      for (let i = 0; i < count; i++) {
        column[2 * i] = p[2 * (i * perPath + j)]!;
        column[2 * i + 1] = p[2 * (i * perPath + j) + 1]!;
      }
      columns.push(new Tensor(column, [count, 2]));
    }
    return columns;
  },
  backward(gColumns, [points]) {
    const count = points!.shape[0]!;
    const perPath = points!.shape[1]!;
    const gPoints = new Float64Array(points!.size);
    for (let j = 0; j < perPath; j++) {
      const g = gColumns[j];
      if (g === null || g === undefined) continue;
      for (let i = 0; i < count; i++) {
        gPoints[2 * (i * perPath + j)] = g[2 * i]!;
        gPoints[2 * (i * perPath + j) + 1] = g[2 * i + 1]!;
      }
    }
    return [gPoints];
  },
});

/**
 * The loss of paths reflected by walls: for each path, the sum over its K
 * interaction points of the specular-reflection loss `|r - (i - 2 (i . n) n)|^2`
 * (`i`, `r` the unit incident and reflected directions, `n` the wall's
 * normal), computed by the fused `interactionLosses` kernel of
 * `@differt2d/geometry`; 0 for a perfect path, 0 too for K = 0.
 * Differentiable with respect to the points and the walls.
 *
 * @param points - `[N, K + 2, 2]`: TX, the K interaction points, RX (metres).
 * @param walls - `[K, 2, 2]`: the wall of each interaction, in order (metres).
 * @returns `[N]` (unitless).
 * @throws Error naming the argument when the shapes do not fit.
 * @example
 * ```ts
 * imagePathLoss(tensor([[[0, 1], [0.5, 0], [1, 1]]]), tensor([[[0, 0], [1, 0]]])).toArray(); // [0]
 * ```
 */
export function imagePathLoss(points: Tensor, walls: Tensor): Tensor {
  const op = 'imagePathLoss';
  if (points.ndim !== 3 || points.shape[1]! < 2 || points.shape[2] !== 2) {
    throw new Error(`${op}: points must have shape [N, K + 2, 2], got ${formatShape(points.shape)}`);
  }
  const count = points.shape[0]!;
  const interactions = points.shape[1]! - 2;
  if (walls.ndim !== 3 || walls.shape[0] !== interactions || walls.shape[1] !== 2 || walls.shape[2] !== 2) {
    throw new Error(`${op}: walls must have shape [K, 2, 2] with K = ${interactions} (one wall per interaction), got ${formatShape(walls.shape)}`);
  }
  if (interactions === 0 || count === 0) return zeros([count]);
  if (count === 1 || interactions === 1) {
    // One kernel call: one path with its K walls, or N paths sharing one wall.
    const [previous, on, next] = tripletsPrimitive.apply([points], { count, interactions }) as Tensor[];
    const losses = interactionLosses(previous!, on!, next!, walls);
    return interactions === 1 ? losses : sum(reshape(losses, [count, interactions]), -1);
  }
  const columns = columnsPrimitive.apply([points], undefined) as Tensor[];
  let total: Tensor | null = null;
  for (let k = 0; k < interactions; k++) {
    const losses = interactionLosses(columns[k]!, columns[k + 1]!, columns[k + 2]!, take(walls, k));
    total = total === null ? losses : add(total, losses);
  }
  return total!;
}
