/**
 * Small helpers to write SVG text: escaping, short numbers, text width
 * estimates, tick labels, and the axes (frame, ticks, labels) of a figure.
 *
 * @module
 */
import type { FigureLayout } from './figureLayout.js';
import type { Tick } from './ticks.js';

/**
 * Text made safe for SVG content and attribute values (`& < > " '`).
 *
 * @example
 * ```ts
 * escapeXml('a<b & "c"'); // 'a&lt;b &amp; &quot;c&quot;'
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * A coordinate for an SVG attribute: at most 2 decimals, no trailing zeros.
 *
 * @example
 * ```ts
 * svgNumber(12.3456); // '12.35'
 * svgNumber(-0.001); // '0'
 * ```
 */
export function svgNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

// Advance widths of Helvetica / Arial (em), for layout estimates.
const NARROW = new Set([...'ijlI.,:;!|\'`']);
const SEMI = new Set([...'ftr()[]{}/\\- ']);
const WIDE = new Set([...'mwMW%@']);

/**
 * An estimate of a text's width in a sans-serif font (Helvetica / Arial
 * metrics, rounded up), for layouts that must not clip it.
 *
 * @example
 * ```ts
 * estimateTextWidth('0.2', 12); // ~15
 * ```
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const c of text) {
    if (NARROW.has(c)) em += 0.28;
    else if (SEMI.has(c)) em += 0.36;
    else if (WIDE.has(c)) em += 0.86;
    else if (c >= 'A' && c <= 'Z') em += 0.68;
    else if (c === '\u2212') em += 0.6;
    else em += 0.57;
  }
  return em * fontSize * 1.04;
}

/**
 * A tick's label as SVG text content: a true minus sign, and powers of ten
 * as `10` with a superscript exponent.
 *
 * @example
 * ```ts
 * svgTickLabel({ value: -10, label: '-10' }); // '\u221210'
 * svgTickLabel({ value: 1e-4, label: '1e-4', exponent: -4 }); // '10<tspan dy="-0.45em" font-size="75%">\u22124</tspan>'
 * ```
 */
export function svgTickLabel(tick: Tick): string {
  if (tick.exponent !== undefined) {
    return `10<tspan dy="-0.45em" font-size="75%">${String(tick.exponent).replace('-', '\u2212')}</tspan>`;
  }
  return escapeXml(tick.label.replace(/^-/, '\u2212').replace(/e-/, 'e\u2212'));
}

/**
 * The width of a tick's label as `svgTickLabel` writes it.
 *
 * @example
 * ```ts
 * svgTickLabelWidth({ value: 1e-4, label: '1e-4', exponent: -4 }, 12) > 0; // true
 * ```
 */
export function svgTickLabelWidth(tick: Tick, fontSize: number): number {
  if (tick.exponent !== undefined) return estimateTextWidth('10', fontSize) + estimateTextWidth(`\u2212${Math.abs(tick.exponent)}`, fontSize * 0.75);
  return estimateTextWidth(tick.label, fontSize);
}

/**
 * Options of `svgAxes`.
 *
 * @example
 * ```ts
 * const options: SvgAxesOptions = { xTicks: niceTicks(0, 1), yTicks: niceTicks(0, 1), xLabel: 'x (m)', yLabel: 'y (m)', fontSize: 12 };
 * ```
 */
export interface SvgAxesOptions {
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  readonly xLabel?: string | undefined;
  readonly yLabel?: string | undefined;
  readonly fontSize: number;
}

/**
 * The axes of a figure as SVG: the plot frame, outward ticks on the left
 * and bottom sides, their labels and the axis labels (`<g class="axes">`).
 *
 * @example
 * ```ts
 * svgAxes(layout, { xTicks, yTicks, xLabel: 'x (m)', yLabel: 'y (m)', fontSize: 12 }); // '<g class="axes">...</g>'
 * ```
 */
export function svgAxes(layout: FigureLayout, options: SvgAxesOptions): string {
  const { plot, frame, tickLength, tickLabelGap } = layout;
  const { fontSize } = options;
  const bottom = plot.top + plot.height;
  const parts: string[] = ['<g class="axes" fill="#222" stroke="none">'];
  const ticks: string[] = [];
  for (const tick of options.xTicks) {
    const x = svgNumber(frame.pixelX(tick.value));
    ticks.push(`M${x},${svgNumber(bottom)}v${tickLength}`);
    parts.push(
      `<text class="tick-label x" x="${x}" y="${svgNumber(bottom + tickLength + tickLabelGap + fontSize * 0.8)}" text-anchor="middle">${svgTickLabel(tick)}</text>`,
    );
  }
  for (const tick of options.yTicks) {
    const y = svgNumber(frame.pixelY(tick.value));
    ticks.push(`M${svgNumber(plot.left)},${y}h${-tickLength}`);
    parts.push(
      `<text class="tick-label y" x="${svgNumber(plot.left - tickLength - tickLabelGap)}" y="${svgNumber(frame.pixelY(tick.value) + fontSize * 0.35)}" text-anchor="end">${svgTickLabel(tick)}</text>`,
    );
  }
  parts.push(`<path class="ticks" d="${ticks.join('')}" stroke="#222" stroke-width="1" fill="none"/>`);
  parts.push(
    `<rect class="frame" x="${svgNumber(plot.left)}" y="${svgNumber(plot.top)}" width="${svgNumber(plot.width)}" height="${svgNumber(plot.height)}" fill="none" stroke="#222" stroke-width="1"/>`,
  );
  if (options.xLabel) {
    parts.push(
      `<text class="axis-label x" x="${svgNumber(layout.xLabel.x)}" y="${svgNumber(layout.xLabel.y + fontSize * 0.35)}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    );
  }
  if (options.yLabel) {
    const x = svgNumber(layout.yLabel.x + fontSize * 0.35);
    const y = svgNumber(layout.yLabel.y);
    parts.push(`<text class="axis-label y" x="${x}" y="${y}" text-anchor="middle" transform="rotate(-90 ${x} ${y})">${escapeXml(options.yLabel)}</text>`);
  }
  parts.push('</g>');
  return parts.join('\n');
}

/**
 * The opening tag of an SVG document of a given size, with a white
 * background and the figure's font.
 *
 * @example
 * ```ts
 * svgOpen(400, 300, 12); // '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" ...>\n<rect .../>'
 * ```
 */
export function svgOpen(width: number, height: number, fontSize: number, title?: string): string {
  const w = svgNumber(width);
  const h = svgNumber(height);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="Helvetica, Arial, sans-serif" font-size="${fontSize}">`,
    title ? `<title>${escapeXml(title)}</title>` : '',
    `<rect class="background" width="100%" height="100%" fill="#fff"/>`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}
