import { defineMessages } from '../define.js';

/** Interventions on an asset: the device page's section and the ticket page's forms. */
export default defineMessages('interventions', {
  en: {
    'interventions.title': 'Interventions',
    'interventions.none': 'No intervention logged.',
    'interventions.column.date': 'Date',
    'interventions.column.asset': 'Asset',
    'interventions.column.description': 'What was done',
    'interventions.column.by': 'Done by',
    'interventions.column.cost': 'Cost',
    'interventions.column.ticket': 'Ticket',
    'interventions.contract': 'Under contract',
    'interventions.noContract': 'None',
    'interventions.add': 'Log an intervention',
    'interventions.logFor': 'Log an intervention on {name}',
    'interventions.save': 'Log it',
    'interventions.saved': 'Intervention logged.',
  },
  fr: {
    'interventions.title': 'Interventions',
    'interventions.none': 'Aucune intervention enregistrée.',
    'interventions.column.date': 'Date',
    'interventions.column.asset': 'Matériel',
    'interventions.column.description': 'Travail effectué',
    'interventions.column.by': 'Effectuée par',
    'interventions.column.cost': 'Coût',
    'interventions.column.ticket': 'Ticket',
    'interventions.contract': 'Sous contrat',
    'interventions.noContract': 'Aucun',
    'interventions.add': 'Enregistrer une intervention',
    'interventions.logFor': 'Enregistrer une intervention sur {name}',
    'interventions.save': 'Enregistrer',
    'interventions.saved': 'Intervention enregistrée.',
  },
});
