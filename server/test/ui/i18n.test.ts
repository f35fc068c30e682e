import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/ui/client/api.js';
import { summarizeChanges } from '../../src/ui/client/changes.js';
import { formatBytes, formatDateTime, formatLead, formatRelative, pageRange, priorityLabel, statusLabel } from '../../src/ui/client/format.js';
import { apiErrorText, messageOf } from '../../src/ui/client/i18n/api-errors.js';
import { intlLocale, locale, setLocale, t, useProfileLocale } from '../../src/ui/client/i18n/i18n.js';
import { chooseLocale, intlTagFor } from '../../src/ui/client/i18n/locale-choice.js';
import { describeEvent } from '../../src/ui/client/timeline.js';
import type { Change, TimelineEntry } from '../../src/ui/client/types.js';

afterEach(() => setLocale('en', []));

describe('which language', () => {
  it('the profile first, then the browser’s first language Parc speaks, then English', () => {
    expect(chooseLocale('fr', ['en-US'])).toBe('fr');
    expect(chooseLocale(null, ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(chooseLocale(undefined, ['EN-gb'])).toBe('en');
    expect(chooseLocale(null, ['de', 'es'])).toBe('en');
    expect(chooseLocale(null, [])).toBe('en');
    // A value the server would never send is ignored, not trusted.
    expect(chooseLocale('de', ['fr'])).toBe('fr');
  });

  it('dates follow the browser’s region of the chosen language, else the bare language', () => {
    expect(intlTagFor('fr', ['en-US', 'fr-CA'])).toBe('fr-CA');
    expect(intlTagFor('en', ['fr-FR', 'en-gb'])).toBe('en-GB');
    expect(intlTagFor('fr', ['en-US'])).toBe('fr');
    expect(intlTagFor('fr', ['fr-x-invalid-@@', 'fr-BE'])).toBe('fr-BE');
  });

  it('useProfileLocale applies the choice to messages and Intl alike', () => {
    expect(useProfileLocale(null, ['fr-CH', 'en'])).toBe('fr');
    expect(locale()).toBe('fr');
    expect(intlLocale()).toBe('fr-CH');
    expect(useProfileLocale('en', ['fr-CH'])).toBe('en');
    expect(intlLocale()).toBe('en');
  });
});

describe('one locale governs the page', () => {
  const now = new Date('2026-11-28T12:00:00Z');

  it('a French reader gets French labels and French relative times; English gets English, whatever the browser', () => {
    setLocale('fr', ['fr-FR']);
    expect(formatRelative('2026-11-28T11:59:00Z', now)).toBe('il y a 1 minute');
    expect(statusLabel('assigned')).toBe('Attribué');
    expect(formatDateTime('2026-11-28T09:05:00Z', { timeZone: 'Europe/Paris' })).toBe('28 nov. 2026, 10:05');
    // The bug this fixes: an English interface on a French browser said "il y a 1 minute".
    setLocale('en', ['fr-FR', 'en-GB']);
    expect(formatRelative('2026-11-28T11:59:00Z', now)).toBe('1 minute ago');
    expect(statusLabel('assigned')).toBe('Assigned');
    expect(formatDateTime('2026-11-28T09:05:00Z', { timeZone: 'Europe/Paris' })).toBe('28 Nov 2026, 10:05');
  });

  it('plurals, numbers, sizes and spans in each language', () => {
    setLocale('en', ['en-US']);
    expect(t('tickets.deviceCount', { count: 1 })).toBe('1 device');
    expect(t('tickets.deviceCount', { count: 3 })).toBe('3 devices');
    expect(pageRange(1000, 25, 12345)).toBe('1,001–1,025 of 12,345');
    expect(formatBytes(16 * 2 ** 30)).toBe('16.0 GiB');
    setLocale('fr', ['fr-FR']);
    expect(t('tickets.deviceCount', { count: 0 })).toBe('0 appareil');
    expect(t('tickets.deviceCount', { count: 1 })).toBe('1 appareil');
    expect(t('tickets.deviceCount', { count: 2 })).toBe('2 appareils');
    expect(pageRange(1000, 25, 12345)).toBe('1\u202f001–1\u202f025 sur 12\u202f345');
    expect(formatBytes(16 * 2 ** 30)).toBe('16,0 Gio');
    expect(formatBytes(512)).toBe('512 o');
    expect(formatLead('2026-11-25T08:00:00Z', '2026-11-28T12:30:00Z')).toBe('3 j 4 h avant');
    expect(priorityLabel(6)).toBe('Majeure');
    expect(priorityLabel(9)).toBe('Priorité 9');
    const change = (c: Partial<Change>): Change => ({ at: '2026-11-28T09:00:00Z', section: 'software', kind: 'changed', item: 'firefox', old: '1', new: '2', ...c });
    expect(summarizeChanges([change({}), change({}), change({ kind: 'added', old: null })])).toBe('2 mis à niveau, 1 installé');
  });

  it('timeline events and workflow messages in French', () => {
    setLocale('fr', []);
    const names = { user: () => 'Alice', group: () => 'Support', device: () => 'ws-1', category: () => 'Matériel' };
    const ev = (kind: string, data: Record<string, unknown>): TimelineEntry => ({ id: 1, at: '2026-11-28T09:00:00Z', kind, private: false, actor: null, body: null, data });
    expect(describeEvent(ev('status', { from: 'new', to: 'solved' }), names)).toBe('Statut : Nouveau → Résolu');
    expect(describeEvent(ev('assignment', { added: { userIds: [1], groupIds: [2] } }), names)).toBe('Attribué à Alice, groupe Support');
    expect(describeEvent(ev('auto-closed', { afterDays: 7 }), names)).toBe('Clos automatiquement après 7 jours résolu');
    expect(describeEvent(ev('updated', { changes: { title: 1, categoryId: 2, somethingNew: 3 } }), names)).toBe('Modifié : titre, catégorie, somethingNew');
    expect(t('ticket.action.done', { action: 'Prendre', status: 'assigned' })).toBe('Prendre : fait. Le ticket est maintenant attribué.');
    // A status a newer server adds still reads.
    expect(t('ticket.action.done', { action: 'Prendre', status: 'waiting-parts' })).toBe('Prendre : fait. Le ticket est maintenant waiting-parts.');
  });
});

describe('API errors for display', () => {
  it('known codes in the interface’s language, with the server’s specifics where they matter; unknown codes as the server said', () => {
    setLocale('fr', []);
    expect(apiErrorText(new ApiError(401, 'invalid_credentials', 'wrong username or password'))).toBe('Nom d’utilisateur ou mot de passe incorrect.');
    expect(apiErrorText(new ApiError(400, 'validation_failed', 'title: too long', 'title'))).toBe('Refusé : title: too long');
    expect(apiErrorText(new ApiError(0, 'network', 'The server cannot be reached.'))).toBe('Le serveur est injoignable. Vérifiez votre connexion et réessayez.');
    expect(apiErrorText(new ApiError(502, 'http_error', 'The server answered 502.'))).toBe('Le serveur a répondu 502.');
    expect(apiErrorText(new ApiError(409, 'no_inventory_yet', 'the device has sent no inventory yet'))).toBe('the device has sent no inventory yet');
    // A code named like an Object property is still unknown.
    expect(apiErrorText(new ApiError(400, 'constructor', 'odd'))).toBe('odd');
    expect(messageOf(new Error('boom'))).toBe('Une erreur est survenue : boom');
    expect(messageOf('Saisissez votre nom d’utilisateur et votre mot de passe.')).toBe('Saisissez votre nom d’utilisateur et votre mot de passe.');
    setLocale('en', []);
    expect(messageOf(new ApiError(409, 'conflict', 'category "Network" is still used by 2 tickets'))).toBe('Conflict: category "Network" is still used by 2 tickets');
  });
});

describe('t() is typed from the English catalogue', () => {
  it('rejects unknown keys, missing or misspelt arguments and arguments of the wrong kind', () => {
    // Each line below must fail the type check (npm run typecheck); at run time they are not called.
    const typeChecks = () => {
      // @ts-expect-error an unknown key
      t('tickets.noSuchKey');
      // @ts-expect-error a message with arguments called without them
      t('tickets.deviceCount');
      // @ts-expect-error a misspelt argument
      t('tickets.deviceCount', { cuont: 1 });
      // @ts-expect-error a plural takes a number
      t('tickets.deviceCount', { count: 'three' });
      // @ts-expect-error a message without arguments given some
      t('common.cancel', { x: 1 });
      t('ticket.openedBy', { type: 'incident', name: 'Rita', date: 'today' });
    };
    expect(typeof typeChecks).toBe('function');
    expect(t('ticket.openedBy', { type: 'incident', name: 'Rita', date: 'today' })).toBe('Incident opened by Rita on today');
  });
});
