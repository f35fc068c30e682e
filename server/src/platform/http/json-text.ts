import { ValidationError } from './errors.js';

/** Deepest nesting of arrays and objects a request body may have: real inventories stay under 10. */
export const MAX_JSON_DEPTH = 64;

/**
 * The nesting depth of JSON text, found by one linear scan that skips strings: run before JSON.parse and
 * before any recursive walk, so 10,000 nested brackets are a 400, not a RangeError from the stack.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return max;
}

/** JSON.parse with a depth cap; malformed or too deep text is a 400 naming `field`. */
export function parseJsonText(text: string, what: string, field = 'body', maxDepth = MAX_JSON_DEPTH): unknown {
  if (jsonDepth(text) > maxDepth) {
    throw new ValidationError(`${what} nests arrays or objects deeper than ${maxDepth} levels`, field);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ValidationError(`${what} is not valid JSON: ${(e as Error).message}`, field);
  }
}
