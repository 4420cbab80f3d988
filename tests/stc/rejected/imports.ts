// Package imports are not STS modules.
import type { i32 } from "../../../core/types";
import { readFileSync } from "node:fs";

const n: i32 = 1;
console.log(n);
