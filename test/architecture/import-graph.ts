import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The server's import graph and the rules it must keep (issue 8): domains depend one way, platform knows
 * no feature, no feature folder imports another in a circle. Type-only imports are left out: they vanish
 * at run time and the Database interface is assembled from every feature's tables that way.
 */

/** Which domains each domain may import at run time. Files at the top of server/src (the composition root) may import anything. */
export const ALLOWED: Record<string, readonly string[]> = {
  platform: [],
  inventory: ['platform'],
  assets: ['platform', 'inventory'],
  helpdesk: ['platform', 'inventory', 'assets'],
  licences: ['platform', 'inventory', 'assets', 'helpdesk'],
  ui: ['platform', 'inventory', 'assets', 'helpdesk', 'licences'],
};

export interface Edge {
  from: string;
  to: string;
  line: number;
}

export interface Violation {
  file: string;
  line: number;
  message: string;
}

/** Run-time relative imports of one source file (type-only ones left out), read with the TypeScript parser. */
export function runtimeImports(source: string): { spec: string; line: number }[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, false);
  const out: { spec: string; line: number }[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined) => {
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) return;
    out.push({ spec: spec.text, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) add(node, node.moduleSpecifier);
    } else if (ts.isExportDeclaration(node)) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) add(node, node.moduleSpecifier);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The file-level graph of server/src: `from` and `to` relative to srcDir. */
export function fileGraph(srcDir: string): Edge[] {
  const edges: Edge[] = [];
  for (const abs of listTs(srcDir)) {
    const from = path.relative(srcDir, abs).split(path.sep).join('/');
    for (const { spec, line } of runtimeImports(fs.readFileSync(abs, 'utf8'))) {
      const target = path.relative(srcDir, path.resolve(path.dirname(abs), spec)).split(path.sep).join('/').replace(/\.js$/, '.ts');
      edges.push({ from, to: target, line });
    }
  }
  return edges;
}

/** `inventory/ingest/diff.ts` → domain `inventory`, feature `inventory/ingest`; top-level files are the root. */
export function unitOf(file: string): { domain: string; feature: string } {
  const parts = file.split('/');
  if (parts.length === 1) return { domain: '(root)', feature: '(root)' };
  const domain = parts[0]!;
  const feature = parts.length > 2 ? `${parts[0]}/${parts[1]}` : domain;
  return { domain, feature };
}

/** Strongly connected components of more than one node (Tarjan). */
export function cycles(nodes: Iterable<string>, next: (n: string) => Iterable<string>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

/** Every broken rule: a domain importing one it may not, anything importing the root, a cycle between features or domains. */
export function violations(edges: readonly Edge[]): Violation[] {
  const found: Violation[] = [];
  const featureEdges = new Map<string, Set<string>>();
  const domainEdges = new Map<string, Set<string>>();
  for (const e of edges) {
    const a = unitOf(e.from);
    const b = unitOf(e.to);
    if (a.domain === '(root)') continue;
    if (b.domain === '(root)') {
      found.push({ file: e.from, line: e.line, message: `imports ${e.to}: nothing below the composition root (app.ts, main.ts) may import it` });
      continue;
    }
    if (a.domain !== b.domain) {
      const allowed = ALLOWED[a.domain];
      if (!allowed) found.push({ file: e.from, line: e.line, message: `domain "${a.domain}" is not in the layering table (test/architecture/import-graph.ts)` });
      else if (!allowed.includes(b.domain)) {
        found.push({ file: e.from, line: e.line, message: `${a.domain} may not import ${b.domain} (${e.to}); allowed: ${allowed.join(', ') || 'nothing'}` });
      }
      if (!domainEdges.has(a.domain)) domainEdges.set(a.domain, new Set());
      domainEdges.get(a.domain)!.add(b.domain);
    }
    if (a.feature !== b.feature) {
      if (!featureEdges.has(a.feature)) featureEdges.set(a.feature, new Set());
      featureEdges.get(a.feature)!.add(b.feature);
    }
  }
  for (const [graph, kind] of [
    [featureEdges, 'feature folders'],
    [domainEdges, 'domains'],
  ] as const) {
    for (const comp of cycles(graph.keys(), (n) => graph.get(n) ?? [])) {
      const inCycle = new Set(comp);
      const witness = edges.filter((e) => {
        const a = kind === 'domains' ? unitOf(e.from).domain : unitOf(e.from).feature;
        const b = kind === 'domains' ? unitOf(e.to).domain : unitOf(e.to).feature;
        return a !== b && inCycle.has(a) && inCycle.has(b);
      });
      for (const e of witness) found.push({ file: e.from, line: e.line, message: `import cycle between ${kind} ${comp.join(' ↔ ')}: imports ${e.to}` });
    }
  }
  return found;
}
