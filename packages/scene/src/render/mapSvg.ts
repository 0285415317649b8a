/**
 * Power maps as SVG pictures for papers: the map as an embedded PNG (one
 * pixel per cell, a `data:` URL) under vector overlays: the scene, a colour
 * bar with ticks and a label, axes with nice ticks.
 *
 * @module
 */
import { dataUrl } from './base64.js';
import { rgbToHex, SCENE_COLORS } from './colors.js';
import { figureLayout, type FigureLayout } from './figureLayout.js';
import { colorbarRaster, mapRaster, type DrawableMap } from './mapData.js';
import { mapFigure, type MapFigure, type MapRenderOptions } from './mapFigure.js';
import { encodePng, encodePngAsync, type DeflateFunction } from './png.js';
import type { RgbaImage } from './rgbaImage.js';
import { axisTicks } from './sceneSvg.js';
import { escapeXml, estimateTextWidth, svgAxes, svgNumber, svgOpen, svgTickLabel, svgTickLabelWidth } from './svgMarkup.js';
import type { Tick } from './ticks.js';

/**
 * Options of `renderMapSvg`: the map options, the font size, the PNG
 * compressor of the embedded raster, and an id prefix.
 *
 * @example
 * ```ts
 * const options: MapSvgOptions = { scale: 'dB', vmin: -50, vmax: 5, fontSize: 12, idPrefix: 'figure1' };
 * ```
 */
export interface MapSvgOptions extends MapRenderOptions {
  /** Font size of labels (default 12). */
  fontSize?: number | undefined;
  /** The compressor of the embedded PNG (default: stored, uncompressed; see `renderMapSvgAsync`). */
  deflate?: DeflateFunction | undefined;
  /** Prefix of the ids in the document (default `differt2d-map`); make it unique when several SVGs share a page. */
  idPrefix?: string | undefined;
  /** Show map cells as sharp squares (default true) rather than smoothed by the viewer. */
  pixelated?: boolean | undefined;
}

const COLORBAR_WIDTH = 18;
const COLORBAR_STEPS = 256;

interface PreparedMapSvg {
  readonly figure: MapFigure;
  readonly layout: FigureLayout;
  readonly xTicks: Tick[];
  readonly yTicks: Tick[];
  readonly barTicks: Tick[];
  readonly barLabelWidth: number;
  readonly mapImage: RgbaImage;
  readonly barImage: RgbaImage;
}

function prepare(map: DrawableMap, options: MapSvgOptions): PreparedMapSvg {
  const figure = mapFigure('renderMapSvg', map, options);
  const fontSize = options.fontSize ?? 12;
  const [xTicks, yTicks] = axisTicks(figure.extent);
  const barTicks = figure.scale.ticks();
  const barLabelWidth = Math.max(0, ...barTicks.map((tick) => svgTickLabelWidth(tick, fontSize)));
  const showColorbar = options.colorbar !== false;
  const layout = figureLayout({
    extent: figure.extent,
    width: options.width ?? 640,
    height: options.height,
    xTicks,
    yTicks,
    xLabel: figure.xLabel,
    yLabel: figure.yLabel,
    title: options.title,
    text: { width: (text) => estimateTextWidth(text, fontSize), height: fontSize },
    titleHeight: fontSize * 1.6,
    panel: showColorbar
      ? {
          width: COLORBAR_WIDTH + 5 + 4 + barLabelWidth + (figure.label ? 8 + fontSize : 0),
          // The colour bar's rotated label must fit along the panel.
          minHeight: figure.label ? estimateTextWidth(figure.label, fontSize) + 8 : 0,
        }
      : undefined,
  });
  return {
    figure,
    layout,
    xTicks,
    yTicks,
    barTicks,
    barLabelWidth,
    mapImage: mapRaster(map, figure.scale, figure.colors, figure.nanColor),
    barImage: colorbarRaster(figure.colors, 1, COLORBAR_STEPS),
  };
}

function markup(prepared: PreparedMapSvg, options: MapSvgOptions, mapPng: Uint8Array, barPng: Uint8Array): string {
  const { figure, layout, xTicks, yTicks, barTicks, barLabelWidth } = prepared;
  const { frame, plot } = layout;
  const fontSize = options.fontSize ?? 12;
  const id = escapeXml(options.idPrefix ?? 'differt2d-map');
  const X = (x: number) => svgNumber(frame.pixelX(x));
  const Y = (y: number) => svgNumber(frame.pixelY(y));
  const rendering = options.pixelated === false ? '' : ' image-rendering="pixelated" style="image-rendering:pixelated;image-rendering:crisp-edges"';
  const out: string[] = [svgOpen(layout.width, layout.height, fontSize, options.title)];
  out.push(
    `<defs><clipPath id="${id}-plot"><rect x="${svgNumber(plot.left)}" y="${svgNumber(plot.top)}" width="${svgNumber(plot.width)}" height="${svgNumber(plot.height)}"/></clipPath></defs>`,
  );
  if (options.title && layout.title) {
    out.push(
      `<text class="title" x="${svgNumber(layout.title.x)}" y="${svgNumber(layout.title.y + fontSize * 0.45)}" text-anchor="middle" font-size="${svgNumber(fontSize * 1.25)}" font-weight="bold">${escapeXml(options.title)}</text>`,
    );
  }
  const cells = figure.mapExtent;
  out.push(`<g clip-path="url(#${id}-plot)">`);
  out.push(
    `<image class="map" x="${X(cells.xmin)}" y="${Y(cells.ymax)}" width="${svgNumber((cells.xmax - cells.xmin) * frame.scaleX)}" height="${svgNumber((cells.ymax - cells.ymin) * frame.scaleY)}" preserveAspectRatio="none"${rendering} href="${dataUrl('image/png', mapPng)}"/>`,
  );

  const drawing = figure.drawing;
  if (drawing !== undefined) {
    out.push('<g class="objects" stroke-linecap="round">');
    for (const box of drawing.boxes) {
      const { xmin, xmax, ymin, ymax } = box.extent;
      out.push(
        `<rect class="object" data-kind="${escapeXml(box.kind)}" data-index="${box.index}" x="${X(xmin)}" y="${Y(ymax)}" width="${svgNumber((xmax - xmin) * frame.scaleX)}" height="${svgNumber((ymax - ymin) * frame.scaleY)}" fill="none" stroke="${rgbToHex(SCENE_COLORS.otherObject)}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      );
    }
    for (const s of drawing.segments) {
      const width = s.kind === 'ris' ? 5 : 2.5;
      out.push(`<line class="halo" x1="${X(s.x0)}" y1="${Y(s.y0)}" x2="${X(s.x1)}" y2="${Y(s.y1)}" stroke="#fff" stroke-opacity="0.6" stroke-width="${width + 2}"/>`);
    }
    for (const s of drawing.segments) {
      const ends = `x1="${X(s.x0)}" y1="${Y(s.y0)}" x2="${X(s.x1)}" y2="${Y(s.y1)}"`;
      if (s.kind === 'wall') out.push(`<line class="wall" data-index="${s.index}" ${ends} stroke="${rgbToHex(SCENE_COLORS.wall)}" stroke-width="2.5"/>`);
      else if (s.kind === 'ris') out.push(`<line class="ris" data-index="${s.index}" ${ends} stroke="${rgbToHex(SCENE_COLORS.ris)}" stroke-width="5" stroke-linecap="butt"/>`);
      else {
        out.push(
          `<line class="object" data-kind="${escapeXml(s.kind)}" data-index="${s.index}" ${ends} stroke="${rgbToHex(SCENE_COLORS.otherObject)}" stroke-width="2.5" stroke-dasharray="6 3"/>`,
        );
      }
    }
    for (const p of drawing.pointObjects) {
      const [cx, cy] = [frame.pixelX(p.x), frame.pixelY(p.y)];
      const kind = p.kind === 'vertex' ? 'vertex' : 'object';
      out.push(
        `<path class="${kind}" data-index="${p.index}" d="M${svgNumber(cx)},${svgNumber(cy - 5)}l5,5l-5,5l-5,-5Z" fill="${rgbToHex(SCENE_COLORS.vertex)}" stroke="#fff" stroke-width="1"/>`,
      );
    }
    out.push('</g>');
    out.push('<g class="markers">');
    const named: [string, string, number, number][] = [];
    if (options.showReceivers === true) {
      for (const rx of drawing.receivers) {
        out.push(
          `<circle class="receiver" data-name="${escapeXml(rx.name)}" cx="${X(rx.x)}" cy="${Y(rx.y)}" r="5" fill="${rgbToHex(SCENE_COLORS.receiver)}" stroke="#000" stroke-width="1"/>`,
        );
        named.push(['receiver', rx.name, frame.pixelX(rx.x), frame.pixelY(rx.y)]);
      }
    }
    if (options.showTransmitters !== false) {
      for (const tx of drawing.transmitters) {
        const [cx, cy] = [frame.pixelX(tx.x), frame.pixelY(tx.y)];
        const half = 7.5 * Math.sin(Math.PI / 3);
        out.push(
          `<path class="transmitter" data-name="${escapeXml(tx.name)}" d="M${svgNumber(cx)},${svgNumber(cy - 7.5)}L${svgNumber(cx + half)},${svgNumber(cy + 3.75)}L${svgNumber(cx - half)},${svgNumber(cy + 3.75)}Z" fill="${rgbToHex(SCENE_COLORS.transmitter)}" stroke="#000" stroke-width="1" stroke-linejoin="round"/>`,
        );
        named.push(['transmitter', tx.name, cx, cy]);
      }
    }
    out.push('</g>');
    if (options.showNames !== false && named.length > 0) {
      out.push('<g class="names" fill="#111" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">');
      for (const [role, name, x, y] of named) {
        const toTheLeft = x + 9 + estimateTextWidth(name, fontSize) > plot.left + plot.width;
        out.push(
          `<text class="name ${role}-name" x="${svgNumber(toTheLeft ? x - 9 : x + 9)}" y="${svgNumber(y - 7 < plot.top + fontSize ? y + fontSize + 6 : y - 7)}"${toTheLeft ? ' text-anchor="end"' : ''}>${escapeXml(name)}</text>`,
        );
      }
      out.push('</g>');
    }
  }
  out.push('</g>');
  out.push(svgAxes(layout, { xTicks, yTicks, xLabel: figure.xLabel, yLabel: figure.yLabel, fontSize }));

  if (layout.panel !== undefined) {
    const left = layout.panel.left;
    const top = plot.top;
    const height = plot.height;
    out.push('<g class="colorbar" fill="#222">');
    out.push(
      `<image class="colorbar-image" x="${svgNumber(left)}" y="${svgNumber(top)}" width="${COLORBAR_WIDTH}" height="${svgNumber(height)}" preserveAspectRatio="none" href="${dataUrl('image/png', barPng)}"/>`,
    );
    out.push(`<rect x="${svgNumber(left)}" y="${svgNumber(top)}" width="${COLORBAR_WIDTH}" height="${svgNumber(height)}" fill="none" stroke="#222" stroke-width="1"/>`);
    const ticks: string[] = [];
    for (const tick of barTicks) {
      const y = top + (1 - figure.scale.tickPosition(tick.value)) * height;
      ticks.push(`M${svgNumber(left + COLORBAR_WIDTH)},${svgNumber(y)}h5`);
      out.push(`<text class="tick-label colorbar" x="${svgNumber(left + COLORBAR_WIDTH + 9)}" y="${svgNumber(y + fontSize * 0.35)}">${svgTickLabel(tick)}</text>`);
    }
    out.push(`<path class="ticks" d="${ticks.join('')}" stroke="#222" stroke-width="1" fill="none"/>`);
    if (figure.label) {
      const x = svgNumber(left + COLORBAR_WIDTH + 9 + barLabelWidth + 8 + fontSize * 0.8);
      const y = svgNumber(layout.panel.top + layout.panel.height / 2);
      out.push(`<text class="colorbar-label" x="${x}" y="${y}" text-anchor="middle" transform="rotate(-90 ${x} ${y})">${escapeXml(figure.label)}</text>`);
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/**
 * Render a map as an SVG document: the map embedded as a PNG (one pixel per
 * cell, highest y on top, NaN in the NaN colour) under vector overlays (walls
 * `<line class="wall">`, RIS, vertices, transmitters), a colour bar (its
 * colours as a 1 x 256 PNG) with ticks and a label, and axes. The PNGs are
 * stored uncompressed unless a `deflate` is given; `renderMapSvgAsync`
 * compresses them anywhere.
 *
 * @throws Error naming the field or option that is wrong (see `checkDrawableMap`, `colorScale`).
 * @example
 * ```ts
 * import { basicScene, renderMapSvg } from '@differt2d/scene';
 * const svg = renderMapSvg(map, { scene: basicScene(), scale: 'dB', vmin: -50, vmax: 5, label: 'Power (dB)' });
 * svg.includes('data:image/png;base64,'); // true
 * ```
 */
export function renderMapSvg(map: DrawableMap, options: MapSvgOptions = {}): string {
  const prepared = prepare(map, options);
  const png = (image: RgbaImage) => encodePng(image, { deflate: options.deflate });
  return markup(prepared, options, png(prepared.mapImage), png(prepared.barImage));
}

/**
 * `renderMapSvg` with the embedded PNGs compressed by `CompressionStream`
 * (browsers, node >= 18): much smaller documents.
 *
 * @example
 * ```ts
 * const svg = await renderMapSvgAsync(map, { scale: 'log', vmin: 1e-4, vmax: 1, colormap: 'plasma' });
 * ```
 */
export async function renderMapSvgAsync(map: DrawableMap, options: MapSvgOptions = {}): Promise<string> {
  const prepared = prepare(map, options);
  const [mapPng, barPng] = await Promise.all([encodePngAsync(prepared.mapImage), encodePngAsync(prepared.barImage)]);
  return markup(prepared, options, mapPng, barPng);
}
