// Dense f64 matrices in Float64Array: multiply, transpose, Gaussian elimination with partial pivoting, determinant.
import type { i32, f64 } from "../../../core/types";

class Matrix {
  rows: i32;
  cols: i32;
  data: Float64Array;
  constructor(rows: i32, cols: i32) {
    this.rows = rows;
    this.cols = cols;
    this.data = new Float64Array(Math.imul(rows, cols));
  }
  get(r: i32, c: i32): f64 {
    return this.data[Math.imul(r, this.cols) + c];
  }
  set(r: i32, c: i32, v: f64): void {
    this.data[Math.imul(r, this.cols) + c] = v;
  }
  mul(o: Matrix): Matrix {
    const out = new Matrix(this.rows, o.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < o.cols; j++) {
        let s: f64 = 0;
        for (let k = 0; k < this.cols; k++) {
          s += this.get(i, k) * o.get(k, j);
        }
        out.set(i, j, s);
      }
    }
    return out;
  }
  transpose(): Matrix {
    const t = new Matrix(this.cols, this.rows);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) {
        t.set(j, i, this.get(i, j));
      }
    }
    return t;
  }
  show(label: string): void {
    console.log(label);
    for (let i = 0; i < this.rows; i++) {
      let line = " ";
      for (let j = 0; j < this.cols; j++) {
        line = line + " " + this.get(i, j);
      }
      console.log(line);
    }
  }
}

function determinant(m: Matrix): f64 {
  const n = m.rows;
  const a = new Matrix(n, n);
  a.data.set(m.data);
  let det: f64 = 1;
  for (let col = 0; col < n; col++) {
    let pivot: i32 = col;
    for (let r = (col + 1) | 0; r < n; r++) {
      if (Math.abs(a.get(r, col)) > Math.abs(a.get(pivot, col))) {
        pivot = r;
      }
    }
    if (a.get(pivot, col) === 0) {
      return 0;
    }
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        const t = a.get(col, c);
        a.set(col, c, a.get(pivot, c));
        a.set(pivot, c, t);
      }
      det = -det;
    }
    const p = a.get(col, col);
    det *= p;
    for (let r = (col + 1) | 0; r < n; r++) {
      const f = a.get(r, col) / p;
      for (let c = col; c < n; c++) {
        a.set(r, c, a.get(r, c) - f * a.get(col, c));
      }
    }
  }
  return det;
}

const a = new Matrix(2, 3);
const b = new Matrix(3, 2);
for (let i = 0; i < 6; i++) {
  a.data[i] = i + 1;
  b.data[i] = (i - 2) / 4;
}
a.show("A");
b.show("B");
a.mul(b).show("A*B");
a.transpose().show("A^T");
const h = new Matrix(4, 4);
for (let i = 0; i < 4; i++) {
  for (let j = 0; j < 4; j++) {
    h.set(i, j, 1 / (i + j + 1));
  }
}
console.log("det(hilbert4)", determinant(h));
const s = new Matrix(3, 3);
s.data.set(new Float64Array([2, -1, 0, -1, 2, -1, 0, -1, 2]));
console.log("det(s)", determinant(s), "det(singular)", determinant(a.transpose().mul(a)));
