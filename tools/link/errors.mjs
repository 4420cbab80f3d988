// What can go wrong talking to a board, one class per way, so the CLI maps
// each to its exit status (tools/cli/README.md, "Exit status").

/** The board answered ERROR {code, message}. `codeName` is the protocol's name of the code ("NoSuchModule"). */
export class BoardError extends Error {
  constructor(code, codeName, message) {
    super(message);
    this.name = "BoardError";
    this.code = code;
    this.codeName = codeName;
  }
}

/** The board did not answer in time, even after the retries, or went away mid-request. */
export class BoardTimeout extends Error {
  constructor(message) {
    super(message);
    this.name = "BoardTimeout";
  }
}

/** The board answered, but not in this wasmcu's protocol (another version, or something that is not a wasmcu board). */
export class ProtocolError extends Error {
  constructor(message) {
    super(message);
    this.name = "ProtocolError";
  }
}
