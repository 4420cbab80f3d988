// Types for uf2.mjs.

export const UF2_BLOCK_SIZE: number;
export const UF2_MAGIC_START0: number;
export const UF2_MAGIC_START1: number;
export const UF2_MAGIC_END: number;
export const UF2_FLAG_NOT_MAIN_FLASH: number;
export const UF2_FLAG_FAMILY_ID_PRESENT: number;
export const RP2040_FAMILY_ID: number;
export const RP2040_FLASH_BASE: number;

export interface Uf2Block {
  address: number;
  data: Uint8Array;
  flags: number;
  familyId: number | null;
  blockNo: number;
  numBlocks: number;
}

export function uf2FromBinary(
  bin: Uint8Array,
  options?: { base?: number; familyId?: number; payloadSize?: number },
): Uint8Array;

export function parseUf2(file: Uint8Array): Uf2Block[];
