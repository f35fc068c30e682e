import { defineMessages } from '../define.js';

/** The screen for a URL the app does not know (views/not-found.ts). */
export default defineMessages('notFound', {
  en: {
    'notFound.title': 'Not found',
    'notFound.heading': 'There is no such page',
    'notFound.toTickets': 'Go to the tickets',
  },
  fr: {
    'notFound.title': 'Introuvable',
    'notFound.heading': 'Cette page n’existe pas',
    'notFound.toTickets': 'Aller aux tickets',
  },
});
