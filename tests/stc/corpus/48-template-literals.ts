// Template literals with numbers, bigints, booleans, strings and nested expressions.
import type { i32, u32, f64, i64 } from "../../../core/types";

const n: i32 = 42;
const u: u32 = 4000000000;
const x: f64 = 1 / 3;
const big: i64 = -123456789012345678n;
const ok = true;
const name = "world";
const nz: f64 = -0;
console.log(`hello ${name}`);
console.log(`n=${n} u=${u} x=${x} big=${big} ok=${ok}`);
console.log(`sum ${n + 8} product ${n * n} div ${n / 5} imul ${Math.imul(n, 1000000007)}`);
console.log(`nested ${`inner ${n}`} and ${ok ? `yes ${n}` : "no"}`);
console.log(`-0 is ${nz}, 1e21 is ${1e21}, tiny ${5e-324}, big ${9007199254740992}`);
console.log(`${n}${n}${n}`);
console.log(`no substitutions`);
console.log(`multi
line`);
let acc = "";
for (let i = 0; i < 4; i++) {
  acc = `${acc}[${i}:${i * 0.5}]`;
}
console.log(acc);
console.log(`bigint math ${BigInt.asIntN(64, big * 2n)} ${big / 10n}`);
console.log(`escapes \` \${not} \\ done`);
