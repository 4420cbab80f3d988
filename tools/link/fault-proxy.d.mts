// Types for fault-proxy.mjs (used from TypeScript tests).
export const FAULT_KINDS: string[];
export interface LaneStats {
  /** bytes that went through (before faults) */
  bytes: number;
  flip: number;
  drop: number;
  dup: number;
  delay: number;
  delayMs: number;
  /** bytes lost to cut() */
  cut: number;
}
export interface FaultProxyOptions {
  /** the board's port (a simulator's pty) */
  port: string;
  /** faults per byte, 0..1 (default 1e-3) */
  rate?: number;
  seed?: number;
  /** relative odds of each kind (default 1 each; 0 turns a kind off) */
  weights?: Partial<Record<"flip" | "drop" | "dup" | "delay", number>>;
  maxDelayMs?: number;
  link?: string | null;
}
export interface FaultProxy {
  /** the pty the host opens */
  path: string;
  stats: { toBoard: LaneStats; toHost: LaneStats };
  faults(): number;
  setRate(rate: number): void;
  cut(): void;
  cutAfter(bytesToBoard: number): void;
  restore(): void;
  close(): Promise<void>;
}
export function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy>;
