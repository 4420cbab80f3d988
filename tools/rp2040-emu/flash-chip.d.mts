// Types for flash-chip.mjs (used from TypeScript tests).
import type { FlashStore } from "./flash-store.mjs";
export const FLASH_SIZE: number;
export const PAGE_SIZE: number;
export const SECTOR_SIZE: number;
export const JEDEC_ID: number[];
export interface FlashTimes {
  pageProgram: number;
  sectorErase: number;
  blockErase32: number;
  blockErase64: number;
  chipErase: number;
  writeStatus: number;
  reset: number;
}
export const TYPICAL_TIMES: FlashTimes;
export interface ChipOptions {
  now?: () => number;
  times?: FlashTimes;
  problem?: (message: string) => void;
  beforeChange?: (offset: number, length: number) => void;
  uniqueId?: Uint8Array | null;
}
export class W25Q16JV {
  constructor(store: FlashStore, options?: ChipOptions);
  readonly bytes: Uint8Array;
  /** what 4B answers (the USB serial number of bsp-test) */
  readonly uniqueId: Uint8Array;
  readonly busy: boolean;
  readonly status1Value: number;
  readonly quadEnabled: boolean;
  status2: number;
  busyUntil: number;
  continuousRead: boolean;
  poweredDown: boolean;
  powerLost: boolean;
  onPowerCut: () => void;
  counts: { erases: number; programs: number; reads: number };
  cutPowerDuringNextProgram(bytes: number): void;
  select(): void;
  deselect(): void;
  idle(cycles: number): void;
  exchange(out: number, lanes?: number): number;
}
