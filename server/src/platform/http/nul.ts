/**
 * Postgres text cannot hold U+0000 nor an unpaired UTF-16 surrogate (invalid UTF-8), so such a string
 * reaching an insert or a comparison is a 500. These walk parsed JSON iteratively (deeply nested input
 * must not overflow the stack).
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const hasNul = (s: string) => s.includes('\u0000');
const badText = (s: string) => hasNul(s) || s.search(LONE_SURROGATE) !== -1;

/** The dotted path of the first string (value or key) holding U+0000, '' for a top-level string; undefined when none. */
export function findNul(value: unknown): string | undefined {
  return findString(value, hasNul);
}

/** The first string (value or key) holding U+0000 or an unpaired surrogate, with why it cannot be stored. */
export function findBadText(value: unknown): { path: string; reason: string } | undefined {
  const path = findString(value, badText);
  if (path === undefined) return undefined;
  const nul = findString(value, hasNul) === path;
  return { path, reason: nul ? 'must not contain NUL (\\u0000) characters' : 'must be valid Unicode text (an unpaired UTF-16 surrogate was sent)' };
}

function findString(value: unknown, bad: (s: string) => boolean): string | undefined {
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
      if (bad(v)) return pathOf(node);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: String(i), parent: node });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (bad(k)) return pathOf(node, k);
        stack.push({ v: child, key: k, parent: node });
      }
    }
  }
  return undefined;
}

/**
 * Whether JSON text decoded from UTF-8 can parse into a string that `stripNul` would change. Decoding
 * never yields a lone surrogate and JSON forbids a raw control character in a string, so such a string
 * can only come from a `\u0000` or `\uD800`–`\uDFFF` escape. A false positive (an escaped backslash
 * before "u0000", an escaped emoji pair) only costs the full walk; the common upload skips it.
 */
export function jsonMayHoldBadText(utf8Json: string): boolean {
  return /\\u(?:0000|[dD][89a-fA-F])/.test(utf8Json);
}

/**
 * The same value with U+0000 removed and unpaired surrogates replaced by U+FFFD in every string and key.
 * For machine-collected data (agent inventories), where a stray NUL from a registry value or a broken
 * package name must not cost the whole upload (the agent would retry it forever).
 */
export function stripNul(value: unknown): unknown {
  if (findString(value, badText) === undefined) return value;
  const clean = (s: string) => s.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
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
