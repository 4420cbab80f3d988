// Interfaces do not extend others.
import type { i32 } from "../../../core/types";

interface Named {
  name: string;
}
interface Person extends Named {
  age: i32;
}
const p: Person = { name: "ada", age: 36 };
console.log(p.name);
