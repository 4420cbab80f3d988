// A small .wast script reader: splits a script into its top-level commands
// and turns each into the JSON command shape that wast2json writes (same
// "type", "line", "filename", "action", "expected" fields), compiling every
// module to a .wasm file with the wabt of node_modules.
//
// Used for the scripts that Debian's wast2json 1.0.32 cannot parse: the
// custom-page-sizes proposal (`(pagesize N)`, compiled by wabt's wat2wasm
// command line, which has --enable-custom-page-sizes; its JS API has no such
// feature flag) and a few Wasm 2.0 files with syntax newer than 1.0.32
// (table.get without a table index, folded `if` with several condition
// expressions, comments.wast). Those go through wabt's JS API (parseWat).
//
// Numeric literals of arguments and expected results are turned into bits by
// wabt too (a throw-away module of `const` instructions, read back from its
// code section), so float literals round exactly as in the module text.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import wabtInit from "wabt";
import { root } from "../lib/sts-run.mjs";

const wat2wasmCli = join(root, "node_modules/wabt/bin/wat2wasm");

// ---------------------------------------------------------------- tokens

/** An s-expression: a list (`items`) or an atom / string (`text`, `bytes` for strings). */
class Sexp {
  constructor(kind, start, line) {
    this.kind = kind; // "list" | "atom" | "string"
    this.start = start; // byte offset in the source
    this.end = start;
    this.line = line;
    this.items = [];
    this.text = "";
    this.bytes = null;
  }
}

function fail(file, line, message) {
  throw new Error(`${file}:${line}: ${message}`);
}

const isSpace = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;

/** Parses the whole script into its top-level s-expressions. */
export function parseSexps(src, file) {
  let pos = 0;
  let line = 1;
  const top = [];
  const stack = [];

  function skipBlockComment() {
    // at "(;"; nests
    let depth = 0;
    while (pos < src.length) {
      if (src[pos] === 0x28 && src[pos + 1] === 0x3b) {
        depth++;
        pos += 2;
      } else if (src[pos] === 0x3b && src[pos + 1] === 0x29) {
        depth--;
        pos += 2;
        if (depth === 0) return;
      } else {
        if (src[pos] === 0x0a) line++;
        pos++;
      }
    }
    fail(file, line, "unterminated block comment");
  }

  function readString() {
    const start = pos;
    const startLine = line;
    pos++; // opening quote
    const out = [];
    for (;;) {
      if (pos >= src.length) fail(file, startLine, "unterminated string");
      const c = src[pos];
      if (c === 0x22) {
        pos++;
        break;
      }
      if (c === 0x0a) line++;
      if (c !== 0x5c) {
        out.push(c);
        pos++;
        continue;
      }
      const e = src[pos + 1];
      pos += 2;
      switch (e) {
        case 0x6e: out.push(0x0a); break; // \n
        case 0x74: out.push(0x09); break; // \t
        case 0x72: out.push(0x0d); break; // \r
        case 0x22: out.push(0x22); break;
        case 0x27: out.push(0x27); break;
        case 0x5c: out.push(0x5c); break;
        case 0x75: { // \u{hex}
          const close = src.indexOf(0x7d, pos);
          const cp = parseInt(Buffer.from(src.subarray(pos + 1, close)).toString("latin1").replace(/_/g, ""), 16);
          for (const b of Buffer.from(String.fromCodePoint(cp), "utf8")) out.push(b);
          pos = close + 1;
          break;
        }
        default: {
          const hex = Buffer.from(src.subarray(pos - 1, pos + 1)).toString("latin1");
          if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail(file, line, `bad string escape \\${hex}`);
          out.push(parseInt(hex, 16));
          pos++;
        }
      }
    }
    const s = new Sexp("string", start, startLine);
    s.end = pos;
    s.bytes = Uint8Array.from(out);
    s.text = Buffer.from(s.bytes).toString("utf8");
    return s;
  }

  while (pos < src.length) {
    const c = src[pos];
    if (isSpace(c)) {
      if (c === 0x0a) line++;
      pos++;
    } else if (c === 0x3b && src[pos + 1] === 0x3b) {
      while (pos < src.length && src[pos] !== 0x0a) pos++;
    } else if (c === 0x28 && src[pos + 1] === 0x3b) {
      skipBlockComment();
    } else if (c === 0x28) {
      stack.push(new Sexp("list", pos, line));
      pos++;
    } else if (c === 0x29) {
      const list = stack.pop();
      if (list === undefined) fail(file, line, "unbalanced )");
      pos++;
      list.end = pos;
      (stack.length ? stack[stack.length - 1].items : top).push(list);
    } else {
      let s;
      if (c === 0x22) {
        s = readString();
      } else {
        const start = pos;
        while (pos < src.length && !isSpace(src[pos]) && src[pos] !== 0x28 && src[pos] !== 0x29 && src[pos] !== 0x22 &&
          !(src[pos] === 0x3b && src[pos + 1] === 0x3b)) pos++;
        s = new Sexp("atom", start, line);
        s.end = pos;
        s.text = Buffer.from(src.subarray(start, pos)).toString("latin1");
      }
      if (!stack.length) fail(file, s.line, "text outside a command");
      stack[stack.length - 1].items.push(s);
    }
  }
  if (stack.length) fail(file, stack[stack.length - 1].line, "unbalanced (");
  return top;
}

const head = (s) => (s.kind === "list" && s.items.length && s.items[0].kind === "atom" ? s.items[0].text : "");

// ---------------------------------------------------------------- modules

/**
 * A module form: `(module $name? ...)`, `(module $name? binary "..."*)` or
 * `(module $name? quote "..."*)`. Returns { name, kind: "text"|"binary"|"quote", bytes | text }.
 */
function moduleForm(s, src, file) {
  if (head(s) !== "module") fail(file, s.line, `expected a module, found (${head(s)} ...)`);
  let i = 1;
  let name;
  if (s.items[i] && s.items[i].kind === "atom" && s.items[i].text.startsWith("$")) name = s.items[i++].text;
  const kw = s.items[i] && s.items[i].kind === "atom" ? s.items[i].text : "";
  if (kw === "binary" || kw === "quote") {
    const parts = s.items.slice(i + 1).map((x) => x.bytes);
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    return kw === "binary" ? { name, kind: "binary", bytes } : { name, kind: "quote", text: Buffer.from(bytes).toString("latin1") };
  }
  if (s.inlineText !== undefined) return { name: undefined, kind: "text", text: s.inlineText };
  // the module's own text ($name and all: wabt reads it as written)
  const text = Buffer.from(src.subarray(s.start, s.end)).toString("latin1");
  return { name, kind: "text", text };
}

const moduleFields = new Set(["type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data"]);

/** A script may be module fields without `(module ...)` (inline-module.wast): each run of them is one module. */
function withInlineModules(sexps, src) {
  const out = [];
  for (const s of sexps) {
    if (!moduleFields.has(head(s))) {
      out.push(s);
      continue;
    }
    let m = out[out.length - 1];
    if (m === undefined || m.inlineText === undefined) {
      m = new Sexp("list", s.start, s.line);
      m.items = [Object.assign(new Sexp("atom", s.start, s.line), { text: "module" })];
      m.inlineText = "(module)";
      out.push(m);
    }
    m.inlineText = m.inlineText.slice(0, -1) + " " + Buffer.from(src.subarray(s.start, s.end)).toString("latin1") + ")";
  }
  return out;
}

// ---------------------------------------------------------------- the converter

export class WastReader {
  /** @param {{ customPageSizes: boolean }} opts */
  constructor(wabt, opts) {
    this.wabt = wabt;
    this.customPageSizes = opts.customPageSizes;
    this.features = { multi_value: true, bulk_memory: true, reference_types: true, tail_call: true, extended_const: true, multi_memory: opts.customPageSizes };
  }

  static async create(opts) {
    return new WastReader(await wabtInit(), opts);
  }

  /** Text -> binary; throws with wabt's message when it cannot parse. No validation (assert_invalid modules must get through). */
  compileText(text, wasmPath) {
    if (this.customPageSizes) {
      const watPath = wasmPath.replace(/\.wasm$/, ".wat");
      writeFileSync(watPath, text, "latin1");
      const r = spawnSync(process.execPath, [wat2wasmCli, "--enable-custom-page-sizes", "--enable-multi-memory", "--no-check", watPath, "-o", wasmPath], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`wat2wasm: ${(r.stderr || r.error?.message || "").trim()}`);
      return;
    }
    const m = this.wabt.parseWat("module.wat", Uint8Array.from(Buffer.from(text, "latin1")), this.features);
    try {
      m.resolveNames();
      writeFileSync(wasmPath, m.toBinary({}).buffer);
    } finally {
      m.destroy();
    }
  }

  /**
   * Converts the script `src` (bytes) into { source_filename, commands }, writing
   * module files `<base>.<n>.wasm` / `.wat` into `outDir`.
   */
  convert(src, file, outDir, base) {
    const commands = [];
    let n = 0;
    const nextFile = (ext) => `${base}.${n++}.${ext}`;

    /** A module that must become a binary file; returns { name, filename, module_type } or throws. */
    const writeModule = (s, allowQuoteAsText) => {
      const m = moduleForm(s, src, file);
      if (m.kind === "binary") {
        const filename = nextFile("wasm");
        writeFileSync(join(outDir, filename), m.bytes);
        return { name: m.name, filename, module_type: "binary" };
      }
      if (m.kind === "quote" && allowQuoteAsText) {
        const filename = nextFile("wat");
        writeFileSync(join(outDir, filename), m.text, "latin1");
        return { name: m.name, filename, module_type: "text" };
      }
      const filename = nextFile("wasm");
      this.compileText(m.text, join(outDir, filename));
      return { name: m.name, filename, module_type: "binary" };
    };

    for (const s of withInlineModules(parseSexps(src, file), src)) {
      const kind = head(s);
      // like wast2json: an assertion's line is the line of its action or module
      const line = kind.startsWith("assert_") && s.items[1] ? s.items[1].line : s.line;
      const str = (i) => {
        const x = s.items[i];
        if (!x || x.kind !== "string") fail(file, line, `(${kind} ...): expected a string`);
        return x.text;
      };
      switch (kind) {
        case "module": {
          const m = writeModule(s, false);
          const c = { type: "module", line };
          if (m.name !== undefined) c.name = m.name;
          c.filename = m.filename;
          commands.push(c);
          break;
        }
        case "register": {
          const c = { type: "register", line };
          const target = s.items[2];
          if (target !== undefined) c.name = target.text;
          c.as = str(1);
          commands.push(c);
          break;
        }
        case "invoke":
        case "get":
          commands.push({ type: "action", line, action: this.action(s, file), expected: [] });
          break;
        case "assert_return":
          commands.push({ type: "assert_return", line, action: this.action(s.items[1], file), expected: this.values(s.items.slice(2), file) });
          break;
        case "assert_trap":
        case "assert_exhaustion": {
          const what = s.items[1];
          if (head(what) === "module") {
            const m = writeModule(what, false);
            commands.push({ type: "assert_uninstantiable", line, filename: m.filename, text: str(2), module_type: "binary" });
          } else {
            commands.push({ type: kind, line, action: this.action(what, file), text: str(2), expected: [] });
          }
          break;
        }
        case "assert_invalid":
        case "assert_malformed":
        case "assert_unlinkable":
        case "assert_uninstantiable": {
          let m;
          try {
            m = writeModule(s.items[1], kind === "assert_malformed");
          } catch (e) {
            // wabt cannot turn this text into a binary: nothing to give an engine
            const filename = nextFile("wat");
            writeFileSync(join(outDir, filename), Buffer.from(src.subarray(s.items[1].start, s.items[1].end)));
            m = { filename, module_type: "text" };
            if (kind !== "assert_malformed") m.unconvertible = String(e.message).split("\n")[0];
          }
          const c = { type: kind, line, filename: m.filename, text: str(2), module_type: m.module_type };
          if (m.unconvertible) c.unconvertible = m.unconvertible;
          commands.push(c);
          break;
        }
        default:
          fail(file, line, `unknown command (${kind} ...)`);
      }
    }
    return { source_filename: file, commands };
  }

  /** `(invoke $M? "name" args...)` / `(get $M? "name")` -> the JSON action. */
  action(s, file) {
    const kind = head(s);
    if (kind !== "invoke" && kind !== "get") fail(file, s.line, `expected an action, found (${kind} ...)`);
    let i = 1;
    const a = { type: kind };
    if (s.items[i].kind === "atom" && s.items[i].text.startsWith("$")) a.module = s.items[i++].text;
    if (s.items[i].kind !== "string") fail(file, s.line, `(${kind} ...): expected the export's name`);
    a.field = s.items[i++].text;
    if (kind === "invoke") a.args = this.values(s.items.slice(i), file);
    return a;
  }

  /** `(t.const x)`, `(ref.null t)`, `(ref.extern n)`, ... -> [{ type, value }]. */
  values(list, file) {
    const out = [];
    const numeric = []; // [index in out, instruction text]
    for (const v of list) {
      const op = head(v);
      const arg = v.items[1] ? v.items[1].text : undefined;
      if (op === "ref.null") {
        out.push({ type: arg === "func" ? "funcref" : "externref", value: "null" });
      } else if (op === "ref.extern" || op === "ref.func") {
        const r = { type: op === "ref.extern" ? "externref" : "funcref" };
        if (arg !== undefined) r.value = String(BigInt(arg.replace(/_/g, "")));
        out.push(r);
      } else if (/^(i32|i64|f32|f64)\.const$/.test(op)) {
        const type = op.slice(0, 3);
        if (arg === "nan:canonical" || arg === "nan:arithmetic") {
          out.push({ type, value: arg });
        } else {
          out.push({ type, value: "" });
          numeric.push([out.length - 1, `(${op} ${arg})`]);
        }
      } else if (op === "v128.const") {
        out.push({ type: "v128", value: v.items.slice(1).map((x) => x.text).join(" ") });
      } else {
        fail(file, v.line, `unsupported value (${op} ...)`);
      }
    }
    if (numeric.length) {
      const bits = this.constBits(numeric.map((x) => x[1]));
      numeric.forEach(([at], k) => (out[at].value = bits[k]));
    }
    return out;
  }

  /** The bits (unsigned decimal strings) of constant instructions, as wabt encodes them. */
  constBits(instrs) {
    const m = this.wabt.parseWat("consts.wat", `(module (func ${instrs.join(" ")}))`, this.features);
    let bytes;
    try {
      bytes = m.toBinary({}).buffer;
    } finally {
      m.destroy();
    }
    return readConstBody(bytes);
  }
}

/** Reads the one function body of a `(module (func consts...))` binary. */
function readConstBody(bytes) {
  let p = 8;
  const u = () => {
    let r = 0n;
    let shift = 0n;
    for (;;) {
      const b = bytes[p++];
      r |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if (!(b & 0x80)) return r;
    }
  };
  const s = (bits) => {
    let r = 0n;
    let shift = 0n;
    let b;
    do {
      b = bytes[p++];
      r |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (b & 0x40) r -= 1n << shift;
    return BigInt.asUintN(bits, r);
  };
  const le = (n) => {
    let r = 0n;
    for (let i = 0; i < n; i++) r |= BigInt(bytes[p + i]) << BigInt(8 * i);
    p += n;
    return r;
  };
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = Number(u());
    if (id !== 10) {
      p += size;
      continue;
    }
    u(); // one body
    u(); // its size
    u(); // no locals
    const out = [];
    for (;;) {
      const op = bytes[p++];
      if (op === 0x0b) return out;
      if (op === 0x41) out.push(String(s(32)));
      else if (op === 0x42) out.push(String(s(64)));
      else if (op === 0x43) out.push(String(le(4)));
      else if (op === 0x44) out.push(String(le(8)));
      else throw new Error(`unexpected opcode 0x${op.toString(16)} in a constant body`);
    }
  }
  throw new Error("no code section in the constants module");
}
