// DataView float32/float64 and bigint64 get/set, little- and big-endian; cross reading of the bytes.
import type { f64, i64, u64 } from "../../../core/types";
import { hexBytes } from "./lib/hex";

const buf = new ArrayBuffer(24);
const dv = new DataView(buf, 0, 24);
const bytes = new Uint8Array(buf, 0, 24);

dv.setFloat32(0, 1.5);
dv.setFloat32(4, 1.5, true);
const tenth: f64 = 0.1;
dv.setFloat32(8, tenth);
dv.setFloat32(12, -tenth, true);
dv.setFloat32(16, 1e40);
dv.setFloat32(20, 16777217, true);
console.log("f32 bytes", hexBytes(bytes));
console.log("f32 reads", dv.getFloat32(0), dv.getFloat32(4, true), dv.getFloat32(0, true), dv.getFloat32(8), dv.getFloat32(12, true), dv.getFloat32(16), dv.getFloat32(20, true));

dv.setFloat64(0, Math.PI);
dv.setFloat64(8, Math.PI, true);
dv.setFloat64(16, -0);
console.log("f64 bytes", hexBytes(bytes));
console.log("f64 reads", dv.getFloat64(0), dv.getFloat64(8, true), dv.getFloat64(0, true), dv.getFloat64(16), dv.getFloat64(16, true));
console.log("f64 as ints", dv.getUint32(0), dv.getUint32(4), dv.getInt32(8, true), dv.getUint16(16));

const x: i64 = -2n;
const y: u64 = 0x0102030405060708n;
dv.setBigInt64(0, x);
dv.setBigInt64(8, x, true);
dv.setBigUint64(16, y, true);
console.log("i64 bytes", hexBytes(bytes));
console.log("i64 reads", dv.getBigInt64(0), dv.getBigUint64(0), dv.getBigInt64(8, true), dv.getBigInt64(0, true), dv.getBigUint64(16, true), dv.getBigUint64(16));
dv.setBigUint64(0, 18446744073709551615n);
dv.setBigInt64(8, -9223372036854775808n, true);
console.log("extremes", dv.getBigInt64(0), dv.getBigUint64(0, true), dv.getBigInt64(8, true), dv.getBigUint64(8, true), dv.getBigInt64(8));
console.log("double from int bits", dv.getFloat64(16), dv.getFloat64(16, true), dv.getFloat32(16, true));
