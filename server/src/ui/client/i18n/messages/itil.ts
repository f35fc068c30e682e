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
    'itil.action.accept': 'Accept',
    'itil.action.analyse': 'Start the analysis',
    'itil.action.evaluate': 'Evaluate',
    'itil.action.submitForApproval': 'Submit for approval…',
    'itil.action.approvalComment': 'What the approvers should know (optional)',
    'itil.action.approvers': 'Approvers',
    'itil.action.approverGroups': 'Approver groups (any member may answer)',
    'itil.action.approvalMode': 'Approval needed from',
    'itil.action.approvalModeHint': '“Any one approver”: one approval is enough. “Every approver”: each of them must approve.',
    'itil.action.reEvaluate': 'Evaluate again…',
    'itil.action.whatChanged': 'What was amended (optional)',
    'itil.action.startTest': 'Start testing',
    'itil.action.qualify': 'Qualify',
    'itil.action.apply': 'Apply…',
    'itil.action.applyNote': 'Note for the devices’ history (optional)',
    'itil.action.review': 'Review',
    'itil.followup.hintStaff': 'Helpdesk staff see it; requesters never see problems and changes.',
  },
  fr: {
    'itil.actions.problem': 'Actions sur le problème',
    'itil.actions.change': 'Actions sur le changement',
    'itil.action.done': '{action} : fait. Statut : {status}.',
    'itil.action.accept': 'Accepter',
    'itil.action.analyse': 'Commencer l’analyse',
    'itil.action.evaluate': 'Évaluer',
    'itil.action.submitForApproval': 'Soumettre à approbation…',
    'itil.action.approvalComment': 'Ce que les approbateurs doivent savoir (facultatif)',
    'itil.action.approvers': 'Approbateurs',
    'itil.action.approverGroups': 'Groupes d’approbateurs (n’importe quel membre peut répondre)',
    'itil.action.approvalMode': 'Approbation requise de',
    'itil.action.approvalModeHint': '« Un seul approbateur suffit » : une approbation suffit. « Tous les approbateurs » : chacun doit approuver.',
    'itil.action.reEvaluate': 'Réévaluer…',
    'itil.action.whatChanged': 'Ce qui a été modifié (facultatif)',
    'itil.action.startTest': 'Commencer les tests',
    'itil.action.qualify': 'Qualifier',
    'itil.action.apply': 'Appliquer…',
    'itil.action.applyNote': 'Note pour l’historique des appareils (facultatif)',
    'itil.action.review': 'Passer en revue',
    'itil.followup.hintStaff': 'L’équipe du support le voit ; les demandeurs ne voient jamais les problèmes ni les changements.',
  },
});
