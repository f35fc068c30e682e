import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileGraph, violations } from './import-graph.js';

// `npm run lint` runs this: CI fails on an import that breaks the server's layering or closes a cycle.
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server/src');
const found = violations(fileGraph(src));
for (const v of found) console.error(`server/src/${v.file}:${v.line}: ${v.message}`);
if (found.length > 0) {
  console.error(`\n${found.length} import rule(s) broken; see the layout section of README.md for which domain may read which.`);
  process.exit(1);
}
console.log('imports: layering and cycles OK');
