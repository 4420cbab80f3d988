// reactor: an Arduino-style module: the board calls setup() once, then loop()
// again and again. Needs `--allow clock`.
import { millis, delay, println } from "./wasmcu";

const LOUD_LOOPS = 3;

let loops = 0;
let startedMs: u32 = 0;

export function setup(): void {
  startedMs = millis();
  println("setup: AssemblyScript reactor ready");
}

export function loop(): void {
  loops++;
  if (loops <= LOUD_LOOPS) {
    // u32 subtraction: right across millis()'s wrap-around
    const elapsed = millis() - startedMs;
    println("loop " + loops.toString() + " at +" + elapsed.toString() + " ms");
  }
  delay(100);
}
