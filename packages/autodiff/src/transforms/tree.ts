/**
 * Nested structures ("trees") of tensors: the arguments and results of
 * differentiated functions may be tensors, numbers, Float64Arrays, nested
 * number arrays, or arrays and plain objects of those.
 *
 * @module
 */
import { asTensor } from '../tensor/create.js';
import { Tensor, type NestedNumbers } from '../tensor/tensor.js';

/** A leaf: something that converts to one tensor. */
export type Leaf = Tensor | number | Float64Array | NestedNumbers;

/** A tree of leaves: leaves nested in arrays and plain objects. */
export type Tree = Leaf | readonly Tree[] | { readonly [key: string]: Tree };

type LeafKind = 'tensor' | 'number' | 'float64array' | 'nested';

/** A flattened tree: its leaves as tensors, and how to rebuild it. */
export interface FlatTree {
  /** The leaves, depth-first, as tensors (no copy for tensors). */
  readonly leaves: Tensor[];
  /** Rebuild a tree of the same structure from one tensor per leaf, each in the form of the original leaf. */
  unflatten(values: readonly Tensor[]): Tree;
  /** Rebuild a tree of the same structure, keeping the given tensors as tensors. */
  unflattenTensors(values: readonly Tensor[]): Tree;
}

/**
 * Whether a value is a leaf: a Tensor, a number, a Float64Array, or an array
 * of numbers (nested to any depth).
 *
 * @example
 * ```ts
 * isLeaf([[1, 2]]); // true
 * isLeaf({ a: 1 }); // false
 * ```
 */
export function isLeaf(value: unknown): value is Leaf {
  if (typeof value === 'number' || value instanceof Tensor || value instanceof Float64Array) return true;
  return Array.isArray(value) && isNumericArray(value);
}

/** An array of numbers, or of numeric arrays, all the way down (ragged ones included: conversion reports those). */
function isNumericArray(value: readonly unknown[]): boolean {
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (typeof item === 'number') continue;
    if (!Array.isArray(item) || item.length === 0 || !isNumericArray(item)) return false;
  }
  return true;
}

function kindOf(leaf: Leaf): LeafKind {
  if (leaf instanceof Tensor) return 'tensor';
  if (typeof leaf === 'number') return 'number';
  if (leaf instanceof Float64Array) return 'float64array';
  return 'nested';
}

function convert(t: Tensor, kind: LeafKind): Leaf {
  switch (kind) {
    case 'tensor':
      return t;
    case 'number':
      return t.data[0]!;
    case 'float64array':
      return t.data;
    case 'nested':
      return t.toArray();
  }
}

/**
 * Flatten a tree into its leaves.
 *
 * @param where - name of the tree in error messages.
 * @throws Error naming the place of a value that is neither a leaf nor a container.
 * @example
 * ```ts
 * const flat = flatten({ a: 1, b: [tensor([1, 2])] });
 * flat.leaves.length; // 2
 * ```
 */
export function flatten(tree: Tree, where = 'argument'): FlatTree {
  const flat = new FlattenedTree(tree, where);
  // Plain functions, so that they may be detached (`const { unflatten } = flatten(t)`).
  return {
    leaves: flat.leaves,
    unflatten: (values) => flat.unflatten(values),
    unflattenTensors: (values) => flat.unflattenTensors(values),
  };
}

/**
 * A flattened tree as a class: `flatten` without the per-call closures,
 * for the hot paths of the package (`grad` flattens its arguments on every
 * call). Its methods must be called on the object.
 *
 * @internal
 * @example
 * ```ts
 * const flat = new FlattenedTree({ a: 1, b: [tensor([1, 2])] });
 * flat.unflatten([scalar(3), tensor([4, 5])]); // { a: 3, b: [Tensor [4, 5]] }
 * ```
 */
export class FlattenedTree implements FlatTree {
  /** The leaves, depth-first, as tensors (no copy for tensors). */
  readonly leaves: Tensor[] = [];
  /** The form of each leaf, to give rebuilt leaves the same. */
  private readonly kinds: LeafKind[] = [];
  /** The tree flattened: its structure, walked again to rebuild. */
  private readonly tree: Tree;

  /**
   * @param where - name of the tree in error messages.
   * @throws Error naming the place of a value that is neither a leaf nor a container.
   */
  constructor(tree: Tree, where = 'argument') {
    this.tree = tree;
    collectLeaves(tree, where, this.leaves, this.kinds);
  }

  /** Rebuild a tree of the same structure from one tensor per leaf, each in the form of the original leaf. */
  unflatten(values: readonly Tensor[]): Tree {
    return rebuild(this.tree, values, this.kinds, false, { next: 0 });
  }

  /** Rebuild a tree of the same structure, keeping the given tensors as tensors. */
  unflattenTensors(values: readonly Tensor[]): Tree {
    return rebuild(this.tree, values, this.kinds, true, { next: 0 });
  }
}

/** Append the leaves of `node`, depth-first, as tensors to `leaves` and their forms to `kinds`. */
function collectLeaves(node: unknown, path: string, leaves: Tensor[], kinds: LeafKind[]): void {
  if (isLeaf(node)) {
    leaves.push(asTensor(node, path));
    kinds.push(kindOf(node));
  } else if (Array.isArray(node)) {
    node.forEach((child, i) => collectLeaves(child, `${path}[${i}]`, leaves, kinds));
  } else if (node !== null && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
    for (const key of Object.keys(node)) collectLeaves((node as Record<string, unknown>)[key], `${path}.${key}`, leaves, kinds);
  } else {
    throw new Error(`${path}: expected a tensor, a number, an array or a plain object, got ${node === null ? 'null' : typeof node}`);
  }
}

/** The structure of `node` with its leaves replaced, in order, by `values` (from `cursor.next` on). */
function rebuild(node: unknown, values: readonly Tensor[], kinds: readonly LeafKind[], asTensors: boolean, cursor: { next: number }): Tree {
  if (isLeaf(node)) {
    const k = cursor.next++;
    return asTensors ? values[k]! : convert(values[k]!, kinds[k]!);
  }
  if (Array.isArray(node)) return node.map((child) => rebuild(child, values, kinds, asTensors, cursor));
  const result: Record<string, Tree> = {};
  for (const key of Object.keys(node as object)) result[key] = rebuild((node as Record<string, unknown>)[key], values, kinds, asTensors, cursor);
  return result;
}
