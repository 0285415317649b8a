/**
 * The error of a bad scene file, and the checks every format shares: each
 * says what is wrong and where (`objects[2].xys[1]: expected [x, y], got [0.4]`).
 *
 * @module
 */
import { describeValue } from '../scene/describe.js';

/**
 * A scene file (or value) that cannot be loaded: the message starts with the
 * format and the place, e.g. `scene JSON: objects[2]: unknown type "door"`.
 * A command line can tell bad input (this class) from a bug (any other error).
 *
 * @example
 * ```ts
 * try {
 *   sceneFromJson('{"objects": [{"type": "door"}]}');
 * } catch (error) {
 *   if (error instanceof SceneFormatError) console.error(error.message, error.path); // ... 'objects[0]'
 * }
 * ```
 */
export class SceneFormatError extends Error {
  /** The format, e.g. `scene JSON` or `GeoJSON`. */
  readonly format: string;
  /** Where in the file, e.g. `features[3].geometry.coordinates[0][2]` (empty: the whole file). */
  readonly path: string;

  /**
   * @param format - the format, e.g. `scene JSON`.
   * @param path - where in the file (empty for the whole file).
   * @param problem - what is wrong there.
   */
  constructor(format: string, path: string, problem: string, options?: ErrorOptions) {
    super(path === '' ? `${format}: ${problem}` : `${format}: ${path}: ${problem}`, options);
    this.name = 'SceneFormatError';
    this.format = format;
    this.path = path;
  }
}

/**
 * Where a value sits in a file, for messages (an `ObjectCodec` gets the place
 * of the object it reads).
 *
 * @example
 * ```ts
 * const at: Place = { format: 'scene JSON', path: 'objects[1]' };
 * ```
 */
export interface Place {
  /** The format, e.g. `scene JSON`. */
  readonly format: string;
  /** The path in the file, e.g. `objects[1]`. */
  readonly path: string;
}

/**
 * The error for a value at a place.
 *
 * @example
 * ```ts
 * throw formatError({ format: 'GeoJSON', path: 'features[0]' }, 'expected an object');
 * ```
 * @internal
 */
export function formatError(at: Place, problem: string): SceneFormatError {
  return new SceneFormatError(at.format, at.path, problem);
}

/**
 * A plain object (not an array, not null), checked.
 *
 * @throws SceneFormatError `path: expected an object, got [1, 2]`.
 * @example
 * ```ts
 * expectRecord({ type: 'wall' }, { format: 'scene JSON', path: 'objects[0]' });
 * ```
 * @internal
 */
export function expectRecord(value: unknown, at: Place, what = 'an object'): Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw formatError(at, `expected ${what}, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * An array, checked.
 *
 * @throws SceneFormatError `path: expected an array, got 3`.
 * @example
 * ```ts
 * expectArray([], { format: 'GeoJSON', path: 'features' });
 * ```
 * @internal
 */
export function expectArray(value: unknown, at: Place, what = 'an array'): readonly unknown[] {
  if (!Array.isArray(value)) throw formatError(at, `expected ${what}, got ${describeValue(value)}`);
  return value;
}

/**
 * A finite number, checked.
 *
 * @throws SceneFormatError `path: expected a finite number, got "a"`.
 * @example
 * ```ts
 * expectFinite(0.785, { format: 'scene JSON', path: 'objects[1].phi' }); // 0.785
 * ```
 * @internal
 */
export function expectFinite(value: unknown, at: Place): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw formatError(at, `expected a finite number, got ${describeValue(value)}`);
  return value;
}

/**
 * A position `[x, y]` of two finite numbers, checked; with `extra`, more
 * numbers may follow (a GeoJSON altitude), and are ignored.
 *
 * @throws SceneFormatError `path: expected [x, y], got [0.4]`.
 * @example
 * ```ts
 * expectXy([0.4, 0.4], { format: 'scene JSON', path: 'transmitters.tx' }); // [0.4, 0.4]
 * ```
 * @internal
 */
export function expectXy(value: unknown, at: Place, extra = false): [number, number] {
  if (
    !Array.isArray(value) ||
    (extra ? value.length < 2 : value.length !== 2) ||
    !value.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw formatError(at, `expected [x, y]${extra ? ' (finite numbers, then an optional altitude)' : ' (two finite numbers)'}, got ${describeValue(value)}`);
  }
  return [value[0] as number, value[1] as number];
}

/**
 * Check that a record has no key outside `allowed` (a misspelt key is an
 * error, not silently ignored).
 *
 * @throws SceneFormatError `path: unknown key "phy" (expected "type", "xys", "phi")`.
 * @example
 * ```ts
 * checkKeys({ type: 'wall', xys: [] }, ['type', 'xys'], { format: 'scene JSON', path: 'objects[0]' });
 * ```
 * @internal
 */
export function checkKeys(record: Readonly<Record<string, unknown>>, allowed: readonly string[], at: Place): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      throw formatError(at, `unknown key ${JSON.stringify(key)} (expected ${allowed.map((k) => JSON.stringify(k)).join(', ')})`);
    }
  }
}
