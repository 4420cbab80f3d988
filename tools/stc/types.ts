// The STS type model: what a declaration or an expression is, independent of
// TypeScript's view (which erases `type i32 = number`).
import type ts from "typescript";
import type { BigStorage, NumStorage } from "./numeric.ts";

export type TypedArrayKind =
  | "Uint8Array" | "Int8Array" | "Uint16Array" | "Int16Array" | "Uint32Array" | "Int32Array"
  | "Float32Array" | "Float64Array" | "BigInt64Array" | "BigUint64Array";

export const typedArrayElement: Record<TypedArrayKind, NumStorage | BigStorage> = {
  Uint8Array: "u8", Int8Array: "i8", Uint16Array: "u16", Int16Array: "i16",
  Uint32Array: "u32", Int32Array: "i32", Float32Array: "f32", Float64Array: "f64",
  BigInt64Array: "i64", BigUint64Array: "u64",
};

export const typedArrayElementCType: Record<TypedArrayKind, string> = {
  Uint8Array: "uint8_t", Int8Array: "int8_t", Uint16Array: "uint16_t", Int16Array: "int16_t",
  Uint32Array: "uint32_t", Int32Array: "int32_t", Float32Array: "float", Float64Array: "double",
  BigInt64Array: "int64_t", BigUint64Array: "uint64_t",
};

export function isTypedArrayName(name: string): name is TypedArrayKind {
  return Object.prototype.hasOwnProperty.call(typedArrayElement, name);
}

export interface FieldInfo {
  name: string;
  type: StsType;
  cname: string;
}

export interface FuncInfo {
  cname: string;
  params: { name: string; type: StsType }[];
  ret: StsType;
  decl: ts.FunctionLikeDeclaration | ts.FunctionDeclaration | undefined;
  native?: boolean;
  intrinsic?: string;
}

export interface ClassInfo {
  name: string;
  cname: string;
  decl: ts.ClassDeclaration;
  fields: Map<string, FieldInfo>;
  methods: Map<string, FuncInfo>;
  staticFields: Map<string, FieldInfo>;
  staticMethods: Map<string, FuncInfo>;
  ctor: FuncInfo;
  /** the C type is a runtime type (core/arena.ts's Arena) */
  intrinsic?: string;
}

export interface StructInfo {
  name: string;
  cname: string;
  decl: ts.InterfaceDeclaration;
  fields: Map<string, FieldInfo>;
}

export type StsType =
  | { t: "num"; k: NumStorage }
  | { t: "big"; k: BigStorage }
  | { t: "bool" }
  | { t: "str"; nullable?: boolean }
  | { t: "void" }
  | { t: "null" }
  | { t: "class"; info: ClassInfo; nullable?: boolean }
  | { t: "struct"; info: StructInfo; nullable?: boolean }
  | { t: "array"; elem: StsType; nullable?: boolean }
  | { t: "typed"; kind: TypedArrayKind; nullable?: boolean }
  | { t: "buffer"; nullable?: boolean }
  | { t: "dataview"; nullable?: boolean }
  | { t: "fn"; params: StsType[]; ret: StsType; nullable?: boolean };

export const T_VOID: StsType = { t: "void" };
export const T_BOOL: StsType = { t: "bool" };
export const T_STR: StsType = { t: "str" };
export const T_NULL: StsType = { t: "null" };
export const T_F64: StsType = { t: "num", k: "f64" };
/** the type of a numeric expression (what is known of it is in Val.num); messages call it "number" */
export const T_NUMBER: StsType = { t: "num", k: "f64" };

export function isReference(t: StsType): boolean {
  return ["str", "class", "struct", "array", "typed", "buffer", "dataview", "fn"].includes(t.t);
}

export function nullableOf(t: StsType): StsType {
  return { ...t, nullable: true } as StsType;
}

export function nonNull(t: StsType): StsType {
  if (!("nullable" in t) || !t.nullable) return t;
  const copy = { ...t } as { nullable?: boolean };
  delete copy.nullable;
  return copy as StsType;
}

export function isNullable(t: StsType): boolean {
  return "nullable" in t && !!t.nullable;
}

/** Structural identity of STS types (classes and structs by declaration). */
export function sameType(a: StsType, b: StsType, ignoreNull = false): boolean {
  if (a.t !== b.t) return false;
  if (!ignoreNull && isNullable(a) !== isNullable(b)) return false;
  switch (a.t) {
    case "num": return a.k === (b as typeof a).k;
    case "big": return a.k === (b as typeof a).k;
    case "class": return a.info === (b as typeof a).info;
    case "struct": return a.info === (b as typeof a).info;
    case "array": return sameType(a.elem, (b as typeof a).elem);
    case "typed": return a.kind === (b as typeof a).kind;
    case "fn": {
      const f = b as typeof a;
      return a.params.length === f.params.length && a.params.every((p, i) => sameType(p, f.params[i])) && sameType(a.ret, f.ret);
    }
    default: return true;
  }
}

export function typeName(t: StsType): string {
  const n = isNullable(t) ? " | null" : "";
  switch (t.t) {
    case "num": return t === T_NUMBER ? "number" : t.k;
    case "big": return t.k;
    case "bool": return "boolean";
    case "str": return "string" + n;
    case "void": return "void";
    case "null": return "null";
    case "class": case "struct": return t.info.name + n;
    case "array": return typeName(t.elem) + "[]" + n;
    case "typed": return t.kind + n;
    case "buffer": return "ArrayBuffer" + n;
    case "dataview": return "DataView" + n;
    case "fn": return `(${t.params.map(typeName).join(", ")}) => ${typeName(t.ret)}` + n;
  }
}
