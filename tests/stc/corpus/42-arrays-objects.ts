// Arrays of class instances and interface values: building, searching, mutating through the array.
import type { i32, f64 } from "../../../core/types";

class Item {
  name: string;
  price: f64;
  qty: i32;
  constructor(name: string, price: f64, qty: i32) {
    this.name = name;
    this.price = price;
    this.qty = qty;
  }
}
interface Score {
  who: string;
  points: i32;
}

const cart: Item[] = [];
cart.push(new Item("apple", 0.5, 6));
cart.push(new Item("bread", 2.25, 1));
cart.push(new Item("cheese", 7.8, 2));
let total: f64 = 0;
for (const it of cart) {
  total += it.price * it.qty;
}
console.log("items", cart.length, "total", total);
cart[0].qty += 4;
cart[1] = new Item("bagel", 1.1, 3);
for (let i = 0; i < cart.length; i++) {
  console.log(i, cart[i].name, cart[i].price, cart[i].qty);
}
function find(items: Item[], name: string): Item | null {
  for (const it of items) {
    if (it.name === name) {
      return it;
    }
  }
  return null;
}
const found = find(cart, "cheese");
console.log("find cheese", found !== null ? found.qty : -1, find(cart, "bread") === null);

const scores: Score[] = [
  { who: "ann", points: 12 },
  { who: "bob", points: 30 },
  { who: "cy", points: 7 },
];
scores.push({ who: "dee", points: 30 });
let best = scores[0];
for (const s of scores) {
  if (s.points > best.points) {
    best = s;
  }
}
console.log("best", best.who, best.points);
const last = scores.pop()!;
console.log("popped", last.who, "left", scores.length);
const objs: (Item | null)[] = [null, cart[2], null];
let present: i32 = 0;
for (const o of objs) {
  if (o !== null) {
    present++;
    console.log("present", o.name);
  }
}
console.log("present count", present);
