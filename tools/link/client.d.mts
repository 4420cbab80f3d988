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
  /** how long UPLOAD_COMMIT may take (default 30 s) */
  commitTimeoutMs?: number;
}
export interface UploadOptions {
  name: string;
  /** how many times the upload may begin (resumes included); default 5 */
  attempts?: number;
  mode?: "run" | "install";
  autostart?: boolean;
  caps?: string;
  args?: string[];
  onCommitted?: () => void;
}
export interface UploadResult {
  skipped: boolean;
  /** where the board had the module at the first UPLOAD_BEGIN (an earlier upload's bytes) */
  resumedFrom: number;
  bytes: number;
  seconds: number;
  /** chunks sent again */
  retransmits: number;
  /** UPLOAD_BEGINs after the first: the upload taken up again from the board's offset */
  resumes: number;
  /** UPLOAD_COMMITs sent again after one (or its reply) was lost */
  commitResends: number;
  /** requests sent again after a timeout */
  requestsResent: number;
  /** go-backs on the board's word that a frame arrived corrupt (before any timeout) */
  hintedGoBacks: number;
  /** chunk data sent, resends included */
  sentBytes: number;
  smallestChunk: number;
  /** hex SHA-256 of the module: what the board checked the bytes against */
  sha256: string;
}
export class BoardClient {
  constructor(transport: Transport, wire: Wire, options?: ClientOptions);
  board: Message | null;
  corruptCount: number;
  /** requests sent again after a timeout */
  resent: number;
  /** frames that arrived whole */
  framesReceived: number;
  timeoutMs: number;
  retries: number;
  closedError: Error | null;
  allocateId(): number;
  tapFrames(tap: (message: Message) => boolean): () => void;
  /** resolves when the port closes or breaks */
  closed: Promise<Error>;
  request(type: string, fields?: object, options?: { timeoutMs?: number; retries?: number; expect?: string[]; onReply?: (reply: Message) => void }): Promise<Message>;
  send(type: string, id: number, fields?: object): Promise<void>;
  on(type: "LOG" | "EXIT", listener: (event: Message) => void): () => void;
  hello(): Promise<Message>;
  info(): Promise<Message>;
  list(options?: { retries?: number }): Promise<Message[]>;
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
