// Types for wire.mjs (used from TypeScript tests). Messages are plain objects: {type, id, ...fields}.
export type Message = { type: string; id: number; flags?: number; [field: string]: any };
export type ReadItem = { kind: "frame"; message: Message } | { kind: "text"; text: string } | { kind: "corrupt"; why: string };
export interface WireReader {
  push(bytes: Uint8Array): ReadItem[];
}
export interface Wire {
  PROTOCOL_VERSION: number;
  MAX_BODY: number;
  encode(type: string, id: number, fields?: object): Uint8Array;
  newReader(): WireReader;
  errorCodeName(code: number): string;
  ModuleState: Record<string, number>;
  ExitKind: Record<string, number>;
  LogStream: Record<string, number>;
  EngineFeature: Record<string, number>;
  ErrorCode: Record<string, number>;
}
export function loadWire(): Promise<Wire>;
