import { describe, expect, it } from 'vitest';
import {
  applyRules,
  buildPublisherRules,
  displayName,
  LEGAL_SUFFIXES,
  NAME_RULES,
  normalizeName,
  normalizePublisher,
  PUBLISHER_RULES,
  softwareKey,
  STRIP_ARCH_MARKER,
  type NormalizeRule,
} from '../../../src/inventory/software/normalize.js';

describe('displayName', () => {
  it.each([
    ['  Mozilla Firefox  ', 'Mozilla Firefox'],
    ['Microsoft  Visual\tC++ 2015-2022\nRedistributable', 'Microsoft Visual C++ 2015-2022 Redistributable'],
    ['\uFEFFNotepad++', 'Notepad++'],
    ['Zoom\u200B Workplace', 'Zoom Workplace'],
    ['VLC\u00A0media player', 'VLC media player'],
    ['Intel(R) Management Engine Components', 'Intel(R) Management Engine Components'],
    ['libreoffice-core', 'libreoffice-core'],
  ])('%j → %j', (raw, want) => {
    expect(displayName(raw)).toBe(want);
  });
});

describe('normalizeName', () => {
  it.each([
    ['Mozilla Firefox', 'mozilla firefox'],
    ['  MOZILLA   firefox ', 'mozilla firefox'],
    ['Ｇｏｏｇｌｅ Ｃｈｒｏｍｅ', 'google chrome'], // full-width forms
    ['VLC\u00A0media player', 'vlc media player'],
    ['Straße Navigator', 'strasse navigator'],
    ['STRASSE NAVIGATOR', 'strasse navigator'],
    ['ﬁle manager', 'file manager'], // ligature
    ['Café', 'café'],
    ['Cafe\u0301', 'café'], // decomposed accent composes
  ])('%j → %j', (raw, want) => {
    expect(normalizeName(raw)).toBe(want);
  });

  it('is idempotent', () => {
    for (const s of ['Ｇｏｏｇｌｅ', 'Straße', 'A  b', 'Ǆemal']) expect(normalizeName(normalizeName(s))).toBe(normalizeName(s));
  });
});

describe('normalizePublisher', () => {
  it.each(['https://curl.se/', 'http://www.gnu.org/software/bash/', 'www.videolan.org', 'ftp://ftp.example.org/pub'])(
    'a bare URL (%s) is no publisher',
    (url) => expect(normalizePublisher(url)).toBeNull(),
  );

  it.each([
    ['Microsoft Corporation', 'Microsoft'],
    ['Microsoft Corp.', 'Microsoft'],
    ['Microsoft Corp', 'Microsoft'],
    ['MICROSOFT CORPORATION', 'Microsoft'],
    ['Microsoft Corporation (x64)', 'Microsoft'],
    ['Google LLC', 'Google'],
    ['Google Inc.', 'Google'],
    ['Google, Inc.', 'Google'],
    ['Adobe Systems Incorporated', 'Adobe'],
    ['Adobe Inc.', 'Adobe'],
    ['Adobe Systems, Inc.', 'Adobe'],
    ['Oracle Corporation', 'Oracle'],
    ['Oracle America, Inc.', 'Oracle'],
    ['Oracle and/or its affiliates', 'Oracle'],
    ['Mozilla', 'Mozilla'],
    ['Mozilla Foundation', 'Mozilla'],
    ['Mozilla Corporation', 'Mozilla'],
    ['The Document Foundation', 'The Document Foundation'],
    ['Document Foundation', 'The Document Foundation'],
    ['Apple Inc.', 'Apple'],
    ['Hewlett-Packard Company', 'HP'],
    ['HP Inc.', 'HP'],
    ['Hewlett Packard Enterprise', 'Hewlett Packard Enterprise'],
    ['Dell Inc.', 'Dell'],
    ['Lenovo Group Limited', 'Lenovo'],
    ['Intel Corporation', 'Intel'],
    ['Intel(R) Corporation', 'Intel'],
    ['NVIDIA Corporation', 'NVIDIA'],
    ['Advanced Micro Devices, Inc.', 'AMD'],
    ['Cisco Systems, Inc.', 'Cisco'],
    ['Citrix Systems, Inc.', 'Citrix'],
    ['VMware, Inc.', 'VMware'],
    ['Zoom Video Communications, Inc.', 'Zoom'],
    ['Canonical Group Limited', 'Canonical'],
    ['Canonical Ltd.', 'Canonical'],
    ['Red Hat, Inc.', 'Red Hat'],
    ['Realtek Semiconductor Corp.', 'Realtek'],
    ['TeamViewer Germany GmbH', 'TeamViewer'],
    ['JetBrains s.r.o.', 'JetBrains'],
    ['Piriform Software Ltd', 'Piriform Software'],
    ['win.rar GmbH', 'win.rar'],
    ['Spotify AB', 'Spotify'],
    ['SAP SE', 'SAP'],
    ['Opera Software AS', 'Opera Software'],
    ['Ubisoft Entertainment S.A.', 'Ubisoft Entertainment'],
    ['Ubisoft Entertainment SA', 'Ubisoft Entertainment'],
    ['Foxit Software Inc', 'Foxit Software'],
    ['Valve Corporation', 'Valve'],
    ['Huawei Technologies Co., Ltd.', 'Huawei Technologies'],
    ['Tencent Technology (Shenzhen) Company Limited', 'Tencent Technology (Shenzhen) Company'],
    ['ASUSTeK COMPUTER INC.', 'ASUSTeK COMPUTER'],
    ['Atlassian Pty Ltd', 'Atlassian'],
    ['Grammarly, Inc.', 'Grammarly'],
    ['Wireshark Foundation, Inc.', 'Wireshark Foundation'],
    ['Docker Inc', 'Docker'],
    ['Acme GmbH & Co. KG', 'Acme'],
    ['Acme B.V.', 'Acme'],
    ['Acme BV', 'Acme'],
    ['Acme SAS', 'Acme'],
    ['Acme Co.', 'Acme'],
    ['Acme KK', 'Acme'],
    ['Acme, LLC.', 'Acme'],
    ['Acme, Inc.,', 'Acme'],
    ['Software AG', 'Software AG'],
    ['Igor Pavlov', 'Igor Pavlov'],
    ['Python Software Foundation', 'Python Software Foundation'],
    ['The Qt Company', 'The Qt Company'],
    ['Notepad++ Team', 'Notepad++ Team'],
    ['Node.js Foundation', 'Node.js Foundation'],
    ['  VideoLAN  ', 'VideoLAN'],
  ])('%j → %j', (raw, want) => {
    expect(normalizePublisher(raw)).toBe(want);
  });

  it.each([
    ['Debian X11 Maintainers <debian-x@lists.debian.org>', 'Debian'],
    ['Debian QA Group <packages@qa.debian.org>', 'Debian'],
    ['Debian Python Team <team+python@tracker.debian.org>', 'Debian'],
    ['Debian GNOME Maintainers', 'Debian'],
    ['Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>', 'Ubuntu'],
    ['Ubuntu Core Developers', 'Ubuntu'],
    ['Jane Doe <jane.doe@example.org>', 'Jane Doe'],
    ['Fedora Project', 'Fedora Project'],
    ['Mozilla Firefox Team (ffx@example.org)', 'Mozilla Firefox Team'],
  ])('package maintainers: %j → %j', (raw, want) => {
    expect(normalizePublisher(raw)).toBe(want);
  });

  it.each(['', '   ', 'Unknown', 'unknown', 'N/A', 'n/a', 'None', '(unknown)', 'Default Company Name', 'My Company', 'Unknown Inc.', '-'])(
    '%j → null',
    (junk) => {
      expect(normalizePublisher(junk)).toBeNull();
    },
  );

  it('accepts undefined and null', () => {
    expect(normalizePublisher()).toBeNull();
    expect(normalizePublisher(null)).toBeNull();
  });

  it('is idempotent on its own output', () => {
    for (const p of ['Microsoft Corporation', 'Software AG', 'Piriform Software Ltd', 'The Document Foundation', 'Igor Pavlov']) {
      const once = normalizePublisher(p);
      expect(once).not.toBeNull();
      expect(normalizePublisher(once)).toBe(once);
    }
  });

  it('strips every listed legal suffix', () => {
    for (const s of LEGAL_SUFFIXES) expect(normalizePublisher(`Zyxwv ${s}`), s).toBe('Zyxwv');
  });

  it('never strips a suffix glued to a word', () => {
    expect(normalizePublisher('Zinc')).toBe('Zinc');
    expect(normalizePublisher('Kodiak')).toBe('Kodiak');
    expect(normalizePublisher('Plasma')).toBe('Plasma');
  });
});

describe('softwareKey', () => {
  it('keys spellings of one product together', () => {
    const a = softwareKey('Mozilla Firefox', 'Mozilla');
    expect(a).toEqual({ nameKey: 'mozilla firefox', publisherKey: 'mozilla' });
    expect(softwareKey('  MOZILLA  Firefox', 'Mozilla Corporation')).toEqual(a);
    expect(softwareKey('Adobe® Acrobat Reader', 'Adobe Systems Incorporated')).toEqual(
      softwareKey('Adobe Acrobat Reader', 'Adobe Inc.'),
    );
    expect(softwareKey('Intel(R) Management Engine Components', 'Intel Corporation').nameKey).toBe(
      'intel management engine components',
    );
    expect(softwareKey('Skype™ 8.1', 'Skype Technologies S.A.').nameKey).toBe('skype 8.1');
  });

  it("uses '' for a missing or junk publisher", () => {
    expect(softwareKey('curl', undefined)).toEqual({ nameKey: 'curl', publisherKey: '' });
    expect(softwareKey('curl', 'Unknown')).toEqual({ nameKey: 'curl', publisherKey: '' });
  });

  it('keeps the architecture marker by default, and drops it with the opt-in rule', () => {
    expect(softwareKey('7-Zip 23.01 (x64)', 'Igor Pavlov').nameKey).toBe('7-zip 23.01 (x64)');
    const rules = { name: [...NAME_RULES, STRIP_ARCH_MARKER] };
    expect(softwareKey('7-Zip 23.01 (x64)', 'Igor Pavlov', rules).nameKey).toBe('7-zip 23.01');
    expect(softwareKey('Mozilla Firefox (x64 en-US)', 'Mozilla', rules).nameKey).toBe('mozilla firefox');
    expect(softwareKey('Python 3.12.1 (64-bit)', 'Python Software Foundation', rules).nameKey).toBe('python 3.12.1');
    expect(
      softwareKey('Microsoft Visual C++ 2015-2022 Redistributable (x86) - 14.38.33130', 'Microsoft Corporation', rules).nameKey,
    ).toBe('microsoft visual c++ 2015-2022 redistributable - 14.38.33130');
  });

  it('falls back to the cleaned name when the rules erase it', () => {
    expect(softwareKey('™', undefined).nameKey).toBe('tm');
  });
});

describe('applyRules', () => {
  const officeRule: NormalizeRule = {
    id: 'ms-office',
    pattern: /^Microsoft Office (Professional Plus|Standard|Home and Business) (2016|2019|2021)\b.*$/i,
    replace: 'Microsoft Office $1 $2',
    final: true,
    why: 'language packs and channels are one licensable product',
  };

  it('rewrites with capture groups and reports the rules applied', () => {
    expect(applyRules('Microsoft Office Professional Plus 2019 - en-us', [officeRule])).toEqual({
      value: 'Microsoft Office Professional Plus 2019',
      applied: ['ms-office'],
    });
  });

  it('leaves values no rule matches unchanged (but collapsed)', () => {
    expect(applyRules('  GIMP  2.10 ', [officeRule])).toEqual({ value: 'GIMP 2.10', applied: [] });
  });

  it('chains non-final rules and stops at a final one', () => {
    const rules: NormalizeRule[] = [
      { id: 'a', pattern: /foo/, replace: 'bar', why: '' },
      { id: 'b', pattern: /bar/, replace: 'baz', final: true, why: '' },
      { id: 'c', pattern: /baz/, replace: 'qux', why: '' },
    ];
    expect(applyRules('foo', rules)).toEqual({ value: 'baz', applied: ['a', 'b'] });
  });

  it('null replacement marks junk; an empty result is junk too', () => {
    expect(applyRules('Unknown', [{ id: 'junk', pattern: /^unknown$/i, replace: null, why: '' }])).toEqual({
      value: null,
      applied: ['junk'],
    });
    expect(applyRules('(x64)', [STRIP_ARCH_MARKER]).value).toBeNull();
  });

  it('global regexes are not stateful across calls', () => {
    const rule: NormalizeRule = { id: 'g', pattern: /x/g, replace: 'y', why: '' };
    for (let i = 0; i < 3; i++) expect(applyRules('axbx', [rule]).value).toBe('ayby');
  });

  it('lets licence work put rules in front of the publisher pipeline', () => {
    const rules = [
      { id: 'alias:Broadcom', pattern: /^vmware(?:,? inc\.?)?$/i, replace: 'Broadcom', final: true, why: 'acquisition' },
      ...buildPublisherRules(),
    ];
    expect(normalizePublisher('VMware, Inc.', rules)).toBe('Broadcom');
    expect(normalizePublisher('Microsoft Corporation', rules)).toBe('Microsoft');
    expect(applyRules('Microsoft Corporation', PUBLISHER_RULES).applied).toEqual(['strip-legal-suffix', 'alias:Microsoft']);
  });
});
