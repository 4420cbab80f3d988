// Types for backends.mjs (used from TypeScript tests).
export interface Reply {
  kind: string;
  results?: bigint[];
  code?: number;
  message?: string;
  messages?: string[];
}
export function parseReply(line: string): Reply;
