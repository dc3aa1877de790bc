// Types for prng.mjs, so TypeScript tests can draw from the same generator.

export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
}

export function createRandom(seed: number): Random;
