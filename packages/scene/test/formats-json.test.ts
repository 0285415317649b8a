import { readFileSync } from 'node:fs';
import { asTensor, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { RIS, Vertex, Wall, type Interactable } from '@differt2d/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../src/formats/jsonText.js';
import {
  basicScene,
  randomScene,
  Scene,
  SceneFormatError,
  sceneFromJson,
  sceneToJson,
  sceneToJsonObject,
  squareScene,
  type ObjectCodec,
} from '../src/index.js';

const fixture = (name: string): string => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

/** A scene as plain values: names, coordinates, kinds, RIS angles, in order. */
function plain(scene: Scene) {
  const points = (map: Scene['transmitters']) => [...map].map(([name, p]) => [name, [...p.xy.data]]);
  return {
    transmitters: points(scene.transmitters),
    receivers: points(scene.receivers),
    objects: scene.objects.map((o) => {
      if (o instanceof RIS) return ['ris', [...o.xys.data], o.phi.item()];
      if (o instanceof Wall) return ['wall', [...o.xys.data]];
      if (o instanceof Vertex) return ['vertex', [...o.xy.data]];
      return [o.kind];
    }),
  };
}

// Finite doubles of every magnitude; -0 is written "0" in JSON (tested apart).
const coordinate = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
const position = fc.tuple(coordinate, coordinate);
const segment = fc.tuple(position, position).filter(([p, q]) => p[0] !== q[0] || p[1] !== q[1]);
const object: fc.Arbitrary<Interactable> = fc.oneof(
  segment.map((xys) => new Wall(xys)),
  fc.tuple(segment, coordinate).map(([xys, phi]) => new RIS(xys, { phi })),
  position.map((xy) => new Vertex(xy)),
);
const names = fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, unit: 'binary' }), position), { selector: ([name]) => name, maxLength: 5 });
const scene = fc.record({ transmitters: names, receivers: names, objects: fc.array(object, { maxLength: 8 }) }).map((init) => new Scene(init));

describe('scene JSON: writing and reading back', () => {
  it('writes the basic scene as the fixture, line for line, and reads it back', () => {
    const text = fixture('basic-scene.json');
    expect(sceneToJson(basicScene())).toBe(text);
    expect(plain(sceneFromJson(text))).toEqual(plain(basicScene()));
  });

  it('reads a RIS scene written by hand (figure 1)', () => {
    const scene = sceneFromJson(fixture('figure1-ris.json'));
    expect(scene.objects.map((o) => o.kind)).toEqual(['wall', 'wall', 'wall', 'wall', 'ris']);
    expect((scene.objects[4] as RIS).phi.item()).toBe(Math.PI / 4);
    expect(plain(scene).objects.slice(0, 4)).toEqual(plain(squareScene()).objects);
    expect(scene.receivers.size).toBe(0);
  });

  it('round-trips every scene exactly: names, order, kinds, coordinates and angles (property)', () => {
    fc.assert(
      fc.property(scene, (s) => {
        const text = sceneToJson(s);
        const back = sceneFromJson(text);
        expect(plain(back)).toEqual(plain(s));
        expect(sceneToJson(back)).toBe(text);
        expect(JSON.parse(text)).toEqual(sceneToJsonObject(s));
        expect(plain(sceneFromJson(sceneToJsonObject(s)))).toEqual(plain(s));
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips random scenes', () => {
    for (let seed = 0; seed < 20; seed++) {
      const s = randomScene({ seed, transmitters: 2, walls: 30, receivers: 3 });
      expect(plain(sceneFromJson(sceneToJson(s)))).toEqual(plain(s));
    }
  });

  it('writes -0 as 0 (JSON has no negative zero)', () => {
    const back = sceneFromJson(sceneToJson(new Scene({ transmitters: { tx: [-0, 1] } })));
    expect(Object.is(back.transmitter('tx').xy.data[0], 0)).toBe(true);
  });

  it('takes every key as optional, and names objects by their place in the file', () => {
    expect(plain(sceneFromJson('{}'))).toEqual({ transmitters: [], receivers: [], objects: [] });
    expect(sceneToJson(new Scene())).toBe('{\n  "transmitters": {},\n  "receivers": {},\n  "objects": []\n}\n');
    const scene = sceneFromJson({ objects: [{ type: 'vertex', xy: [0.3, 0.4] }, { type: 'ris', xys: [[0, 0], [0, 1]] }] });
    expect(scene.objects.map((o) => o.name)).toEqual(['objects[0]', 'objects[1]']);
    expect((scene.objects[1] as RIS).phi.item()).toBe(Math.PI / 4); // the default angle
    expect(scene.transmitters.size).toBe(0);
  });
});

describe('scene JSON: bad files', () => {
  const cases: [string, string][] = [
    // the text
    ['{"a": 1,}', 'scene JSON: invalid JSON at position 8 (line 1, column 9): unexpected "}", expected a double-quoted property name'],
    ['', 'scene JSON: invalid JSON at position 0 (line 1, column 1): unexpected end of input, expected a value'],
    ['{\n  "transmitters": {"tx": [0, 0]\n}', 'scene JSON: invalid JSON at position 35 (line 3, column 2): unexpected end of input, expected \',\' or \'}\' after a property value'],
    ['{"objects": [1, 2', "scene JSON: invalid JSON at position 17 (line 1, column 18): unexpected end of input, expected ',' or ']' after an array element"],
    ['{} x', 'scene JSON: invalid JSON at position 3 (line 1, column 4): unexpected "x" after the JSON value'],
    ['{"a": "b\nc"}', 'scene JSON: invalid JSON at position 8 (line 1, column 9): control character in a string (escape it)'],
    ['{"a": "\\q"}', 'scene JSON: invalid JSON at position 7 (line 1, column 8): bad escape in a string'],
    ['{"a": "abc', 'scene JSON: invalid JSON at position 6 (line 1, column 7): unterminated string'],
    ['{"a": [01]}', "scene JSON: invalid JSON at position 8 (line 1, column 9): unexpected \"1\", expected ',' or ']' after an array element"],
    ['{"a": tru}', 'scene JSON: invalid JSON at position 6 (line 1, column 7): unexpected "t", expected a value'],
    ['{"transmitters": {"tx": [0, 0], "tx": [1, 1]}}', 'scene JSON: transmitters: duplicate key "tx"'],
    ['{"transmitters": {"tx": [0, 0], "t\\u0078": [1, 1]}}', 'scene JSON: transmitters: duplicate key "tx"'],
    ['{"objects": [{}, {"type": "wall", "type": "ris"}]}', 'scene JSON: objects[1]: duplicate key "type"'],
    // the scene
    ['[1]', 'scene JSON: expected a scene object {"transmitters": {...}, "receivers": {...}, "objects": [...]}, got [1]'],
    ['{"walls": []}', 'scene JSON: unknown key "walls" (expected "transmitters", "receivers", "objects")'],
    ['{"transmitters": [[0, 0]]}', 'scene JSON: transmitters: expected an object {"name": [x, y], ...}, got [[0, 0]]'],
    ['{"transmitters": {"": [0, 0]}}', 'scene JSON: transmitters[""]: a name must not be empty'],
    ['{"receivers": {"rx": [0]}}', 'scene JSON: receivers.rx: expected [x, y] (two finite numbers), got [0]'],
    ['{"receivers": {"my rx": [0, 1e400]}}', 'scene JSON: receivers["my rx"]: expected [x, y] (two finite numbers), got [0, Infinity]'],
    ['{"objects": {}}', 'scene JSON: objects: expected an array, got {}'],
    ['{"objects": [3]}', 'scene JSON: objects[0]: expected an object {"type": ..., ...}, got 3'],
    ['{"objects": [{"xys": []}]}', 'scene JSON: objects[0]: missing "type" (expected one of "wall", "ris", "vertex")'],
    ['{"objects": [{"type": 1}]}', 'scene JSON: objects[0].type: expected a string, got 1'],
    ['{"objects": [{"type": "wall", "xys": [[0, 0], [1, 1]]}, {"type": "wall", "xys": [[0, 0], [1, 1]]}, {"type": "door"}]}', 'scene JSON: objects[2]: unknown type "door" (expected one of "wall", "ris", "vertex")'],
    ['{"objects": [{"type": "ris", "xys": [[0, 0], [1, 1]], "phy": 1}]}', 'scene JSON: objects[0]: unknown key "phy" (expected "type", "xys", "phi")'],
    ['{"objects": [{"type": "wall"}]}', 'scene JSON: objects[0].xys: expected [[x0, y0], [x1, y1]], got nothing'],
    ['{"objects": [{"type": "wall", "xys": [[0, 0], [1, 1], [2, 2]]}]}', 'scene JSON: objects[0].xys: expected [[x0, y0], [x1, y1]] (two positions), got 3'],
    ['{"objects": [{"type": "wall", "xys": [[0, 0], [0.4]]}]}', 'scene JSON: objects[0].xys[1]: expected [x, y] (two finite numbers), got [0.4]'],
    ['{"objects": [{"type": "wall", "xys": [[0, 0], [1, 1]]}, {"type": "wall", "xys": [[0.4, 0.4], [0.4, 0.4]]}]}', 'scene JSON: objects[1].xys: zero-length wall at (0.4, 0.4)'],
    ['{"objects": [{"type": "ris", "xys": [[0, 0], [1, 1]], "phi": "pi"}]}', 'scene JSON: objects[0].phi: expected a finite number, got "pi"'],
    ['{"objects": [{"type": "vertex", "xy": [0, null]}]}', 'scene JSON: objects[0].xy: expected [x, y] (two finite numbers), got [0, null]'],
  ];

  it.each(cases)('%s', (text, message) => {
    let error: unknown;
    try {
      sceneFromJson(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SceneFormatError);
    expect((error as Error).message).toBe(message);
  });

  it('says where in a value given as an object, NaN included', () => {
    expect(() => sceneFromJson({ objects: [{ type: 'wall', xys: [[NaN, 0], [1, 1]] }] })).toThrow(
      'scene JSON: objects[0].xys[0]: expected [x, y] (two finite numbers), got [NaN, 0]',
    );
    expect(() => sceneFromJson(null as never)).toThrow('scene JSON: expected a scene object');
    const error = (() => {
      try {
        sceneFromJson('{"objects": [{"type": "door"}]}');
      } catch (e) {
        return e as SceneFormatError;
      }
    })();
    expect([error?.format, error?.path, error?.name]).toEqual(['scene JSON', 'objects[0]', 'SceneFormatError']);
  });

  it('finds the position of every JSON syntax error, and accepts exactly what JSON.parse accepts (property)', () => {
    // texts made of JSON's pieces, valid or not
    const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', ' ', '\n', '"a"', '"b"', '"', '\\', '1', '-', '0', '.5', 'e3', 'true', 'nul', 'x', '"\\u00e9"', '"\\x"');
    const text = fc.oneof(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), fc.json().map((j) => j.slice(0, Math.floor(j.length * 0.7))), fc.json());
    fc.assert(
      fc.property(text, (t) => {
        let valid = true;
        try {
          JSON.parse(t);
        } catch {
          valid = false;
        }
        if (valid) {
          expect(() => parseJsonText(t, 'x')).not.toThrow();
          return;
        }
        const message = (() => {
          try {
            parseJsonText(t, 'x');
          } catch (e) {
            return (e as Error).message;
          }
          return 'no error';
        })();
        const match = /^x: invalid JSON at position (\d+) \(line \d+, column \d+\): /.exec(message);
        expect(match, `${JSON.stringify(t)}: ${message}`).not.toBeNull();
        expect(Number(match![1])).toBeLessThanOrEqual(t.length);
        // where the engine gives a position, ours is the same or earlier
        const engine = /at position (\d+)/.exec((() => {
          try {
            JSON.parse(t);
          } catch (e) {
            return (e as Error).message;
          }
          return '';
        })());
        if (engine) expect(Number(match![1])).toBeLessThanOrEqual(Number(engine[1]));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds no duplicate in JSON that has none (property)', () => {
    fc.assert(fc.property(fc.json(), (t) => void parseJsonText(t, 'x', { rejectDuplicateKeys: true })));
  });
});

describe('scene JSON: user-defined object types', () => {
  /** A user type: a wall that absorbs, with an attenuation. */
  class Absorber extends Wall {
    override readonly kind = 'absorber';
    constructor(
      xys: TensorLike,
      readonly attenuation: number,
    ) {
      super(xys);
    }
    protected override withXys(xys: Tensor): this {
      return new Absorber(xys, this.attenuation) as this;
    }
  }
  const codec: ObjectCodec = {
    type: 'absorber',
    fields: ['xys', 'attenuation'],
    matches: (o) => o instanceof Absorber,
    read: (json) => {
      if (typeof json.attenuation !== 'number') throw new Error('attenuation: expected a number');
      return new Absorber(asTensor(json.xys as number[][]), json.attenuation);
    },
    write: (o) => ({ xys: (o as Absorber).xys.toArray(), attenuation: (o as Absorber).attenuation }),
  };
  const scene = squareScene().addObjects(new Absorber([[0.5, 0], [0.5, 0.5]], 3));

  it('cannot be written without a codec, and is said so', () => {
    expect(() => sceneToJson(scene)).toThrow(
      'sceneToJson: objects[4] is of kind "absorber", which scene JSON has no codec for (it has "wall", "ris", "vertex"; pass one in options.codecs)',
    );
  });

  it('round-trips with its codec, whose errors get the place', () => {
    const text = sceneToJson(scene, { codecs: [codec] });
    expect(text).toContain('{"type": "absorber", "xys": [[0.5, 0], [0.5, 0.5]], "attenuation": 3}');
    const back = sceneFromJson(text, { codecs: [codec] });
    expect(back.objects[4]).toBeInstanceOf(Absorber);
    expect((back.objects[4] as Absorber).attenuation).toBe(3);
    expect(sceneToJson(back, { codecs: [codec] })).toBe(text);
    expect(() => sceneFromJson(text)).toThrow('scene JSON: objects[4]: unknown type "absorber" (expected one of "wall", "ris", "vertex")');
    expect(() => sceneFromJson('{"objects": [{"type": "absorber", "xys": [[0, 0], [1, 0]]}]}', { codecs: [codec] })).toThrow(
      'scene JSON: objects[0]: attenuation: expected a number',
    );
  });
});

describe('scene JSON: unusual names', () => {
  it('round-trips a point named __proto__', () => {
    const scene = sceneFromJson('{"transmitters": {"__proto__": [1, 2]}, "receivers": {}, "objects": []}');
    expect([...scene.transmitters.keys()]).toEqual(['__proto__']);
    const again = sceneFromJson(sceneToJson(scene));
    expect([...again.transmitters.keys()]).toEqual(['__proto__']);
    expect(again.transmitters.get('__proto__')!.xy.toArray()).toEqual([1, 2]);
  });
});
