// Types for cycles.mjs (used from TypeScript tests).
import type { BoardClient } from "../link/client.mjs";
export const TARGETS: string[];
export const RSS_NOISE_KB: number;
export const RSS_STEADY_KB: number;
export interface BoardFigures {
  ramFree: number;
  ramTotal: number;
  flashFree: number;
  flashTotal: number;
  /** the native board's process (absent for the in-process simulator) */
  board?: { rssKb: number; fds: number };
}
export interface HostFigures {
  fds: number;
  resources: Record<string, number>;
}
export interface TargetCycles {
  target: string;
  cycles: number;
  seconds: number;
  host: { before: HostFigures; after: HostFigures };
  start: BoardFigures | null;
  end: BoardFigures | null;
  samples: (BoardFigures & { cycle: number })[];
  /** what did not come back to its baseline, or a cycle's error */
  problems: string[];
}
export function runCycles(options: {
  cycles: number;
  seed?: number;
  targets?: string[];
  samples?: number;
  progress?: (line: string) => void;
  afterCycle?: (client: BoardClient, cycle: number) => Promise<unknown>;
}): Promise<{ targets: TargetCycles[] }>;
