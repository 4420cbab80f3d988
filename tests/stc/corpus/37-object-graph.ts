// Objects that reference objects: a binary search tree with T | null children, a cycle between two classes.
import type { i32 } from "../../../core/types";

class TreeNode {
  key: i32;
  left: TreeNode | null = null;
  right: TreeNode | null = null;
  constructor(key: i32) {
    this.key = key;
  }
}

class Tree {
  root: TreeNode | null = null;
  size: i32 = 0;
  insert(key: i32): void {
    const node = new TreeNode(key);
    this.size++;
    if (this.root === null) {
      this.root = node;
      return;
    }
    let cur: TreeNode = this.root;
    while (true) {
      if (key < cur.key) {
        if (cur.left === null) {
          cur.left = node;
          return;
        }
        cur = cur.left;
      } else {
        if (cur.right === null) {
          cur.right = node;
          return;
        }
        cur = cur.right;
      }
    }
  }
}

function height(n: TreeNode | null): i32 {
  if (n === null) {
    return 0;
  }
  return (1 + Math.max(height(n.left), height(n.right))) | 0;
}
function inorder(n: TreeNode | null, out: i32[]): void {
  if (n !== null) {
    inorder(n.left, out);
    out.push(n.key);
    inorder(n.right, out);
  }
}
function contains(t: Tree, key: i32): boolean {
  let cur = t.root;
  while (cur !== null) {
    if (key === cur.key) {
      return true;
    }
    cur = key < cur.key ? cur.left : cur.right;
  }
  return false;
}

const tree = new Tree();
let x: i32 = 7;
for (let i = 0; i < 25; i++) {
  x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
  tree.insert((x % 100) | 0);
}
const keys: i32[] = [];
inorder(tree.root, keys);
let line = "inorder:";
for (const k of keys) {
  line = line + " " + k;
}
console.log(line);
console.log("size", tree.size, "height", height(tree.root), "root", tree.root!.key);
console.log("contains", contains(tree, keys[3]), contains(tree, 1000), contains(tree, -1));

class Department {
  name: string;
  staff: Employee[] = [];
  constructor(name: string) {
    this.name = name;
  }
}
class Employee {
  name: string;
  dept: Department;
  manager: Employee | null;
  constructor(name: string, dept: Department, manager: Employee | null) {
    this.name = name;
    this.dept = dept;
    this.manager = manager;
    dept.staff.push(this);
  }
}
const eng = new Department("engineering");
const boss = new Employee("grace", eng, null);
const dev = new Employee("linus", eng, boss);
const intern = new Employee("ken", eng, dev);
let chain = intern.name;
let m = intern.manager;
while (m !== null) {
  chain = chain + " -> " + m.name;
  m = m.manager;
}
console.log(chain);
console.log(eng.staff.length, eng.staff[1].name, eng.staff[2].dept.name, eng.staff[0].dept === dev.dept);
