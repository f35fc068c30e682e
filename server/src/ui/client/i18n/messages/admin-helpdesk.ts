import { defineMessages } from '../define.js';

/** Helpdesk settings: the priority matrix and delays (views/admin/helpdesk.ts). */
export default defineMessages('adminHelpdesk', {
  en: {
    'adminHelpdesk.title': 'Helpdesk settings',
    'adminHelpdesk.intro': 'A new ticket’s priority comes from its urgency and impact; staff can still change it.',
    'adminHelpdesk.cellLabel': 'Priority for urgency {u} ({urgency}) and impact {i} ({impact})',
    'adminHelpdesk.matrix': 'Priority matrix',
    'adminHelpdesk.matrixCaption': 'Priority by urgency (rows) and impact (columns)',
    'adminHelpdesk.corner': 'Urgency ↓ / Impact →',
    'adminHelpdesk.autoClose': 'Close solved tickets after (days)',
    'adminHelpdesk.autoCloseHint': 'Without an answer from the requester; 0 = never.',
    'adminHelpdesk.changesDays': 'Device changes shown (days)',
    'adminHelpdesk.changesDaysHint': 'How far back a ticket lists its devices’ changes.',
    'adminHelpdesk.save': 'Save settings',
    'adminHelpdesk.saved': 'Helpdesk settings saved. New tickets get their priority from the new matrix.',
  },
  fr: {
    'adminHelpdesk.title': 'Réglages du support',
    'adminHelpdesk.intro': 'La priorité d’un nouveau ticket vient de son urgence et de son impact ; l’équipe peut encore la changer.',
    'adminHelpdesk.cellLabel': 'Priorité pour l’urgence {u} ({urgency}) et l’impact {i} ({impact})',
    'adminHelpdesk.matrix': 'Matrice de priorité',
    'adminHelpdesk.matrixCaption': 'Priorité selon l’urgence (lignes) et l’impact (colonnes)',
    'adminHelpdesk.corner': 'Urgence ↓ / Impact →',
    'adminHelpdesk.autoClose': 'Clore les tickets résolus après (jours)',
    'adminHelpdesk.autoCloseHint': 'Sans réponse du demandeur ; 0 = jamais.',
    'adminHelpdesk.changesDays': 'Changements d’appareil affichés (jours)',
    'adminHelpdesk.changesDaysHint': 'Jusqu’où un ticket remonte dans les changements de ses appareils.',
    'adminHelpdesk.save': 'Enregistrer les réglages',
    'adminHelpdesk.saved': 'Réglages du support enregistrés. Les nouveaux tickets prennent leur priorité dans la nouvelle matrice.',
  },
});
