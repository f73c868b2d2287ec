// The `rlm` command's entry point: built to out/node/rlm.mjs (scripts/build-node.ts) and started by
// scripts/rlm.cjs. Tests import runCli from ./main instead.
import { runCli } from './main';

void runCli(process.argv.slice(2)).then((code) => process.exit(code));
