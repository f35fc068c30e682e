/**
 * Postgres text cannot hold U+0000, so a NUL that reaches an insert or a comparison is a 500. These
 * walk parsed JSON iteratively (deeply nested input must not overflow the stack).
 */

/** The dotted path of the first string (value or key) holding U+0000, '' for a top-level string; undefined when none. */
export function findNul(value: unknown): string | undefined {
  // Parent links instead of a path per node: big inventories have hundreds of thousands of values.
  interface Node { v: unknown; key: string | null; parent: Node | null }
  const pathOf = (n: Node | null, last?: string) => {
    const parts = last === undefined ? [] : [last];
    for (let p = n; p && p.key !== null; p = p.parent) parts.push(p.key);
    return parts.reverse().join('.');
  };
  const stack: Node[] = [{ v: value, key: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.v;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return pathOf(node);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: String(i), parent: node });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return pathOf(node, k);
        stack.push({ v: child, key: k, parent: node });
      }
    }
  }
  return undefined;
}

/**
 * The same value with U+0000 removed from every string and key. For machine-collected data (agent
 * inventories), where a stray NUL from a registry value must not cost the whole upload.
 */
export function stripNul(value: unknown): unknown {
  if (findNul(value) === undefined) return value;
  const clean = (s: string) => s.replaceAll('\u0000', '');
  const root: { v: unknown } = { v: undefined };
  const stack: { src: unknown; set: (x: unknown) => void }[] = [{ src: value, set: (x) => (root.v = x) }];
  while (stack.length > 0) {
    const { src, set } = stack.pop()!;
    if (typeof src === 'string') set(clean(src));
    else if (Array.isArray(src)) {
      const out: unknown[] = new Array<unknown>(src.length);
      set(out);
      src.forEach((child, i) => stack.push({ src: child, set: (x) => (out[i] = x) }));
    } else if (src !== null && typeof src === 'object') {
      const out: Record<string, unknown> = {};
      set(out);
      for (const [k, child] of Object.entries(src)) stack.push({ src: child, set: (x) => (out[clean(k)] = x) });
    } else set(src);
  }
  return root.v;
}
