// Types for image.mjs (used from TypeScript tests).
export interface Segment {
  offset: number;
  bytes: Uint8Array;
}
export const FLASH_BASE: number;
export const UF2_FAMILY_RP2040: number;
export function elfSegments(bytes: Uint8Array, flashSize: number): Segment[];
export function uf2Segments(bytes: Uint8Array, flashSize: number): Segment[];
export function readImage(file: string, flashSize: number): Segment[];
export function imageSegments(bytes: Uint8Array, flashSize: number, name?: string): Segment[];
export function crc32Mpeg2(bytes: Uint8Array): number;
