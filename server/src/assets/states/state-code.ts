/**
 * A code for an admin-added state, from its label: lower-case ASCII letters, digits and `_`
 * ("Prêté à l'extérieur" → "prete_a_l_exterieur"), made unique against the codes taken with a suffix.
 */
export function stateCodeFor(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 48) || 'state';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}
