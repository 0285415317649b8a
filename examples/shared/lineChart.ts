/**
 * A line chart as an SVG document, drawn by hand for papers: axes with nice
 * ticks and light grid lines, several series (gaps where a value is not
 * finite), vertical markers with labels, and a legend.
 *
 * @module
 */
import { escapeXml, estimateTextWidth, niceTicks, svgNumber, svgTickLabel, type Tick } from '@differt2d/scene';

/**
 * One line of a chart.
 *
 * @example
 * ```ts
 * const series: ChartSeries = { label: 'line of sight', color: '#009e73', x, y };
 * ```
 */
export interface ChartSeries {
  /** Its legend text. */
  readonly label: string;
  /** Its colour (`#rrggbb`). */
  readonly color: string;
  /** Its x values, increasing. */
  readonly x: ArrayLike<number>;
  /** Its y values; a value that is not finite (or outside the y range by far) breaks the line. */
  readonly y: ArrayLike<number>;
  /** A dash pattern (`'6 3'`), or solid. */
  readonly dash?: string | undefined;
  /** Line width (default 1.8). */
  readonly width?: number | undefined;
}

/**
 * A vertical line across the chart with a label at its top (a wall, a receiver...).
 *
 * @example
 * ```ts
 * const wall: ChartMarker = { x: 0.4, label: 'wall', band: 0.006 };
 * ```
 */
export interface ChartMarker {
  /** Where. */
  readonly x: number;
  /** The label, written at the top. */
  readonly label: string;
  /** Draw a grey band this wide (data units) rather than a dotted line. */
  readonly band?: number | undefined;
}

/**
 * Options of {@link renderLineChartSvg}.
 *
 * @example
 * ```ts
 * const options: LineChartOptions = { xLabel: 'x (m)', yLabel: 'Power (dB)', xRange: [0, 1], yRange: [-50, 0] };
 * ```
 */
export interface LineChartOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  /** The x range shown. */
  readonly xRange: readonly [number, number];
  /** The y range shown (lines are clipped to it). */
  readonly yRange: readonly [number, number];
  /** A title above the chart. */
  readonly title?: string | undefined;
  /** Vertical markers. */
  readonly markers?: readonly ChartMarker[] | undefined;
  /** Width (default 640) and height (default 380) of the picture. */
  readonly width?: number | undefined;
  readonly height?: number | undefined;
  /** Font size (default 12). */
  readonly fontSize?: number | undefined;
  /** Prefix of the ids in the document (default `chart`). */
  readonly idPrefix?: string | undefined;
}

/**
 * A chart's polyline points, split where a value is not finite: each run of
 * finite values becomes one `points` attribute.
 */
function runs(x: ArrayLike<number>, y: ArrayLike<number>, px: (x: number) => number, py: (y: number) => number): string[] {
  const out: string[] = [];
  let run: string[] = [];
  for (let i = 0; i < x.length; i++) {
    const value = y[i]!;
    if (Number.isFinite(value)) run.push(`${svgNumber(px(x[i]!))},${svgNumber(py(value))}`);
    else {
      if (run.length > 0) out.push(run.join(' '));
      run = [];
    }
  }
  if (run.length > 0) out.push(run.join(' '));
  return out;
}

/**
 * Render a line chart as an SVG document: one `<polyline class="series">`
 * per run of finite values of each series (`data-series` its index), the
 * legend in the top right corner inside the plot.
 *
 * @throws Error for an empty range.
 * @example
 * ```ts
 * const svg = renderLineChartSvg([{ label: 'total', color: '#000', x, y }], { xLabel: 'x (m)', yLabel: 'Power (dB)', xRange: [0, 1], yRange: [-50, 0] });
 * ```
 */
export function renderLineChartSvg(series: readonly ChartSeries[], options: LineChartOptions): string {
  const [x0, x1] = options.xRange;
  const [y0, y1] = options.yRange;
  if (!(x1 > x0 && y1 > y0)) throw new Error(`renderLineChartSvg: empty range x [${x0}, ${x1}], y [${y0}, ${y1}]`);
  const width = options.width ?? 640;
  const height = options.height ?? 380;
  const fontSize = options.fontSize ?? 12;
  const id = escapeXml(options.idPrefix ?? 'chart');
  const xTicks: Tick[] = niceTicks(x0, x1, 10);
  const yTicks: Tick[] = niceTicks(y0, y1, 6);
  const yTickWidth = Math.max(...yTicks.map((tick) => estimateTextWidth(tick.label.replace('-', '\u2212'), fontSize)));
  const left = 10 + fontSize + 8 + yTickWidth + 4 + 5;
  const top = 10 + (options.title ? fontSize * 1.8 : 0) + fontSize * 0.6;
  const right = width - 16;
  const bottom = height - (10 + fontSize + 8 + fontSize + 4 + 5);
  const px = (x: number): number => left + ((x - x0) / (x1 - x0)) * (right - left);
  const py = (y: number): number => bottom - ((y - y0) / (y1 - y0)) * (bottom - top);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="${fontSize}">`,
  ];
  if (options.title) out.push(`<title>${escapeXml(options.title)}</title>`);
  out.push('<rect class="background" width="100%" height="100%" fill="#fff"/>');
  out.push(`<defs><clipPath id="${id}-plot"><rect x="${svgNumber(left)}" y="${svgNumber(top)}" width="${svgNumber(right - left)}" height="${svgNumber(bottom - top)}"/></clipPath></defs>`);
  if (options.title) {
    out.push(`<text class="title" x="${svgNumber((left + right) / 2)}" y="${svgNumber(10 + fontSize)}" text-anchor="middle" font-size="${svgNumber(fontSize * 1.2)}" font-weight="bold" fill="#222">${escapeXml(options.title)}</text>`);
  }
  // Grid lines, then markers, then the series, clipped.
  const grid = [...xTicks.map((tick) => `M${svgNumber(px(tick.value))},${svgNumber(top)}V${svgNumber(bottom)}`), ...yTicks.map((tick) => `M${svgNumber(left)},${svgNumber(py(tick.value))}H${svgNumber(right)}`)];
  out.push(`<path class="grid" d="${grid.join('')}" stroke="#e4e4e4" stroke-width="1" fill="none"/>`);
  out.push(`<g clip-path="url(#${id}-plot)">`);
  for (const marker of options.markers ?? []) {
    if (marker.band !== undefined) {
      out.push(`<rect class="marker" x="${svgNumber(px(marker.x - marker.band / 2))}" y="${svgNumber(top)}" width="${svgNumber(Math.max(2, px(marker.x + marker.band / 2) - px(marker.x - marker.band / 2)))}" height="${svgNumber(bottom - top)}" fill="#bdbdbd"/>`);
    } else {
      out.push(`<line class="marker" x1="${svgNumber(px(marker.x))}" y1="${svgNumber(top)}" x2="${svgNumber(px(marker.x))}" y2="${svgNumber(bottom)}" stroke="#888" stroke-width="1" stroke-dasharray="2 3"/>`);
    }
    out.push(`<text class="marker-label" x="${svgNumber(px(marker.x) + 4)}" y="${svgNumber(top + fontSize + 2)}" fill="#555" font-size="${svgNumber(fontSize * 0.9)}">${escapeXml(marker.label)}</text>`);
  }
  series.forEach((line, index) => {
    const dash = line.dash === undefined ? '' : ` stroke-dasharray="${line.dash}"`;
    for (const points of runs(line.x, line.y, px, py)) {
      out.push(`<polyline class="series" data-series="${index}" points="${points}" fill="none" stroke="${line.color}" stroke-width="${line.width ?? 1.8}" stroke-linejoin="round"${dash}/>`);
    }
  });
  out.push('</g>');

  // Axes.
  const ticks = [...xTicks.map((tick) => `M${svgNumber(px(tick.value))},${svgNumber(bottom)}v5`), ...yTicks.map((tick) => `M${svgNumber(left)},${svgNumber(py(tick.value))}h-5`)];
  out.push('<g class="axes" fill="#222">');
  out.push(`<path class="ticks" d="${ticks.join('')}" stroke="#222" stroke-width="1" fill="none"/>`);
  out.push(`<rect class="frame" x="${svgNumber(left)}" y="${svgNumber(top)}" width="${svgNumber(right - left)}" height="${svgNumber(bottom - top)}" fill="none" stroke="#222" stroke-width="1"/>`);
  for (const tick of xTicks) out.push(`<text class="tick-label x" x="${svgNumber(px(tick.value))}" y="${svgNumber(bottom + 5 + 4 + fontSize * 0.8)}" text-anchor="middle">${svgTickLabel(tick)}</text>`);
  for (const tick of yTicks) out.push(`<text class="tick-label y" x="${svgNumber(left - 5 - 4)}" y="${svgNumber(py(tick.value) + fontSize * 0.35)}" text-anchor="end">${svgTickLabel(tick)}</text>`);
  out.push(`<text class="axis-label x" x="${svgNumber((left + right) / 2)}" y="${svgNumber(height - 10)}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`);
  const labelX = svgNumber(10 + fontSize * 0.8);
  const labelY = svgNumber((top + bottom) / 2);
  out.push(`<text class="axis-label y" x="${labelX}" y="${labelY}" text-anchor="middle" transform="rotate(-90 ${labelX} ${labelY})">${escapeXml(options.yLabel)}</text>`);
  out.push('</g>');

  // Legend, top right inside the plot.
  const rowHeight = fontSize * 1.5;
  const swatch = 26;
  const legendWidth = 8 + swatch + 6 + Math.max(...series.map((line) => estimateTextWidth(line.label, fontSize))) + 8;
  const legendHeight = 6 + rowHeight * series.length + 2;
  const legendLeft = right - 8 - legendWidth;
  const legendTop = top + 8;
  out.push('<g class="legend">');
  out.push(`<rect x="${svgNumber(legendLeft)}" y="${svgNumber(legendTop)}" width="${svgNumber(legendWidth)}" height="${svgNumber(legendHeight)}" fill="#fff" fill-opacity="0.92" stroke="#bbb" stroke-width="1" rx="3"/>`);
  series.forEach((line, row) => {
    const y = legendTop + 4 + rowHeight * (row + 0.5);
    const dash = line.dash === undefined ? '' : ` stroke-dasharray="${line.dash}"`;
    out.push(`<line x1="${svgNumber(legendLeft + 8)}" y1="${svgNumber(y)}" x2="${svgNumber(legendLeft + 8 + swatch)}" y2="${svgNumber(y)}" stroke="${line.color}" stroke-width="${line.width ?? 1.8}"${dash}/>`);
    out.push(`<text class="legend-label" x="${svgNumber(legendLeft + 8 + swatch + 6)}" y="${svgNumber(y + fontSize * 0.35)}" fill="#222">${escapeXml(line.label)}</text>`);
  });
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n') + '\n';
}
