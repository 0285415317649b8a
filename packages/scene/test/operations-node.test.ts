/**
 * Reading scene files (`@differt2d/scene/node`): scene JSON and GeoJSON,
 * detected by extension and contents; errors that name the file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sceneFromGeoJson, SceneFormatError, sceneToJson, basicScene } from '../src/index.js';
import { detectSceneFormat, readSceneFile, SceneFileError } from '../src/node/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'differt2d-scene-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

describe('readSceneFile', () => {
  it('reads scene JSON', async () => {
    const scene = await readSceneFile(join(fixtures, 'basic-scene.json'));
    expect(sceneToJson(scene)).toBe(sceneToJson(basicScene()));
    const ris = await readSceneFile(join(fixtures, 'figure1-ris.json'));
    expect(ris.objects.map((o) => o.kind)).toEqual(['wall', 'wall', 'wall', 'wall', 'ris']);
  });

  it('reads GeoJSON by extension, or by its type field in a .json file, with the reader options', async () => {
    const text = readFileSync(join(fixtures, 'example.geojson'), 'utf8');
    const expected = sceneToJson(sceneFromGeoJson(text));
    expect(sceneToJson(await readSceneFile(join(fixtures, 'example.geojson')))).toBe(expected);
    expect(sceneToJson(await readSceneFile(write('buildings.json', text)))).toBe(expected);
    expect(sceneToJson(await readSceneFile(write('buildings.txt', text)))).toBe(expected);
    const raw = await readSceneFile(join(fixtures, 'example.geojson'), { projection: 'none', tx: [4.6, 50.6] });
    expect([...raw.transmitter('tx').xy.data]).toEqual([4.6, 50.6]);
    expect(detectSceneFormat('a.json', { type: 'Polygon' })).toBe('geojson');
    expect(detectSceneFormat('a.json', { objects: [] })).toBe('scene');
    expect(detectSceneFormat('a.GeoJSON', {})).toBe('geojson');
  });

  it('names the file in format errors, and keeps node errors (with their code) for unreadable files', async () => {
    const bad = write('bad.json', '{"objects": [{"type": "door"}]}');
    const error = await readSceneFile(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SceneFileError);
    expect(error).toBeInstanceOf(SceneFormatError);
    expect((error as SceneFileError).message).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: scene JSON: objects\\[0\\]: unknown type "door"`));
    expect((error as SceneFileError).file).toBe(bad);
    expect((error as SceneFileError).path).toBe('objects[0]');
    await expect(readSceneFile(write('broken.geojson', '{"type": "Feature",'))).rejects.toThrow(/broken\.geojson: GeoJSON: invalid JSON at position/);
    await expect(readSceneFile(write('circle.json', '{"type": "Circle"}'))).rejects.toThrow(/circle\.json: GeoJSON: .*Circle/);
    await expect(readSceneFile(write('twice.json', '{"objects": [], "objects": []}'))).rejects.toThrow(/twice\.json: scene JSON: .*duplicate key "objects"/);
    const missing = await readSceneFile(join(scratch, 'missing.json')).catch((e: unknown) => e);
    expect((missing as { code?: string }).code).toBe('ENOENT');
    expect((missing as Error).message).toContain('missing.json');
    await expect(readSceneFile('')).rejects.toThrow('readSceneFile: file must be a non-empty path');
    await expect(readSceneFile(bad, { format: 'svg' as never })).rejects.toThrow("readSceneFile: format must be 'scene' or 'geojson'");
  });
});
