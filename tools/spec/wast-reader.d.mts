// Types for wast-reader.mjs (used from TypeScript tests).
export interface Command {
  type: string;
  line: number;
  filename?: string;
  [field: string]: unknown;
}
export class WastReader {
  static create(opts: { customPageSizes: boolean }): Promise<WastReader>;
  convert(src: Uint8Array, file: string, outDir: string, base: string): { source_filename: string; commands: Command[] };
}
