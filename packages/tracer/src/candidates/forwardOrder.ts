/**
 * Candidates found from the receiver's end, given back from the
 * transmitter's end in the order `pathCandidates` gives them.
 *
 * A search from the receiver meets the candidates' last objects first, so
 * their order differs from the transmitter-to-receiver lexicographic order;
 * one order's candidates are gathered (memory proportional to the candidates
 * kept, never to all W^K of them), reversed, sorted and yielded.
 *
 * @module
 */

/**
 * The reversed lists of `fromReceiver` (candidates of one order, each from
 * the receiver's end), sorted lexicographically.
 *
 * @internal
 * @param order - the length of every candidate.
 * @param objectCount - object indices are below this.
 * @example
 * ```ts
 * [...inForwardOrder([[1, 0], [0, 1], [2, 0]], 2, 3)]; // [[0, 1], [0, 2], [1, 0]]
 * ```
 */
export function* inForwardOrder(fromReceiver: Iterable<readonly number[]>, order: number, objectCount: number): Generator<number[]> {
  if (order <= 1) {
    // Reversal changes nothing, and the search yields one order lexicographically.
    for (const candidate of fromReceiver) yield [...candidate];
    return;
  }
  if (Math.pow(objectCount, order) <= Number.MAX_SAFE_INTEGER) {
    yield* byNumericKeys(fromReceiver, order, objectCount);
    return;
  }
  const forward: number[][] = [];
  for (const candidate of fromReceiver) forward.push([...candidate].reverse());
  forward.sort(compareLexicographic);
  yield* forward;
}

/** Each forward candidate as one exact integer: its digits in base `objectCount`. */
function* byNumericKeys(fromReceiver: Iterable<readonly number[]>, order: number, objectCount: number): Generator<number[]> {
  let keys = new Float64Array(1024);
  let count = 0;
  for (const candidate of fromReceiver) {
    // candidate[order - 1] is the forward candidate's first object: the most significant digit.
    let key = 0;
    for (let k = order - 1; k >= 0; k--) key = key * objectCount + candidate[k]!;
    if (count === keys.length) {
      const grown = new Float64Array(2 * keys.length);
      grown.set(keys);
      keys = grown;
    }
    keys[count++] = key;
  }
  const sorted = keys.subarray(0, count).sort();
  for (let i = 0; i < count; i++) {
    let key = sorted[i]!;
    const forward = new Array<number>(order);
    for (let k = order - 1; k >= 0; k--) {
      const digit = key % objectCount;
      forward[k] = digit;
      key = (key - digit) / objectCount;
    }
    yield forward;
  }
}

function compareLexicographic(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}
