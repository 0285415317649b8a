/**
 * The painter that writes SVG markup (the SVG export): the same primitives
 * as the canvas, images embedded as PNG (the library's encoder).
 *
 * @module
 */
import { dataUrl, encodePngAsync, escapeXml, svgNumber, type RgbaImage } from '@differt2d/scene';
import { FONT_FAMILY, type Painter, type Stroke, type Tag, type TextStyle } from './painter.js';

function tagAttributes(tag: Tag | undefined): string {
  if (tag === undefined) return '';
  let out = ` class="${escapeXml(tag.className)}"`;
  for (const [key, value] of Object.entries(tag.data ?? {})) out += ` data-${key}="${escapeXml(value)}"`;
  return out;
}

function strokeAttributes(stroke: Stroke | undefined): string {
  if (stroke === undefined) return '';
  let out = ` stroke="${stroke.color}" stroke-width="${svgNumber(stroke.width)}"`;
  if (stroke.dash !== undefined && stroke.dash.length > 0) out += ` stroke-dasharray="${stroke.dash.map(svgNumber).join(' ')}"`;
  if (stroke.opacity !== undefined && stroke.opacity !== 1) out += ` stroke-opacity="${svgNumber(stroke.opacity)}"`;
  return out;
}

function pointList(points: readonly number[]): string {
  const parts: string[] = [];
  for (let k = 0; k + 1 < points.length; k += 2) parts.push(`${svgNumber(points[k]!)},${svgNumber(points[k + 1]!)}`);
  return parts.join(' ');
}

/**
 * A painter writing an SVG document; text is measured by `measure` (the
 * screen's), so that the layout is the screen's.
 *
 * @example
 * ```ts
 * const painter = new SvgPainter(800, 600, (text, size) => screen.measure(text, size));
 * drawView(painter, state, layout);
 * const svg = await painter.finish('differt2d viewer');
 * ```
 */
export class SvgPainter implements Painter {
  private readonly parts: string[] = [];
  private readonly images: RgbaImage[] = [];
  private clips = 0;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly measureText: (text: string, size: number, bold: boolean) => number,
  ) {}

  rect(left: number, top: number, width: number, height: number, fill: string | null, stroke?: Stroke, tag?: Tag): void {
    this.parts.push(
      `<rect${tagAttributes(tag)} x="${svgNumber(left)}" y="${svgNumber(top)}" width="${svgNumber(width)}" height="${svgNumber(height)}" fill="${fill ?? 'none'}"${strokeAttributes(stroke)}/>`,
    );
  }

  line(x0: number, y0: number, x1: number, y1: number, stroke: Stroke, tag?: Tag): void {
    this.parts.push(`<line${tagAttributes(tag)} x1="${svgNumber(x0)}" y1="${svgNumber(y0)}" x2="${svgNumber(x1)}" y2="${svgNumber(y1)}"${strokeAttributes(stroke)}/>`);
  }

  polyline(points: readonly number[], stroke: Stroke, tag?: Tag): void {
    this.parts.push(`<polyline${tagAttributes(tag)} points="${pointList(points)}" fill="none"${strokeAttributes(stroke)}/>`);
  }

  polygon(points: readonly number[], fill: string | null, stroke?: Stroke, tag?: Tag): void {
    this.parts.push(`<polygon${tagAttributes(tag)} points="${pointList(points)}" fill="${fill ?? 'none'}"${strokeAttributes(stroke)}/>`);
  }

  circle(cx: number, cy: number, radius: number, fill: string | null, stroke?: Stroke, tag?: Tag): void {
    this.parts.push(`<circle${tagAttributes(tag)} cx="${svgNumber(cx)}" cy="${svgNumber(cy)}" r="${svgNumber(radius)}" fill="${fill ?? 'none'}"${strokeAttributes(stroke)}/>`);
  }

  text(x: number, y: number, text: string, style: TextStyle, tag?: Tag): void {
    const anchor = style.align === 'center' ? 'middle' : style.align === 'right' ? 'end' : 'start';
    const rotate = style.rotated === true ? ` transform="rotate(-90 ${svgNumber(x)} ${svgNumber(y)})"` : '';
    const halo = style.halo === true ? ' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' : '';
    const bold = style.bold === true ? ' font-weight="bold"' : '';
    this.parts.push(
      `<text${tagAttributes(tag)} x="${svgNumber(x)}" y="${svgNumber(y)}" font-size="${svgNumber(style.size)}"${bold} text-anchor="${anchor}" dominant-baseline="central" fill="${style.color}"${halo}${rotate}>${escapeXml(text)}</text>`,
    );
  }

  measure(text: string, size: number, bold = false): number {
    return this.measureText(text, size, bold);
  }

  image(image: RgbaImage, left: number, top: number, width: number, height: number, opacity: number, tag?: Tag): void {
    // The PNG is encoded (asynchronously) by finish(); the placeholder is replaced then.
    this.images.push(image);
    this.parts.push(
      `<image${tagAttributes(tag)} x="${svgNumber(left)}" y="${svgNumber(top)}" width="${svgNumber(width)}" height="${svgNumber(height)}" preserveAspectRatio="none" image-rendering="pixelated" style="image-rendering:pixelated"${opacity === 1 ? '' : ` opacity="${svgNumber(opacity)}"`} href="\u0000image${this.images.length - 1}\u0000"/>`,
    );
  }

  clip(left: number, top: number, width: number, height: number): void {
    const id = `clip${this.clips++}`;
    this.parts.push(
      `<clipPath id="${id}"><rect x="${svgNumber(left)}" y="${svgNumber(top)}" width="${svgNumber(width)}" height="${svgNumber(height)}"/></clipPath>`,
      `<g clip-path="url(#${id})">`,
    );
  }

  unclip(): void {
    this.parts.push('</g>');
  }

  group(tag: Tag): void {
    this.parts.push(`<g${tagAttributes(tag)}>`);
  }

  endGroup(): void {
    this.parts.push('</g>');
  }

  /**
   * The SVG document: what was drawn, images encoded as compressed PNG
   * `data:` URLs.
   */
  async finish(title: string): Promise<string> {
    const urls = await Promise.all(this.images.map(async (image) => dataUrl('image/png', await encodePngAsync(image))));
    const body = this.parts.join('\n').replace(/\u0000image(\d+)\u0000/g, (_, index: string) => urls[Number(index)]!);
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${svgNumber(this.width)}" height="${svgNumber(this.height)}" viewBox="0 0 ${svgNumber(this.width)} ${svgNumber(this.height)}" font-family='${FONT_FAMILY}' stroke-linecap="round" stroke-linejoin="round">`,
      `<title>${escapeXml(title)}</title>`,
      body,
      '</svg>',
      '',
    ].join('\n');
  }
}
