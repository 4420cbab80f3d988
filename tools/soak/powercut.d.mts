// Types for powercut.mjs (used from TypeScript tests).
export interface CutFailure {
  cut: number;
  op: string;
  message: string;
  /** the folder with the flash images before and after the cut */
  images: string;
}
export interface PowerCutFigures {
  seed: number;
  /** cuts that reached the checks */
  cuts: number;
  /** the store held the state before the operation */
  old: number;
  /** the store held the state after it */
  new: number;
  /** cuts after the board had acknowledged the operation (the new state is then required) */
  acknowledged: number;
  /** cuts followed by a second one while the board booted and repaired */
  doubleCuts: number;
  setupInstalls: number;
  failures: CutFailure[];
  byKind: Record<string, { old: number; new: number; failed: number }>;
  phaseSeconds: Record<string, number>;
  seconds: number;
}
export function runPowerCuts(options: {
  cuts: number;
  seed?: number;
  log?: (message: string) => void;
  progress?: (line: string) => void;
  failureDir?: string;
  afterCut?: (flashFile: string) => void;
}): Promise<PowerCutFigures>;
