#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npm install` is the whole build.
import { register } from 'tsx/esm/api';

// restify loads spdy, whose http-deceiver calls process.binding('http_parser') (DEP0111): a
// deprecation of Node's internals that changes nothing for Guichet. Only that code is dropped;
// every other warning is printed as usual.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const code = typeof rest[0] === 'object' ? rest[0]?.code : rest[1];
  if (code === 'DEP0111') return;
  emitWarning(warning, ...rest);
};

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
