/**
 * What people typed, kept across a lost session: when the server answers 401 (the session ended while a
 * form was being filled), the fields of the page's forms are saved for that address, and put back once
 * the person has logged in again and the page is drawn. Passwords and files are never kept. Pure parts
 * here (tested in server/test/ui, no DOM); ui/drafts-store.ts reads and fills the page, in the tab's sessionStorage.
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
