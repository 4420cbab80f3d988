// Conway's game of life on a Uint8Array torus: double buffering, neighbour counting, rendering rows as strings.
import type { i32 } from "../../../core/types";

const W: i32 = 16;
const H: i32 = 10;

class Board {
  cells: Uint8Array;
  next: Uint8Array;
  constructor() {
    this.cells = new Uint8Array(Math.imul(W, H));
    this.next = new Uint8Array(Math.imul(W, H));
  }
  at(x: i32, y: i32): i32 {
    const xx: i32 = (x + W) % W | 0;
    const yy: i32 = (y + H) % H | 0;
    return this.cells[Math.imul(yy, W) + xx];
  }
  set(x: i32, y: i32): void {
    this.cells[Math.imul(y, W) + x] = 1;
  }
  step(): void {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        let n: i32 = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            if (dx !== 0 || dy !== 0) {
              n += this.at((x + dx) | 0, (y + dy) | 0);
            }
          }
        }
        const alive = this.at(x, y) === 1;
        this.next[Math.imul(y, W) + x] = (alive && (n === 2 || n === 3)) || (!alive && n === 3) ? 1 : 0;
      }
    }
    const t = this.cells;
    this.cells = this.next;
    this.next = t;
  }
  population(): i32 {
    let p: i32 = 0;
    for (const c of this.cells) {
      p += c;
    }
    return p;
  }
  render(): void {
    for (let y = 0; y < H; y++) {
      let row = "";
      for (let x = 0; x < W; x++) {
        row = row + (this.at(x, y) === 1 ? "#" : ".");
      }
      console.log(row);
    }
  }
}

const board = new Board();
// a glider
board.set(1, 0);
board.set(2, 1);
board.set(0, 2);
board.set(1, 2);
board.set(2, 2);
// a blinker
board.set(10, 5);
board.set(11, 5);
board.set(12, 5);
board.render();
for (let gen = 1; gen <= 40; gen++) {
  board.step();
  if (gen % 10 === 0) {
    console.log("generation", gen, "population", board.population());
  }
}
board.render();
