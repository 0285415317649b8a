/**
 * A scene and its paths as an SVG picture: walls, RIS, vertices and other
 * objects, transmitters and receivers with their names, paths coloured by
 * order with a legend, and axes with nice ticks, at an equal aspect ratio.
 *
 * @module
 */
import { pathOrderColor, pathOrderLabel, rgbToHex, SCENE_COLORS } from './colors.js';
import { figureLayout } from './figureLayout.js';
import { paddedExtent, type DataExtent, type PlotFrame } from './frame.js';
import { drawingExtent, drawnPaths, sceneDrawing, type DrawablePath, type DrawableScene, type NamedPosition } from './sceneGeometry.js';
import { escapeXml, estimateTextWidth, svgAxes, svgNumber, svgOpen } from './svgMarkup.js';
import { niceTicks, type Tick } from './ticks.js';

/**
 * Options of `renderSceneSvg`.
 *
 * @example
 * ```ts
 * const options: SceneSvgOptions = { paths, width: 640, title: 'Basic scene, order <= 2' };
 * ```
 */
export interface SceneSvgOptions {
  /** Paths to draw (e.g. `validScenePaths(scene, ...)`), coloured by order. */
  paths?: readonly DrawablePath[] | undefined;
  /** The picture's width (default 640). */
  width?: number | undefined;
  /** The picture's height (default: what the scene's aspect ratio asks for). */
  height?: number | undefined;
  /** A title above the plot. */
  title?: string | undefined;
  /** Write the names of transmitters and receivers by their markers (default true). */
  showNames?: boolean | undefined;
  /** Draw the legend right of the plot (default true). */
  showLegend?: boolean | undefined;
  /** The x axis label (default `x (m)`; empty for none). */
  xLabel?: string | undefined;
  /** The y axis label (default `y (m)`; empty for none). */
  yLabel?: string | undefined;
  /** The data extent shown (default: the scene and paths, padded by 5 %). */
  extent?: DataExtent | undefined;
  /** Font size of labels (default 12). */
  fontSize?: number | undefined;
}

/** A legend line: a swatch drawn at (x, y) (its left end, vertically centred) and a label. */
interface LegendEntry {
  readonly label: string;
  readonly swatch: (x: number, y: number) => string;
}

const SWATCH_WIDTH = 26;
const LEGEND_PADDING = 8;

/**
 * Render a scene (and paths) as an SVG document. Every wall is one `<line
 * class="wall" data-index="i">`, every RIS one `<line class="ris">`, every
 * vertex one `<path class="vertex">`, every other object one element of
 * class `object` with `data-kind`; every path one `<polyline class="path"
 * data-order="k" data-candidate="...">`; transmitters and receivers are
 * elements of class `transmitter` / `receiver` with `data-name`.
 *
 * Paths are coloured by order (0 = line of sight, green; 1, orange; 2,
 * reddish purple; 3, sky blue...; see `pathOrderColor`), drawn from the
 * highest order up so that line of sight stays on top; a path with
 * `validity < 0.5` is dashed. The legend lists what the picture holds.
 *
 * @param scene - a `Scene` (or anything with `transmitters`, `receivers`, `objects`).
 * @throws Error naming the path and point for a path that is not finite,
 *   or when the size leaves no room for the plot.
 * @example
 * ```ts
 * import { basicScene, renderSceneSvg } from '@differt2d/scene';
 *
 * const svg = renderSceneSvg(basicScene(), {
 *   paths: [{ points: [[0.1, 0.1], [0.302, 0.2147]], candidate: [] }],
 *   title: 'Basic scene',
 * });
 * svg.match(/class="wall"/g)!.length; // 7
 * svg.match(/class="path"/g)!.length; // 1
 * ```
 */
export function renderSceneSvg(scene: DrawableScene, options: SceneSvgOptions = {}): string {
  const op = 'renderSceneSvg';
  const fontSize = options.fontSize ?? 12;
  const width = options.width ?? 640;
  const drawing = sceneDrawing(scene);
  const paths = drawnPaths(op, options.paths ?? []);
  const contentExtent = drawingExtent(
    drawing,
    paths.flatMap((path) => path.points),
  );
  const extent = options.extent ?? paddedExtent(contentExtent ?? { xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, 0.05);
  checkExtent(op, extent);
  const [xTicks, yTicks] = axisTicks(extent);
  const xLabel = options.xLabel ?? 'x (m)';
  const yLabel = options.yLabel ?? 'y (m)';

  const legend = options.showLegend === false ? [] : legendEntries(drawing, paths.map((path) => path.order));
  const rowHeight = fontSize * 1.6;
  const legendWidth = LEGEND_PADDING * 3 + SWATCH_WIDTH + Math.max(0, ...legend.map((entry) => estimateTextWidth(entry.label, fontSize)));
  const legendHeight = LEGEND_PADDING * 2 + legend.length * rowHeight;
  const text = { width: (label: string) => estimateTextWidth(label, fontSize), height: fontSize };
  const layout = figureLayout({
    extent,
    width,
    height: options.height,
    xTicks,
    yTicks,
    xLabel,
    yLabel,
    title: options.title,
    text,
    titleHeight: fontSize * 1.6,
    panel: legend.length > 0 ? { width: legendWidth, minHeight: legendHeight } : undefined,
  });
  const { frame } = layout;
  const X = (x: number) => svgNumber(frame.pixelX(x));
  const Y = (y: number) => svgNumber(frame.pixelY(y));

  const out: string[] = [svgOpen(layout.width, layout.height, fontSize, options.title)];
  if (options.title && layout.title) {
    out.push(
      `<text class="title" x="${svgNumber(layout.title.x)}" y="${svgNumber(layout.title.y + fontSize * 0.45)}" text-anchor="middle" font-size="${svgNumber(fontSize * 1.25)}" font-weight="bold">${escapeXml(options.title)}</text>`,
    );
  }
  out.push(svgAxes(layout, { xTicks, yTicks, xLabel, yLabel, fontSize }));

  // Objects.
  out.push('<g class="objects" stroke-linecap="round">');
  for (const box of drawing.boxes) {
    const { xmin, xmax, ymin, ymax } = box.extent;
    out.push(
      `<rect class="object" data-kind="${escapeXml(box.kind)}" data-index="${box.index}" x="${X(xmin)}" y="${Y(ymax)}" width="${svgNumber((xmax - xmin) * frame.scaleX)}" height="${svgNumber((ymax - ymin) * frame.scaleY)}" fill="none" stroke="${rgbToHex(SCENE_COLORS.otherObject)}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    );
  }
  for (const s of drawing.segments) {
    const ends = `x1="${X(s.x0)}" y1="${Y(s.y0)}" x2="${X(s.x1)}" y2="${Y(s.y1)}"`;
    if (s.kind === 'wall') {
      out.push(`<line class="wall" data-index="${s.index}" ${ends} stroke="${rgbToHex(SCENE_COLORS.wall)}" stroke-width="2.5"/>`);
    } else if (s.kind === 'ris') {
      out.push(`<line class="ris" data-index="${s.index}" ${ends} stroke="${rgbToHex(SCENE_COLORS.ris)}" stroke-width="5" stroke-linecap="butt"/>`);
    } else {
      out.push(
        `<line class="object" data-kind="${escapeXml(s.kind)}" data-index="${s.index}" ${ends} stroke="${rgbToHex(SCENE_COLORS.otherObject)}" stroke-width="2.5" stroke-dasharray="6 3"/>`,
      );
    }
  }
  out.push('</g>');

  // Paths, highest order first, so that line of sight is on top.
  out.push('<g class="paths" fill="none" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round" stroke-opacity="0.9">');
  const drawOrder = [...paths].sort((a, b) => b.order - a.order || a.index - b.index);
  for (const path of drawOrder) {
    const points = path.points.map(([x, y]) => `${X(x)},${Y(y)}`).join(' ');
    const names = `${path.tx !== undefined ? ` data-tx="${escapeXml(path.tx)}"` : ''}${path.rx !== undefined ? ` data-rx="${escapeXml(path.rx)}"` : ''}`;
    const dashed = path.validity !== undefined && path.validity < 0.5 ? ' stroke-dasharray="5 4" data-valid="false"' : '';
    out.push(
      `<polyline class="path" data-order="${path.order}" data-index="${path.index}" data-candidate="${path.candidate.join(',')}"${names} points="${points}" stroke="${rgbToHex(pathOrderColor(path.order))}"${dashed}/>`,
    );
  }
  out.push('</g>');

  // Point objects, then receivers and transmitters on top.
  out.push('<g class="markers">');
  for (const p of drawing.pointObjects) {
    const className = p.kind === 'vertex' ? 'vertex' : 'object';
    const kind = className === 'object' ? ` data-kind="${escapeXml(p.kind)}"` : '';
    out.push(
      `<path class="${className}"${kind} data-index="${p.index}" d="${diamondPath(frame.pixelX(p.x), frame.pixelY(p.y), 5)}" fill="${rgbToHex(SCENE_COLORS.vertex)}" stroke="#fff" stroke-width="1"/>`,
    );
  }
  for (const rx of drawing.receivers) {
    out.push(
      `<circle class="receiver" data-name="${escapeXml(rx.name)}" cx="${X(rx.x)}" cy="${Y(rx.y)}" r="5" fill="${rgbToHex(SCENE_COLORS.receiver)}" stroke="#000" stroke-width="1"/>`,
    );
  }
  for (const tx of drawing.transmitters) {
    out.push(
      `<path class="transmitter" data-name="${escapeXml(tx.name)}" d="${trianglePath(frame.pixelX(tx.x), frame.pixelY(tx.y), 7.5)}" fill="${rgbToHex(SCENE_COLORS.transmitter)}" stroke="#000" stroke-width="1" stroke-linejoin="round"/>`,
    );
  }
  out.push('</g>');

  if (options.showNames !== false) {
    out.push(`<g class="names" fill="#111" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">`);
    for (const [role, points] of [['transmitter', drawing.transmitters], ['receiver', drawing.receivers]] as const) {
      for (const point of points) out.push(nameLabel(role, point, frame, fontSize));
    }
    out.push('</g>');
  }

  if (legend.length > 0 && layout.panel !== undefined) {
    const { left, top } = layout.panel;
    out.push('<g class="legend">');
    out.push(
      `<rect class="legend-box" x="${svgNumber(left)}" y="${svgNumber(top)}" width="${svgNumber(legendWidth)}" height="${svgNumber(legendHeight)}" fill="#fff" stroke="#bbb" stroke-width="1" rx="3"/>`,
    );
    legend.forEach((entry, row) => {
      const y = top + LEGEND_PADDING + rowHeight * (row + 0.5);
      out.push(entry.swatch(left + LEGEND_PADDING, y));
      out.push(
        `<text class="legend-label" x="${svgNumber(left + LEGEND_PADDING * 2 + SWATCH_WIDTH)}" y="${svgNumber(y + fontSize * 0.35)}" fill="#222">${escapeXml(entry.label)}</text>`,
      );
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function checkExtent(op: string, extent: DataExtent): void {
  const { xmin, xmax, ymin, ymax } = extent;
  if (![xmin, xmax, ymin, ymax].every(Number.isFinite) || !(xmax > xmin && ymax > ymin)) {
    throw new Error(`${op}: extent must be finite with xmin < xmax and ymin < ymax, got ${JSON.stringify(extent)}`);
  }
}

/**
 * Ticks for both axes: about 6 on the longer side, as many per metre on
 * the other (the same step on both when the extent is square-ish).
 *
 * @internal
 * @example
 * ```ts
 * axisTicks({ xmin: -0.05, xmax: 1.05, ymin: -0.05, ymax: 1.05 })[0].map((t) => t.label); // ['0.0', '0.2', ..., '1.0']
 * ```
 */
export function axisTicks(extent: DataExtent): [Tick[], Tick[]] {
  const dx = extent.xmax - extent.xmin;
  const dy = extent.ymax - extent.ymin;
  const longest = Math.max(dx, dy);
  return [
    niceTicks(extent.xmin, extent.xmax, Math.max(2, Math.round((6 * dx) / longest))),
    niceTicks(extent.ymin, extent.ymax, Math.max(2, Math.round((6 * dy) / longest))),
  ];
}

function trianglePath(cx: number, cy: number, size: number): string {
  const half = size * Math.sin(Math.PI / 3);
  return `M${svgNumber(cx)},${svgNumber(cy - size)}L${svgNumber(cx + half)},${svgNumber(cy + size / 2)}L${svgNumber(cx - half)},${svgNumber(cy + size / 2)}Z`;
}

function diamondPath(cx: number, cy: number, size: number): string {
  return `M${svgNumber(cx)},${svgNumber(cy - size)}L${svgNumber(cx + size)},${svgNumber(cy)}L${svgNumber(cx)},${svgNumber(cy + size)}L${svgNumber(cx - size)},${svgNumber(cy)}Z`;
}

/** A name by its marker: above right, or above left near the plot's right edge. */
function nameLabel(role: 'transmitter' | 'receiver', point: NamedPosition, frame: PlotFrame, fontSize: number): string {
  const x = frame.pixelX(point.x);
  const y = frame.pixelY(point.y);
  const width = estimateTextWidth(point.name, fontSize);
  const toTheLeft = x + 9 + width > frame.rect.left + frame.rect.width;
  const anchor = toTheLeft ? ' text-anchor="end"' : '';
  const labelX = toTheLeft ? x - 9 : x + 9;
  const labelY = y - 7 < frame.rect.top + fontSize ? y + fontSize + 6 : y - 7;
  return `<text class="name ${role}-name" data-name="${escapeXml(point.name)}" x="${svgNumber(labelX)}" y="${svgNumber(labelY)}"${anchor}>${escapeXml(point.name)}</text>`;
}

function legendEntries(drawing: ReturnType<typeof sceneDrawing>, orders: readonly number[]): LegendEntry[] {
  const entries: LegendEntry[] = [];
  const line = (color: string, width: number, dash = '') => (x: number, y: number) =>
    `<line class="legend-swatch" x1="${svgNumber(x)}" y1="${svgNumber(y)}" x2="${svgNumber(x + SWATCH_WIDTH)}" y2="${svgNumber(y)}" stroke="${color}" stroke-width="${width}"${dash}/>`;
  if (drawing.transmitters.length > 0) {
    entries.push({
      label: drawing.transmitters.length > 1 ? 'transmitters' : 'transmitter',
      swatch: (x, y) =>
        `<path class="legend-swatch" d="${trianglePath(x + SWATCH_WIDTH / 2, y + 1.5, 7.5)}" fill="${rgbToHex(SCENE_COLORS.transmitter)}" stroke="#000" stroke-width="1"/>`,
    });
  }
  if (drawing.receivers.length > 0) {
    entries.push({
      label: drawing.receivers.length > 1 ? 'receivers' : 'receiver',
      swatch: (x, y) =>
        `<circle class="legend-swatch" cx="${svgNumber(x + SWATCH_WIDTH / 2)}" cy="${svgNumber(y)}" r="5" fill="${rgbToHex(SCENE_COLORS.receiver)}" stroke="#000" stroke-width="1"/>`,
    });
  }
  const kinds = new Set(drawing.segments.map((s) => s.kind));
  if (kinds.has('wall')) entries.push({ label: 'wall', swatch: line(rgbToHex(SCENE_COLORS.wall), 2.5) });
  if (kinds.has('ris')) entries.push({ label: 'RIS', swatch: line(rgbToHex(SCENE_COLORS.ris), 5) });
  if (drawing.pointObjects.some((p) => p.kind === 'vertex')) {
    entries.push({
      label: 'vertex',
      swatch: (x, y) => `<path class="legend-swatch" d="${diamondPath(x + SWATCH_WIDTH / 2, y, 5)}" fill="${rgbToHex(SCENE_COLORS.vertex)}"/>`,
    });
  }
  const otherKinds = new Set([
    ...drawing.segments.filter((s) => s.kind !== 'wall' && s.kind !== 'ris').map((s) => s.kind),
    ...drawing.pointObjects.filter((p) => p.kind !== 'vertex').map((p) => p.kind),
    ...drawing.boxes.map((b) => b.kind),
  ]);
  for (const kind of otherKinds) entries.push({ label: kind, swatch: line(rgbToHex(SCENE_COLORS.otherObject), 2.5, ' stroke-dasharray="6 3"') });
  for (const order of [...new Set(orders)].sort((a, b) => a - b)) {
    entries.push({ label: pathOrderLabel(order), swatch: line(rgbToHex(pathOrderColor(order)), 2) });
  }
  return entries;
}
