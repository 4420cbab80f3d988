// Nested arrays: i32[][] built row by row, arrays of typed arrays, arrays of arrays of objects.
import type { i32 } from "../../../core/types";

const grid: i32[][] = [];
for (let r = 0; r < 4; r++) {
  const row: i32[] = [];
  for (let c = 0; c < 5; c++) {
    row.push((r * 10 + c) | 0);
  }
  grid.push(row);
}
grid[2][3] = -1;
grid[0].push(99);
for (const row of grid) {
  let s = "";
  for (const v of row) {
    s = s + v + " ";
  }
  console.log("row", s, row.length);
}
const tri: i32[][] = [[1], [1, 1]];
for (let n = 2; n < 10; n++) {
  const prev = tri[n - 1];
  const row: i32[] = [1];
  for (let k = 1; k < n; k++) {
    row.push((prev[k - 1] + prev[k]) | 0);
  }
  row.push(1);
  tri.push(row);
}
let pascal = "";
for (const v of tri[9]) {
  pascal = pascal + v + " ";
}
console.log("pascal row 9:", pascal);

const planes: Uint8Array[] = [new Uint8Array(3), new Uint8Array([1, 2, 3, 4])];
planes.push(new Uint8Array(2));
planes[0][1] = 7;
planes[2].fill(9);
for (const p of planes) {
  let s = "[";
  for (const b of p) {
    s = s + b + ",";
  }
  console.log("plane", s + "]", p.length);
}
const matrix: Float64Array[] = [];
for (let i = 0; i < 3; i++) {
  matrix.push(new Float64Array(3));
  matrix[i][i] = 1.5;
}
console.log("diag", matrix[0][0], matrix[1][1], matrix[2][2], matrix[0][2]);

class Cell {
  alive: boolean;
  constructor(alive: boolean) {
    this.alive = alive;
  }
}
const board: Cell[][] = [];
for (let r = 0; r < 3; r++) {
  board.push([]);
  for (let c = 0; c < 3; c++) {
    board[r].push(new Cell(((r + c) & 1) === 0));
  }
}
let pic = "";
for (const row of board) {
  for (const cell of row) {
    pic = pic + (cell.alive ? "#" : ".");
  }
  pic = pic + "/";
}
console.log(pic);
