// Types for flash.mjs (used from TypeScript tests).
export const ERASE_SIZE: number;
export const PAGE_SIZE: number;
export class PowerCut extends Error {}
export interface SimFlashOptions {
  eraseSize?: number;
  pageSize?: number;
  /** initial contents (exactly `size` bytes); default all 0xFF */
  image?: Uint8Array | null;
  /** where driver errors are reported (default console.error) */
  log?: (message: string) => void;
}
export class SimFlash {
  constructor(size: number, options?: SimFlashOptions);
  static open(file: string, size: number, options?: SimFlashOptions): SimFlash;
  readonly size: number;
  readonly eraseSize: number;
  readonly pageSize: number;
  /** the image itself (do not write it) */
  readonly bytes: Uint8Array;
  /** programs and erases done so far */
  readonly operations: number;
  readonly programs: number;
  readonly erases: number;
  readonly wear: Uint32Array;
  close(): void;
  cutAfter(n: number, options?: { tornBytes?: number | null; tornFrom?: "start" | "end" }): void;
  powerOn(): void;
  snapshot(): Uint8Array;
  read(address: number, bytes: Uint8Array, offset: number, length: number): number;
  program(address: number, bytes: Uint8Array, offset: number, length: number): number;
  erase(address: number): number;
}
export function installFlash(flash: SimFlash): void;
