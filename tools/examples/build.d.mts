// Types for build.mjs (used from TypeScript tests).
export interface Example {
  lang: "c" | "rust" | "as";
  name: string;
  kind: "command" | "reactor";
}
/** Every example module `npm run examples` builds. */
export const EXAMPLES: Example[];
export const outRoot: string;
export function sourceOf(example: Example): string;
export function outputOf(example: Example): string;
export function buildExamples(options?: { force?: boolean; langs?: string[] }): Promise<unknown>;
