// The numeric types of Static TypeScript (see docs/static-typescript.md).
// They are aliases: TypeScript sees `number` / `bigint`; stc reads the alias
// name from the syntax and gives each its C representation and its range.
export type i8 = number;
export type u8 = number;
export type i16 = number;
export type u16 = number;
export type i32 = number;
export type u32 = number;
export type f32 = number;
export type f64 = number;
export type i64 = bigint;
export type u64 = bigint;
