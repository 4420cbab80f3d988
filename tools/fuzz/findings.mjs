// Where the fuzzers put what they find: <dir>/<name>.wasm plus one JSON line
// per finding in <dir>/findings.jsonl (seed, input number, what went wrong).
// An execution finding carries its test case (calls, arguments, types) in a
// custom section, so that `run.mjs --check FILE` replays it from the file alone.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Bytes, readUleb, sections } from "./wasm-bytes.mjs";

export const CASE_SECTION = "wasmcu-fuzz-case";

const toJson = (v) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));

export function saveFinding(dir, name, bytes, meta) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name + ".wasm");
  writeFileSync(file, bytes);
  appendFileSync(join(dir, "findings.jsonl"), toJson({ file: name + ".wasm", ...meta }) + "\n");
  return file;
}

/** bytes with the test case appended as a custom section (ignored by every engine). */
export function withCase(bytes, tc) {
  const payload = new Bytes().sized(new TextEncoder().encode(CASE_SECTION)).raw(new TextEncoder().encode(toJson(tc)));
  return new Bytes().raw(bytes).byte(0).sized(payload.bytes()).bytes();
}

/** The test case stored in a module's custom section, or null. */
export function readCase(bytes) {
  const secs = sections(bytes);
  if (secs === null) return null;
  for (const s of secs) {
    if (s.id !== 0) continue;
    const len = readUleb(bytes, s.payloadStart);
    if (len === null) continue;
    const name = new TextDecoder().decode(bytes.subarray(len.next, len.next + len.value));
    if (name !== CASE_SECTION) continue;
    const tc = JSON.parse(new TextDecoder().decode(bytes.subarray(len.next + len.value, s.end)));
    for (const c of tc.calls) c.args = c.args.map((a) => BigInt(a));
    return tc;
  }
  return null;
}
