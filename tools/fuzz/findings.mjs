// Where the fuzzers put what they find: <dir>/<name>.wasm plus one JSON line
// per finding in <dir>/findings.jsonl (seed, input number, what went wrong).
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function saveFinding(dir, name, bytes, meta) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name + ".wasm");
  writeFileSync(file, bytes);
  const line = JSON.stringify({ file: name + ".wasm", ...meta }, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  appendFileSync(join(dir, "findings.jsonl"), line + "\n");
  return file;
}
