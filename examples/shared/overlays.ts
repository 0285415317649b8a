/**
 * Drawing over the library's map pictures: lines, dashed segments,
 * trajectories and markers, on a PNG's pixels (`renderMapImage` gives the
 * plot's frame) or as SVG elements slipped under the axes of a
 * `renderMapSvg` document (whose frame is read back from its clip path).
 *
 * @module
 */
import { drawThickLine, fillDisc, matchAspect, PlotFrame, rgbToHex, svgNumber, type DataExtent, type RgbaImage, type Rgb } from '@differt2d/scene';

/** A point in metres. */
export type XY = readonly [number, number];

/**
 * The plot frame of a `renderMapSvg` document rendered with
 * `{ extent, idPrefix }`: its plot rectangle is its clip path's.
 *
 * @throws Error when the document has no such clip path.
 * @example
 * ```ts
 * const svg = renderMapSvg(map, { extent, idPrefix: 'figure1' });
 * const frame = mapSvgFrame(svg, extent, 'figure1');
 * frame.pixelX(0.5); // the column of x = 0.5
 * ```
 */
export function mapSvgFrame(svg: string, extent: DataExtent, idPrefix: string): PlotFrame {
  const match = new RegExp(`<clipPath id="${idPrefix}-plot"><rect x="([\\d.]+)" y="([\\d.]+)" width="([\\d.]+)" height="([\\d.]+)"/>`).exec(svg);
  if (match === null) throw new Error(`mapSvgFrame: no clip path "${idPrefix}-plot" in the document`);
  const [left, top, width, height] = match.slice(1, 5).map(Number) as [number, number, number, number];
  return new PlotFrame(matchAspect(extent, width, height), { left, top, width, height });
}

/**
 * Insert SVG elements over a `renderMapSvg` document's map and scene, under
 * its axes and colour bar, clipped to the plot.
 *
 * @example
 * ```ts
 * svg = insertMapSvgOverlay(svg, 'figure1', svgDashedLine(frame, [0.4, 0.4], [0.3, 0.4], '#fff'));
 * ```
 */
export function insertMapSvgOverlay(svg: string, idPrefix: string, markup: string): string {
  const at = svg.indexOf('<g class="axes"');
  if (at < 0) throw new Error('insertMapSvgOverlay: the document has no axes group');
  return `${svg.slice(0, at)}<g class="overlay" clip-path="url(#${idPrefix}-plot)">\n${markup}\n</g>\n${svg.slice(at)}`;
}

/**
 * A polyline through points (metres), as SVG: a dark outline under a
 * coloured line, legible on any colour map.
 *
 * @example
 * ```ts
 * svgTrajectory(frame, [[0.5, 0.7], [0.45, 0.5]], '#fff');
 * ```
 */
export function svgTrajectory(frame: PlotFrame, points: readonly XY[], color: string, width = 1.6): string {
  const coordinates = points.map(([x, y]) => `${svgNumber(frame.pixelX(x))},${svgNumber(frame.pixelY(y))}`).join(' ');
  return [
    `<polyline class="trajectory-outline" points="${coordinates}" fill="none" stroke="#000" stroke-opacity="0.55" stroke-width="${width + 1.6}" stroke-linejoin="round" stroke-linecap="round"/>`,
    `<polyline class="trajectory" points="${coordinates}" fill="none" stroke="${color}" stroke-width="${width}" stroke-linejoin="round" stroke-linecap="round"/>`,
  ].join('\n');
}

/**
 * A dashed segment (metres) as SVG, e.g. a wall removed from a scene.
 *
 * @example
 * ```ts
 * svgDashedLine(frame, [0.4, 0.4], [0.3, 0.4], '#fff');
 * ```
 */
export function svgDashedLine(frame: PlotFrame, from: XY, to: XY, color: string, className = 'removed-wall'): string {
  const ends = `x1="${svgNumber(frame.pixelX(from[0]))}" y1="${svgNumber(frame.pixelY(from[1]))}" x2="${svgNumber(frame.pixelX(to[0]))}" y2="${svgNumber(frame.pixelY(to[1]))}"`;
  return [
    `<line class="${className}-halo" ${ends} stroke="#000" stroke-opacity="0.5" stroke-width="3.5"/>`,
    `<line class="${className}" ${ends} stroke="${color}" stroke-width="2" stroke-dasharray="5 3"/>`,
  ].join('\n');
}

/**
 * A cross marker (×) with a white halo, as SVG (receivers in DiffeRT2d's figure 2).
 *
 * @example
 * ```ts
 * svgCross(frame.pixelX(0.3), frame.pixelY(0.1), 4.5, 'rx_0');
 * ```
 */
export function svgCross(cx: number, cy: number, size: number, name: string): string {
  const d = `M${svgNumber(cx - size)},${svgNumber(cy - size)}L${svgNumber(cx + size)},${svgNumber(cy + size)}M${svgNumber(cx - size)},${svgNumber(cy + size)}L${svgNumber(cx + size)},${svgNumber(cy - size)}`;
  return [
    `<path class="receiver-halo" d="${d}" stroke="#fff" stroke-width="4" stroke-linecap="round"/>`,
    `<path class="receiver" data-name="${name}" d="${d}" stroke="#111" stroke-width="2" stroke-linecap="round"/>`,
  ].join('\n');
}

/**
 * A transmitter marker (a red triangle with a dark outline), as SVG.
 *
 * @example
 * ```ts
 * svgTriangle(100, 80, 6, '#d62728', 'tx');
 * ```
 */
export function svgTriangle(cx: number, cy: number, size: number, fill: string, name: string): string {
  const half = size * Math.sin(Math.PI / 3);
  const d = `M${svgNumber(cx)},${svgNumber(cy - size)}L${svgNumber(cx + half)},${svgNumber(cy + size / 2)}L${svgNumber(cx - half)},${svgNumber(cy + size / 2)}Z`;
  return `<path class="transmitter" data-name="${name}" d="${d}" fill="${fill}" stroke="#000" stroke-width="1" stroke-linejoin="round"/>`;
}

/**
 * A polyline through points (metres) on an image: a dark outline under a
 * coloured, anti-aliased line.
 *
 * @example
 * ```ts
 * const { image, layout } = renderMapImage(map, options);
 * drawTrajectory(image, layout.frame, trajectory, [255, 255, 255]);
 * ```
 */
export function drawTrajectory(image: RgbaImage, frame: PlotFrame, points: readonly XY[], color: Rgb, width = 2.5): void {
  for (const [lineWidth, lineColor, opacity] of [[width + 2, [0, 0, 0] as Rgb, 0.55], [width, color, 1]] as const) {
    for (let k = 1; k < points.length; k++) {
      const [x0, y0] = points[k - 1]!;
      const [x1, y1] = points[k]!;
      drawThickLine(image, frame.pixelX(x0), frame.pixelY(y0), frame.pixelX(x1), frame.pixelY(y1), lineWidth, lineColor, opacity);
    }
  }
}

/**
 * A dashed segment (metres) on an image, with a dark halo.
 *
 * @example
 * ```ts
 * drawDashedLine(image, layout.frame, [0.4, 0.4], [0.3, 0.4], [255, 255, 255]);
 * ```
 */
export function drawDashedLine(image: RgbaImage, frame: PlotFrame, from: XY, to: XY, color: Rgb, dash = 8, gap = 5): void {
  const [x0, y0] = [frame.pixelX(from[0]), frame.pixelY(from[1])];
  const [x1, y1] = [frame.pixelX(to[0]), frame.pixelY(to[1])];
  const length = Math.hypot(x1 - x0, y1 - y0);
  const at = (t: number): [number, number] => [x0 + ((x1 - x0) * t) / length, y0 + ((y1 - y0) * t) / length];
  for (const [width, lineColor, opacity] of [[5, [0, 0, 0] as Rgb, 0.45], [2.5, color, 1]] as const) {
    for (let start = 0; start < length; start += dash + gap) {
      const [ax, ay] = at(start);
      const [bx, by] = at(Math.min(length, start + dash));
      drawThickLine(image, ax, ay, bx, by, width, lineColor, opacity);
    }
  }
}

/**
 * A cross marker (×) on an image, dark with a white halo.
 *
 * @example
 * ```ts
 * drawCross(image, layout.frame.pixelX(0.3), layout.frame.pixelY(0.1), 7);
 * ```
 */
export function drawCross(image: RgbaImage, cx: number, cy: number, size: number): void {
  for (const [width, color] of [[5.5, [255, 255, 255] as Rgb], [2.5, [17, 17, 17] as Rgb]] as const) {
    drawThickLine(image, cx - size, cy - size, cx + size, cy + size, width, color);
    drawThickLine(image, cx - size, cy + size, cx + size, cy - size, width, color);
  }
}

/**
 * A ring marker (a start point) on an image.
 *
 * @example
 * ```ts
 * drawRing(image, 100, 80, 5, [255, 255, 255]);
 * ```
 */
export function drawRing(image: RgbaImage, cx: number, cy: number, radius: number, color: Rgb): void {
  fillDisc(image, cx, cy, radius + 1.5, [0, 0, 0], 0.6);
  fillDisc(image, cx, cy, radius, color);
  fillDisc(image, cx, cy, Math.max(0.5, radius - 2), [0, 0, 0], 0.6);
}

/** `#rrggbb` of an RGB colour (re-exported for the examples' SVG). */
export const hex = rgbToHex;
