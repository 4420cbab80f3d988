// Types for modules.mjs (used from TypeScript tests).
export interface Random {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(list: T[]): T;
  bool(): boolean;
}
export function rng(seed: number): Random;
export const MIN_MODULE_BYTES: number;
export const MAX_MODULE_BYTES: number;
export function commandModule(size: number, random: Random, options?: { waitMs?: number; log?: string | null }): Uint8Array;
export function sha256Hex(bytes: Uint8Array): string;
