// A wide sum must be wrapped before it is compared.
import type { u64 } from "../../../core/types";

const a: u64 = 18446744073709551615n;
const b: u64 = 1n;
console.log(a + b > a);
