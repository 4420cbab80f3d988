// Types for convert.mjs (used from TypeScript tests).
export interface Script {
  name: string;
  wast: string;
  simd: boolean;
  customPageSizes: boolean;
}
export interface ConvertedScript extends Script {
  dir?: string;
  json?: string;
  route?: string;
  error?: string;
}
export const suiteDir: string;
export const outRoot: string;
export function listScripts(): Script[];
export function repairJson(text: string): string;
export function convertScript(script: Script): Promise<ConvertedScript>;
export function convertScripts(names: string[]): Promise<ConvertedScript[]>;
