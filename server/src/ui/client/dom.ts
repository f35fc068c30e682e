/**
 * Building the page from data without HTML strings: every value from the API becomes a text node or an
 * attribute value, so nothing it contains can be read as markup. No innerHTML anywhere in the app.
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Handler = (event: Event) => void;

export interface Attrs {
  class?: string | (string | false | null | undefined)[];
  /** Listeners, attached with addEventListener (the CSP forbids inline handlers). */
  on?: Partial<Record<keyof HTMLElementEventMap, Handler>>;
  /** Any other attribute: false/null/undefined leave it out, true sets it empty. */
  [attr: string]: unknown;
}

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
    return;
  }
  parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (key === 'on') {
      for (const [type, fn] of Object.entries(value as Record<string, Handler>)) el.addEventListener(type, fn);
    } else if (key === 'class') {
      const names = Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value ?? '');
      if (names) el.className = names;
    } else if (value === true) {
      el.setAttribute(key, '');
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

/** Replaces an element's content. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

let counter = 0;
/** Ids that tie labels to their fields and descriptions to what they describe. */
export const uid = (prefix: string) => `${prefix}-${++counter}`;
