// The one global STS adds to ES2022's library: console.log (docs/static-typescript.md).
declare var console: {
  log(...values: (number | bigint | string | boolean)[]): void;
};

// For the JavaScript body of core/text.ts's @intrinsic `utf8` only: in C the
// call is the runtime's sts_str_utf8, and STS code elsewhere cannot use it.
declare class TextEncoder {
  encode(input: string): Uint8Array;
}
