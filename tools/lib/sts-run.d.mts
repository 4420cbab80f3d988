// Types for sts-run.mjs (used from TypeScript tests).
export interface ExecResult {
  ok: boolean;
  status: number | string;
  stdout: string;
  stderr: string;
  ms: number;
}
export const root: string;
export function rel(p: string): string;
export function exec(cmd: string, args: string[], opts?: object): ExecResult;
export class StepError extends Error {}
export function stcBuild(entry: string, outC: string, extra?: string[]): ExecResult;
export const gccStrict: string[];
export function gcc(inC: string, out: string, flags: string[]): ExecResult;
export function bundle(entry: string, outJs: string): Promise<void>;
export function runProgram(program: string, args?: string[]): ExecResult;
export function resizedCopy(file: string, sizes: Record<string, number>, dir: string): string;
