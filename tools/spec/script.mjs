// Runs one converted spec script (JSON commands, see convert.mjs) against a
// backend (backends.mjs) and counts its assertions.
//
// Counted: every module, action and assert_* command (a register only when it
// fails). Skipped: the whole script for SIMD, text modules of
// assert_malformed / assert_invalid (`module quote`: the engine reads
// binaries only), modules the converter could not compile, and commands with
// v128 values.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { UnsupportedValue, argBits, matches, showBits, showValue } from "./values.mjs";

const counted = (c) => c.type !== "register";

function describeAction(a) {
  const mod = a.module ? `${a.module} ` : "";
  if (a.type === "get") return `get ${mod}"${a.field}"`;
  return `invoke ${mod}"${a.field}"(${a.args.map(showValue).join(", ")})`;
}

function describe(c) {
  if (c.action) return `${c.type} ${describeAction(c.action)}`;
  if (c.type === "module") return `module${c.name ? " " + c.name : ""} ${c.filename}`;
  if (c.type === "register") return `register "${c.as}"${c.name ? " " + c.name : ""}`;
  return `${c.type} ${c.filename}${c.text ? ` "${c.text}"` : ""}`;
}

function showReply(r) {
  if (r.kind === "ok") return "success";
  if (r.kind === "trap") return `trap "${r.message}"`;
  return `${r.kind}: ${r.message}`;
}

/**
 * A trap's message matches the script's text when it starts with it. The
 * reference interpreter adds details the engines do not know (bulk.wast
 * expects "uninitialized element 2": the element's index), so a trailing
 * number of the expected text is optional.
 */
function trapMatches(reply, text) {
  if (reply.kind !== "trap") return false;
  const general = text.replace(/ \d+$/, "");
  return (reply.messages ?? [reply.message ?? ""]).some((m) => m.startsWith(text) || m.startsWith(general));
}

const hasV128 = (c) =>
  (c.expected ?? []).some((v) => v.type === "v128") || (c.action?.args ?? []).some((v) => v.type === "v128");

/**
 * Runs `script` ({ name, json, dir, simd }) on `backend`. options.strictErrors:
 * assert_malformed passes only when decoding fails, assert_invalid only when
 * validation fails (by default any rejection passes both). Returns
 * { name, passed, failed, skipped, failures: [{ line, command, detail }] }.
 */
export async function runScript(script, backend, options = {}) {
  const t0 = Date.now();
  const data = JSON.parse(readFileSync(script.json, "utf8"));
  const result = { name: script.name, passed: 0, failed: 0, skipped: 0, failures: [] };
  if (script.simd) {
    result.skipped = data.commands.filter(counted).length;
    return result;
  }
  const bytesOf = (c) => readFileSync(join(script.dir, c.filename));
  const fail = (c, detail) => {
    result.failed++;
    result.failures.push({ line: c.line, command: describe(c), detail });
  };

  /** Runs an action; returns the reply (and `values`: the results as slot bits, on success). */
  const act = async (a, expectedTypes) => {
    const mod = a.module ?? null;
    if (a.type === "get") {
      const r = await backend.get(mod, a.field);
      if (r.kind === "ok") r.values = backend.results(r, expectedTypes);
      return r;
    }
    const r = await backend.invoke(mod, a.field, a.args.map(argBits), a.args.map((v) => v.type));
    if (r.kind === "ok") r.values = backend.results(r, expectedTypes);
    return r;
  };

  // the custom-page-sizes proposal's tests declare two memories: multi-memory is on for them only
  await backend.open({ multiMemory: script.name.startsWith("custom-page-sizes/") });
  try {
    for (const c of data.commands) {
      if (hasV128(c) || c.unconvertible || ((c.type === "assert_malformed" || c.type === "assert_invalid") && c.module_type === "text")) {
        if (counted(c)) result.skipped++;
        continue;
      }
      try {
        await runCommand(c);
      } catch (e) {
        if (!(e instanceof UnsupportedValue)) throw e;
        result.skipped++;
      }
    }
  } finally {
    await backend.close();
  }
  result.ms = Date.now() - t0;
  return result;

  async function runCommand(c) {
    switch (c.type) {
      case "module": {
        const r = await backend.module(bytesOf(c), c.name ?? null);
        if (r.kind === "ok") result.passed++;
        else fail(c, `module failed: ${showReply(r)}`);
        return;
      }
      case "register": {
        const r = await backend.register(c.as, c.name ?? null);
        if (r.kind !== "ok") fail(c, showReply(r));
        return;
      }
      case "action": {
        const r = await act(c.action, (c.expected ?? []).map((v) => v.type));
        if (r.kind === "ok") result.passed++;
        else fail(c, showReply(r));
        return;
      }
      case "assert_return": {
        const r = await act(c.action, c.expected.map((v) => v.type));
        if (r.kind !== "ok") return fail(c, `expected ${c.expected.map(showValue).join(", ") || "no results"}, got ${showReply(r)}`);
        const got = r.values;
        const ok = got.length === c.expected.length && c.expected.every((v, i) => matches(v, got[i]));
        if (ok) result.passed++;
        else {
          const shown = got.map((b, i) => showBits(c.expected[i]?.type ?? "i64", b)).join(", ");
          fail(c, `expected ${c.expected.map(showValue).join(", ") || "no results"}, got ${shown || "no results"}`);
        }
        return;
      }
      case "assert_trap": {
        const r = await act(c.action, []);
        if (trapMatches(r, c.text)) result.passed++;
        else fail(c, `expected trap "${c.text}", got ${showReply(r)}`);
        return;
      }
      case "assert_exhaustion": {
        const r = await act(c.action, []);
        if (backend.isExhaustion(r)) result.passed++;
        else fail(c, `expected exhaustion "${c.text}", got ${showReply(r)}`);
        return;
      }
      case "assert_invalid":
      case "assert_malformed": {
        const r = await backend.check(bytesOf(c));
        const want = c.type === "assert_malformed" ? "malformed" : "invalid";
        if (r.kind === want || (!options.strictErrors && (r.kind === "malformed" || r.kind === "invalid"))) result.passed++;
        else fail(c, `expected the module to be rejected as ${want} ("${c.text}"), got ${showReply(r)}`);
        return;
      }
      case "assert_unlinkable": {
        const r = await backend.module(bytesOf(c), null);
        if (r.kind === "unlinkable") result.passed++;
        else fail(c, `expected unlinkable ("${c.text}"), got ${showReply(r)}`);
        return;
      }
      case "assert_uninstantiable": {
        const r = await backend.module(bytesOf(c), null);
        if (trapMatches(r, c.text)) result.passed++;
        else fail(c, `expected instantiation to trap "${c.text}", got ${showReply(r)}`);
        return;
      }
      default:
        fail(c, `unknown command type ${c.type}`);
    }
  }
}
