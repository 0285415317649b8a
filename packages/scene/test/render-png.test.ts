import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RIS, Vertex, Wall } from '@differt2d/geometry';
import { basicScene } from '../src/index.js';

/** A user-defined straight object. */
class Mirror extends Wall {
  override readonly kind: string = 'mirror';
}
import {
  adler32,
  bytesToBase64,
  colorbarEntry,
  colormap,
  colormapEntry,
  compressionStreamDeflate,
  crc32,
  createImage,
  dataUrl,
  encodePng,
  encodePngAsync,
  PNG_SIGNATURE,
  readPixel,
  renderMapImage,
  renderMapPng,
  renderMapPngAsync,
  renderMapSvg,
  renderMapSvgAsync,
  SCENE_COLORS,
  setPixel,
  zlibStored,
  type DrawableMap,
  type Rgb,
  type RgbaImage,
} from '../src/render/index.js';
import { encodePngCompact, renderMapPngCompact, renderMapSvgCompact, zlibDeflate } from '../src/render/node.js';

// --- a tiny PNG decoder (8-bit RGBA, filter type 0 only, what we write) -----

interface DecodedPng {
  width: number;
  height: number;
  chunkTypes: string[];
  pixels: Uint8Array;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function decodePng(bytes: Uint8Array): DecodedPng {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  const chunkTypes: string[] = [];
  const idat: Uint8Array[] = [];
  let width = 0;
  let height = 0;
  while (at < bytes.length) {
    const length = readUint32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const body = bytes.subarray(at + 8, at + 8 + length);
    // The CRC covers the type and the body; check it with node's own CRC-32.
    expect(readUint32(bytes, at + 8 + length), `CRC of ${type}`).toBe(zlibCrc32(bytes.subarray(at + 4, at + 8 + length)));
    chunkTypes.push(type);
    if (type === 'IHDR') {
      width = readUint32(body, 0);
      height = readUint32(body, 4);
      expect([...body.subarray(8)]).toEqual([8, 6, 0, 0, 0]); // 8 bits, RGBA, deflate, filter 0, no interlace
    } else if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  expect(at).toBe(bytes.length);
  const joined = new Uint8Array(idat.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const part of idat) {
    joined.set(part, offset);
    offset += part.length;
  }
  const raw = inflateSync(joined); // checks the zlib header and the Adler-32 too
  const rowBytes = width * 4;
  expect(raw.length).toBe((rowBytes + 1) * height);
  const pixels = new Uint8Array(rowBytes * height);
  for (let row = 0; row < height; row++) {
    expect(raw[row * (rowBytes + 1)]).toBe(0); // filter type 0
    pixels.set(raw.subarray(row * (rowBytes + 1) + 1, (row + 1) * (rowBytes + 1)), row * rowBytes);
  }
  return { width, height, chunkTypes, pixels };
}

function pixelOf(png: DecodedPng, column: number, row: number): number[] {
  const at = 4 * (row * png.width + column);
  return [...png.pixels.subarray(at, at + 4)];
}

const opaque = (color: Rgb) => [...color, 255];

/** A small test image with distinct pixels. */
function gradientImage(width: number, height: number): RgbaImage {
  const image = createImage(width, height);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) setPixel(image, column, row, [(column * 37) % 256, (row * 91) % 256, (column + row) % 256]);
  }
  return image;
}

/** A synthetic power map: 1 / (h^2 + r^2) around (0.1, 0.1) over the unit square (row 0 = lowest y). */
function syntheticMap(nx = 60, ny = 50): DrawableMap & { power: Float64Array } {
  const x = Float64Array.from({ length: nx }, (_, i) => i / (nx - 1));
  const y = Float64Array.from({ length: ny }, (_, j) => j / (ny - 1));
  const power = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) power[j * nx + i] = 1 / (0.01 + (x[i]! - 0.1) ** 2 + (y[j]! - 0.1) ** 2);
  return { x, y, power };
}

describe('checksums and zlib streams', () => {
  it('CRC-32 and Adler-32 match the standard check values and node', () => {
    const text = new TextEncoder().encode('123456789');
    expect(crc32(text)).toBe(0xcbf43926);
    expect(adler32(new TextEncoder().encode('Wikipedia'))).toBe(0x11e60398);
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256);
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    expect(adler32(new Uint8Array(0))).toBe(1);
    // Many 0xff bytes: the sums must be reduced before they overflow.
    const ones = new Uint8Array(200_000).fill(255);
    const reference = inflateSync(zlibStored(ones)); // inflate checks the Adler-32
    expect(reference.length).toBe(ones.length);
  });

  it('zlibStored writes STORED blocks any inflater reads back, across the 65535-byte block limit', () => {
    expect([...zlibStored(Uint8Array.of(1, 2, 3))]).toEqual([0x78, 0x01, 0x01, 0x03, 0x00, 0xfc, 0xff, 1, 2, 3, 0x00, 0x0d, 0x00, 0x07]);
    for (const size of [0, 1, 65535, 65536, 200_001]) {
      const data = Uint8Array.from({ length: size }, (_, i) => (i * 31) % 251);
      expect(Buffer.compare(inflateSync(zlibStored(data)), Buffer.from(data)), `size ${size}`).toBe(0);
    }
  });

  it('base64 and data URLs match node', () => {
    for (const size of [0, 1, 2, 3, 4, 5, 10_000, 30_001]) {
      const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 131 + 7) % 256);
      expect(bytesToBase64(bytes), `size ${size}`).toBe(Buffer.from(bytes).toString('base64'));
    }
    expect(dataUrl('image/png', Uint8Array.of(0x89, 0x50))).toBe('data:image/png;base64,iVA=');
  });
});

describe('encodePng', () => {
  it('writes signature, IHDR, IDAT, IEND with valid CRCs, and the pixels come back', () => {
    const image = gradientImage(17, 9);
    const png = encodePng(image);
    expect([...png.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
    const decoded = decodePng(png);
    expect(decoded.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([decoded.width, decoded.height]).toEqual([17, 9]);
    expect(Buffer.compare(Buffer.from(decoded.pixels), Buffer.from(image.data))).toBe(0);
  });

  it('takes a pluggable deflate: node zlib (compact) and CompressionStream (async) decode the same', async () => {
    const image = createImage(200, 100, [255, 255, 255]);
    setPixel(image, 3, 4, [1, 2, 3]);
    const stored = encodePng(image);
    const compact = encodePng(image, { deflate: zlibDeflate });
    const compactToo = encodePngCompact(image);
    const streamed = await encodePngAsync(image);
    expect(compact.length).toBeLessThan(stored.length / 20);
    expect(streamed.length).toBeLessThan(stored.length / 20);
    expect(Buffer.compare(Buffer.from(compact), Buffer.from(compactToo))).toBe(0);
    for (const png of [stored, compact, streamed]) {
      const decoded = decodePng(png);
      expect(Buffer.compare(Buffer.from(decoded.pixels), Buffer.from(image.data))).toBe(0);
    }
    const direct = await compressionStreamDeflate(new Uint8Array(5000));
    expect(inflateSync(direct).length).toBe(5000);
  });

  it('rejects an image whose data does not match its size', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(15) })).toThrow(/2x2 RGBA image needs 16 bytes, got 15/);
    expect(() => encodePng({ width: 0, height: 2, data: new Uint8Array(0) })).toThrow(/positive integers/);
  });
});

describe('renderMapPng', () => {
  const scene = basicScene();

  it('decodes, has the size of its layout, and is not constant', () => {
    const png = renderMapPng(syntheticMap(), { scene, scale: 'dB', vmin: -50, vmax: 5, title: 'Power' });
    const decoded = decodePng(png);
    const { layout } = renderMapImage(syntheticMap(), { scene, scale: 'dB', vmin: -50, vmax: 5, title: 'Power' });
    expect([decoded.width, decoded.height]).toEqual([layout.width, layout.height]);
    expect(decoded.width).toBe(720);
    const colors = new Set<number>();
    for (let i = 0; i < decoded.pixels.length; i += 4) colors.add((decoded.pixels[i]! << 16) | (decoded.pixels[i + 1]! << 8) | decoded.pixels[i + 2]!);
    expect(colors.size).toBeGreaterThan(100);
    // Equal aspect: a metre is as many pixels along x as along y.
    expect(layout.frame.scaleX).toBeCloseTo(layout.frame.scaleY, 9);
  });

  it('the colour bar holds the colour map, high end on top, in order', () => {
    for (const name of ['viridis', 'plasma'] as const) {
      const rendered = renderMapImage(syntheticMap(), { colormap: name, scale: 'dB', vmin: -50, vmax: 5 });
      const decoded = decodePng(renderMapPng(syntheticMap(), { colormap: name, scale: 'dB', vmin: -50, vmax: 5 }));
      const bar = rendered.colorbar!;
      expect(bar.height).toBeGreaterThan(200);
      const map = colormap(name);
      const column = bar.left + Math.floor(bar.width / 2);
      let previousEntry = Infinity;
      for (let row = 0; row < bar.height; row++) {
        const entry = colorbarEntry(map.size, row, bar.height);
        expect(entry).toBeLessThanOrEqual(previousEntry);
        previousEntry = entry;
        expect(pixelOf(decoded, column, bar.top + row), `${name} row ${row}`).toEqual(opaque(colormapEntry(map, entry)));
      }
      expect(pixelOf(decoded, column, bar.top)).toEqual(opaque(colormapEntry(map, 255)));
      expect(pixelOf(decoded, column, bar.top + bar.height - 1)).toEqual(opaque(colormapEntry(map, 0)));
    }
  });

  it('flips rows: row 0 of the data (lowest y) is at the bottom of the picture', () => {
    // Two rows: y = 0 holds the low end, y = 1 the high end.
    const map = { x: [0, 1], y: [0, 1], power: [0, 0, 1, 1] };
    const { image, layout } = renderMapImage(map, { vmin: 0, vmax: 1, colorbar: false });
    const decoded = decodePng(encodePng(image));
    const { plot } = layout;
    const column = plot.left + Math.floor(plot.width / 2);
    const viridis = colormap('viridis');
    expect(pixelOf(decoded, column, plot.top + 2)).toEqual(opaque(colormapEntry(viridis, 255)));
    expect(pixelOf(decoded, column, plot.top + plot.height - 3)).toEqual(opaque(colormapEntry(viridis, 0)));
    // Decreasing y flips it back.
    const reversed = renderMapImage({ x: [0, 1], y: [1, 0], power: [0, 0, 1, 1] }, { vmin: 0, vmax: 1, colorbar: false });
    expect(pixelOf(decodePng(encodePng(reversed.image)), column, plot.top + 2)).toEqual(opaque(colormapEntry(viridis, 0)));
  });

  it('paints NaN values in the NaN colour (light grey by default, or the one asked)', () => {
    const map = syntheticMap(10, 10);
    map.power.fill(NaN, 0, 50); // the lower half (y <= 0.5)
    for (const nanColor of [undefined, [255, 0, 255] as Rgb]) {
      const { image, layout } = renderMapImage(map, { scale: 'dB', vmin: -50, vmax: 5, nanColor, colorbar: false });
      const decoded = decodePng(encodePng(image));
      const { plot } = layout;
      const expected = opaque(nanColor ?? SCENE_COLORS.nan);
      expect(pixelOf(decoded, plot.left + 5, plot.top + plot.height - 5)).toEqual(expected);
      expect(pixelOf(decoded, plot.left + 5, plot.top + 5)).not.toEqual(expected);
    }
    // The NaN grey is in neither colour map.
    for (const name of ['viridis', 'plasma'] as const) {
      for (let entry = 0; entry < 256; entry++) expect(colormapEntry(colormap(name), entry)).not.toEqual(SCENE_COLORS.nan);
    }
  });

  it('dB and log scales put vmin and vmax at the ends of the colour map', () => {
    const viridis = colormap('viridis');
    // dB: 10 log10(P / 100); -50 dB is P = 1e-3, 5 dB is P = 100 * 10^0.5.
    const dB = { x: [0, 1, 2, 3], y: [0], power: [1e-3, 100 * 10 ** 0.5, 1e-9, 1e9] };
    const log = { x: [0, 1, 2, 3], y: [0], power: [1e-4, 1, 1e-9, 1e9] };
    for (const [map, options] of [
      [dB, { scale: 'dB', vmin: -50, vmax: 5 }],
      [log, { scale: 'log', vmin: 1e-4, vmax: 1 }],
    ] as const) {
      const { image, layout } = renderMapImage(map, { ...options, colorbar: false, width: 400 });
      const decoded = decodePng(encodePng(image));
      const { frame, plot } = layout;
      const row = plot.top + Math.floor(plot.height / 2);
      const at = (x: number) => pixelOf(decoded, Math.floor(frame.pixelX(x)), row);
      expect(at(0), `${options.scale} vmin`).toEqual(opaque(colormapEntry(viridis, 0)));
      expect(at(1), `${options.scale} vmax`).toEqual(opaque(colormapEntry(viridis, 255)));
      expect(at(2), `${options.scale} below`).toEqual(opaque(colormapEntry(viridis, 0)));
      expect(at(3), `${options.scale} above`).toEqual(opaque(colormapEntry(viridis, 255)));
    }
  });

  it('async and node-compact variants give the same pixels, smaller', async () => {
    const map = syntheticMap();
    const options = { scene, scale: 'dB', vmin: -50, vmax: 5 } as const;
    const stored = decodePng(renderMapPng(map, options));
    const compact = renderMapPngCompact(map, options);
    const streamed = await renderMapPngAsync(map, options);
    expect(compact.length).toBeLessThan(renderMapPng(map, options).length / 5);
    for (const png of [compact, streamed]) expect(Buffer.compare(Buffer.from(decodePng(png).pixels), Buffer.from(stored.pixels))).toBe(0);
  });

  it('bad maps fail with a message naming the field', () => {
    expect(() => renderMapPng({ x: [0, 1], y: [0, 1], power: [1, 2, 3] })).toThrow('renderMapPng: map.power has 3 values, expected ny * nx = 2 * 2 = 4');
    expect(() => renderMapPng({ x: [0, NaN], y: [0], power: [1, 2] })).toThrow('renderMapPng: map.x[1] must be a finite number, got NaN');
    expect(() => renderMapPng({ x: [0, 1, 0.5], y: [0], power: [1, 2, 3] })).toThrow(/map.x must be strictly increasing or decreasing/);
    expect(() => renderMapPng(syntheticMap(), { scale: 'log', vmin: 0 })).toThrow('renderMapPng: colorScale: vmin of a log scale must be positive, got 0');
  });
});

describe('renderMapImage overlays', () => {
  it('draws walls, RIS, vertices, user objects, receivers and names over the map', () => {
    const scene = basicScene()
      .withReceiver('rx_edge', [0.99, 0.99])
      .withTransmitter('tx_top', [0.5, 0.995])
      .addObjects(new RIS([[0.6, 0.3], [0.6, 0.7]]), new Vertex([0.3, 0.4]), new Mirror([[0.7, 0.8], [0.9, 0.9]]));
    const map = { x: [0.3, 0.7], y: [0.3, 0.7], power: [1, 1, 1, 1] }; // cells cover [0.1, 0.9]: smaller than the scene
    const plain = renderMapImage(map, { vmin: 0, vmax: 2 });
    const drawn = renderMapImage(map, { scene, vmin: 0, vmax: 2, showReceivers: true, title: 'All' });
    // The scene widens the extent to hold it.
    expect(drawn.layout.frame.extent.xmin).toBeLessThan(0);
    const { frame } = drawn.layout;
    const at = (x: number, y: number) => readPixel(drawn.image, Math.floor(frame.pixelX(x)), Math.floor(frame.pixelY(y)));
    expect(at(0.4, 0.2).slice(0, 3)).toEqual([...SCENE_COLORS.wall]);
    expect(at(0.6, 0.5).slice(0, 3)).toEqual([...SCENE_COLORS.ris]);
    expect(at(0.3, 0.4).slice(0, 3)).toEqual([...SCENE_COLORS.vertex]);
    expect(at(0.8, 0.85).slice(0, 3)).toEqual([...SCENE_COLORS.otherObject]);
    expect(at(0.302, 0.2147).slice(0, 3)).toEqual([...SCENE_COLORS.receiver]);
    expect(at(0.1, 0.1).slice(0, 3)).toEqual([...SCENE_COLORS.transmitter]);
    expect(plain.image.data).not.toEqual(drawn.image.data);
    const none = renderMapImage(map, { scene, vmin: 0, vmax: 2, showTransmitters: false, showNames: false });
    const noneAt = (x: number, y: number) => readPixel(none.image, Math.floor(none.layout.frame.pixelX(x)), Math.floor(none.layout.frame.pixelY(y)));
    expect(noneAt(0.1, 0.1).slice(0, 3)).not.toEqual([...SCENE_COLORS.transmitter]);
  });
});

describe('renderMapSvg embeds PNGs that decode', () => {
  it('map raster (one pixel per cell) and colour bar (1 x 256)', async () => {
    const map = syntheticMap(30, 20);
    for (const svg of [renderMapSvg(map, { scale: 'dB' }), renderMapSvgCompact(map, { scale: 'dB' }), await renderMapSvgAsync(map, { scale: 'dB' })]) {
      const urls = [...svg.matchAll(/href="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)].map((m) => m[1]!);
      expect(urls).toHaveLength(2);
      const [raster, bar] = urls.map((url) => decodePng(new Uint8Array(Buffer.from(url, 'base64'))));
      expect([raster!.width, raster!.height]).toEqual([30, 20]);
      expect([bar!.width, bar!.height]).toEqual([1, 256]);
      // Top row of the raster = highest y = the last data row.
      const viridis = colormap('viridis');
      expect(pixelOf(bar!, 0, 0)).toEqual(opaque(colormapEntry(viridis, 255)));
      expect(pixelOf(bar!, 0, 255)).toEqual(opaque(colormapEntry(viridis, 0)));
    }
  });
});
