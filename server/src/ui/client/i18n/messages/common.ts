import { defineMessages } from '../define.js';

/** Words every screen shares: buttons, tables, pagers, page-level errors (ui/*.ts, router.ts). */
export default defineMessages('common', {
  en: {
    'common.cancel': 'Cancel',
    'common.search': 'Search',
    'common.reset': 'Reset',
    'common.apply': 'Apply',
    'common.tryAgain': 'Try again',
    'common.nothingToShow': 'Nothing to show.',
    'common.errorTitle': 'Error',
    'common.pageNotLoaded': 'This page could not be loaded',
    'common.somethingWrong': 'Something went wrong.',
    'common.somethingWrongDetail': 'Something went wrong: {detail}',
    'common.pager.previous': '← Previous',
    'common.pager.next': 'Next →',
    'common.pager.label': 'Pages: {range}',
    'common.private': 'Private',
  },
  fr: {
    'common.cancel': 'Annuler',
    'common.search': 'Rechercher',
    'common.reset': 'Réinitialiser',
    'common.apply': 'Appliquer',
    'common.tryAgain': 'Réessayer',
    'common.nothingToShow': 'Rien à afficher.',
    'common.errorTitle': 'Erreur',
    'common.pageNotLoaded': 'Cette page n’a pas pu être chargée',
    'common.somethingWrong': 'Une erreur est survenue.',
    'common.somethingWrongDetail': 'Une erreur est survenue : {detail}',
    'common.pager.previous': '← Précédent',
    'common.pager.next': 'Suivant →',
    'common.pager.label': 'Pages : {range}',
    'common.private': 'Privé',
  },
});
