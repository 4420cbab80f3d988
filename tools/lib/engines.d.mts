// Types for engines.mjs (used from TypeScript tests).
export class StepError extends Error {}
export interface JsEngine {
  runCommand(bytes: Uint8Array, args: Uint8Array[], env: Uint8Array[], limits: object): number;
  Limits: new () => { fuel: number; maxMemoryBytes: number; maxTableElements: number; maxCallDepth: number; valueStackSlots: number };
  EXIT_TRAP: number;
  EXIT_NOT_RUN: number;
}
export function loadJsEngine(): Promise<JsEngine>;
export function buildCEngine(options?: { debug?: boolean; log?: (message: string) => void }): string;
