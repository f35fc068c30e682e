/**
 * Regular expressions people type into the normalisation dictionary run against every inventoried title,
 * at ingest and on re-apply, so one that backtracks catastrophically would stall the server. Refused:
 * a quantified group that itself holds a quantifier or an alternation (`(a+)+`, `(a|ab)*`, the
 * exponential cases), back-references, and more than MAX_UNBOUNDED unbounded quantifiers (each one
 * adds a power of the input length to the worst case, which MAX_INPUT bounds). Pure.
 */

/** Longest pattern accepted. */
export const MAX_PATTERN = 200;
/** Values are tested on their first MAX_INPUT characters (names are far shorter in practice). */
export const MAX_INPUT = 160;
/** `*`, `+` and `{n,}` in one pattern: with two, the worst case on MAX_INPUT characters stays in milliseconds. */
export const MAX_UNBOUNDED = 2;
/** A bounded repetition above this counts as unbounded. */
const LARGE_BOUND = 100;

export const REGEX_FLAGS = 'iu';

interface Frame {
  quantified: boolean;
  alternation: boolean;
}

/** Why `pattern` is refused, or null when it is safe to run. */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN) return `a regular expression is at most ${MAX_PATTERN} characters`;
  try {
    new RegExp(pattern, REGEX_FLAGS);
  } catch (err) {
    return `not a valid regular expression: ${(err as Error).message}`;
  }
  const stack: Frame[] = [{ quantified: false, alternation: false }];
  let unbounded = 0;
  let inClass = false;
  /** The frame of the group that just closed, while its quantifier (if any) is read. */
  let closed: Frame | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const top = stack[stack.length - 1]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return 'back-references (\\1, \\k<name>) are not allowed: they can make matching take exponential time';
      i++;
      closed = null;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    const quantifier = readQuantifier(pattern, i);
    if (quantifier) {
      if (quantifier.unbounded) unbounded++;
      if (closed && quantifier.repeats && (closed.quantified || closed.alternation)) {
        return `the group ending at character ${i} repeats something that is itself repeated or alternated (like (a+)+ or (a|b)*): matching could take exponential time; write it without nesting`;
      }
      if (quantifier.repeats) top.quantified = true;
      i = quantifier.end;
      closed = null;
      continue;
    }
    closed = null;
    if (c === '[') inClass = true;
    else if (c === '(') stack.push({ quantified: false, alternation: false });
    else if (c === '|') top.alternation = true;
    else if (c === ')') {
      const frame = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      parent.quantified ||= frame.quantified;
      parent.alternation ||= frame.alternation;
      closed = frame;
    }
  }
  if (unbounded > MAX_UNBOUNDED) return `at most ${MAX_UNBOUNDED} unbounded repetitions (*, +, {n,}) in one expression`;
  return null;
}

/** The quantifier starting at `i`, with where it ends (a lazy `?` included). */
function readQuantifier(p: string, i: number): { end: number; unbounded: boolean; repeats: boolean } | null {
  const c = p[i];
  let end: number;
  let unbounded = false;
  let repeats = true;
  if (c === '*' || c === '+') {
    end = i;
    unbounded = true;
  } else if (c === '?') {
    end = i;
    repeats = false;
  } else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
    if (!m) return null;
    end = i + m[0].length - 1;
    const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    unbounded = max > LARGE_BOUND;
    repeats = max > 1;
  } else return null;
  if (p[end + 1] === '?') end++;
  return { end, unbounded, repeats };
}
