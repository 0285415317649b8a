/**
 * The scene of a command: `--scene NAME|FILE` (a built-in scene, with
 * options, or a scene JSON / GeoJSON file), then `--tx X,Y` / `--rx X,Y`.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { Wall } from '@differt2d/geometry';
import { BUILTIN_SCENE_NAMES, builtinScene, isBuiltinSceneName } from '../builtins/registry.js';
import { SceneFormatError } from '../formats/errors.js';
import { readSceneFile } from '../node/index.js';
import type { Scene } from '../scene/scene.js';
import { parseInteger, parseNumber, parsePoint, UsageError, type CliTraceOptions, type ParsedOptions } from './options.js';

/**
 * The default scene of every command.
 *
 * @example
 * ```ts
 * DEFAULT_SCENE; // 'basic'
 * ```
 */
export const DEFAULT_SCENE = 'basic';

/**
 * A built-in scene from its command-line spelling `NAME` or
 * `NAME:key=value,key=value` (number options, e.g. `random:seed=3,walls=20`,
 * `square-with-wall:ratio=0.5`); `random` and `city` take their seed from `seed`
 * (`--seed`, default 0) unless the spelling gives one. Returns `undefined`
 * when `spec` does not start with a built-in name.
 *
 * @throws UsageError for a bad option (unknown, not a number, out of range).
 * @example
 * ```ts
 * builtinSceneFromSpec('random:walls=5', 3)?.objects.length; // 5
 * builtinSceneFromSpec('office.json', 0); // undefined
 * ```
 */
export function builtinSceneFromSpec(spec: string, seed: number | undefined): Scene | undefined {
  const colon = spec.indexOf(':');
  const name = colon < 0 ? spec : spec.slice(0, colon);
  if (!isBuiltinSceneName(name)) return undefined;
  const options: Record<string, number> = {};
  if (colon >= 0) {
    for (const entry of spec.slice(colon + 1).split(',')) {
      const match = /^([\w-]+)=(.*)$/.exec(entry.trim());
      if (match === null) throw new UsageError(`--scene ${spec}: expected NAME:key=value,..., got ${JSON.stringify(entry)}`);
      const [, key, value] = match as unknown as [string, string, string];
      options[key] = key === 'seed' || key === 'walls' || key === 'transmitters' || key === 'receivers' || key === 'buildings' ? parseInteger(`--scene ${name}: ${key}`, value) : parseNumber(`--scene ${name}: ${key}`, value);
    }
  }
  if (name === 'random' && options.seed === undefined) options.seed = seed ?? 0;
  if (name === 'city' && options.seed === undefined && seed !== undefined) options.seed = seed;
  try {
    return builtinScene(name, options as never);
  } catch (error) {
    // The name is known: only the options can be wrong.
    throw new UsageError(`--scene ${spec}: ${errorMessage(error).replace(/^builtinScene: |^\w+Scene\w*: /, '')}`, { cause: error });
  }
}

/**
 * The scene of `--scene` (default `basic`): a built-in scene (see
 * {@link builtinSceneFromSpec}) or a scene file (scene JSON, or GeoJSON for
 * `.geojson` files and files whose content is GeoJSON), with the transmitter
 * and receiver of `--tx` and `--rx`.
 *
 * @throws UsageError for an unknown scene, an unreadable or invalid file, a
 *   bad `--tx` / `--rx`, or `--tx` / `--rx` on a scene with several
 *   transmitters / receivers.
 * @example
 * ```ts
 * const scene = await loadScene({ scene: 'basic', rx: '0.8,0.8' });
 * scene.receiver('rx').xy.toArray(); // [0.8, 0.8]
 * await loadScene({ scene: 'nope' }); // throws UsageError: unknown scene "nope" ...
 * ```
 */
export async function loadScene(values: ParsedOptions): Promise<Scene> {
  const spec = typeof values.scene === 'string' ? values.scene : DEFAULT_SCENE;
  const seed = typeof values.seed === 'string' ? parseInteger('--seed', values.seed) : undefined;
  let scene = builtinSceneFromSpec(spec, seed) ?? (await sceneFromFile(spec));
  if (typeof values.tx === 'string') scene = movePoint(scene, 'transmitter', parsePoint('--tx', values.tx));
  if (typeof values.rx === 'string') scene = movePoint(scene, 'receiver', parsePoint('--rx', values.rx));
  return scene;
}

/**
 * Check that the tracing method handles the scene's objects: the image
 * method (the default) handles specular walls only, so a scene with a RIS,
 * a vertex or a user object needs `--method fermat` or `--method mpt`
 * (unless only line of sight is traced).
 *
 * @throws UsageError naming the first object the method cannot handle.
 * @example
 * ```ts
 * checkMethodFitsScene(squareScene().addObjects(new RIS([[0.5, 0.3], [0.5, 0.7]])), { order: 1 }); // throws UsageError
 * checkMethodFitsScene(basicScene(), { maxOrder: 2 }); // fine
 * ```
 */
export function checkMethodFitsScene(scene: Scene, options: CliTraceOptions): void {
  if ((options.method ?? 'image') !== 'image') return;
  const maxOrder = options.maxOrder ?? Math.max(1, options.minOrder ?? 0);
  if (maxOrder === 0) return;
  const index = scene.objects.findIndex((object) => !(object instanceof Wall && object.kind === 'wall'));
  if (index < 0) return;
  const kind = scene.objects[index]!.kind;
  throw new UsageError(
    `the image method handles walls only, but objects[${index}] is a ${kind}; use --method mpt (any object) or --method fermat, or --order 0`,
  );
}

/** The scene of a file, with file and format errors as usage errors. */
async function sceneFromFile(path: string): Promise<Scene> {
  if (!existsSync(path)) {
    throw new UsageError(`unknown scene ${JSON.stringify(path)}: neither a built-in scene (${BUILTIN_SCENE_NAMES.join(', ')}) nor an existing file`);
  }
  try {
    return await readSceneFile(path);
  } catch (error) {
    // readSceneFile's message starts with the file: `rooms.json: scene JSON: objects[2]: ...`.
    if (error instanceof SceneFormatError) throw new UsageError(error.message.startsWith(path) ? error.message : `${path}: ${error.message}`, { cause: error });
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('E')) {
      throw new UsageError(`cannot read scene file ${path}: ${errorMessage(error).replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '')}`, { cause: error });
    }
    throw error;
  }
}

/** The scene with its single transmitter or receiver moved (named `tx` / `rx` when it has none). */
function movePoint(scene: Scene, role: 'transmitter' | 'receiver', xy: [number, number]): Scene {
  const isTx = role === 'transmitter';
  const points = isTx ? scene.transmitters : scene.receivers;
  const option = isTx ? '--tx' : '--rx';
  if (points.size > 1) {
    const names = [...points.keys()];
    const listed = names.length > 5 ? `${names.slice(0, 5).join(', ')}, ...` : names.join(', ');
    throw new UsageError(`${option}: the scene has ${points.size} ${role}s (${listed}); ${option} moves a scene's only ${role}`);
  }
  const name = points.keys().next().value ?? (isTx ? 'tx' : 'rx');
  return isTx ? scene.withTransmitter(name, xy) : scene.withReceiver(name, xy);
}

/**
 * The message of anything thrown.
 *
 * @example
 * ```ts
 * errorMessage(new Error('boom')); // 'boom'
 * errorMessage('boom'); // 'boom'
 * ```
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
