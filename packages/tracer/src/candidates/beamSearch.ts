/**
 * The search behind `visibleCandidates`: a depth-first walk over candidate
 * prefixes, in lexicographic order, carrying each prefix's beam, and
 * stepping into a wall only when part of it is visible in the beam.
 *
 * Each prefix is in one of four states:
 * - live: its beam is known; a plain wall is the next interaction only if
 *   visible, and a whole candidate is kept only if its beam reaches the
 *   region;
 * - open: its last wall is met at grazing incidence (the previous apex is
 *   on, or within a hair of, its line), where windows are ill-conditioned:
 *   only its apex is known, so every plain wall may come next, and the
 *   beam after that wall goes through all of it;
 * - free: it holds an object pruning does not model: every continuation
 *   is kept;
 * - dead: its plain walls hold no valid path; a continuation is kept only
 *   if it goes on to an object pruning does not model (such candidates are
 *   never pruned), so dead prefixes are only walked when such objects exist.
 *
 * @module
 */
import { AngularDepthBuffer, GRAZING, HIDDEN } from './angularDepthBuffer.js';
import { CandidateBeam } from './candidateBeam.js';
import type { VisibilityScene } from './visibilityScene.js';

/**
 * Bins of the source's beam (every direction): `SOURCE_BINS_PER_WALL` per
 * occluder, between `MIN_BINS` and `SOURCE_BINS`. More bins find more walls
 * hidden, at a cost that grows with them; measured on a city of 2,000 walls
 * (order 2, towards the whole city): 632 candidates kept with 512 and 64
 * bins, 560 with 2048 and 256, 532 with 8192 and 1024, for 1.6 times the
 * time of 2048 and 256.
 */
export const SOURCE_BINS = 2048;

/** Bins of a beam through a window (a wedge): `WINDOW_BINS_PER_WALL` per occluder, at most this. */
export const WINDOW_BINS = 256;

/**
 * Bins per occluder and the fewest bins: a scene of a few walls needs few
 * bins (on random scenes of up to 30 walls, 16 and 2 per wall keep 4% more
 * candidates than 2048 and 256 bins; on the basic scene the search takes a
 * quarter of the time).
 */
const SOURCE_BINS_PER_WALL = 16;
const WINDOW_BINS_PER_WALL = 2;
const MIN_BINS = 64;

const LIVE = 0;
const OPEN = 1;
const FREE = 2;
const DEAD = 3;
const PRUNED = 4;

/**
 * Where the candidates start and what they must reach.
 *
 * @internal
 * @example
 * ```ts
 * const ends: SearchEnds = { source: [0.1, 0.1], region: [0.2, 0.2, 0.4, 0.3], occlusion: true };
 * ```
 */
export interface SearchEnds {
  /** The point every path starts from (metres). */
  readonly source: readonly [number, number];
  /** `[xmin, ymin, xmax, ymax]` (metres): every path ends in this box. */
  readonly region: readonly [number, number, number, number];
  /** Whether walls hide one another (false: only the geometry of reflections prunes). */
  readonly occlusion: boolean;
}

/**
 * The walk, for one scene, source and region; `ofOrder` gives the kept
 * candidates of one order, lexicographically (as seen from the source).
 *
 * @internal
 * @example
 * ```ts
 * const search = new BeamSearch(visibilityScene(walls), [0, 1, 2], ends, 2);
 * [...search.ofOrder(1)]; // the walls visible from the source whose beams reach the region
 * ```
 */
export class BeamSearch {
  private readonly scene: VisibilityScene;
  private readonly allowed: Int32Array;
  private readonly ends: SearchEnds;
  private readonly anyUnmodelled: boolean;
  private readonly beams: CandidateBeam[] = [];
  private readonly buffers: AngularDepthBuffer[] = [];
  private sourceBufferReady = false;
  private readonly sourceBins: number;
  private readonly windowBins: number;

  /**
   * @param allowed - the object indices candidates may hold, ascending.
   * @param maxOrder - the largest order asked.
   */
  constructor(scene: VisibilityScene, allowed: readonly number[], ends: SearchEnds, maxOrder: number) {
    this.scene = scene;
    this.allowed = Int32Array.from(allowed);
    this.ends = ends;
    let anyUnmodelled = false;
    for (const index of allowed) if (scene.plain[index] === 0) anyUnmodelled = true;
    this.anyUnmodelled = anyUnmodelled;
    const [sx, sy] = ends.source;
    const [xmin, ymin, xmax, ymax] = ends.region;
    const sceneScale = Math.max(scene.scale, Math.abs(sx), Math.abs(sy), Math.abs(xmin), Math.abs(ymin), Math.abs(xmax), Math.abs(ymax));
    for (let depth = 0; depth <= maxOrder; depth++) this.beams.push(new CandidateBeam());
    this.beams[0]!.setSource(sx, sy, sceneScale);
    let occluders = 0;
    for (let o = 0; o < scene.count; o++) occluders += scene.occluder[o]!;
    this.sourceBins = Math.round(Math.min(SOURCE_BINS, Math.max(MIN_BINS, SOURCE_BINS_PER_WALL * occluders)));
    this.windowBins = Math.round(Math.min(WINDOW_BINS, Math.max(MIN_BINS, WINDOW_BINS_PER_WALL * occluders)));
    for (let depth = 0; depth < maxOrder; depth++) this.buffers.push(new AngularDepthBuffer(depth === 0 ? this.sourceBins : this.windowBins));
  }

  /** Prepare the depth buffer of the live prefix at `depth`. */
  private prepareBuffer(depth: number): void {
    if (depth === 0 && this.sourceBufferReady) return;
    const buffer = this.buffers[depth]!;
    buffer.reset(this.beams[depth]!, depth === 0 ? this.sourceBins : this.windowBins);
    if (this.ends.occlusion) buffer.addOccluders(this.scene);
    if (depth === 0) this.sourceBufferReady = true;
  }

  /**
   * The state of the prefix at `depth`, of state `parent`, followed by
   * object `next`; `last` when that completes a candidate.
   */
  private stepInto(depth: number, parent: number, next: number, last: boolean): number {
    if (parent === FREE) return FREE;
    const plain = this.scene.plain[next] !== 0;
    if (!plain) return FREE;
    const deadEnd = last || !this.anyUnmodelled ? PRUNED : DEAD;
    if (parent === DEAD) return deadEnd;
    const beam = this.beams[depth + 1]!;
    const from = this.beams[depth]!;
    if (parent === OPEN) {
      const scene = this.scene;
      const signed = (from.ax - scene.ends[4 * next]!) * scene.normals[2 * next]! + (from.ay - scene.ends[4 * next + 1]!) * scene.normals[2 * next + 1]!;
      if (!(Math.abs(signed) > from.lineMargin)) {
        beam.setImage(from, scene, next);
        return OPEN;
      }
      beam.setReflection(from, scene, next, -from.margin, scene.lengths[next]! + from.margin);
    } else {
      const buffer = this.buffers[depth]!;
      const seen = buffer.visibleWindow(this.scene, next);
      if (seen === HIDDEN) return deadEnd;
      if (seen === GRAZING) {
        beam.setImage(from, this.scene, next);
        return OPEN;
      }
      beam.setReflection(from, this.scene, next, buffer.windowLower, buffer.windowUpper);
    }
    if (!last) return LIVE;
    const region = this.ends.region;
    return beam.reachesBox(region[0], region[1], region[2], region[3]) ? LIVE : PRUNED;
  }

  /**
   * The kept candidates of one order, lexicographically, each a fresh array
   * of object indices from the source's end.
   *
   * @param order - at most the `maxOrder` given to the constructor.
   */
  *ofOrder(order: number): Generator<number[]> {
    if (order === 0) {
      yield [];
      return;
    }
    const allowed = this.allowed;
    const m = allowed.length;
    const prefix = new Int32Array(order);
    const states = new Int8Array(order + 1);
    const cursors = new Int32Array(order + 1);
    states[0] = LIVE;
    this.prepareBuffer(0);
    let depth = 0;
    while (depth >= 0) {
      if (cursors[depth]! >= m) {
        depth--;
        continue;
      }
      const next = allowed[cursors[depth]!++]!;
      if (depth > 0 && next === prefix[depth - 1]) continue;
      const last = depth + 1 === order;
      const state = this.stepInto(depth, states[depth]!, next, last);
      if (state === PRUNED) continue;
      prefix[depth] = next;
      if (last) {
        yield Array.from(prefix);
        continue;
      }
      depth++;
      states[depth] = state;
      cursors[depth] = 0;
      if (state === LIVE) this.prepareBuffer(depth);
    }
  }
}
