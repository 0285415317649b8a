/**
 * Parsing JSON text with errors that say where: `JSON.parse` does the work;
 * when it fails, a small scanner finds the position of the first error (the
 * engines' own messages do not always give it, and differ between engines).
 * The same scanner finds keys given twice in an object, which `JSON.parse`
 * silently resolves by keeping the last.
 *
 * @module
 */
import { memberPath } from '../scene/describe.js';
import { SceneFormatError } from './errors.js';

/**
 * Options of `parseJsonText`.
 *
 * @example
 * ```ts
 * const options: JsonTextOptions = { rejectDuplicateKeys: true };
 * ```
 * @internal
 */
export interface JsonTextOptions {
  /** Whether a key given twice in one object is an error (default false). */
  rejectDuplicateKeys?: boolean;
}

/**
 * Parse JSON text.
 *
 * @param format - the start of error messages, e.g. `scene JSON`.
 * @throws SceneFormatError `scene JSON: invalid JSON at position 12 (line 2,
 *   column 5): expected ',' or '}' after a property value`, or
 *   `scene JSON: transmitters: duplicate key "tx"`.
 * @example
 * ```ts
 * parseJsonText('{"a": 1}', 'scene JSON'); // { a: 1 }
 * parseJsonText('{"a": 1,}', 'scene JSON'); // throws "scene JSON: invalid JSON at position 8 (line 1, column 9): ..."
 * ```
 * @internal
 */
export function parseJsonText(text: string, format: string, options: JsonTextOptions = {}): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const problem = scan(text, false);
    if (problem?.kind === 'syntax') {
      const { line, column } = lineAndColumn(text, problem.position);
      throw new SceneFormatError(format, '', `invalid JSON at position ${problem.position} (line ${line}, column ${column}): ${problem.reason}`, {
        cause: error,
      });
    }
    throw new SceneFormatError(format, '', `invalid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (options.rejectDuplicateKeys) {
    const problem = scan(text, true);
    if (problem?.kind === 'duplicate') throw new SceneFormatError(format, problem.path, `duplicate key ${JSON.stringify(problem.key)}`);
  }
  return value;
}

/** The 1-based line and column of a position of the text. */
function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

type Problem = { kind: 'syntax'; position: number; reason: string } | { kind: 'duplicate'; path: string; key: string };

class Found {
  constructor(readonly problem: Problem) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * The first problem of the text: a syntax error (with its position), or
 * (with `duplicates`) a key given twice in one object; undefined if none.
 * (A nesting too deep for the call stack gives undefined.)
 */
function scan(text: string, duplicates: boolean): Problem | undefined {
  let i = 0;
  // the keys and indices leading to the current value (a path is only built for a duplicate)
  const trail: (string | number)[] = [];
  const syntax = (reason: string, position = i): Found => new Found({ kind: 'syntax', position, reason });
  const unexpected = (expected: string): Found =>
    i >= text.length ? syntax(`unexpected end of input, expected ${expected}`) : syntax(`unexpected ${JSON.stringify(text[i])}, expected ${expected}`);
  const space = (): void => {
    for (let c = text[i]; c === ' ' || c === '\n' || c === '\r' || c === '\t'; c = text[++i]);
  };
  // A string starting at i; returns its raw text (quotes included).
  const string = (): string => {
    const start = i++;
    for (;;) {
      if (i >= text.length) throw syntax('unterminated string', start);
      const c = text[i]!;
      if (c === '"') return text.slice(start, ++i);
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!HEX4.test(text.slice(i + 2, i + 6))) throw syntax('bad \\u escape in a string');
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) {
          i += 2;
        } else {
          throw syntax('bad escape in a string');
        }
      } else if (c.charCodeAt(0) < 0x20) {
        throw syntax('control character in a string (escape it)');
      } else {
        i++;
      }
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      const keys = new Set<string>();
      for (;;) {
        space();
        if (text[i] !== '"') throw unexpected('a double-quoted property name');
        const key = JSON.parse(string()) as string;
        if (duplicates && keys.has(key)) throw new Found({ kind: 'duplicate', path: trail.reduce<string>(memberPath, ''), key });
        keys.add(key);
        space();
        if (text[i] !== ':') throw unexpected("':' after a property name");
        i++;
        trail.push(key);
        value();
        trail.pop();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else throw unexpected("',' or '}' after a property value");
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        trail.push(index);
        value();
        trail.pop();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else throw unexpected("',' or ']' after an array element");
      }
    }
    if (c === '"') {
      string();
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if ((c === '-' || (c !== undefined && c >= '0' && c <= '9')) && NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    throw unexpected('a value');
  };
  try {
    value();
    space();
    if (i < text.length) throw syntax(`unexpected ${JSON.stringify(text[i])} after the JSON value`);
    return undefined;
  } catch (error) {
    if (error instanceof Found) return error.problem;
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
