//! hello: a WASI command that prints two lines and exits 0. Needs no capability.

fn main() {
    println!("hello from Rust on wasmcu");
    println!("2 + 3 = {}", 2 + 3);
}
