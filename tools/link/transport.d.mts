// Types for transport.mjs (used from TypeScript tests).
export const DEFAULT_BAUD: number;
export class PortError extends Error {
  path: string;
}
export interface OpenOptions {
  baud?: number;
  dtr?: boolean;
  rts?: boolean;
  warn?: (message: string) => void;
}
export class Transport {
  static open(path: string, options?: OpenOptions): Promise<Transport>;
  readonly path: string;
  readonly closed: boolean;
  onData(listener: (bytes: Uint8Array) => void): void;
  onClose(listener: (error: Error | null) => void): void;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
