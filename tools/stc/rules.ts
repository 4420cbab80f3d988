// The rules of Static TypeScript, one entry per rule that `stc check` enforces.
// Every diagnostic names one of these ids; docs/static-typescript.md has one
// section per id, with an accepted and a rejected example.

export interface Rule {
  readonly id: string;
  readonly title: string;
}

function rule(id: string, title: string): Rule {
  return { id, title };
}

export const Rules = {
  // --- the program as TypeScript
  tsError: rule("ts-error", "the program must type-check as strict TypeScript"),
  unsupportedSyntax: rule("unsupported-syntax", "syntax outside the dialect (var, with, for-in, generators, decorators, ...)"),
  unsupportedType: rule("unsupported-type", "types are numeric aliases, boolean, string, classes, interfaces, enums, arrays, typed arrays, ArrayBuffer, DataView, function types and `T | null`"),
  anyType: rule("no-any", "no `any`, `unknown`, `object`, `undefined` or `never` values"),
  numberAnnotation: rule("annotate-numbers", "function parameters, return values, fields and array elements name their numeric type"),
  imports: rule("imports", "imports are relative paths to other STS modules; no default, namespace-object or package imports"),
  unknownGlobal: rule("unknown-global", "only the globals the dialect defines (Math, BigInt, Number, console.log, typed arrays, ArrayBuffer, DataView, Error)"),

  // --- numbers
  intRange: rule("int-range", "a value stored in an integer type must provably fit it: wrap with `| 0`, `>>> 0` or a mask"),
  floatToInt: rule("float-to-int", "a double becomes an integer only through an explicit coercion (`| 0`, `>>> 0`, `Math.trunc` then `| 0`)"),
  f32Round: rule("f32-round", "a value stored in an f32 is rounded with `Math.fround`"),
  literalRange: rule("literal-range", "a numeric literal must be exactly representable in its target type"),
  mathUnsupported: rule("math-unsupported", "only Math functions that are exact on every backend (abs, floor, ceil, trunc, round, sqrt, min, max, fround, imul, clz32, sign)"),
  compoundAssign: rule("compound-assign", "`*=`, `/=`, `%=` and `**=` are not allowed on integer or f32 targets; `+=`/`-=`/`++`/`--` on integers are range-checked"),

  // --- bigints
  bigintWrap: rule("bigint-wrap", "bigint arithmetic is wrapped with BigInt.asIntN/asUintN(64, ...) before it is stored, compared or printed"),
  bigintMix: rule("bigint-mix", "an operation mixes i64 and u64 (or bigint and number) without an explicit conversion"),
  bigintConvert: rule("bigint-convert", "BigInt(x) takes an integer-typed number; Number(x) takes an i64/u64"),

  // --- operators and values
  logicalOperands: rule("logical-operands", "`&&`, `||` and `!` take booleans (or values with a fixed truthiness); `??` and `?.` are not in the dialect"),
  comparison: rule("comparison", "both sides of a comparison have compatible types"),
  operatorUnsupported: rule("operator-unsupported", "typeof, instanceof, in, delete, void, comma and `**` are not in the dialect"),
  typeAssertion: rule("type-assertion", "`as` and `<T>` casts are not allowed (except `as const` on literals); use the explicit coercions"),
  stringOps: rule("string-ops", "strings are for messages: literals, `+`, template literals, `===`/`!==`; no length, indexing or methods"),
  consoleLog: rule("console-log", "console.log takes numbers, bigints, strings and booleans"),

  // --- declarations
  closure: rule("no-closures", "functions are declared at the top level; no nested functions, arrow functions or function expressions"),
  returnType: rule("return-type", "a function that returns a value declares its return type"),
  params: rule("params", "parameters are plain identifiers with a type; no optional, default, rest or destructured parameters"),
  generics: rule("no-generics", "no type parameters"),
  classForm: rule("class-form", "classes have fields, one constructor, methods and static members; no inheritance, accessors, index signatures or #private"),
  interfaceForm: rule("interface-form", "interfaces list required fields; no optional members, methods, index signatures or extends"),
  objectLiteral: rule("object-literal", "an object literal is typed by an interface and lists each of its fields once"),
  classToInterface: rule("class-as-interface", "a class instance cannot be used where an interface is expected"),
  enumForm: rule("enum-form", "enums are numeric with constant members; no string members or reverse mapping"),
  arrayForm: rule("array-form", "arrays support literals, push, pop, length and indexing; no holes, spread or other methods"),
  typedArrayForm: rule("typed-array-form", "typed arrays support length, indexing, subarray, fill, set, copyWithin and slice; construct with a length, an array literal or (buffer, byteOffset, length)"),
  nullable: rule("nullable", "`null` is a value only of `T | null` where T is a class, interface, array, typed array or string"),
  exceptions: rule("exceptions", "no try/catch; `throw new Error(message)` stops the program"),
  declareForm: rule("declare-form", "natives are `declare function` with typed parameters and return type"),
  switchForm: rule("switch-form", "switch discriminants and case labels are integers, enums or strings"),
  labels: rule("labels", "labels name loops"),
  forOf: rule("for-of", "for-of iterates arrays and typed arrays with a const binding"),
} as const;

export type RuleId = (typeof Rules)[keyof typeof Rules]["id"];

export const allRules: readonly Rule[] = Object.values(Rules);
