import type { i32 } from "../../../../core/types";
class K {
  answer(): i32 {
    return 42;
  }
}
console.log(new K().answer());
