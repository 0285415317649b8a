/**
 * The beam of a path-candidate prefix: every ray that can leave the last wall
 * of the prefix on a specular path from the source. It is the wedge from the
 * current image source (the apex) through the window (the part of the last
 * wall those paths can reach), beyond the window's line. The source's own
 * beam holds every direction.
 *
 * Angles are measured from the beam's reference direction, in radians, in
 * (-pi, pi]; every test leans outwards by a margin (`margin`, metres, about
 * 1e-9 of the coordinates' size) so that rounding never leaves out a point
 * the tracer could reach.
 *
 * @module
 */
import type { VisibilityScene } from './visibilityScene.js';

/** Margins, relative to the size of the coordinates involved: far above rounding errors, far below any geometry. */
export const RELATIVE_MARGIN = 1e-9;

/**
 * An apex closer than this (relative to the coordinates' size) to a wall's
 * line meets that wall at grazing incidence, where the image construction is
 * ill-conditioned: such a wall is not pruned, nor anything after it.
 */
export const RELATIVE_LINE_MARGIN = 1e-6;

/**
 * A beam, mutable so that one object per depth of the candidate search is
 * reused (no allocation per candidate).
 *
 * @internal
 * @example
 * ```ts
 * const beam = new CandidateBeam();
 * beam.setSource(0.1, 0.1, 1);
 * beam.full; // true
 * ```
 */
export class CandidateBeam {
  /** Apex x (metres): the source or its image through the walls so far. */
  ax = 0;
  /** Apex y (metres). */
  ay = 0;
  /** Whether the beam holds every direction (the source's own beam: no window). */
  full = true;
  /**
   * Whether only the apex is known: the last wall was met at grazing
   * incidence (the previous apex was within `lineMargin` of its line), so
   * its window and wedge are not worked out; any ray from the apex counts.
   */
  open = false;
  /** The window's wall (-1 for the source's beam). */
  wall = -1;
  /** Unit normal of the window's line, towards the far side (away from the apex). */
  farX = 0;
  /** See `farX`. */
  farY = 0;
  /** The far side is `farX x + farY y >= farOffset`. */
  farOffset = 0;
  /** Unit reference direction of the angles. */
  refX = 1;
  /** See `refX`. */
  refY = 0;
  /** Smallest angle of the beam, margin included (-pi for a full beam). */
  angleLow = -Math.PI;
  /** Largest angle of the beam, margin included (pi for a full beam). */
  angleHigh = Math.PI;
  /** Positional margin (metres). */
  margin = 0;
  /** An apex closer than this to a wall's line makes the wall degenerate (metres). */
  lineMargin = 0;
  /** Size of the scene's coordinates (metres): source, region and walls. */
  sceneScale = 1;

  /**
   * The source's beam: every direction from (x, y).
   *
   * @param sceneScale - the largest absolute coordinate of the scene, source and region (metres).
   */
  setSource(x: number, y: number, sceneScale: number): void {
    this.ax = x;
    this.ay = y;
    this.full = true;
    this.open = false;
    this.wall = -1;
    this.farX = 0;
    this.farY = 0;
    this.farOffset = 0;
    this.refX = 1;
    this.refY = 0;
    this.angleLow = -Math.PI;
    this.angleHigh = Math.PI;
    this.sceneScale = sceneScale;
    this.setMargins();
  }

  private setMargins(): void {
    const size = this.sceneScale + Math.max(Math.abs(this.ax), Math.abs(this.ay));
    this.margin = RELATIVE_MARGIN * size;
    this.lineMargin = RELATIVE_LINE_MARGIN * size;
  }

  /**
   * The beam after a specular reflection of `parent` on `wall`, through the
   * part of the wall between `lower` and `upper` (metres along the wall from
   * its first end, margins included): apex mirrored through the wall's
   * line, window on the line, far side where the parent's apex is.
   *
   * The parent's apex must be farther than its `lineMargin` from the
   * wall's line (else see `setImage`).
   */
  setReflection(parent: CandidateBeam, scene: VisibilityScene, wall: number, lower: number, upper: number): void {
    const signed = this.setImage(parent, scene, wall);
    this.open = false;
    const ox = scene.ends[4 * wall]!;
    const oy = scene.ends[4 * wall + 1]!;
    const tx = scene.directions[2 * wall]!;
    const ty = scene.directions[2 * wall + 1]!;
    const nx = scene.normals[2 * wall]!;
    const ny = scene.normals[2 * wall + 1]!;
    // The parent's apex is on the far side of the new apex.
    const side = signed > 0 ? 1 : -1;
    this.farX = side * nx;
    this.farY = side * ny;
    this.farOffset = this.farX * ox + this.farY * oy;
    const w1x = ox + lower * tx - this.ax;
    const w1y = oy + lower * ty - this.ay;
    const w2x = ox + upper * tx - this.ax;
    const w2y = oy + upper * ty - this.ay;
    const r1 = Math.hypot(w1x, w1y);
    const r2 = Math.hypot(w2x, w2y);
    let refX = w1x / r1 + w2x / r2;
    let refY = w1y / r1 + w2y / r2;
    const refLength = Math.hypot(refX, refY);
    refX /= refLength;
    refY /= refLength;
    this.refX = refX;
    this.refY = refY;
    const a1 = this.angleOf(w1x, w1y);
    const a2 = this.angleOf(w2x, w2y);
    const m1 = this.margin / r1;
    const m2 = this.margin / r2;
    if (a1 <= a2) {
      this.angleLow = a1 - m1;
      this.angleHigh = a2 + m2;
    } else {
      this.angleLow = a2 - m2;
      this.angleHigh = a1 + m1;
    }
  }

  /**
   * An open beam after a reflection of `parent` on `wall`: the apex only,
   * mirrored through the wall's line (see `open`).
   *
   * @returns the signed distance of the parent's apex from the wall's line
   *   along the wall's normal (metres).
   */
  setImage(parent: CandidateBeam, scene: VisibilityScene, wall: number): number {
    const nx = scene.normals[2 * wall]!;
    const ny = scene.normals[2 * wall + 1]!;
    const signed = (parent.ax - scene.ends[4 * wall]!) * nx + (parent.ay - scene.ends[4 * wall + 1]!) * ny;
    this.ax = parent.ax - 2 * signed * nx;
    this.ay = parent.ay - 2 * signed * ny;
    this.full = false;
    this.open = true;
    this.wall = wall;
    this.sceneScale = parent.sceneScale;
    this.setMargins();
    return signed;
  }

  /** The angle of the direction (dx, dy) from the reference, in (-pi, pi]. */
  angleOf(dx: number, dy: number): number {
    return Math.atan2(this.refX * dy - this.refY * dx, this.refX * dx + this.refY * dy);
  }

  /**
   * Whether some point of the box `[xmin, ymin, xmax, ymax]` (metres) lies
   * in the beam (margins included): the box clipped to the far side must
   * meet the wedge.
   */
  reachesBox(xmin: number, ymin: number, xmax: number, ymax: number): boolean {
    if (this.full || this.open) return true;
    const slack = this.margin;
    this.spanLow = Infinity;
    this.spanHigh = -Infinity;
    // The box's edges, corner to corner around it, clipped to the far side
    // (Sutherland-Hodgman against one half-plane): the kept corners and the
    // crossings are the clipped polygon's vertices, whose angles bound it
    // (it is convex and does not hold the apex).
    for (let corner = 0; corner < 4; corner++) {
      const next = (corner + 1) & 3;
      const px = corner === 1 || corner === 2 ? xmax : xmin;
      const py = corner >= 2 ? ymax : ymin;
      const qx = next === 1 || next === 2 ? xmax : xmin;
      const qy = next >= 2 ? ymax : ymin;
      const fp = this.farX * px + this.farY * py - this.farOffset + slack;
      const fq = this.farX * qx + this.farY * qy - this.farOffset + slack;
      if (fp >= 0) this.widenSpan(px - this.ax, py - this.ay);
      if (fp >= 0 !== fq >= 0) {
        const t = fp / (fp - fq);
        this.widenSpan(px + t * (qx - px) - this.ax, py + t * (qy - py) - this.ay);
      }
    }
    return this.spanLow <= this.spanHigh && this.spanHigh >= this.angleLow && this.spanLow <= this.angleHigh;
  }

  private spanLow = 0;
  private spanHigh = 0;

  /** Widen [spanLow, spanHigh] by the angle of (dx, dy) from the apex, give or take the margin. */
  private widenSpan(dx: number, dy: number): void {
    const spread = this.margin / Math.hypot(dx, dy);
    const angle = this.angleOf(dx, dy);
    if (angle - spread < this.spanLow) this.spanLow = angle - spread;
    if (angle + spread > this.spanHigh) this.spanHigh = angle + spread;
  }
}
