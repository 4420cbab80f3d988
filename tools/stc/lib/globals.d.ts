// The one global STS adds to ES2022's library: console.log (docs/static-typescript.md).
declare var console: {
  log(...values: (number | bigint | string | boolean)[]): void;
};
