import { draftValue, snapshot, type Draft } from '../drafts.js';

/** The page side of drafts.ts: reads the forms of the page into sessionStorage on a 401, and fills them back. */
const KEY = 'parc-drafts';
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
const fieldsOf = (form: HTMLFormElement) => [...form.querySelectorAll<Field>('input, textarea, select')];

export function saveDrafts(address: string, root: ParentNode | null): void {
  if (!root) return;
  const forms = [...root.querySelectorAll('form')].map((form) => fieldsOf(form).map((el) => ({ name: el.name, type: el.type, value: el.value, checked: 'checked' in el ? el.checked : false })));
  const draft = snapshot(forms);
  if (Object.keys(draft).length > 0) sessionStorage.setItem(KEY, JSON.stringify({ address, draft }));
}

/** Puts a saved draft back into the page at its address (once), and says whether it did. */
export function restoreDrafts(address: string, root: ParentNode): boolean {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return false;
  const saved = JSON.parse(raw) as { address: string; draft: Draft };
  if (saved.address !== address) return false;
  sessionStorage.removeItem(KEY);
  [...root.querySelectorAll('form')].forEach((form, i) => {
    for (const el of fieldsOf(form)) {
      const v = draftValue(saved.draft, i, { name: el.name, type: el.type, value: el.value });
      if (typeof v === 'boolean' && 'checked' in el) el.checked = v;
      else if (typeof v === 'string') el.value = v;
    }
  });
  return true;
}
