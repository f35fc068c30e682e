/**
 * The form controls an API error's `field` may name, most precise first: `targets.3.ownMinutes`, then
 * `targets.3`, then `targets`, so a form finds the exact input when it has one and its nearest group
 * otherwise. Pure: tested in server/test/ui.
 */
export function fieldCandidates(path: string): string[] {
  const parts = path.split('.').filter(Boolean);
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'));
}
