#!/usr/bin/env node
// The `stc` command: runs the TypeScript sources of tools/stc through tsx.
import { register } from "tsx/esm/api";
register();
await import("./cli.ts");
