// Types for client.mjs (used from TypeScript tests).
import type { Transport } from "./transport.mjs";
import type { Message, Wire } from "./wire.mjs";
export { BoardError, BoardTimeout, ProtocolError } from "./errors.mjs";
export const DEFAULT_TIMEOUT_MS: number;
export const DEFAULT_RETRIES: number;
export interface ClientOptions {
  timeoutMs?: number;
  retries?: number;
  onBanner?: (line: string) => void;
  onCorrupt?: (why: string) => void;
}
export interface UploadOptions {
  name: string;
  mode?: "run" | "install";
  autostart?: boolean;
  caps?: string;
  args?: string[];
  onCommitted?: () => void;
}
export interface UploadResult {
  skipped: boolean;
  resumedFrom: number;
  bytes: number;
  seconds: number;
  retransmits: number;
}
export class BoardClient {
  constructor(transport: Transport, wire: Wire, options?: ClientOptions);
  board: Message | null;
  corruptCount: number;
  /** resolves when the port closes or breaks */
  closed: Promise<Error>;
  request(type: string, fields?: object, options?: { timeoutMs?: number; retries?: number; expect?: string[]; onReply?: (reply: Message) => void }): Promise<Message>;
  send(type: string, id: number, fields?: object): Promise<void>;
  on(type: "LOG" | "EXIT", listener: (event: Message) => void): () => void;
  hello(): Promise<Message>;
  info(): Promise<Message>;
  list(): Promise<Message[]>;
  ping(): Promise<Message>;
  start(name: string): Promise<Message>;
  stop(name: string): Promise<Message>;
  remove(name: string): Promise<Message>;
  setAutostart(name: string, on: boolean): Promise<Message>;
  safe(): Promise<Message>;
  reset(): Promise<Message>;
  logs(fromSeq?: number): Promise<{ records: Message[]; nextSeq: number }>;
  upload(bytes: Uint8Array, options: UploadOptions, onProgress?: (done: number, total: number) => void): Promise<UploadResult>;
}
