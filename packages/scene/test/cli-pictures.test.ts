/**
 * Pictures from the `differt2d` command line, in-process through
 * `main(args, io)`: `map --out FILE.png|FILE.svg` (colour map, scale and
 * range options) and `paths --out FILE.svg`. PNG files are decoded here by
 * an independent reader (every filter type, RGB and RGBA) and SVG documents
 * are checked element by element.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/cli.js';
import type { PathsJson } from '../src/cli/pathsCommand.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process, capturing its output. */
async function run(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Runs a command that must succeed quietly on stderr. */
async function runOk(args: string[]): Promise<string> {
  const result = await run(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

const temp = mkdtempSync(join(tmpdir(), 'differt2d-cli-pictures-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const fixturePath = (name: string): string => new URL(`fixtures/${name}`, import.meta.url).pathname;

/** A decoded PNG: its size and its pixels as RGBA, row by row from the top. */
interface DecodedPng {
  width: number;
  height: number;
  rgba: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Decode an 8-bit RGB or RGBA, non-interlaced PNG as any reader would:
 * chunks, zlib stream, then every scanline un-filtered (None, Sub, Up,
 * Average, Paeth).
 */
function decodePng(bytes: Uint8Array): DecodedPng {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (at < bytes.length && !ended) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const [depth, colorType, , , interlace] = body.subarray(8);
      expect(depth).toBe(8);
      expect(interlace).toBe(0);
      expect([2, 6]).toContain(colorType);
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(Buffer.from(body));
    else if (type === 'IEND') ended = true;
    at += 12 + length;
  }
  expect(ended).toBe(true);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  expect(raw.length).toBe((stride + 1) * height);
  const pixels = new Uint8Array(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)]!;
    if (filter > 4) throw new Error(`decodePng: row ${row} has an unknown filter type ${filter}`);
    const line = raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    const out = row * stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[out + i - channels]! : 0;
      const up = row > 0 ? pixels[out - stride + i]! : 0;
      const upLeft = row > 0 && i >= channels ? pixels[out - stride + i - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      pixels[out + i] = (line[i]! + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) rgba[4 * p + c] = pixels[p * channels + c]!;
    rgba[4 * p + 3] = channels === 4 ? pixels[p * channels + 3]! : 255;
  }
  return { width, height, rgba };
}

/** The distinct colours of an image (as 0xRRGGBB). */
function distinctColors(png: DecodedPng): Set<number> {
  const colors = new Set<number>();
  for (let p = 0; p < png.width * png.height; p++) colors.add((png.rgba[4 * p]! << 16) | (png.rgba[4 * p + 1]! << 8) | png.rgba[4 * p + 2]!);
  return colors;
}

/** How many elements of `tag` with class `className` (first class) a document holds. */
function countElements(svg: string, tag: string, className: string): number {
  return svg.match(new RegExp(`<${tag} class="${className}[" ]`, 'g'))?.length ?? 0;
}

/** The PNG files embedded in an SVG document (data: URLs), decoded. */
function embeddedPngs(svg: string): DecodedPng[] {
  return [...svg.matchAll(/href="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)].map((match) => decodePng(Buffer.from(match[1]!, 'base64')));
}

describe('differt2d map --out FILE.png', () => {
  it('writes a PNG that decodes, in colour and not constant, and prints where', async () => {
    const file = join(temp, 'map.png');
    const stdout = await runOk(['map', '--workers', '0', '--grid', '40', '--out', file]);
    expect(stdout.startsWith(`wrote ${file}\n40 x 40 receiver positions`)).toBe(true);
    const png = decodePng(readFileSync(file));
    expect(png.width).toBe(720); // the renderer's default width; the height follows the square scene
    expect(png.height).toBeGreaterThan(400);
    expect(png.height).toBeLessThan(800);
    // A map in a colour map, walls, axes, labels: many colours, not a blank page.
    expect(distinctColors(png).size).toBeGreaterThan(50);
  });

  it('--colormap, --scale, --vmin and --vmax change the picture', async () => {
    const picture = async (name: string, ...options: string[]): Promise<DecodedPng> => {
      const file = join(temp, `${name}.png`);
      await runOk(['map', '--workers', '0', '--grid', '30', '--out', file, ...options]);
      return decodePng(readFileSync(file));
    };
    const reference = await picture('default');
    const variants = [
      await picture('plasma', '--colormap', 'plasma'),
      await picture('linear', '--scale', 'linear'),
      await picture('log', '--scale', 'log', '--vmin', '1e-3', '--vmax', '100'),
      await picture('range', '--vmin', '-30', '--vmax', '0'),
    ];
    for (const variant of variants) {
      expect(variant.width).toBe(reference.width);
      expect(Buffer.compare(Buffer.from(variant.rgba), Buffer.from(reference.rgba))).not.toBe(0);
    }
  });

  it('--json prints where it wrote, as JSON', async () => {
    const file = join(temp, 'quiet.png');
    expect(JSON.parse(await runOk(['map', '--workers', '0', '--grid', '8', '--out', file, '--json']))).toEqual({ out: file, nx: 8, ny: 8 });
    expect(existsSync(file)).toBe(true);
  });
});

describe('differt2d map --out FILE.svg', () => {
  it('embeds the map as a PNG of one pixel per cell, under one element per wall and the transmitter', async () => {
    const file = join(temp, 'map.svg');
    const stdout = await runOk(['map', '--workers', '0', '--grid', '30,20', '--out', file]);
    expect(stdout.startsWith(`wrote ${file}\n`)).toBe(true);
    const svg = readFileSync(file, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(countElements(svg, 'line', 'wall')).toBe(7); // the basic scene's 7 walls
    expect(countElements(svg, 'path', 'transmitter')).toBe(1);
    expect(countElements(svg, 'circle', 'receiver')).toBe(0); // the receivers are the grid
    const [map, colorbar] = embeddedPngs(svg);
    expect([map!.width, map!.height]).toEqual([30, 20]);
    expect(distinctColors(map!).size).toBeGreaterThan(20);
    expect(colorbar!.height).toBe(256);
  });

  it('over transmitters: draws the receivers, not the transmitters; a RIS in its own element', async () => {
    const file = join(temp, 'ris.svg');
    await runOk(['map', '--scene', fixturePath('figure1-ris.json'), '--rx', '0.3,0.6', '--over', 'tx', '--grid', '12', '--method', 'mpt', '--order', '1', '--out', file, '--title', 'RIS <&> TX map']);
    const svg = readFileSync(file, 'utf8');
    expect(countElements(svg, 'line', 'wall')).toBe(4);
    expect(countElements(svg, 'line', 'ris')).toBe(1);
    expect(countElements(svg, 'path', 'transmitter')).toBe(0);
    expect(countElements(svg, 'circle', 'receiver')).toBe(1);
    expect(svg).toContain('RIS &lt;&amp;&gt; TX map');
  });
});

describe('differt2d paths --out FILE.svg', () => {
  it('draws one element per wall and per valid path, and prints where after the table', async () => {
    const file = join(temp, 'paths.svg');
    const stdout = await runOk(['paths', '--max-order', '2', '--out', file]);
    expect(stdout).toMatch(/^12 valid paths from tx to rx/);
    expect(stdout.endsWith(`wrote ${file}\n`)).toBe(true);
    const svg = readFileSync(file, 'utf8');
    expect(countElements(svg, 'line', 'wall')).toBe(7);
    expect(countElements(svg, 'polyline', 'path')).toBe(12);
    expect(countElements(svg, 'path', 'transmitter')).toBe(1);
    expect(countElements(svg, 'circle', 'receiver')).toBe(1);
    // The same paths as the JSON output, candidate for candidate.
    const { paths } = JSON.parse(await runOk(['paths', '--max-order', '2', '--json'])) as PathsJson;
    const drawn = [...svg.matchAll(/<polyline class="path"[^>]* data-candidate="([^"]*)"/g)].map((match) => match[1]);
    expect(drawn.sort()).toEqual(paths.map((path) => path.candidate.join(',')).sort());
  });

  it('--json with --out: the JSON of the paths and where they were written', async () => {
    const file = join(temp, 'paths-json.svg');
    const output = JSON.parse(await runOk(['paths', '--out', file, '--json'])) as PathsJson;
    expect(output.out).toBe(file);
    expect(output.paths).toHaveLength(5);
    expect(countElements(readFileSync(file, 'utf8'), 'polyline', 'path')).toBe(5);
  });

  it('--out FILE.json writes the JSON of --json', async () => {
    const file = join(temp, 'paths.json');
    await runOk(['paths', '--out', file]);
    expect((JSON.parse(readFileSync(file, 'utf8')) as PathsJson).paths).toHaveLength(5);
  });
});

describe('picture outputs: bad input is a user error (exit code 2, one line, nothing written)', () => {
  const folderNamedLikeAFile = join(temp, 'a-folder.png');
  mkdirSync(folderNamedLikeAFile, { recursive: true });
  const cases: [string, string[], RegExp][] = [
    ['map into a missing folder', ['map', '--workers', '0', '--grid', '3', '--out', join(temp, 'no', 'such', 'map.png')], /cannot write .*map\.png: no such folder/],
    ['paths into a missing folder', ['paths', '--out', join(temp, 'no', 'such', 'paths.svg')], /cannot write .*paths\.svg: no such folder/],
    ['map onto a folder', ['map', '--workers', '0', '--grid', '3', '--out', folderNamedLikeAFile], /cannot write .*a-folder\.png: /],
    ['paths as PNG', ['paths', '--out', join(temp, 'paths.png')], /unknown output format "\.png" \(expected \.svg or \.json\)/],
    ['map as text', ['map', '--workers', '0', '--grid', '3', '--out', join(temp, 'map.txt')], /unknown output format "\.txt"/],
    ['unknown colour map', ['map', '--workers', '0', '--grid', '3', '--out', join(temp, 'x.png'), '--colormap', 'jet'], /--colormap: expected one of viridis, plasma, got "jet"/],
    ['unknown scale', ['map', '--workers', '0', '--grid', '3', '--out', join(temp, 'x.png'), '--scale', 'dbm'], /--scale: expected one of db, linear, log, got "dbm"/],
    ['bad bound', ['map', '--workers', '0', '--grid', '3', '--out', join(temp, 'x.png'), '--vmin', 'low'], /--vmin: expected a number, got "low"/],
    ['empty range', ['map', '--workers', '0', '--grid', '3', '--out', join(temp, 'x.png'), '--vmin', '0', '--vmax', '-10'], /--vmin \(0\) must be below --vmax \(-10\)/],
    ['log scale from zero', ['map', '--workers', '0', '--grid', '3', '--out', join(temp, 'x.png'), '--scale', 'log', '--vmin', '0'], /--vmin: a log scale needs a positive bound/],
    ['colours without a picture', ['map', '--workers', '0', '--grid', '3', '--colormap', 'plasma'], /--colormap applies to pictures only/],
    ['range into JSON', ['map', '--workers', '0', '--grid', '3', '--out', join(temp, 'x.json'), '--vmax', '0'], /--vmax applies to pictures only/],
    ['title without a picture', ['paths', '--title', 'Basic'], /--title applies to pictures only/],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}`, async () => {
      const { code, stdout, stderr } = await run(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^differt2d: error: [^\n]+\n$/);
      expect(stderr).toMatch(message);
    });
  }
  it('writes nothing for bad input', () => {
    expect(existsSync(join(temp, 'x.png'))).toBe(false);
    expect(existsSync(join(temp, 'paths.png'))).toBe(false);
  });
});
