import { defineMessages } from '../define.js';

/**
 * The API's stable error codes as people read them (i18n/api-errors.ts). Codes whose server message
 * carries the specifics (which field, which name) keep it as `{detail}`; any code not listed here shows
 * the server's message as it is.
 */
export default defineMessages('errors', {
  en: {
    'errors.network': 'The server cannot be reached. Check your connection and try again.',
    'errors.httpError': 'The server answered {status}.',
    'errors.unauthorized': 'Your session has ended: log in again.',
    'errors.invalidCredentials': 'Wrong username or password.',
    'errors.forbidden': 'Your role does not allow this.',
    'errors.notFound': 'This does not exist, or is not visible to you.',
    'errors.validationFailed': 'Not accepted: {detail}',
    'errors.conflict': 'Conflict: {detail}',
    'errors.payloadTooLarge': 'This is more than the server accepts in one request.',
    'errors.tooManyRequests': 'Too many attempts: wait a few minutes, then try again.',
    'errors.internalError': 'The server failed on this request; the details are in its log.',
    'errors.ticketClosed': 'This ticket is closed: reopen it first.',
    'errors.invalidTransition': 'This action is not possible in the ticket’s current status: {detail}',
  },
  fr: {
    'errors.network': 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
    'errors.httpError': 'Le serveur a répondu {status}.',
    'errors.unauthorized': 'Votre session a pris fin : reconnectez-vous.',
    'errors.invalidCredentials': 'Nom d’utilisateur ou mot de passe incorrect.',
    'errors.forbidden': 'Votre rôle ne le permet pas.',
    'errors.notFound': 'Cet élément n’existe pas, ou ne vous est pas visible.',
    'errors.validationFailed': 'Refusé : {detail}',
    'errors.conflict': 'Conflit : {detail}',
    'errors.payloadTooLarge': 'C’est plus que ce que le serveur accepte en une requête.',
    'errors.tooManyRequests': 'Trop de tentatives : attendez quelques minutes, puis réessayez.',
    'errors.internalError': 'Le serveur a échoué sur cette requête ; les détails sont dans son journal.',
    'errors.ticketClosed': 'Ce ticket est clos : rouvrez-le d’abord.',
    'errors.invalidTransition': 'Cette action n’est pas possible dans le statut actuel du ticket : {detail}',
  },
});
