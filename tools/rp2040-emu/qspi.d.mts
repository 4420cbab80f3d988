// Types for qspi.mjs (used from TypeScript tests).
import type { RP2040 } from "rp2040js";
import type { W25Q16JV } from "./flash-chip.mjs";
export interface Ssi {
  csAsserted: boolean;
  csOverride: number;
  readonly busy: boolean;
}
export interface Xip {
  check(): string;
  flush(): void;
  counts: { flushes: number };
}
export function installQspi(
  rp2040: RP2040,
  chip: W25Q16JV,
  handlers: { problem: (message: string) => void; fault: (message: string) => void },
): { ssi: Ssi; xip: Xip };
