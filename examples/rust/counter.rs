//! counter: counts its own runs in runs.txt, a file of its folder, and prints
//! the count. The folder outlives resets; `wasmcu rm counter` removes it.
//! Needs capability fs.
use std::fs;
use std::process::exit;

fn main() {
    let runs: u32 = match fs::read_to_string("runs.txt") {
        Ok(text) => text.trim().parse().unwrap_or(0),
        Err(_) => 0,
    } + 1;
    // fs::write opens, writes and closes: the board saves the file at the close
    if let Err(e) = fs::write("runs.txt", format!("{}\n", runs)) {
        eprintln!("counter: cannot save runs.txt: {}", e);
        exit(1);
    }
    println!("run number {}", runs);
}
