import { defineMessages } from '../define.js';

/** A device's changes in words: verbs and one-line digests (changes.ts). */
export default defineMessages('changes', {
  en: {
    'changes.verb.installed': 'Installed',
    'changes.verb.removed': 'Removed',
    'changes.verb.upgraded': 'Upgraded',
    'changes.verb.downgraded': 'Downgraded',
    'changes.verb.changed': 'Changed',
    'changes.verb.added': 'Added',
    'changes.count.installed': '{count, number} installed',
    'changes.count.removed': '{count, number} removed',
    'changes.count.upgraded': '{count, number} upgraded',
    'changes.count.downgraded': '{count, number} downgraded',
    'changes.count.changed': '{count, number} changed',
    'changes.count.added': '{count, number} added',
    'changes.none': 'no changes',
  },
  fr: {
    'changes.verb.installed': 'Installé',
    'changes.verb.removed': 'Supprimé',
    'changes.verb.upgraded': 'Mis à niveau',
    'changes.verb.downgraded': 'Rétrogradé',
    'changes.verb.changed': 'Modifié',
    'changes.verb.added': 'Ajouté',
    'changes.count.installed': '{count, plural, one {# installé} other {# installés}}',
    'changes.count.removed': '{count, plural, one {# supprimé} other {# supprimés}}',
    'changes.count.upgraded': '{count, plural, one {# mis à niveau} other {# mis à niveau}}',
    'changes.count.downgraded': '{count, plural, one {# rétrogradé} other {# rétrogradés}}',
    'changes.count.changed': '{count, plural, one {# modifié} other {# modifiés}}',
    'changes.count.added': '{count, plural, one {# ajouté} other {# ajoutés}}',
    'changes.none': 'aucun changement',
  },
});
