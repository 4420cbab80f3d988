import type { i32 } from "../../../../core/types";
class Box {
  v: i32 = 1;
  new(): Box {
    return new Box();
  }
}
console.log(new Box().new().v);
