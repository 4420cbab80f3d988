// Types for native-board.mjs (used from TypeScript tests).
import type { ChildProcess } from "node:child_process";
import type { EventEmitter } from "node:events";

export class StepError extends Error {}

/** One JSON line of the board's stdout: {"event":"gpio"|"reset"|"ready", ...}. */
export interface BoardEvent {
  event: string;
  pin?: number;
  level?: number;
  mode?: number;
  us?: number;
  reason?: string;
  [key: string]: unknown;
}

export interface NativeBoardOptions {
  board?: "rp2040" | "esp32";
  flash?: string;
  baud?: number;
  link?: string;
  watchdogMs?: number;
  /** programs and erases take a W25Q16JV's time, in steps that a kill can tear (--flash-timing) */
  flashTiming?: boolean;
  exitWithParent?: boolean;
  debug?: boolean;
  entry?: "firmware" | "test";
  binary?: string;
  stderr?: "pipe" | "inherit";
  log?: (message: string) => void;
}

export interface NativeBoard {
  path: string;
  child: ChildProcess;
  events: EventEmitter;
  history: BoardEvent[];
  stderr(): string;
  waitFor(pred: (e: BoardEvent) => boolean, timeoutMs?: number, from?: number): Promise<BoardEvent>;
  stop(): Promise<{ code: number | null; signal: string | null }>;
}

export function buildNativeFirmware(options?: {
  debug?: boolean;
  entry?: "firmware" | "test";
  log?: (message: string) => void;
}): string;
export function nativeBoardArgs(options?: NativeBoardOptions): string[];
export function startNativeBoard(options?: NativeBoardOptions): Promise<NativeBoard>;
