import { describe, expect, it } from 'vitest';
import { buildQuery, intParam, parseQuery } from '../../src/ui/client/query.js';
import { loginHref, parseRoute, safeNext, ticketsHref } from '../../src/ui/client/routes.js';
import { assetFilterQuery, atOffset, deviceApiQuery, deviceCsvHref, PAGE_SIZE, ticketApiQuery, ticketCsvHref } from '../../src/ui/client/filters.js';

describe('buildQuery', () => {
  it('leaves out empty values, joins arrays with commas, writes true as 1 and encodes', () => {
    expect(buildQuery({ a: undefined, b: null, c: '', d: false, e: [], f: '  ' })).toBe('');
    expect(buildQuery({ status: ['new', 'assigned'], mine: true, q: 'écran & clavier', n: 0 })).toBe('?status=new%2Cassigned&mine=1&q=%C3%A9cran+%26+clavier&n=0');
    expect(buildQuery({ list: ['', 'x'] })).toBe('?list=x');
  });

  it('round-trips through parseQuery', () => {
    const q = { q: 'a=b&c', status: 'open', offset: '25' };
    expect(parseQuery(buildQuery(q))).toEqual(q);
    expect(parseQuery('')).toEqual({});
  });

  it('intParam takes only plain non-negative integers', () => {
    expect(intParam('25', 0)).toBe(25);
    for (const bad of [undefined, '', '-1', '2.5', '1e3', 'x']) expect(intParam(bad, 7)).toBe(7);
  });
});

describe('routes', () => {
  it('parses every screen and ids, and rejects ids out of range', () => {
    expect(parseRoute('')).toEqual({ name: 'tickets', query: {} });
    expect(parseRoute('#/tickets?status=all&q=vpn')).toEqual({ name: 'tickets', query: { status: 'all', q: 'vpn' } });
    expect(parseRoute('#/tickets/12')).toEqual({ name: 'ticket', id: 12, query: {} });
    expect(parseRoute('#/tickets/new?deviceId=4')).toEqual({ name: 'ticket-new', query: { deviceId: '4' } });
    expect(parseRoute('#/devices/7/')).toEqual({ name: 'device', id: 7, query: {} });
    expect(parseRoute('#/admin/tokens')).toMatchObject({ name: 'tokens' });
    expect(parseRoute('#/login?next=%23%2Fdevices')).toEqual({ name: 'login', query: { next: '#/devices' } });
    expect(parseRoute('#/tickets/0').name).toBe('not-found');
    expect(parseRoute('#/tickets/99999999999').name).toBe('not-found');
    expect(parseRoute('#/nowhere').name).toBe('not-found');
  });

  it('returns after login only to an in-app fragment', () => {
    expect(safeNext('#/devices/3')).toBe('#/devices/3');
    for (const bad of [undefined, '', 'https://evil.example', '//evil.example', '#//evil', '#/login?next=x']) expect(safeNext(bad)).toBe('#/home');
    expect(loginHref('#/tickets/4')).toBe('#/login?next=%23%2Ftickets%2F4');
    expect(loginHref('#/login')).toBe('#/login');
  });
});

describe('list filters', () => {
  it('ticket list: open by default, "all" drops the status, mine becomes the caller\'s id, bad sort falls back', () => {
    expect(ticketApiQuery({}, 9)).toEqual({ q: undefined, status: 'open', priority: undefined, assigneeId: undefined, groupId: undefined, slaState: undefined, sort: '-id', limit: PAGE_SIZE, offset: 0 });
    expect(ticketApiQuery({ status: 'all', mine: '1', sort: 'title', offset: '50', slaState: 'at-risk' }, 9)).toMatchObject({ status: undefined, assigneeId: 9, sort: 'title', offset: 50, slaState: 'at-risk' });
    expect(ticketApiQuery({ sort: 'drop table' }, 9).sort).toBe('-id');
    expect(ticketsHref({ status: 'pending', offset: undefined })).toBe('#/tickets?status=pending');
  });

  it('CSV export carries the same filters but no page', () => {
    const href = ticketCsvHref({ q: 'vpn', mine: '1', offset: '25' }, 3);
    expect(href).toBe('/api/v1/tickets/export.csv?q=vpn&status=open&assigneeId=3&sort=-id');
  });

  it('device list and paging', () => {
    expect(deviceApiQuery({ search: '10.1.', stale: 'true', offset: '50' })).toEqual({ search: '10.1.', stale: 'true', sort: 'hostname', limit: PAGE_SIZE, offset: 50 });
    expect(deviceApiQuery({ state: 'in_repair', status: 'ignored' })).toEqual({ state: 'in_repair', sort: 'hostname', limit: PAGE_SIZE, offset: 0 });
    expect(atOffset({ q: 'x', offset: '25' }, 0)).toEqual({ q: 'x', offset: undefined });
    expect(atOffset({ q: 'x' }, 50)).toEqual({ q: 'x', offset: 50 });
  });

  it('asset list: register filters go to the API; the CSV export and totals take them without sort or page', () => {
    const url = { type: 'monitor', locationId: '4', includeSublocations: 'false', userId: 'none', state: 'in_use', contractId: '2', warrantyEndsBefore: '2027-01-01', sort: '-lastSeenAt', offset: '50', junk: 'x', search: '' };
    expect(deviceApiQuery(url)).toEqual({ type: 'monitor', locationId: '4', includeSublocations: 'false', userId: 'none', state: 'in_use', contractId: '2', warrantyEndsBefore: '2027-01-01', sort: '-lastSeenAt', limit: PAGE_SIZE, offset: 50 });
    expect(deviceCsvHref(url)).toBe('/api/v1/devices/export.csv?type=monitor&state=in_use&locationId=4&includeSublocations=false&userId=none&warrantyEndsBefore=2027-01-01&contractId=2');
    expect(assetFilterQuery(url, { withoutType: true })).not.toHaveProperty('type');
  });
});
