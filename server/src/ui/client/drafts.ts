/**
 * What people typed, kept across a lost session: when the server answers 401 (the session ended while a
 * form was being filled), the fields of the page's forms are saved for that address, and put back once
 * the person has logged in again and the page is drawn. Passwords and files are never kept. Pure parts
 * here (tested in server/test/ui); the storage is the tab's sessionStorage.
 */
export interface FieldLike {
  name: string;
  type: string;
  value: string;
  checked?: boolean;
}

export type Draft = Record<string, string | boolean>;

const SKIP = new Set(['password', 'file', 'hidden', 'submit', 'button']);

/** The fields worth keeping, by form and name ("0:title"); checkboxes by value too, since several share a name. */
export function snapshot(forms: readonly (readonly FieldLike[])[]): Draft {
  const out: Draft = {};
  forms.forEach((fields, i) => {
    for (const f of fields) {
      if (!f.name || SKIP.has(f.type)) continue;
      if (f.type === 'checkbox' || f.type === 'radio') out[`${i}:${f.name}=${f.value}`] = f.checked === true;
      else if (f.value !== '') out[`${i}:${f.name}`] = f.value;
    }
  });
  return out;
}

/** The saved value for one field, if the draft has one. */
export function draftValue(draft: Draft, form: number, f: FieldLike): string | boolean | undefined {
  return f.type === 'checkbox' || f.type === 'radio' ? draft[`${form}:${f.name}=${f.value}`] : draft[`${form}:${f.name}`];
}

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
