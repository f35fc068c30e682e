import { describe, expect, it } from 'vitest';
import { complianceHref, homeHref, isHomeHash, licenceEditHref, parseRoute, safeNext } from '../../src/ui/client/routes.js';
import { axisTicks, niceMax } from '../../src/ui/client/compliance-logic.js';

describe('licence and compliance routes', () => {
  it('parses the licence manager screens', () => {
    expect(parseRoute('#/compliance?at=2026-01-31')).toEqual({ name: 'compliance', query: { at: '2026-01-31' } });
    expect(parseRoute('#/compliance/12?only=beyond')).toEqual({ name: 'compliance-product', id: 12, query: { only: 'beyond' } });
    expect(parseRoute('#/software')).toEqual({ name: 'software', query: {} });
    expect(parseRoute('#/software/7')).toEqual({ name: 'software-product', id: 7, query: {} });
    expect(parseRoute('#/software/rules?edit=3')).toEqual({ name: 'software-rules', query: { edit: '3' } });
    expect(parseRoute('#/licences')).toEqual({ name: 'licences', query: {} });
    expect(parseRoute('#/licences/new?productId=4&quantity=2')).toEqual({ name: 'licence-edit', id: null, query: { productId: '4', quantity: '2' } });
    expect(parseRoute('#/licences/9')).toEqual({ name: 'licence-edit', id: 9, query: {} });
    expect(parseRoute('#/licences/import')).toEqual({ name: 'licence-import', query: {} });
    expect(parseRoute('#/compliance/0').name).toBe('not-found');
    expect(parseRoute('#/licences/x').name).toBe('not-found');
  });

  it('builds their links', () => {
    expect(complianceHref({ at: '2026-01-31' })).toBe('#/compliance?at=2026-01-31');
    expect(licenceEditHref(null, { productId: 4, quantity: 2 })).toBe('#/licences/new?productId=4&quantity=2');
    expect(licenceEditHref(9)).toBe('#/licences/9');
  });

  it('sends a licence manager home to compliance and everyone else to the tickets', () => {
    expect(homeHref('licence-manager')).toBe('#/compliance');
    for (const role of ['admin', 'technician', 'requester']) expect(homeHref(role)).toBe('#/home');
    expect(safeNext(undefined, homeHref('licence-manager'))).toBe('#/compliance');
    expect(safeNext('#/devices/3', homeHref('licence-manager'))).toBe('#/devices/3');
    for (const home of ['', '#', '#/', '#//']) expect(isHomeHash(home)).toBe(true);
    expect(isHomeHash('#/tickets')).toBe(false);
  });

  it('rounds the chart axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 12, 180, 501].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 1000]);
    expect(axisTicks(10)).toEqual([0, 5, 10]);
    expect(axisTicks(5)).toEqual([0, 5]);
  });
});
