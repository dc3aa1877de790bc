/**
 * How the search index keeps its doc numbers, field masks and run ends: as
 * typed arrays, which structured clone copies as one block of bytes where a
 * plain array is copied number by number. Reading the index of 50,000
 * articles back spent 26 s in that copy with plain arrays (bench/README.md,
 * "Import and the integrity check"). Records written before are plain arrays
 * of numbers; every reader takes either, and `compactIndex` rewrites them.
 */

/** Ascending doc numbers, or the ends of a segment's runs. */
export type StoredNumbers = Uint32Array | number[];
/** Field masks (lib/search/search-fields.ts FIELD: seven bits). */
export type StoredMasks = Uint8Array | number[];

export const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** Can this be read as doc numbers (or run ends) the index wrote? */
export function isStoredNumbers(value: unknown): value is StoredNumbers {
  return value instanceof Uint32Array || (Array.isArray(value) && value.every(isCount));
}

/** Can this be read as field masks the index wrote? */
export function isStoredMasks(value: unknown): value is StoredMasks {
  return value instanceof Uint8Array || (Array.isArray(value) && value.every(isCount));
}

/** Is this list still in the plain form of records written before typed arrays? */
export const isPlain = (list: StoredNumbers | StoredMasks): list is number[] => Array.isArray(list);

export const toStoredNumbers = (list: ArrayLike<number>): Uint32Array => (list instanceof Uint32Array ? list : Uint32Array.from(list));
export const toStoredMasks = (list: ArrayLike<number>): Uint8Array => (list instanceof Uint8Array ? list : Uint8Array.from(list));

/** `first` followed by `then`, in a new typed array. */
export function joinNumbers(first: ArrayLike<number>, then: ArrayLike<number>): Uint32Array {
  const joined = new Uint32Array(first.length + then.length);
  joined.set(first);
  joined.set(then, first.length);
  return joined;
}

export function joinMasks(first: ArrayLike<number>, then: ArrayLike<number>): Uint8Array {
  const joined = new Uint8Array(first.length + then.length);
  joined.set(first);
  joined.set(then, first.length);
  return joined;
}

/** Pushes list[from .. to) onto `into`. */
export function pushRange(into: number[], list: ArrayLike<number>, from = 0, to = list.length): void {
  for (let i = from; i < to; i += 1) into.push(list[i]!);
}
