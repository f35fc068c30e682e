import { defineMessages } from '../define.js';

/** The screen for a URL the app does not know (views/not-found.ts). */
export default defineMessages('notFound', {
  en: {
    'notFound.title': 'Not found',
    'notFound.heading': 'There is no such page',
    'notFound.toTickets': 'Go to the tickets',
    'notFound.forbiddenTitle': 'Not available for your role',
    'notFound.forbiddenText': 'This page is for other roles than yours. If you need it, ask an administrator.',
    'notFound.toHome': 'Go to your home page',
  },
  fr: {
    'notFound.title': 'Introuvable',
    'notFound.heading': 'Cette page n’existe pas',
    'notFound.toTickets': 'Aller aux tickets',
    'notFound.forbiddenTitle': 'Non disponible pour votre rôle',
    'notFound.forbiddenText': 'Cette page est réservée à d’autres rôles que le vôtre. Si vous en avez besoin, demandez à un administrateur.',
    'notFound.toHome': 'Aller à votre page d’accueil',
  },
});
