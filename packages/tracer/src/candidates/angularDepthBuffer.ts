/**
 * A conservative occlusion test inside a beam: the beam's angles are cut
 * into bins, and each bin keeps a depth, the distance from the apex beyond
 * which every point of the bin is hidden from the window by some wall. A
 * wall is visible through the window when, in some bin it meets, it comes
 * nearer than that depth.
 *
 * Conservative means: a wall declared hidden has no point that a ray from
 * the window reaches without crossing another wall; rounding is absorbed by
 * margins that always lean towards "visible". The tracer's blocking test is
 * stricter than real occlusion (it extends walls and segments by
 * `intersectTolerance`), so a wall hidden here holds no valid path.
 *
 * @module
 */
import { CandidateBeam, RELATIVE_MARGIN } from './candidateBeam.js';
import type { VisibilityScene } from './visibilityScene.js';

/**
 * A ray meeting an occluder at a smaller cosine (to its normal) than this is
 * nearly parallel to it: the tracer's crossing test is ill-conditioned
 * there, so such bins are not counted as covered.
 */
const MIN_CROSSING_COSINE = 1e-6;

/** The result of {@link AngularDepthBuffer.visibleWindow}. */
export const HIDDEN = 0;
/** See {@link HIDDEN}: part of the wall is visible; the window is set. */
export const VISIBLE = 1;
/**
 * See {@link HIDDEN}: part of the wall may be visible, but the apex is
 * (nearly) on the wall's line, so the wall is met at grazing incidence and
 * no window is set.
 */
export const GRAZING = 2;

const TWO_PI = 2 * Math.PI;

/**
 * The depth buffer of one beam, reused from beam to beam.
 *
 * @internal
 * @example
 * ```ts
 * const buffer = new AngularDepthBuffer(512);
 * buffer.reset(beam, 512);
 * buffer.addOccluders(scene);
 * buffer.visibleWindow(scene, 3); // HIDDEN, VISIBLE or DEGENERATE
 * ```
 */
export class AngularDepthBuffer {
  /** Largest number of bins. */
  readonly capacity: number;
  /** Bins in use. */
  binCount = 0;
  /** Angle of the first bin's lower edge (radians from the beam's reference). */
  start = 0;
  /** Angular width of a bin (radians). */
  step = 0;
  /** `[capacity]`: per bin, the depth (metres from the apex; Infinity: nothing hides the bin). */
  readonly depth: Float64Array;
  /** `[capacity + 1]`: the unit directions of the bin edges, x. */
  readonly edgeX: Float64Array;
  /** `[capacity + 1]`: y. */
  readonly edgeY: Float64Array;
  /** After a VISIBLE answer: the window's lower end (metres along the wall from its first end). */
  windowLower = 0;
  /** After a VISIBLE answer: the window's upper end. */
  windowUpper = 0;

  private beam: CandidateBeam = new CandidateBeam();
  // The last clipped segment, relative to the apex.
  private clipX0 = 0;
  private clipY0 = 0;
  private clipX1 = 0;
  private clipY1 = 0;
  // The visible angular hull of the last target.
  private visibleLow = 0;
  private visibleHigh = 0;
  // The target being tested: its clipped ends' angles and distances from
  // the apex, the unit normal of its line towards it, its line's distance
  // and the angle of that normal.
  private targetStartAngle = 0;
  private targetEndAngle = 0;
  private targetStartDistance = 0;
  private targetEndDistance = 0;
  private targetTowardX = 0;
  private targetTowardY = 0;
  private targetDistance = 0;
  private targetFootAngle = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.depth = new Float64Array(capacity);
    this.edgeX = new Float64Array(capacity + 1);
    this.edgeY = new Float64Array(capacity + 1);
  }

  /** Cut `beam` into `binCount` bins (at most the capacity), with nothing hidden yet. */
  reset(beam: CandidateBeam, binCount: number): void {
    const count = Math.min(binCount, this.capacity);
    this.beam = beam;
    this.binCount = count;
    this.start = beam.angleLow;
    this.step = (beam.angleHigh - beam.angleLow) / count;
    for (let b = 0; b <= count; b++) {
      const angle = b === count ? beam.angleHigh : this.start + b * this.step;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      this.edgeX[b] = beam.refX * c - beam.refY * s;
      this.edgeY[b] = beam.refX * s + beam.refY * c;
    }
    this.depth.fill(Infinity, 0, count);
  }

  /** The lower edge's angle of bin `b` (`b = binCount`: the upper edge of the last). */
  private edgeAngle(b: number): number {
    return b === this.binCount ? this.beam.angleHigh : this.start + b * this.step;
  }

  /**
   * Clip the segment to the beam's far side, moved by `slack` metres towards
   * the apex (negative: away from it), and keep it relative to the apex.
   * False when nothing is left.
   */
  private clip(x0: number, y0: number, x1: number, y1: number, slack: number): boolean {
    const beam = this.beam;
    if (!beam.full) {
      const f0 = beam.farX * x0 + beam.farY * y0 - beam.farOffset + slack;
      const f1 = beam.farX * x1 + beam.farY * y1 - beam.farOffset + slack;
      if (!(f0 >= 0) && !(f1 >= 0)) return false;
      if (!(f0 >= 0) || !(f1 >= 0)) {
        const t = f0 / (f0 - f1);
        const cx = x0 + t * (x1 - x0);
        const cy = y0 + t * (y1 - y0);
        if (f0 >= 0) {
          x1 = cx;
          y1 = cy;
        } else {
          x0 = cx;
          y0 = cy;
        }
      }
    }
    this.clipX0 = x0 - beam.ax;
    this.clipY0 = y0 - beam.ay;
    this.clipX1 = x1 - beam.ax;
    this.clipY1 = y1 - beam.ay;
    return true;
  }

  /**
   * Whether the clipped segment lies wholly outside the wedge of a window
   * beam, by more than `slack` metres (the wedge's sides are rays from the
   * apex; a segment wholly on the outer side of one misses the wedge).
   */
  private outsideWedge(slack: number): boolean {
    const beam = this.beam;
    if (beam.full || beam.angleHigh - beam.angleLow >= Math.PI) return false;
    const n = this.binCount;
    const lx = this.edgeX[0]!;
    const ly = this.edgeY[0]!;
    if (lx * this.clipY0 - ly * this.clipX0 < -slack && lx * this.clipY1 - ly * this.clipX1 < -slack) return true;
    const hx = this.edgeX[n]!;
    const hy = this.edgeY[n]!;
    return hx * this.clipY0 - hy * this.clipX0 > slack && hx * this.clipY1 - hy * this.clipX1 > slack;
  }

  /**
   * Enter every occluder of the scene but the window's wall: each one's part
   * on the far side (strictly, by the margin) lowers the depth of the bins
   * it covers wholly to its largest distance in the bin.
   */
  addOccluders(scene: VisibilityScene): void {
    const skip = this.beam.wall;
    for (let o = 0; o < scene.count; o++) {
      if (scene.occluder[o] === 0 || o === skip) continue;
      this.addOccluder(scene, o);
    }
  }

  private addOccluder(scene: VisibilityScene, o: number): void {
    const beam = this.beam;
    const margin = beam.margin;
    const e = 4 * o;
    if (!this.clip(scene.ends[e]!, scene.ends[e + 1]!, scene.ends[e + 2]!, scene.ends[e + 3]!, -margin)) return;
    if (this.outsideWedge(0)) return;
    const nx = scene.normals[2 * o]!;
    const ny = scene.normals[2 * o + 1]!;
    const signed = nx * this.clipX0 + ny * this.clipY0;
    // A line through the apex hides nothing.
    if (!(Math.abs(signed) > margin)) return;
    const side = signed > 0 ? 1 : -1;
    const towardX = side * nx;
    const towardY = side * ny;
    const distance = Math.abs(signed);
    // Order the ends counter-clockwise as seen from the apex.
    let sx = this.clipX0;
    let sy = this.clipY0;
    let ex = this.clipX1;
    let ey = this.clipY1;
    if (sx * ey - sy * ex < 0) {
      sx = this.clipX1;
      sy = this.clipY1;
      ex = this.clipX0;
      ey = this.clipY0;
    }
    const startAngle = beam.angleOf(sx, sy);
    const extent = Math.atan2(sx * ey - sy * ex, sx * ex + sy * ey);
    const low = startAngle + margin / Math.hypot(sx, sy);
    const high = startAngle + extent - margin / Math.hypot(ex, ey);
    if (!(low < high)) return;
    this.coverBins(low, high, towardX, towardY, distance);
    // A full beam's angles wrap at pi: the part beyond it is at -pi.
    if (beam.full && high > Math.PI) this.coverBins(low - TWO_PI, high - TWO_PI, towardX, towardY, distance);
  }

  /**
   * Lower the depth of the bins wholly inside [low, high] to the occluder's
   * largest distance over the bin: `distance / cos` at one of the bin's
   * edges (the distance to a line grows away from its foot).
   */
  private coverBins(low: number, high: number, towardX: number, towardY: number, distance: number): void {
    let first = Math.ceil((low - this.start) / this.step);
    let last = Math.floor((high - this.start) / this.step) - 1;
    if (first < 0) first = 0;
    if (last > this.binCount - 1) last = this.binCount - 1;
    if (first > last) return;
    // Bin edges computed as edgeAngle(b) may differ from start + b step by
    // rounding; the margins are far larger, but stay exact at the ends.
    if (this.edgeAngle(first) < low) first++;
    if (this.edgeAngle(last + 1) > high) last--;
    const margin = this.beam.margin;
    const depth = this.depth;
    let previous = this.edgeX[first]! * towardX + this.edgeY[first]! * towardY;
    for (let b = first; b <= last; b++) {
      const next = this.edgeX[b + 1]! * towardX + this.edgeY[b + 1]! * towardY;
      const cosine = previous < next ? previous : next;
      previous = next;
      if (!(cosine >= MIN_CROSSING_COSINE)) continue;
      const farthest = (distance / cosine) * (1 + RELATIVE_MARGIN) + margin;
      if (farthest < depth[b]!) depth[b] = farthest;
    }
  }

  /**
   * Whether some part of wall `w` is visible through the beam's window: its
   * part on the far side (loosely, by the margin) and in the wedge, in some
   * bin nearer than the bin's depth. When VISIBLE, `windowLower` and
   * `windowUpper` bound the visible part (metres along the wall from its
   * first end, margins included): the next beam's window.
   *
   * @returns HIDDEN, VISIBLE or GRAZING (visible, but the apex is within
   *   `lineMargin` of the wall's line).
   */
  visibleWindow(scene: VisibilityScene, w: number): number {
    const beam = this.beam;
    const margin = beam.margin;
    const e = 4 * w;
    const ox = scene.ends[e]!;
    const oy = scene.ends[e + 1]!;
    const tx = scene.directions[2 * w]!;
    const ty = scene.directions[2 * w + 1]!;
    const nx = scene.normals[2 * w]!;
    const ny = scene.normals[2 * w + 1]!;
    const length = scene.lengths[w]!;
    const signed = (ox - beam.ax) * nx + (oy - beam.ay) * ny;
    const grazing = !(Math.abs(signed) > beam.lineMargin);
    // The wall, a margin longer at both ends.
    if (!this.clip(ox - margin * tx, oy - margin * ty, ox + (length + margin) * tx, oy + (length + margin) * ty, margin)) return HIDDEN;
    if (this.outsideWedge(margin)) return HIDDEN;
    const side = signed > 0 ? 1 : -1;
    const towardX = side * nx;
    const towardY = side * ny;
    const distance = Math.abs(signed);
    let sx = this.clipX0;
    let sy = this.clipY0;
    let ex = this.clipX1;
    let ey = this.clipY1;
    if (sx * ey - sy * ex < 0) {
      sx = this.clipX1;
      sy = this.clipY1;
      ex = this.clipX0;
      ey = this.clipY0;
    }
    const startDistance = Math.hypot(sx, sy);
    const endDistance = Math.hypot(ex, ey);
    const startAngle = beam.angleOf(sx, sy);
    const endAngle = startAngle + Math.atan2(sx * ey - sy * ex, sx * ex + sy * ey);
    if (grazing) return this.anyBinReaches(sx, sy, ex, ey, startDistance, endDistance, distance) ? GRAZING : HIDDEN;
    this.targetStartAngle = startAngle;
    this.targetEndAngle = endAngle;
    this.targetStartDistance = startDistance;
    this.targetEndDistance = endDistance;
    this.targetTowardX = towardX;
    this.targetTowardY = towardY;
    this.targetDistance = distance;
    this.targetFootAngle = beam.angleOf(towardX, towardY);
    this.visibleLow = Infinity;
    this.visibleHigh = -Infinity;
    const low = startAngle - margin / startDistance;
    const high = endAngle + margin / endDistance;
    this.scanBins(low, high, 0);
    if (beam.full) {
      // A full beam's angles wrap at pi: a wall's angles run from its start
      // angle, in (-pi, pi], for less than pi; the margins may push them
      // past either end.
      this.scanBins(low - TWO_PI, high - TWO_PI, TWO_PI);
      this.scanBins(low + TWO_PI, high + TWO_PI, -TWO_PI);
    }
    if (!(this.visibleLow <= this.visibleHigh)) return HIDDEN;
    // The window: the wall between the rays at the visible hull's ends.
    let lowerX = sx;
    let lowerY = sy;
    let upperX = ex;
    let upperY = ey;
    if (this.visibleLow > startAngle) {
      const c = Math.cos(this.visibleLow);
      const s = Math.sin(this.visibleLow);
      const dx = beam.refX * c - beam.refY * s;
      const dy = beam.refX * s + beam.refY * c;
      const cosine = dx * towardX + dy * towardY;
      if (cosine > 0) {
        lowerX = (dx * distance) / cosine;
        lowerY = (dy * distance) / cosine;
      }
    }
    if (this.visibleHigh < endAngle) {
      const c = Math.cos(this.visibleHigh);
      const s = Math.sin(this.visibleHigh);
      const dx = beam.refX * c - beam.refY * s;
      const dy = beam.refX * s + beam.refY * c;
      const cosine = dx * towardX + dy * towardY;
      if (cosine > 0) {
        upperX = (dx * distance) / cosine;
        upperY = (dy * distance) / cosine;
      }
    }
    const along1 = (beam.ax + lowerX - ox) * tx + (beam.ay + lowerY - oy) * ty;
    const along2 = (beam.ax + upperX - ox) * tx + (beam.ay + upperY - oy) * ty;
    this.windowLower = Math.min(along1, along2) - margin;
    this.windowUpper = Math.max(along1, along2) + margin;
    return VISIBLE;
  }

  /**
   * Whether a wall met at grazing incidence (the apex within `lineMargin` of
   * its line) may be seen in some bin. Its angles from the apex are then
   * ill-conditioned (its two ends may be seen about pi apart, on either
   * side), so they are not used: its nearest distance from the apex is
   * tested against every bin. The clipped wall's ends are (sx, sy) and
   * (ex, ey), relative to the apex.
   */
  private anyBinReaches(sx: number, sy: number, ex: number, ey: number, startDistance: number, endDistance: number, distance: number): boolean {
    const gx = ex - sx;
    const gy = ey - sy;
    const foot = -(sx * gx + sy * gy) / (gx * gx + gy * gy);
    const nearest = foot > 0 && foot < 1 ? distance : Math.min(startDistance, endDistance);
    const bound = nearest * (1 - RELATIVE_MARGIN) - this.beam.margin;
    for (let b = 0; b < this.binCount; b++) if (bound <= this.depth[b]!) return true;
    return false;
  }

  /**
   * Scan the bins [low, high] meets (angles shifted by -`shift`) for the
   * lowest and the highest where the wall may be seen (from both ends: a
   * visible wall costs a few bins, a hidden one all of them), and widen the
   * visible hull (in unshifted angles) to them.
   */
  private scanBins(low: number, high: number, shift: number): void {
    const count = this.binCount;
    if (high < this.start || low > this.edgeAngle(count)) return;
    let first = Math.floor((low - this.start) / this.step);
    let last = Math.floor((high - this.start) / this.step);
    if (first < 0) first = 0;
    if (last > count - 1) last = count - 1;
    let lowest = -1;
    for (let b = first; b <= last; b++) {
      if (this.seenInBin(b, shift)) {
        lowest = b;
        break;
      }
    }
    if (lowest < 0) return;
    let highest = lowest;
    for (let b = last; b > lowest; b--) {
      if (this.seenInBin(b, shift)) {
        highest = b;
        break;
      }
    }
    const binLow = this.edgeAngle(lowest);
    const binHigh = this.edgeAngle(highest + 1);
    const visibleLow = (binLow > low ? binLow : low) + shift;
    const visibleHigh = (binHigh < high ? binHigh : high) + shift;
    if (visibleLow < this.visibleLow) this.visibleLow = visibleLow;
    if (visibleHigh > this.visibleHigh) this.visibleHigh = visibleHigh;
  }

  /**
   * Whether the current target (see `visibleWindow`) may be seen in bin `b`:
   * a lower bound of its distance from the apex over its part in the bin
   * (angles shifted by -`shift`), against the bin's depth.
   */
  private seenInBin(b: number, shift: number): boolean {
    const startAngle = this.targetStartAngle - shift;
    const endAngle = this.targetEndAngle - shift;
    const binLow = this.edgeAngle(b);
    const binHigh = this.edgeAngle(b + 1);
    const partLow = binLow > startAngle ? binLow : startAngle;
    const partHigh = binHigh < endAngle ? binHigh : endAngle;
    const distance = this.targetDistance;
    let nearest: number;
    if (!(partLow <= partHigh)) {
      // The bin is only met through the margins: the nearer end stands for the wall.
      nearest = binHigh <= startAngle ? this.targetStartDistance : this.targetEndDistance;
    } else {
      let atLow = this.targetStartDistance;
      if (partLow !== startAngle) {
        const cosine = this.edgeX[b]! * this.targetTowardX + this.edgeY[b]! * this.targetTowardY;
        atLow = cosine > 0 ? distance / cosine : distance;
      }
      let atHigh = this.targetEndDistance;
      if (partHigh !== endAngle) {
        const cosine = this.edgeX[b + 1]! * this.targetTowardX + this.edgeY[b + 1]! * this.targetTowardY;
        atHigh = cosine > 0 ? distance / cosine : distance;
      }
      nearest = atLow < atHigh ? atLow : atHigh;
      // The foot of the perpendicular from the apex is the nearest point of the line.
      const foot = this.targetFootAngle - shift;
      if ((foot >= partLow && foot <= partHigh) || (foot - TWO_PI >= partLow && foot - TWO_PI <= partHigh) || (foot + TWO_PI >= partLow && foot + TWO_PI <= partHigh)) {
        nearest = distance;
      }
    }
    return nearest * (1 - RELATIVE_MARGIN) - this.beam.margin <= this.depth[b]!;
  }

}
