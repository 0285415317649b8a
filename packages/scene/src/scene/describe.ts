/**
 * Small helpers for error messages that say what and where: the path of a
 * member (`transmitters.tx`, `transmitters["my tx"]`, `objects[2]`) and a
 * short description of an unexpected value.
 *
 * @module
 */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The path of a member of `base`: `base.key` for an identifier-like key,
 * `base["key"]` otherwise, `base[3]` for an index; the key alone when `base`
 * is empty.
 *
 * @example
 * ```ts
 * memberPath('transmitters', 'tx'); // 'transmitters.tx'
 * memberPath('transmitters', 'my tx'); // 'transmitters["my tx"]'
 * memberPath('objects', 2); // 'objects[2]'
 * memberPath('', 'features'); // 'features'
 * ```
 */
export function memberPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (IDENTIFIER.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/**
 * A short description of a value for "got ..." in messages: numbers,
 * booleans, null, short strings (quoted) and small arrays as they are,
 * otherwise the kind of value.
 *
 * @example
 * ```ts
 * describeValue([0.4, NaN]); // '[0.4, NaN]'
 * describeValue('a'); // '"a"'
 * describeValue(undefined); // 'nothing'
 * describeValue(new Map()); // 'an instance of Map'
 * ```
 */
export function describeValue(value: unknown): string {
  return describe(value, 0);
}

function describe(value: unknown, depth: number): string {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : `a string of length ${value.length}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object') return typeof value;
  if (Array.isArray(value)) {
    if (value.length > 6 || depth >= 3) return `an array of length ${value.length}`;
    return `[${Array.from(value, (v) => describe(v, depth + 1)).join(', ')}]`;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return `an instance of ${(value.constructor as { name?: string } | undefined)?.name || 'a class'}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  if (keys.length > 4 || depth >= 2) return `an object with keys ${keys.slice(0, 4).map((k) => JSON.stringify(k)).join(', ')}${keys.length > 4 ? ', ...' : ''}`;
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${describe((value as Record<string, unknown>)[k], depth + 1)}`).join(', ')}}`;
}

/**
 * A list of names for messages: `"a", "b", "c"`, or `(none)`.
 *
 * @example
 * ```ts
 * quotedList(['tx', 'tx2']); // '"tx", "tx2"'
 * quotedList([]); // '(none)'
 * ```
 */
export function quotedList(names: Iterable<string>): string {
  const list = [...names].map((name) => JSON.stringify(name));
  return list.length === 0 ? '(none)' : list.join(', ');
}
