// DataView integer get/set of every width, little- and big-endian (the default), with out-of-range values.
import type { i32, f64 } from "../../../core/types";
import { hexBytes } from "./lib/hex";

const buf = new ArrayBuffer(16);
const dv = new DataView(buf, 0, 16);
const bytes = new Uint8Array(buf, 0, 16);

function reset(): void {
  bytes.fill(0);
}

reset();
dv.setInt8(0, -2);
dv.setUint8(1, 200);
dv.setInt8(2, 200);
dv.setUint8(3, 300);
dv.setInt8(4, -129);
console.log("8-bit", hexBytes(bytes.subarray(0, 5)), dv.getInt8(0), dv.getUint8(0), dv.getInt8(1), dv.getUint8(1), dv.getInt8(2), dv.getUint8(3), dv.getInt8(4));

reset();
dv.setInt16(0, -2);
dv.setInt16(2, -2, true);
dv.setUint16(4, 0xabcd);
dv.setUint16(6, 0xabcd, true);
dv.setUint16(8, 70000);
dv.setInt16(10, 40000, true);
console.log("16-bit", hexBytes(bytes.subarray(0, 12)));
console.log("16-bit reads", dv.getInt16(0), dv.getInt16(0, true), dv.getUint16(0), dv.getInt16(2, true), dv.getUint16(4), dv.getUint16(4, true), dv.getUint16(6, true), dv.getUint16(8), dv.getInt16(10, true));

reset();
dv.setInt32(0, -2);
dv.setInt32(4, -2, true);
dv.setUint32(8, 0xdeadbeef);
dv.setUint32(12, 0xdeadbeef, true);
console.log("32-bit", hexBytes(bytes));
console.log("32-bit reads", dv.getInt32(0), dv.getInt32(0, true), dv.getUint32(0), dv.getInt32(4, true), dv.getUint32(8), dv.getUint32(8, true), dv.getInt32(12, true), dv.getUint32(12, true));
const big: f64 = 4294967297;
const neg: i32 = -1;
dv.setUint32(0, neg);
dv.setInt32(4, big);
dv.setUint32(8, 1e10);
console.log("32-bit conversions", dv.getUint32(0), dv.getInt32(4), dv.getUint32(8), dv.getInt32(8));
// unaligned access
reset();
dv.setUint32(1, 0x01020304);
dv.setUint16(7, 0xfffe, true);
console.log("unaligned", hexBytes(bytes.subarray(0, 10)), dv.getUint32(1), dv.getUint32(1, true), dv.getInt16(7, true), dv.getUint16(6));
let acc: i32 = 0;
for (let i = 0; i < 13; i++) {
  acc = (acc ^ dv.getInt32(i, (i & 1) === 1)) | 0;
}
console.log("xor of all int32 reads", acc);
