/**
 * Export the current view: as SVG (the same drawing written as markup, the
 * map embedded as PNG) and as PNG (the drawing on an off-screen canvas,
 * encoded by the library's PNG encoder), then offered as a download.
 *
 * @module
 */
import { encodePngAsync, type RgbaImage } from '@differt2d/scene';
import type { ViewerApp } from './app.js';
import { CanvasPainter, measureText } from './canvasPainter.js';
import { drawView } from './drawing.js';
import { SvgPainter } from './svgPainter.js';

/** Device pixels per CSS pixel of PNG exports (at least; more on a denser screen). */
export const PNG_EXPORT_RATIO = 2;

/** The state as exported: without the pointer's hover ring. */
function exportedState(app: ViewerApp) {
  return { ...app.state, hovered: null };
}

/**
 * The current view as an SVG document (the canvas's size, in CSS pixels).
 *
 * @example
 * ```ts
 * const svg = await viewToSvg(app); // '<svg xmlns=... <line class="wall" ...'
 * ```
 */
export async function viewToSvg(app: ViewerApp): Promise<string> {
  const { width, height } = app.viewSize;
  const painter = new SvgPainter(width, height, measureText);
  drawView(painter, exportedState(app), app.layout(width, height));
  return painter.finish(`differt2d viewer: ${app.state.sceneName}`);
}

/**
 * The current view as a PNG file, `PNG_EXPORT_RATIO` (or the screen's
 * ratio, if larger) device pixels per CSS pixel.
 *
 * @example
 * ```ts
 * const png = await viewToPng(app); // Uint8Array starting with the PNG signature
 * ```
 */
export async function viewToPng(app: ViewerApp): Promise<Uint8Array> {
  const { width, height } = app.viewSize;
  const ratio = Math.max(PNG_EXPORT_RATIO, app.viewSize.ratio);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const context = canvas.getContext('2d')!;
  drawView(new CanvasPainter(context, width, height, ratio), exportedState(app), app.layout(width, height));
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  const image: RgbaImage = { width: pixels.width, height: pixels.height, data: new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.length) };
  return encodePngAsync(image);
}

/**
 * Offer bytes or text as a file download.
 *
 * @example
 * ```ts
 * download('view.svg', svg, 'image/svg+xml');
 * ```
 */
export function download(fileName: string, content: string | Uint8Array, mimeType: string): void {
  const blob = new Blob([content as BlobPart], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The file name of an export: `differt2d-<scene>.<extension>`.
 *
 * @example
 * ```ts
 * exportName('basic', 'svg'); // 'differt2d-basic.svg'
 * ```
 */
export function exportName(sceneName: string, extension: string): string {
  const stem = sceneName.replace(/\.[a-z]+$/i, '').replace(/[^a-z0-9_-]+/gi, '-') || 'view';
  return `differt2d-${stem}.${extension}`;
}
