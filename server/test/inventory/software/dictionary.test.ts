import { describe, expect, it } from 'vitest';
import { classify, classifyTitle, compileDictionary, ruleMatches, type DictionaryRule } from '../../../src/inventory/software/dictionary.js';
import { MAX_INPUT, regexProblem } from '../../../src/inventory/software/regex-guard.js';

const rule = (over: Partial<DictionaryRule> & Pick<DictionaryRule, 'id' | 'action'>): DictionaryRule => ({
  position: over.id,
  active: true,
  name: null,
  publisher: null,
  version: null,
  renameTo: null,
  productId: null,
  category: null,
  ...over,
});

const OFFICE: DictionaryRule[] = [
  rule({ id: 1, action: 'ignore', name: { match: 'regex', value: '^(?:Security )?Update for ' } }),
  rule({ id: 2, action: 'category', publisher: { match: 'exact', value: 'microsoft' }, category: 'Microsoft' }),
  rule({ id: 3, action: 'rename', name: { match: 'regex', value: '^Microsoft Office (?:Professional Plus|Standard) 2019' }, renameTo: { name: 'Microsoft Office 2019', publisher: null }, category: 'Office suite' }),
  rule({ id: 4, action: 'map', name: { match: 'prefix', value: 'Microsoft Office' }, version: { match: 'prefix', value: '16.' }, productId: 77 }),
  rule({ id: 5, action: 'rename', name: { match: 'exact', value: 'microsoft   office  2019' }, renameTo: { name: 'Never reached', publisher: 'X' }, active: false }),
];

describe('dictionary', () => {
  const dict = compileDictionary(OFFICE);

  it('renames both Office 2019 editions to one product, keeping the publisher, with the first category', () => {
    for (const name of ['Microsoft Office Professional Plus 2019 - en-us', 'Microsoft Office Standard 2019']) {
      expect(classify(dict, { name, publisher: 'Microsoft', version: '16.0.10827.20138' })).toEqual({
        placement: { kind: 'rename', name: 'Microsoft Office 2019', publisher: 'Microsoft' },
        category: 'Microsoft',
        ruleId: 3,
        categoryPosition: 2,
      });
    }
  });

  it('ignores update packages; the first deciding rule wins over later ones', () => {
    expect(classify(dict, { name: 'Security Update for Microsoft Office 2019 (KB4484104)', publisher: 'Microsoft', version: '16.0' }).placement).toEqual({ kind: 'ignore' });
  });

  it('matches version conditions per version of one title', () => {
    const out = classifyTitle(dict, 'Microsoft Office Home 2016', null, ['16.0.4266', '15.0.1']);
    expect(out.map((o) => o.placement)).toEqual([{ kind: 'map', productId: 77 }, { kind: 'own' }]);
    expect(out.map((o) => o.category)).toEqual([null, null]);
  });

  it('exact and prefix compare case-, spacing- and width-insensitively; inactive rules never apply', () => {
    expect(classify(dict, { name: 'Firefox', publisher: 'MICROSOFT', version: '1' }).category).toBe('Microsoft');
    expect(classify(dict, { name: 'Firefox', publisher: 'Ｍｉｃｒｏｓｏｆｔ', version: '1' }).category).toBe('Microsoft');
    expect(classify(dict, { name: 'Microsoft Office 2019', publisher: null, version: '15.1' })).toEqual({ placement: { kind: 'own' }, category: null, ruleId: null, categoryPosition: null });
  });

  it('a publisher condition never matches a title without publisher', () => {
    expect(classify(dict, { name: 'x', publisher: null, version: '' }).category).toBeNull();
  });

  it('ruleMatches tests one rule alone, active or not', () => {
    expect(ruleMatches(OFFICE[4]!, { name: 'Microsoft Office 2019', publisher: null, version: '1' })).toBe(true);
    expect(ruleMatches(OFFICE[3]!, { name: 'Microsoft Office 2019', publisher: null, version: '15' })).toBe(false);
  });

  it('evaluates rules by position, not by id', () => {
    const d = compileDictionary([
      rule({ id: 1, position: 2, action: 'rename', name: { match: 'prefix', value: 'a' }, renameTo: { name: 'Second', publisher: null } }),
      rule({ id: 2, position: 1, action: 'rename', name: { match: 'prefix', value: 'a' }, renameTo: { name: 'First', publisher: null } }),
    ]);
    expect(classify(d, { name: 'abc', publisher: null, version: '' }).ruleId).toBe(2);
  });
});

describe('regexProblem', () => {
  it.each(['^Microsoft Office', '^(?:Security )?Update for ', 'KB\\d{6,7}', '^Adobe (Acrobat|Reader)', '(?<year>20\\d\\d)$', '[(+*]+x', '^a(b)?c+$', '(ab){2}', '(a+)?'])(
    'accepts %j',
    (p) => {
      expect(regexProblem(p)).toBeNull();
    },
  );

  it.each([
    ['(a+)+$', /exponential/],
    ['(a|aa)*b', /exponential/],
    ['^(\\w+\\s?)*$', /exponential/],
    ['((ab)*)+', /exponential/],
    ['(a*){2,}', /exponential/],
    ['(x)\\1', /back-references/],
    ['(?<n>x)\\k<n>', /back-references/],
    ['.*a.*b.*c', /at most 2/],
    ['a{1,1000}b+c*', /at most 2/],
    ['(unclosed', /not a valid regular expression/],
    ['a'.repeat(201), /at most 200/],
  ])('refuses %j', (p, why) => {
    expect(regexProblem(p)).toMatch(why);
  });

  it('an accepted pattern runs fast on the longest input it is given', () => {
    const d = compileDictionary([rule({ id: 1, action: 'ignore', name: { match: 'regex', value: '.*a.*b$' } })]);
    const started = performance.now();
    classify(d, { name: 'a'.repeat(10_000), publisher: null, version: '' });
    expect(performance.now() - started).toBeLessThan(250);
    expect(MAX_INPUT).toBeLessThanOrEqual(160);
  });
});
