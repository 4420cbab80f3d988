// Types for values.mjs (used from TypeScript tests).
export interface SpecValue {
  type: string;
  value?: string;
}
export class UnsupportedValue extends Error {}
export function argBits(v: SpecValue): bigint;
export function matches(expected: SpecValue, bits: bigint): boolean;
export function showBits(type: string, bits: bigint): string;
export function showValue(v: SpecValue): string;
