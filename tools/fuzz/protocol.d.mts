// Types for protocol.mjs and protocol-inputs.mjs (used from TypeScript tests).
export interface Finding {
  kind: "crash" | "hang" | "state";
  batch: number;
  detail: string;
  file: string;
}
export interface ProtocolFuzzStats {
  target: string;
  seed: number;
  inputs: number;
  batches: number;
  kinds: Record<string, number>;
  /** inputs the board read as frames (a valid CRC) */
  frames: number;
  commits: number;
  installsSeen: number;
  removesSeen: number;
  resets: number;
  badFrameHints: number;
  /** frames with an id that got no reply (a full outbox drops replies) */
  unanswered: number;
  seconds: number;
  findings: Finding[];
}
export interface ProtocolFuzzOptions {
  target?: string;
  iterations?: number;
  seed?: number;
  batch?: number;
  hangMs?: number;
  nativeBuild?: "debug" | "release";
  saveDir?: string;
  log?: (line: string) => void;
}
export function fuzzProtocol(options?: ProtocolFuzzOptions): Promise<ProtocolFuzzStats>;
export interface Installed {
  size: number;
  sha256: string;
  caps: string;
  autostart: boolean;
}
export interface Allowed {
  removed: Set<string>;
  autostart: Set<string>;
  begun: { name: string; install: boolean }[];
  committed: boolean;
  safe: boolean;
  reset: boolean;
}
export function allowedChanges(proto: unknown, frames: { type: number; id: number; body: Uint8Array }[]): Allowed;
export function stateProblems(before: Map<string, Installed>, after: Map<string, Installed>, allowed: Allowed, model: { known: Set<string>; installBegun: Set<string> }): string[];
export function main(argv: string[]): Promise<number>;
