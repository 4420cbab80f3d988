// Types for protocol-inputs.mjs (used from TypeScript tests).
export const CHECKER_IDS: number;
export interface Protocol {
  m: any;
  frame: any;
}
export function loadProtocol(): Promise<Protocol>;
export interface Batch {
  bytes: Uint8Array;
  inputs: string[];
  frames: { type: number; id: number; body: Uint8Array }[];
}
export class InputMaker {
  constructor(proto: Protocol, modules: { bytes: Uint8Array; sha256: Uint8Array }[]);
  batch(rng: unknown, n: number): Batch;
  framesIn(bytes: Uint8Array): Batch["frames"];
}
