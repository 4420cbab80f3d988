// hello: a WASI command (built with --exportStart _start) that prints two
// lines and exits 0. Needs no capability.
import { println } from "./wasmcu";

println("hello from AssemblyScript on wasmcu");
println("2 + 3 = " + (2 + 3).toString());
