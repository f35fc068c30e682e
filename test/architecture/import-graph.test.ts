import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, fileGraph, runtimeImports, unitOf, violations } from './import-graph.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server/src');

describe('import rules of server/src', () => {
  it('hold on the tree as it is: no layering break, no cycle between features or domains', () => {
    expect(violations(fileGraph(SRC))).toEqual([]);
  });

  it('leave type-only imports out and keep mixed ones', () => {
    const src = [
      "import type { Db } from '../db.js';",
      "import { type A, type B } from './a.js';",
      "import { type C, d } from './c.js';",
      "import {\n  type E,\n  f,\n} from './e.js';",
      "export { g } from './g.js';",
      "export type { H } from './h.js';",
      "import './side-effect.js';",
      "import { z } from 'zod';",
    ].join('\n');
    expect(runtimeImports(src).map((i) => i.spec)).toEqual(['./c.js', './e.js', './g.js', './side-effect.js']);
  });

  it('name units by domain and feature folder', () => {
    expect(unitOf('app.ts')).toEqual({ domain: '(root)', feature: '(root)' });
    expect(unitOf('platform/config.ts')).toEqual({ domain: 'platform', feature: 'platform' });
    expect(unitOf('inventory/ingest/diff.ts')).toEqual({ domain: 'inventory', feature: 'inventory/ingest' });
  });

  it('find a cycle between two feature folders of one domain', () => {
    const found = violations([
      { from: 'helpdesk/tickets/a.ts', to: 'helpdesk/sla/b.ts', line: 3 },
      { from: 'helpdesk/sla/b.ts', to: 'helpdesk/tickets/c.ts', line: 7 },
    ]);
    expect(found).toHaveLength(2);
    expect(found[0]!.message).toContain('import cycle between feature folders helpdesk/sla ↔ helpdesk/tickets');
  });

  it('refuse a lower domain reading a higher one, platform reading a feature, and anyone reading the root', () => {
    const found = violations([
      { from: 'inventory/ingest/a.ts', to: 'helpdesk/tickets/b.ts', line: 1 },
      { from: 'platform/http/x.ts', to: 'inventory/devices/y.ts', line: 2 },
      { from: 'helpdesk/tickets/r.ts', to: 'app.ts', line: 4 },
      { from: 'assets/types/ok.ts', to: 'inventory/devices/z.ts', line: 5 },
    ]);
    expect(found.map((v) => v.line)).toEqual([1, 2, 4]);
    expect(found[0]!.message).toContain('inventory may not import helpdesk');
  });

  it('report each strongly connected component once', () => {
    const g: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a'], d: ['a'], e: ['e'] };
    expect(cycles(Object.keys(g), (n) => g[n] ?? [])).toEqual([['a', 'b', 'c']]);
  });
});
