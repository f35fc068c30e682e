import { defineMessages } from '../define.js';

/**
 * What tickets, problems and changes share on their pages: the actions panel and the timeline's forms
 * when the object is a problem or a change (views/itil-actions.ts, views/itil-timeline.ts, itil.ts).
 */
export default defineMessages('itil', {
  en: {
    'itil.actions.problem': 'Problem actions',
    'itil.actions.change': 'Change actions',
    'itil.action.done': '{action}: done. Status: {status}.',
    'itil.followup.hintStaff': 'Helpdesk staff see it; requesters never see problems and changes.',
  },
  fr: {
    'itil.actions.problem': 'Actions sur le problème',
    'itil.actions.change': 'Actions sur le changement',
    'itil.action.done': '{action} : fait. Statut : {status}.',
    'itil.followup.hintStaff': 'L’équipe du support le voit ; les demandeurs ne voient jamais les problèmes ni les changements.',
  },
});
