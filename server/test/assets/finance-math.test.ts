import { describe, expect, it } from 'vitest';
import { addMonths, currentValueCents, monthsElapsed, toCents, warrantyEnd, warrantyState } from '../../src/assets/finance/finance-math.js';

describe('warranty end', () => {
  it('adds calendar months, clamping to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2026-05-10', 36)).toBe('2029-05-10');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
  });
  it('is none without a start or with 0 months', () => {
    expect(warrantyEnd(null, 12)).toBeNull();
    expect(warrantyEnd('2026-01-01', 0)).toBeNull();
    expect(warrantyEnd('2026-01-01', null)).toBeNull();
    expect(warrantyEnd('2026-01-31', 1)).toBe('2026-02-28');
  });
});

describe('warranty status', () => {
  it('none, active, expiring within N days, expired (the end day is no longer covered)', () => {
    expect(warrantyState(null, '2026-06-01', 30)).toEqual({ status: 'none', daysLeft: null });
    expect(warrantyState('2026-08-01', '2026-06-01', 30)).toEqual({ status: 'active', daysLeft: 61 });
    expect(warrantyState('2026-07-01', '2026-06-01', 30)).toEqual({ status: 'expiring', daysLeft: 30 });
    expect(warrantyState('2026-07-02', '2026-06-01', 30)).toEqual({ status: 'active', daysLeft: 31 });
    expect(warrantyState('2026-06-02', '2026-06-01', 30)).toEqual({ status: 'expiring', daysLeft: 1 });
    expect(warrantyState('2026-06-01', '2026-06-01', 30)).toEqual({ status: 'expired', daysLeft: 0 });
    expect(warrantyState('2025-06-01', '2026-06-01', 30)).toEqual({ status: 'expired', daysLeft: 0 });
  });
});

describe('money', () => {
  it('parses amounts into exact cents', () => {
    expect(toCents('1234.5')).toBe(123450);
    expect(toCents('0.1')).toBe(10);
    expect(toCents(0.29)).toBe(29);
    expect(toCents('12,34')).toBe(1234);
    expect(toCents('1.234')).toBeNull();
    expect(toCents('-1')).toBeNull();
  });
});

describe('linear depreciation', () => {
  const d = { method: 'linear' as const, costCents: 120000, months: 36, from: '2026-01-31' };
  it('is the cost before and at purchase, and until a month is complete', () => {
    expect(currentValueCents(d, '2025-12-01')).toBe(120000);
    expect(currentValueCents(d, '2026-01-31')).toBe(120000);
    expect(currentValueCents(d, '2026-02-27')).toBe(120000);
  });
  it('loses one equal share per elapsed calendar month', () => {
    expect(monthsElapsed('2026-01-31', '2026-02-28')).toBe(1);
    expect(currentValueCents(d, '2026-02-28')).toBe(116667); // 1200 × 35/36 = 1166.666… → half up
    expect(currentValueCents(d, '2027-01-31')).toBe(80000);
  });
  it('is 0 at and after the end, never negative', () => {
    expect(currentValueCents(d, '2029-01-30')).toBe(3333);
    expect(currentValueCents(d, '2029-01-31')).toBe(0);
    expect(currentValueCents(d, '2040-01-01')).toBe(0);
  });
  it('rounds half up once', () => {
    expect(currentValueCents({ method: 'linear', costCents: 1, months: 2, from: '2026-01-01' }, '2026-02-01')).toBe(1); // 0.5 cent → 1
    expect(currentValueCents({ method: 'linear', costCents: 99_999_999_999, months: 1200, from: '2026-01-01' }, '2026-02-01')).toBe(99_916_666_666);
  });
  it('is null when cost, method, period or start is missing', () => {
    expect(currentValueCents({ ...d, method: 'none' }, '2026-06-01')).toBeNull();
    expect(currentValueCents({ ...d, costCents: null }, '2026-06-01')).toBeNull();
    expect(currentValueCents({ ...d, months: null }, '2026-06-01')).toBeNull();
    expect(currentValueCents({ ...d, from: null }, '2026-06-01')).toBeNull();
  });
});
