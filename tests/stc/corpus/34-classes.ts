// Classes: typed fields with initialisers, a constructor, methods that read and write fields, methods calling methods.
import type { i32, f64 } from "../../../core/types";

class Point {
  x: f64;
  y: f64;
  constructor(x: f64, y: f64) {
    this.x = x;
    this.y = y;
  }
  lengthSquared(): f64 {
    return this.x * this.x + this.y * this.y;
  }
  length(): f64 {
    return Math.sqrt(this.lengthSquared());
  }
  translate(dx: f64, dy: f64): void {
    this.x += dx;
    this.y += dy;
  }
  plus(other: Point): Point {
    return new Point(this.x + other.x, this.y + other.y);
  }
  describe(): string {
    return "(" + this.x + ", " + this.y + ")";
  }
}

class Account {
  owner: string;
  balance: i32 = 0;
  history: i32[] = [];
  open: boolean = true;
  constructor(owner: string, initial: i32) {
    this.owner = owner;
    this.deposit(initial);
  }
  deposit(amount: i32): void {
    this.balance = (this.balance + amount) | 0;
    this.history.push(amount);
  }
  withdraw(amount: i32): boolean {
    if (!this.open || amount > this.balance) {
      return false;
    }
    this.balance = (this.balance - amount) | 0;
    this.history.push((-amount) | 0);
    return true;
  }
  close(): void {
    this.open = false;
  }
}

const p = new Point(3, 4);
console.log("p", p.describe(), p.length(), p.lengthSquared());
p.translate(0.5, -1);
console.log("moved", p.describe(), p.x, p.y);
const q = p.plus(new Point(-3.5, 2));
console.log("q", q.describe(), q.length());
p.x = 10;
console.log("p.x assigned", p.describe(), q.describe());

const acct = new Account("ada", 100);
console.log("owner", acct.owner, acct.balance, acct.open);
console.log("withdraw 30", acct.withdraw(30), acct.balance);
console.log("withdraw 100", acct.withdraw(100), acct.balance);
acct.deposit(5);
acct.close();
console.log("after close", acct.withdraw(1), acct.balance, acct.open);
let h = "history:";
for (const amount of acct.history) {
  h = h + " " + amount;
}
console.log(h + " entries " + acct.history.length);
const same = acct;
same.deposit(1000);
console.log("alias", acct.balance, same === acct, acct !== same);
