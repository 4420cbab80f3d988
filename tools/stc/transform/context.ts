// The state of one compilation: the checker, the diagnostics, what is known
// about every declaration, the C output being collected, and the function
// being compiled.
import ts from "typescript";
import path from "node:path";
import type { CStmt, CTopLevel, CExpr } from "../c/ast.ts";
import { lit, compound, cast } from "../c/ast.ts";
import { Diagnostics, nodeLocation } from "../diagnostics.ts";
import { Rules, type Rule } from "../rules.ts";
import { storageCType, type NumStorage } from "../numeric.ts";
import {
  type StsType, type ClassInfo, type StructInfo, type FuncInfo, type FieldInfo,
  isTypedArrayName, nullableOf, isReference, T_VOID,
} from "../types.ts";
import type { TempSink } from "./value.ts";

export const numericAliases = new Set(["i8", "u8", "i16", "u16", "i32", "u32", "f32", "f64", "i64", "u64"]);

/** C words and runtime names a user identifier must not become. */
const reservedC = new Set(
  ("auto break case char const continue default do double else enum extern float for goto if inline int long " +
    "register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while " +
    "_Bool _Complex _Imaginary bool true false NULL main self abort exit malloc free memcpy memmove memset memcmp " +
    "printf fprintf snprintf fwrite stdout stderr stdin strtod sqrt floor ceil trunc fabs fmod round isnan isinf " +
    "isfinite NAN INFINITY errno assert offsetof signbit copysign nextafter pow sin cos exp log").split(" "),
);

export interface VarInfo {
  cname: string;
  type: StsType;
  /** a const binding, or a parameter never assigned: reads are stable */
  stable: boolean;
  /** a const knows its exact range (its C type follows the range) */
  num?: import("../numeric.ts").NumInfo;
  big?: import("../numeric.ts").BigInfo;
  /** a const with a compile-time value is replaced by the value */
  constant?: number | bigint | boolean | string;
}

export interface LoopFrame {
  label?: string;
  isSwitch: boolean;
  breakLabel?: string;
  continueLabel?: string;
  breakUsed: boolean;
  continueUsed: boolean;
}

export class FunctionScope implements TempSink {
  readonly temps: CStmt[] = [];
  readonly loops: LoopFrame[] = [];
  private counter = 0;
  constructor(
    readonly ctx: Context,
    readonly ret: StsType,
    readonly selfClass?: ClassInfo,
    readonly isCtor = false,
  ) {}
  temp(ctype: string): string {
    const name = `tmp_${++this.counter}`;
    this.temps.push({ k: "decl", type: ctype, name });
    return name;
  }
  label(base: string): string {
    return `${base}_${++this.counter}`;
  }
}

export class Context {
  readonly vars = new Map<ts.Symbol, VarInfo>();
  readonly funcs = new Map<ts.Declaration, FuncInfo>();
  readonly classes = new Map<ts.Declaration, ClassInfo>();
  readonly structs = new Map<ts.Declaration, StructInfo>();
  readonly modulePrefix = new Map<string, string>();
  private readonly globalNames = new Set<string>();

  // the C output, section by section
  readonly typedefs: CTopLevel[] = [];
  readonly structDefs: CTopLevel[] = [];
  readonly protos: CTopLevel[] = [];
  readonly globals: CTopLevel[] = [];
  readonly functions: CTopLevel[] = [];
  private readonly fnTypedefs = new Map<string, string>();

  scope!: FunctionScope;

  constructor(
    readonly program: ts.Program,
    readonly checker: ts.TypeChecker,
    readonly diags: Diagnostics,
    readonly modules: ts.SourceFile[],
  ) {
    const used = new Set<string>();
    for (const sf of modules) {
      let base = path.basename(sf.fileName).replace(/\.[cm]?tsx?$/, "").replace(/[^A-Za-z0-9_]+/g, "_") || "m";
      // a module named like the runtime (sts.ts) or starting with a digit gets a letter first
      if (/^\d/.test(base) || /^sts(_|$)/i.test(base)) base = "m" + base;
      let p = base;
      for (let i = 2; used.has(p); i++) p = `${base}${i}`;
      used.add(p);
      this.modulePrefix.set(sf.fileName, p);
    }
    // a native keeps its own name in C: no generated name may take it (core/hal.ts has a
    // native hal_reset and a wrapper `reset`, whose C name would be hal_reset too)
    for (const sf of modules) {
      for (const stmt of sf.statements) {
        if (ts.isFunctionDeclaration(stmt) && !stmt.body && stmt.name) this.globalNames.add(stmt.name.text);
      }
    }
  }

  error(node: ts.Node, rule: Rule, message: string): void {
    this.diags.report(node, rule, message);
  }

  loc(node: ts.Node): string {
    return nodeLocation(node);
  }

  locLit(node: ts.Node): CExpr {
    return lit(JSON.stringify(this.loc(node)));
  }

  /** A file-scope C name not given out before (a method `len` of class `P` and a function `P_len` would meet). */
  uniqueGlobal(base: string): string {
    let name = base;
    for (let i = 2; this.globalNames.has(name); i++) name = `${base}_${i}`;
    this.globalNames.add(name);
    return name;
  }

  /** The C name of a top-level declaration of module `sf`. */
  topName(sf: ts.SourceFile, name: string): string {
    return this.uniqueGlobal(`${this.modulePrefix.get(sf.fileName) ?? "m"}_${sanitize(name)}`);
  }

  localName(name: string): string {
    const s = sanitize(name);
    const clash = reservedC.has(s) || /^(sts_|STS_|tmp_\d+$)/.test(s) || /_t$/.test(s) || /^(U?INT\d+_(C|MIN|MAX)|SIZE_MAX|NAN|INFINITY|EOF)$/.test(s);
    return clash ? s + "_" : s;
  }

  /** The declared symbol behind an identifier (following imports). */
  symbolOf(node: ts.Node): ts.Symbol | undefined {
    let s = this.checker.getSymbolAtLocation(node);
    if (s && s.flags & ts.SymbolFlags.Alias) s = this.checker.getAliasedSymbol(s);
    return s;
  }

  isLibDeclaration(d: ts.Declaration): boolean {
    const sf = d.getSourceFile();
    return sf.isDeclarationFile;
  }

  intrinsicTag(d: ts.Node): string | undefined {
    for (const tag of ts.getJSDocTags(d)) {
      if (tag.tagName.text === "intrinsic" && typeof tag.comment === "string") return tag.comment.trim();
    }
    return undefined;
  }

  // --- types

  /** The STS type a type annotation names; reports and returns undefined when outside the dialect. */
  typeFromNode(node: ts.TypeNode): StsType | undefined {
    switch (node.kind) {
      case ts.SyntaxKind.NumberKeyword: return { t: "num", k: "f64" };
      case ts.SyntaxKind.BooleanKeyword: return { t: "bool" };
      case ts.SyntaxKind.StringKeyword: return { t: "str" };
      case ts.SyntaxKind.VoidKeyword: return T_VOID;
      case ts.SyntaxKind.BigIntKeyword:
        this.error(node, Rules.unsupportedType, "plain `bigint` has no fixed width: use i64 or u64 from core/types.ts");
        return undefined;
      case ts.SyntaxKind.AnyKeyword: case ts.SyntaxKind.UnknownKeyword: case ts.SyntaxKind.ObjectKeyword:
      case ts.SyntaxKind.UndefinedKeyword: case ts.SyntaxKind.NeverKeyword:
        this.error(node, Rules.anyType, `\`${node.getText()}\` is not an STS type: name a concrete type`);
        return undefined;
    }
    if (ts.isParenthesizedTypeNode(node)) return this.typeFromNode(node.type);
    if (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword) return { t: "null" };
    if (ts.isArrayTypeNode(node)) {
      const elem = this.typeFromNode(node.elementType);
      return elem && { t: "array", elem };
    }
    if (ts.isUnionTypeNode(node)) {
      const nonNull = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
      if (nonNull.length === 1 && node.types.length === 2) {
        const inner = this.typeFromNode(nonNull[0]);
        if (!inner) return undefined;
        if (!isReference(inner)) {
          this.error(node, Rules.nullable, `\`${node.getText()}\`: only classes, interfaces, arrays, typed arrays, strings and functions can be null`);
          return undefined;
        }
        return nullableOf(inner);
      }
      this.error(node, Rules.unsupportedType, `union type \`${node.getText()}\`: STS has only \`T | null\``);
      return undefined;
    }
    if (ts.isFunctionTypeNode(node)) {
      const params: StsType[] = [];
      for (const p of node.parameters) {
        const t = p.type && this.typeFromNode(p.type);
        if (!t) {
          if (!p.type) this.error(p, Rules.numberAnnotation, "function type parameters need a type");
          return undefined;
        }
        params.push(t);
      }
      const ret = this.typeFromNode(node.type);
      return ret && { t: "fn", params, ret };
    }
    if (ts.isTypeReferenceNode(node)) return this.typeFromReference(node);
    this.error(node, Rules.unsupportedType, `\`${node.getText()}\` is not an STS type`);
    return undefined;
  }

  private typeFromReference(node: ts.TypeReferenceNode): StsType | undefined {
    const name = node.typeName.getText();
    const sym = this.symbolOf(node.typeName);
    const decl = sym?.declarations?.[0];
    if (!sym || !decl) {
      this.error(node, Rules.unsupportedType, `unknown type \`${name}\``);
      return undefined;
    }
    if (ts.isTypeAliasDeclaration(decl)) {
      const aliasName = decl.name.text;
      if (numericAliases.has(aliasName)) {
        if (decl.type.kind === ts.SyntaxKind.NumberKeyword && !["i64", "u64"].includes(aliasName)) {
          return { t: "num", k: aliasName as NumStorage };
        }
        if (decl.type.kind === ts.SyntaxKind.BigIntKeyword && ["i64", "u64"].includes(aliasName)) {
          return { t: "big", k: aliasName as "i64" | "u64" };
        }
      }
      if (decl.typeParameters) {
        this.error(node, Rules.generics, `generic type alias \`${aliasName}\``);
        return undefined;
      }
      return this.typeFromNode(decl.type);
    }
    if (ts.isClassDeclaration(decl)) return { t: "class", info: this.classInfo(decl) };
    if (ts.isEnumDeclaration(decl)) return { t: "num", k: "i32" };
    if (this.isLibDeclaration(decl)) {
      if (isTypedArrayName(name)) return { t: "typed", kind: name };
      if (name === "ArrayBuffer") return { t: "buffer" };
      if (name === "DataView") return { t: "dataview" };
      if (name === "Array" && node.typeArguments?.length === 1) {
        const elem = this.typeFromNode(node.typeArguments[0]);
        return elem && { t: "array", elem };
      }
      this.error(node, Rules.unsupportedType, `\`${name}\` is not in STS`);
      return undefined;
    }
    if (ts.isInterfaceDeclaration(decl)) {
      if (node.typeArguments) {
        this.error(node, Rules.generics, `generic interface \`${name}\``);
        return undefined;
      }
      return { t: "struct", info: this.structInfo(decl) };
    }
    this.error(node, Rules.unsupportedType, `\`${name}\` is not an STS type`);
    return undefined;
  }

  /** The C type that holds values of an STS type. */
  cType(t: StsType): string {
    switch (t.t) {
      case "num": return storageCType[t.k];
      case "big": return t.k === "i64" ? "int64_t" : "uint64_t";
      case "bool": return "bool";
      case "str": return "sts_str";
      case "void": return "void";
      case "null": return "void *";
      case "class": return t.info.intrinsic ? `${t.info.intrinsic} *` : `${t.info.cname} *`;
      case "struct": return `${t.info.cname} *`;
      case "array": return "sts_array *";
      case "typed": return `sts_${t.kind}`;
      case "buffer": return "sts_ArrayBuffer";
      case "dataview": return "sts_DataView";
      case "fn": return this.fnTypedef(t);
    }
  }

  private fnTypedef(t: Extract<StsType, { t: "fn" }>): string {
    const ret = this.cType(t.ret);
    const params = t.params.map((p) => this.cType(p));
    const key = `${ret}(${params.join(",")})`;
    let name = this.fnTypedefs.get(key);
    if (!name) {
      name = "fn_" + [...params.map(mangle), "to", mangle(ret)].join("_");
      this.fnTypedefs.set(key, name);
      this.typedefs.push({ k: "typedef", text: `typedef ${ret} (*${name})(${params.length ? params.join(", ") : "void"});` });
    }
    return name;
  }

  /** The C value of `null` for a nullable type. */
  nullValue(t: StsType): CExpr {
    switch (t.t) {
      case "str": return compound("sts_str", [lit("NULL"), lit("0")]);
      case "typed": case "buffer": case "dataview": return compound(this.cType(t), [lit("NULL"), lit("0")]);
      default: return cast(this.cType(t), lit("NULL"));
    }
  }

  // --- declarations, known lazily so that order in the source does not matter

  funcInfo(decl: ts.FunctionDeclaration | ts.MethodDeclaration | ts.ConstructorDeclaration, owner?: ClassInfo): FuncInfo {
    let info = this.funcs.get(decl);
    if (info) return info;
    const params = decl.parameters.map((p) => {
      let type: StsType | undefined;
      if (!p.type) this.error(p, Rules.params, `parameter \`${p.name.getText()}\` needs a type`);
      else type = this.typeFromNode(p.type);
      if (p.questionToken || p.initializer || p.dotDotDotToken || !ts.isIdentifier(p.name)) {
        this.error(p, Rules.params, "parameters are plain `name: type`: no optional, default, rest or destructured parameters");
      }
      return { name: p.name.getText(), type: type ?? { t: "num", k: "f64" } };
    });
    let ret: StsType = T_VOID;
    if (ts.isConstructorDeclaration(decl)) {
      ret = owner ? { t: "class", info: owner } : T_VOID;
    } else if (decl.type) {
      ret = this.typeFromNode(decl.type) ?? T_VOID;
    } else if (decl.body && containsValueReturn(decl.body)) {
      this.error(decl.name ?? decl, Rules.returnType, "a function that returns a value declares its return type");
    }
    const sf = decl.getSourceFile();
    const name = decl.name?.getText() ?? "constructor";
    const isNative = ts.isFunctionDeclaration(decl) && !decl.body;
    let cname: string;
    if (owner) {
      const isStatic = ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Static;
      cname = ts.isConstructorDeclaration(decl) ? owner.ctor.cname : this.uniqueGlobal(`${owner.cname}_${isStatic ? "s_" : ""}${sanitize(name)}`);
    } else cname = isNative ? name : this.topName(sf, name);
    info = { cname, params, ret, decl, native: isNative, intrinsic: this.intrinsicTag(decl) };
    this.funcs.set(decl, info);
    return info;
  }

  classInfo(decl: ts.ClassDeclaration): ClassInfo {
    let info = this.classes.get(decl);
    if (info) return info;
    const name = decl.name?.text ?? "Anonymous";
    info = {
      name,
      cname: this.topName(decl.getSourceFile(), name),
      decl,
      fields: new Map(),
      methods: new Map(),
      staticFields: new Map(),
      staticMethods: new Map(),
      ctor: { cname: "", params: [], ret: T_VOID, decl: undefined },
      intrinsic: this.intrinsicTag(decl),
    };
    this.classes.set(decl, info);
    const self = info;
    info.ctor = { cname: this.uniqueGlobal(`${info.cname}_new`), params: [], ret: { t: "class", info: self }, decl: undefined };
    for (const m of decl.members) {
      const isStatic = !!(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static);
      if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name)) {
        const type = m.type ? this.typeFromNode(m.type) : undefined;
        if (!m.type) this.error(m, Rules.numberAnnotation, `field \`${m.name.text}\` needs a type annotation`);
        const f: FieldInfo = { name: m.name.text, type: type ?? { t: "num", k: "f64" }, cname: this.localName(m.name.text) };
        if (isStatic) f.cname = this.uniqueGlobal(`${info.cname}_${sanitize(m.name.text)}`);
        (isStatic ? info.staticFields : info.fields).set(m.name.text, f);
      } else if (ts.isMethodDeclaration(m) && ts.isIdentifier(m.name)) {
        (isStatic ? info.staticMethods : info.methods).set(m.name.text, this.funcInfo(m, info));
      } else if (ts.isConstructorDeclaration(m)) {
        info.ctor = this.funcInfo(m, info);
        for (const p of m.parameters) {
          if (ts.isParameterPropertyDeclaration(p, m) && ts.isIdentifier(p.name)) {
            const type = p.type ? this.typeFromNode(p.type) : undefined;
            info.fields.set(p.name.text, { name: p.name.text, type: type ?? { t: "num", k: "f64" }, cname: this.localName(p.name.text) });
          }
        }
      }
    }
    return info;
  }

  structInfo(decl: ts.InterfaceDeclaration): StructInfo {
    let info = this.structs.get(decl);
    if (info) return info;
    info = { name: decl.name.text, cname: this.topName(decl.getSourceFile(), decl.name.text), decl, fields: new Map() };
    this.structs.set(decl, info);
    for (const m of decl.members) {
      if (ts.isPropertySignature(m) && ts.isIdentifier(m.name) && m.type) {
        const type = this.typeFromNode(m.type);
        info.fields.set(m.name.text, { name: m.name.text, type: type ?? { t: "num", k: "f64" }, cname: this.localName(m.name.text) });
      }
    }
    return info;
  }
}

export function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, (c) => "_" + c.charCodeAt(0).toString(16));
}

function mangle(ctype: string): string {
  return ctype.replace(/_t$/, "").replace(/\s*\*$/, "p").replace(/^sts_/, "").replace(/[^A-Za-z0-9]/g, "");
}

function containsValueReturn(node: ts.Node): boolean {
  let found = false;
  const walk = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) found = true;
    else ts.forEachChild(n, walk);
  };
  ts.forEachChild(node, walk);
  return found;
}
