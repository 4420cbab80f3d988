// Types for errors.mjs (used from TypeScript tests).
export class BoardError extends Error {
  constructor(code: number, codeName: string, message: string);
  code: number;
  codeName: string;
}
export class BoardTimeout extends Error {}
export class ProtocolError extends Error {}
