import { alloc } from "./sts";
console.log(alloc(1));
