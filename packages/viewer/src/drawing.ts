/**
 * Draw the view on a painter: the coverage map, the scene (walls, RIS,
 * vertices), the paths coloured by order, the figure-2 trajectory, the
 * gradient arrows, the TX / RX markers and the draggable wall ends, axes in
 * metres and the colour bar. The screen, the PNG and the SVG exports all
 * come from here.
 *
 * @module
 */
import {
  colorbarRaster,
  pathOrderColor,
  rgbToHex,
  SCENE_COLORS,
  sceneDrawing,
  type Colormap,
  type PlotFrame,
  type RgbaImage,
  type Scene,
  type SceneDrawing,
} from '@differt2d/scene';
import { handlePosition, sameHandle, sceneHandles, type Handle } from './handles.js';
import type { Painter, Stroke } from './painter.js';
import type { ViewerState } from './state.js';
import { COLORBAR_WIDTH, LABEL_SIZE, type ViewLayout } from './viewLayout.js';

/** Scenes with more objects than this do not show their wall ends (they can still be dragged). */
export const MAX_DRAWN_ENDS = 400;

/** Radius within which the pointer takes a TX or RX (CSS pixels). */
export const POINT_HIT_RADIUS = 12;

/** Radius within which the pointer takes a wall end (CSS pixels). */
export const END_HIT_RADIUS = 8;

/** Length of the gradient arrow (CSS pixels). */
export const ARROW_LENGTH = 46;

const COLORS = {
  wall: rgbToHex(SCENE_COLORS.wall),
  ris: rgbToHex(SCENE_COLORS.ris),
  vertex: rgbToHex(SCENE_COLORS.vertex),
  other: rgbToHex(SCENE_COLORS.otherObject),
  tx: rgbToHex(SCENE_COLORS.transmitter),
  rx: rgbToHex(SCENE_COLORS.receiver),
  text: rgbToHex(SCENE_COLORS.text),
  axis: rgbToHex(SCENE_COLORS.axis),
  plot: '#fbfbfb',
  selection: '#1a73e8',
  arrow: '#111111',
};

const drawings = new WeakMap<Scene, SceneDrawing>();
const colorbars = new WeakMap<Colormap, RgbaImage>();

/**
 * The library's drawing of a scene (plain numbers), made once per scene.
 *
 * @example
 * ```ts
 * cachedDrawing(basicScene()).segments.length; // 7
 * ```
 */
export function cachedDrawing(scene: Scene): SceneDrawing {
  let drawing = drawings.get(scene);
  if (drawing === undefined) {
    drawing = sceneDrawing(scene);
    drawings.set(scene, drawing);
  }
  return drawing;
}

function colorbarOf(colormap: Colormap): RgbaImage {
  let image = colorbars.get(colormap);
  if (image === undefined) {
    image = colorbarRaster(colormap, 1, 256);
    colorbars.set(colormap, image);
  }
  return image;
}

function trianglePoints(cx: number, cy: number, size: number): number[] {
  const half = size * Math.sin(Math.PI / 3);
  return [cx, cy - size, cx + half, cy + size / 2, cx - half, cy + size / 2];
}

function diamondPoints(cx: number, cy: number, size: number): number[] {
  return [cx, cy - size, cx + size, cy, cx, cy + size, cx - size, cy];
}

/**
 * Which handle is under a pixel: the nearest TX or RX within
 * `POINT_HIT_RADIUS`, else the nearest wall end within `END_HIT_RADIUS`.
 *
 * @example
 * ```ts
 * handleAt(state.scene, frame, 120, 340); // { kind: 'tx', name: 'tx' } or null
 * ```
 */
export function handleAt(scene: Scene, frame: PlotFrame, x: number, y: number): Handle | null {
  let best: Handle | null = null;
  let bestDistance = Infinity;
  for (const handle of sceneHandles(scene)) {
    const at = handlePosition(scene, handle);
    if (at === null) continue;
    const distance = Math.hypot(frame.pixelX(at[0]) - x, frame.pixelY(at[1]) - y);
    const radius = handle.kind === 'end' ? END_HIT_RADIUS : POINT_HIT_RADIUS;
    // Points win over wall ends: a TX in a corner stays draggable.
    const score = handle.kind === 'end' ? distance + POINT_HIT_RADIUS : distance;
    if (distance <= radius && score < bestDistance) {
      best = handle;
      bestDistance = score;
    }
  }
  return best;
}

/**
 * Draw the whole view.
 *
 * @example
 * ```ts
 * drawView(new CanvasPainter(context, 800, 600, devicePixelRatio), store.state, viewLayout(...));
 * ```
 */
export function drawView(painter: Painter, state: ViewerState, view: ViewLayout): void {
  const { layout } = view;
  const { plot, frame } = layout;
  painter.rect(0, 0, painter.width, painter.height, '#ffffff');
  painter.rect(plot.left, plot.top, plot.width, plot.height, COLORS.plot, undefined, { className: 'plot-area' });
  painter.clip(plot.left, plot.top, plot.width, plot.height);
  drawCoverage(painter, state, frame);
  const drawing = cachedDrawing(state.scene);
  drawObjects(painter, drawing, frame);
  drawPaths(painter, state, frame);
  drawTrajectory(painter, state, frame);
  drawEnds(painter, state, frame, drawing);
  drawPoints(painter, state, frame, drawing);
  drawGradients(painter, state, frame);
  drawSelection(painter, state, frame);
  drawNotes(painter, state, view);
  painter.unclip();
  drawAxes(painter, view);
  drawColorbar(painter, state, view);
}

function drawCoverage(painter: Painter, state: ViewerState, frame: PlotFrame): void {
  const coverage = state.coverage;
  if (coverage === null) return;
  const { xmin, xmax, ymin, ymax } = coverage.cells;
  painter.image(
    coverage.raster,
    frame.pixelX(xmin),
    frame.pixelY(ymax),
    (xmax - xmin) * frame.scaleX,
    (ymax - ymin) * frame.scaleY,
    coverage.stale ? 0.35 : 1,
    { className: 'coverage-map', data: { stale: String(coverage.stale) } },
  );
}

function drawObjects(painter: Painter, drawing: SceneDrawing, frame: PlotFrame): void {
  painter.group({ className: 'objects' });
  for (const box of drawing.boxes) {
    const { xmin, xmax, ymin, ymax } = box.extent;
    painter.rect(frame.pixelX(xmin), frame.pixelY(ymax), (xmax - xmin) * frame.scaleX, (ymax - ymin) * frame.scaleY, null, { color: COLORS.other, width: 1.5, dash: [4, 3] }, {
      className: 'object',
      data: { kind: box.kind, index: String(box.index) },
    });
  }
  for (const s of drawing.segments) {
    const isWall = s.kind === 'wall';
    const isRis = s.kind === 'ris';
    const stroke: Stroke = isWall ? { color: COLORS.wall, width: 2.5 } : isRis ? { color: COLORS.ris, width: 5 } : { color: COLORS.other, width: 2.5, dash: [6, 3] };
    painter.line(frame.pixelX(s.x0), frame.pixelY(s.y0), frame.pixelX(s.x1), frame.pixelY(s.y1), stroke, {
      className: isWall || isRis ? s.kind : 'object',
      data: { index: String(s.index), kind: s.kind },
    });
  }
  for (const p of drawing.pointObjects) {
    painter.polygon(diamondPoints(frame.pixelX(p.x), frame.pixelY(p.y), 5), COLORS.vertex, { color: '#ffffff', width: 1 }, {
      className: p.kind === 'vertex' ? 'vertex' : 'object',
      data: { index: String(p.index), kind: p.kind },
    });
  }
  painter.endGroup();
}

function drawPaths(painter: Painter, state: ViewerState, frame: PlotFrame): void {
  const paths = state.trace?.paths ?? [];
  const order = paths.map((_, index) => index).sort((a, b) => paths[b]!.candidate.length - paths[a]!.candidate.length || a - b);
  painter.group({ className: 'paths' });
  for (const index of order) {
    const path = paths[index]!;
    const points: number[] = [];
    for (const [x, y] of path.points) points.push(frame.pixelX(x!), frame.pixelY(y!));
    const highlighted = state.highlightedPath === index;
    painter.polyline(points, { color: rgbToHex(pathOrderColor(path.candidate.length)), width: highlighted ? 4.5 : 2, opacity: state.highlightedPath === null || highlighted ? 0.95 : 0.45 }, {
      className: 'path',
      data: { order: String(path.candidate.length), candidate: path.candidate.join(','), tx: path.tx, rx: path.rx },
    });
  }
  painter.endGroup();
}

function drawTrajectory(painter: Painter, state: ViewerState, frame: PlotFrame): void {
  const run = state.optimization;
  if (run === null || run.trajectory.length === 0) return;
  const points: number[] = [];
  for (const [x, y] of run.trajectory) points.push(frame.pixelX(x), frame.pixelY(y));
  painter.group({ className: 'trajectory' });
  painter.polyline(points, { color: '#000000', width: 3.5, opacity: 0.6 });
  painter.polyline(points, { color: '#ffffff', width: 1.6 });
  painter.circle(points[0]!, points[1]!, 3.5, '#ffffff', { color: '#000000', width: 1 }, { className: 'trajectory-start' });
  painter.endGroup();
}

function drawEnds(painter: Painter, state: ViewerState, frame: PlotFrame, drawing: SceneDrawing): void {
  const showAll = drawing.segments.length <= MAX_DRAWN_ENDS;
  painter.group({ className: 'wall-ends' });
  for (const s of drawing.segments) {
    for (const end of [0, 1] as const) {
      const handle: Handle = { kind: 'end', index: s.index, end };
      const active = sameHandle(handle, state.hovered) || sameHandle(handle, state.selected);
      if (!showAll && !active) continue;
      const x = frame.pixelX(end === 0 ? s.x0 : s.x1);
      const y = frame.pixelY(end === 0 ? s.y0 : s.y1);
      painter.circle(x, y, active ? 4.5 : 2.6, '#ffffff', { color: active ? COLORS.selection : '#666666', width: active ? 2 : 1 });
    }
  }
  painter.endGroup();
}

function drawPoints(painter: Painter, state: ViewerState, frame: PlotFrame, drawing: SceneDrawing): void {
  painter.group({ className: 'markers' });
  for (const rx of drawing.receivers) {
    painter.circle(frame.pixelX(rx.x), frame.pixelY(rx.y), 6, COLORS.rx, { color: '#000000', width: 1 }, { className: 'receiver', data: { name: rx.name } });
  }
  for (const tx of drawing.transmitters) {
    painter.polygon(trianglePoints(frame.pixelX(tx.x), frame.pixelY(tx.y), 9), COLORS.tx, { color: '#000000', width: 1 }, { className: 'transmitter', data: { name: tx.name } });
  }
  painter.endGroup();
  painter.group({ className: 'names' });
  const rect = frame.rect;
  for (const [role, points] of [['transmitter', drawing.transmitters], ['receiver', drawing.receivers]] as const) {
    for (const point of points) {
      const x = frame.pixelX(point.x);
      const y = frame.pixelY(point.y);
      const width = painter.measure(point.name, LABEL_SIZE, true);
      // A TX's name goes on the side away from its gradient arrow; any name stays inside the plot.
      const arrow = role === 'transmitter' && state.showGradient ? state.trace?.gradients.get(point.name) : undefined;
      let left = arrow === undefined ? false : arrow[0] > 0;
      let below = arrow === undefined ? false : arrow[1] > 0;
      if (x + 12 + width > rect.left + rect.width) left = true;
      if (x - 12 - width < rect.left) left = false;
      if (y - 14 - LABEL_SIZE < rect.top) below = true;
      if (y + 15 + LABEL_SIZE > rect.top + rect.height) below = false;
      painter.text(left ? x - 11 : x + 11, below ? y + 15 : y - 13, point.name, { size: LABEL_SIZE, color: COLORS.text, bold: true, halo: true, align: left ? 'right' : 'left' }, {
        className: `name ${role}-name`,
      });
    }
  }
  painter.endGroup();
}

function drawGradients(painter: Painter, state: ViewerState, frame: PlotFrame): void {
  if (!state.showGradient || state.trace === null) return;
  painter.group({ className: 'gradients' });
  for (const [name, gradient] of state.trace.gradients) {
    const at = state.scene.transmitters.get(name)?.xy.data;
    const norm = Math.hypot(gradient[0], gradient[1]);
    if (at === undefined || !(norm > 0) || !Number.isFinite(norm)) continue;
    // Screen y grows downwards.
    const ux = gradient[0] / norm;
    const uy = -gradient[1] / norm;
    const x0 = frame.pixelX(at[0]!) + ux * 12;
    const y0 = frame.pixelY(at[1]!) + uy * 12;
    const x1 = x0 + ux * ARROW_LENGTH;
    const y1 = y0 + uy * ARROW_LENGTH;
    const head = [x1 + ux * 2, y1 + uy * 2, x1 - ux * 9 - uy * 5, y1 - uy * 9 + ux * 5, x1 - ux * 9 + uy * 5, y1 - uy * 9 - ux * 5];
    const tag = { className: 'gradient-arrow', data: { tx: name, dx: String(gradient[0]), dy: String(gradient[1]) } };
    painter.line(x0, y0, x1 - ux * 6, y1 - uy * 6, { color: '#ffffff', width: 5 });
    painter.polygon(head, '#ffffff', { color: '#ffffff', width: 3 });
    painter.line(x0, y0, x1 - ux * 6, y1 - uy * 6, { color: COLORS.arrow, width: 2.2 }, tag);
    painter.polygon(head, COLORS.arrow);
  }
  painter.endGroup();
}

function drawSelection(painter: Painter, state: ViewerState, frame: PlotFrame): void {
  for (const [handle, dashed] of [[state.hovered, false], [state.selected, true]] as const) {
    if (handle === null || handle.kind === 'end') continue;
    const at = handlePosition(state.scene, handle);
    if (at === null) continue;
    painter.circle(frame.pixelX(at[0]), frame.pixelY(at[1]), dashed ? 14 : 12, null, { color: COLORS.selection, width: 1.6, dash: dashed ? [4, 3] : undefined }, {
      className: dashed ? 'selection' : 'hover',
    });
  }
}

function drawNotes(painter: Painter, state: ViewerState, view: ViewLayout): void {
  const notes: string[] = [];
  const run = state.optimization;
  if (run !== null) {
    notes.push(`figure 2: step ${run.step} / ${run.steps}, alpha ${run.alpha.toFixed(1)}, min over RX of P/P0 = ${run.objective.toExponential(3)}`);
  }
  if (state.coverage?.stale === true) notes.push('coverage map out of date');
  if (state.trace?.error) notes.push(state.trace.error);
  const { plot } = view.layout;
  notes.forEach((note, row) => {
    painter.text(plot.left + 8, plot.top + 12 + row * 17, note, { size: LABEL_SIZE, color: '#111111', halo: true }, { className: 'note' });
  });
}

function drawAxes(painter: Painter, view: ViewLayout): void {
  const { layout, xTicks, yTicks } = view;
  const { plot, frame, tickLength, tickLabelGap } = layout;
  const axis: Stroke = { color: COLORS.axis, width: 1 };
  painter.group({ className: 'axes' });
  painter.rect(plot.left, plot.top, plot.width, plot.height, null, axis, { className: 'plot-frame' });
  const bottom = plot.top + plot.height;
  for (const tick of xTicks) {
    const x = frame.pixelX(tick.value);
    painter.line(x, bottom, x, bottom + tickLength, axis);
    painter.text(x, bottom + tickLength + tickLabelGap + LABEL_SIZE / 2, tick.label, { size: LABEL_SIZE, color: COLORS.text, align: 'center' }, { className: 'tick-label' });
  }
  for (const tick of yTicks) {
    const y = frame.pixelY(tick.value);
    painter.line(plot.left - tickLength, y, plot.left, y, axis);
    painter.text(plot.left - tickLength - tickLabelGap, y, tick.label, { size: LABEL_SIZE, color: COLORS.text, align: 'right' }, { className: 'tick-label' });
  }
  painter.text(layout.xLabel.x, layout.xLabel.y, 'x (m)', { size: LABEL_SIZE, color: COLORS.text, align: 'center' }, { className: 'axis-label' });
  painter.text(layout.yLabel.x, layout.yLabel.y, 'y (m)', { size: LABEL_SIZE, color: COLORS.text, align: 'center', rotated: true }, { className: 'axis-label' });
  painter.endGroup();
}

function drawColorbar(painter: Painter, state: ViewerState, view: ViewLayout): void {
  const coverage = state.coverage;
  const panel = view.layout.panel;
  if (coverage === null || panel === undefined) return;
  const { plot } = view.layout;
  const left = panel.left;
  const top = plot.top;
  const height = plot.height;
  painter.group({ className: 'colorbar' });
  painter.image(colorbarOf(coverage.colormap), left, top, COLORBAR_WIDTH, height, 1);
  const axis: Stroke = { color: COLORS.axis, width: 1 };
  painter.rect(left, top, COLORBAR_WIDTH, height, null, axis);
  let labelsRight = left + COLORBAR_WIDTH;
  for (const tick of coverage.scale.ticks()) {
    const y = top + (1 - coverage.scale.tickPosition(tick.value)) * height;
    painter.line(left + COLORBAR_WIDTH, y, left + COLORBAR_WIDTH + 5, y, axis);
    painter.text(left + COLORBAR_WIDTH + 9, y, tick.label, { size: LABEL_SIZE, color: COLORS.text }, { className: 'colorbar-tick' });
    labelsRight = Math.max(labelsRight, left + COLORBAR_WIDTH + 9 + painter.measure(tick.label, LABEL_SIZE));
  }
  painter.text(labelsRight + 8 + LABEL_SIZE / 2, top + height / 2, coverage.label, { size: LABEL_SIZE, color: COLORS.text, align: 'center', rotated: true }, { className: 'colorbar-label' });
  painter.endGroup();
}
