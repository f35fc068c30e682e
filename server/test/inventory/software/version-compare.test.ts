import { describe, expect, it } from 'vitest';
import { compareVersions, inVersionRange, newestFirst } from '../../../src/inventory/software/version-compare.js';

const sign = (n: number) => Math.sign(n);

describe('compareVersions', () => {
  it.each([
    ['10.0.2', '9.9', 1],
    ['9.9', '10.0.2', -1],
    ['1.10', '1.9', 1],
    ['2019', '2016', 1],
    ['16.0.10827.20138', '16.0.9029.2167', 1],
    ['1.0', '1.0.0', 0],
    ['1.0.0', '1.0', 0],
    ['v2.1', '2.1', 0],
    ['1.0-beta2', '1.0-rc1', -1],
    ['1.0-rc1', '1.0', -1],
    ['1.0', '1.0-rc1', 1],
    ['1.0.0-alpha', '1.0.0-beta', -1],
    ['1.0.1a', '1.0.1', 1],
    ['1.0.1b', '1.0.1a', 1],
    ['1.0a1', '1.0', -1],
    ['1.0b2', '1.0a3', 1],
    ['1:2.0', '3.0', 1],
    ['2.0~rc1', '2.0', -1],
    ['2.0~rc1-1', '2.0-1', -1],
    ['115.3.1esr', '115.3.1', 1],
    ['007', '7', 0],
    ['1.2.3.4.5.6.7.8.9.123456789012345678901234567890', '1.2.3.4.5.6.7.8.9.123456789012345678901234567889', 1],
    ['2.10.0-1ubuntu1', '2.9.9-1', 1],
    ['', '1.0', -1],
    ['', '', 0],
    ['Office 2019', 'Office 2016', 1],
  ])('%j vs %j → %d', (a, b, want) => {
    expect(sign(compareVersions(a, b))).toBe(want);
    expect(sign(compareVersions(b, a))).toBe(-want || 0);
  });

  it('is a total order on a mixed list (sorting is stable and transitive)', () => {
    const list = ['9.9', '10.0.2', '1.0-rc1', '1.0', '1.0-beta', '2019', '1:0.1', '2.0~rc1', '2.0', '1.10', '1.9'];
    const sorted = [...list].sort(compareVersions);
    expect(sorted).toEqual(['1.0-beta', '1.0-rc1', '1.0', '1.9', '1.10', '2.0~rc1', '2.0', '9.9', '10.0.2', '2019', '1:0.1']);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) expect(compareVersions(sorted[i]!, sorted[j]!)).toBeLessThanOrEqual(0);
    }
    expect([...list].sort(newestFirst)[0]).toBe('1:0.1');
  });
});

describe('inVersionRange', () => {
  it.each([
    ['16.0.10827.20138', null, null, true],
    ['16.0.10827.20138', '16', '16', true],
    ['16.0.10827.20138', '16.0', null, true],
    ['15.0.4569', '16', null, false],
    ['17.0', null, '16', false],
    ['16.9', null, '16', true],
    ['16.9', null, '16.5', false],
    ['16.5.2', null, '16.5', true],
    ['2019', '2016', '2019', true],
    ['2021', '2016', '2019', false],
    ['9.9', '9.5', '10.0.2', true],
    ['10.0.3', '9.5', '10.0.2', false],
    ['', null, null, true],
    ['', '1', null, false],
  ])('%j in [%j, %j] → %j', (v, from, to, want) => {
    expect(inVersionRange(v, from, to)).toBe(want);
  });
});
