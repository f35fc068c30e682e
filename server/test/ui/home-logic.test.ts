import { beforeEach, describe, expect, it } from 'vitest';
import { agentVersionLabel, dueText, lastSeenLabel, nextStep, osName, rejectionLabel } from '../../src/ui/client/home-logic.js';
import { setLocale } from '../../src/ui/client/i18n/i18n.js';
import { homeHref, loginHref, parseRoute, roleHomeHref } from '../../src/ui/client/routes.js';

beforeEach(() => setLocale('en', []));

describe('home routes', () => {
  it('every role but the licence manager lands on #/home', () => {
    expect(parseRoute('#/home')).toEqual({ name: 'home', query: {} });
    expect(roleHomeHref()).toBe('#/home');
    expect(homeHref('technician')).toBe('#/home');
    expect(homeHref('licence-manager')).toBe('#/compliance');
  });

  it('a deep link survives the login screen being asked for twice (two 401s), so the home does not replace it', () => {
    const once = loginHref('#/tickets');
    expect(once).toBe('#/login?next=%23%2Ftickets');
    expect(loginHref(once)).toBe(once);
    expect(parseRoute(loginHref(once)).query.next).toBe('#/tickets');
    expect(loginHref('#/login')).toBe('#/login');
  });
});

describe('home texts', () => {
  it('say how long overdue, or how long left, in words', () => {
    expect(dueText(125)).toBe('Overdue by 2 h 5 min');
    expect(dueText(3 * 1440 + 60)).toBe('Overdue by 3 d 1 h');
    expect(dueText(-30)).toBe('Due in 30 min');
    expect(dueText(0)).toBe('Due now');
    expect(dueText(null)).toBeNull();
    setLocale('fr', ['fr-FR']);
    expect(dueText(125)).toBe('En retard de 2 h 5 min');
    expect(dueText(-30)).toBe('Échéance dans 30 min');
  });

  it('name buckets, reasons, next steps, operating systems and versions, never a raw value', () => {
    expect(lastSeenLabel('month')).toBe('7 to 30 days');
    expect(rejectionLabel('too-large')).toBe('Too large');
    expect(nextStep('solved')).toBe('Solved: accept the solution or reopen it.');
    expect(osName({ platform: 'windows', name: 'Windows 11 Pro' })).toBe('Windows 11 Pro');
    expect(osName({ platform: 'linux', name: null })).toBe('Linux');
    expect(osName({ platform: null, name: null })).toBe('Unknown');
    expect(agentVersionLabel('0.2.0')).toBe('Version 0.2.0');
    expect(agentVersionLabel(null)).toBe('Unknown version');
    setLocale('fr', ['fr-FR']);
    expect(lastSeenLabel('older')).toBe('Plus de 90 jours');
    expect(rejectionLabel('unauthenticated')).toBe('Agent inconnu ou révoqué');
  });
});
