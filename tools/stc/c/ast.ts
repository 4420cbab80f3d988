// The C syntax tree that the visitors build and the printer prints.
// Types are plain strings ("int32_t", "sts_str", "mod_Foo *"); function-pointer
// types are always given a typedef name first, so a declaration is `type name`.

export type CExpr =
  | { k: "id"; name: string }
  | { k: "lit"; text: string }
  | { k: "unary"; op: string; e: CExpr }
  | { k: "postfix"; op: "++" | "--"; e: CExpr }
  | { k: "binary"; op: string; l: CExpr; r: CExpr }
  | { k: "assign"; op: string; l: CExpr; r: CExpr }
  | { k: "cond"; c: CExpr; a: CExpr; b: CExpr }
  | { k: "call"; fn: CExpr; args: CExpr[] }
  | { k: "cast"; type: string; e: CExpr }
  | { k: "member"; e: CExpr; name: string; arrow: boolean }
  | { k: "index"; e: CExpr; i: CExpr }
  | { k: "comma"; list: CExpr[] }
  | { k: "compound"; type: string; inits: CExpr[] }
  | { k: "sizeof"; type: string };

export type CStmt =
  | { k: "expr"; e: CExpr }
  | { k: "decl"; type: string; name: string; init?: CExpr; isStatic?: boolean }
  | { k: "block"; body: CStmt[] }
  | { k: "if"; c: CExpr; then: CStmt; else?: CStmt }
  | { k: "while"; c: CExpr; body: CStmt }
  | { k: "do"; body: CStmt; c: CExpr }
  | { k: "for"; init?: CStmt; c?: CExpr; step?: CExpr; body: CStmt }
  | { k: "switch"; e: CExpr; body: CStmt[] }
  | { k: "case"; value: CExpr }
  | { k: "default" }
  | { k: "label"; name: string }
  | { k: "goto"; name: string }
  | { k: "break" }
  | { k: "continue" }
  | { k: "return"; e?: CExpr }
  | { k: "comment"; text: string };

export interface CParam {
  type: string;
  name: string;
}

export type CTopLevel =
  | { k: "comment"; text: string }
  | { k: "raw"; text: string }
  | { k: "typedef"; text: string }
  | { k: "struct"; name: string; fields: CParam[] }
  | { k: "global"; type: string; name: string; init?: CExpr; isExtern?: boolean }
  | { k: "proto"; ret: string; name: string; params: CParam[]; isExtern?: boolean; noreturn?: boolean }
  | { k: "function"; ret: string; name: string; params: CParam[]; body: CStmt[]; isPublic?: boolean };

// --- small constructors, so visitors read like the C they make

export const id = (name: string): CExpr => ({ k: "id", name });
export const lit = (text: string): CExpr => ({ k: "lit", text });
export const unary = (op: string, e: CExpr): CExpr => ({ k: "unary", op, e });
export const binary = (op: string, l: CExpr, r: CExpr): CExpr => ({ k: "binary", op, l, r });
export const assign = (l: CExpr, r: CExpr, op = "="): CExpr => ({ k: "assign", op, l, r });
export const cond = (c: CExpr, a: CExpr, b: CExpr): CExpr => ({ k: "cond", c, a, b });
export const call = (fn: string | CExpr, ...args: CExpr[]): CExpr => ({
  k: "call",
  fn: typeof fn === "string" ? id(fn) : fn,
  args,
});
export const cast = (type: string, e: CExpr): CExpr => ({ k: "cast", type, e });
export const member = (e: CExpr, name: string): CExpr => ({ k: "member", e, name, arrow: false });
export const arrow = (e: CExpr, name: string): CExpr => ({ k: "member", e, name, arrow: true });
export const index = (e: CExpr, i: CExpr): CExpr => ({ k: "index", e, i });
export const comma = (list: CExpr[]): CExpr => (list.length === 1 ? list[0] : { k: "comma", list });
export const strLit = (s: string): CExpr => lit(cString(s));

export const exprStmt = (e: CExpr): CStmt => ({ k: "expr", e });
export const block = (body: CStmt[]): CStmt => ({ k: "block", body });

/** A C string literal holding the UTF-8 bytes of `s`. */
export function cString(s: string): string {
  const bytes = Buffer.from(s, "utf8");
  let out = '"';
  let lastWasHex = false;
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    let piece: string;
    if (b === 0x22) piece = '\\"';
    else if (b === 0x5c) piece = "\\\\";
    else if (b === 0x0a) piece = "\\n";
    else if (b === 0x0d) piece = "\\r";
    else if (b === 0x09) piece = "\\t";
    else if (b === 0x3f) piece = "\\?"; // no trigraphs
    else if (b >= 0x20 && b < 0x7f) {
      // a hex escape swallows following hex digits: split the literal there
      piece = lastWasHex && /[0-9a-fA-F]/.test(ch) ? '""' + ch : ch;
    } else piece = "\\x" + b.toString(16).padStart(2, "0");
    lastWasHex = piece.startsWith("\\x");
    out += piece;
  }
  return out + '"';
}
export const compound = (type: string, inits: CExpr[]): CExpr => ({ k: "compound", type, inits });
