// Types for flash-store.mjs (used from TypeScript tests).
export class FlashStore {
  constructor(size: number, options?: { image?: Uint8Array | null; status?: number[] });
  static open(file: string, size: number): FlashStore;
  readonly bytes: Uint8Array;
  readonly status: Uint8Array;
  readonly file: string | null;
  changed(offset: number, length: number): void;
  saveStatus(status: ArrayLike<number>): void;
  load(segments: { offset: number; bytes: Uint8Array }[]): void;
  close(): void;
}
