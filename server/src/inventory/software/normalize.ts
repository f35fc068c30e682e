/**
 * Software catalogue normalisation: one spelling per product and publisher, whatever the package manager
 * or installer wrote. Pure and data-driven: behaviour lives in rule lists that licence work extends.
 *
 * - `displayName` / `normalizePublisher`: what people see (original casing kept).
 * - `normalizeName` / `softwareKey`: what is matched on (NFKC, case-folded).
 */

// ---------------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------------

/** One rewrite step. Rules run in order; each sees the previous one's result. */
export interface NormalizeRule {
  /** Stable id: tests, logs and later rule sets refer to a rule by it. */
  id: string;
  /** Where it applies; `String.prototype.search` semantics, so `g`/`y` flags do not make it stateful. */
  pattern: RegExp;
  /** Replacement as for `String.prototype.replace` (`$1`… work); `null` marks the value as junk. */
  replace: string | null;
  /** Stop after this rule matched (canonical aliases); otherwise later rules see the result. */
  final?: boolean;
  why: string;
}

export type NormalizeRules = readonly NormalizeRule[];

export interface RuleOutcome {
  /** The rewritten value, or null when a rule marked it junk or it rewrote to nothing. */
  value: string | null;
  /** Ids of the rules that matched, in order. */
  applied: string[];
}

/** Applies `rules` in order. Results are whitespace-collapsed; an empty result is null. */
export function applyRules(value: string, rules: NormalizeRules): RuleOutcome {
  const applied: string[] = [];
  let v = collapse(value);
  if (v === '') return { value: null, applied };
  for (const rule of rules) {
    if (v.search(rule.pattern) === -1) continue;
    applied.push(rule.id);
    if (rule.replace === null) return { value: null, applied };
    v = collapse(v.replace(rule.pattern, rule.replace));
    if (v === '') return { value: null, applied };
    if (rule.final) break;
  }
  return { value: v, applied };
}

// ---------------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------------

/** Control and format characters (NUL, BOM, zero-width spaces, bidi marks) are never meaningful in names. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

function collapse(s: string): string {
  return s.replace(INVISIBLE, (c) => (/\s/.test(c) ? ' ' : '')).replace(/\s+/g, ' ').trim();
}

/** Case folding close to Unicode full folding: upper-casing first maps ß→SS, ς→Σ, ﬁ→FI. */
function fold(s: string): string {
  return s.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** The name as shown: invisible characters removed, whitespace trimmed and collapsed, casing kept. */
export function displayName(name: string): string {
  return collapse(name);
}

/** The matching key of a text: collapsed, NFKC (full-width, ligatures, NBSP), case-folded. */
export function normalizeName(name: string): string {
  return collapse(fold(collapse(name)));
}

// ---------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------

/** "Intel(R) Management Engine", "Adobe® Reader", "Foo™": the marks vary between releases of one product. */
export const STRIP_TRADEMARKS: NormalizeRule = {
  id: 'strip-trademarks',
  pattern: /\s*(?:[®™℠]|\((?:r|tm|sm)\))/giu,
  replace: '',
  why: 'trademark marks come and go between releases of one product',
};

/**
 * "7-Zip 23.01 (x64)", "Mozilla Firefox (x64 en-US)". Not a default: two registry entries that differ only
 * by this marker (the x86 and x64 Visual C++ redistributables) would share a key when the agent could
 * not tell their arch. Licence rule sets that key on arch separately can opt in.
 */
export const STRIP_ARCH_MARKER: NormalizeRule = {
  id: 'strip-arch-marker',
  pattern: /\s*\((?:x64|x86|x86_64|amd64|arm64|aarch64|ia64|64[- ]?bit|32[- ]?bit)(?: [a-z]{2,3}(?:-[a-z]{2,4})?)?\)/gi,
  replace: '',
  why: 'the architecture is a field of its own',
};

/** Default product-name rules, applied before keying. Licence work appends canonical-product rules. */
export const NAME_RULES: NormalizeRules = [STRIP_TRADEMARKS];

// ---------------------------------------------------------------------------------------------------
// Publishers
// ---------------------------------------------------------------------------------------------------

/** Values that mean "no publisher": installers' template defaults and absent-value spellings. */
export const JUNK_PUBLISHERS: readonly string[] = [
  'unknown',
  '(unknown)',
  '<unknown>',
  'n/a',
  'na',
  'none',
  'null',
  'undefined',
  'not available',
  'publisher',
  'company name',
  'default company name', // Visual Studio setup-project template default
  'my company', // Visual Studio / Inno Setup template default
  'your company name', // template default
];

/**
 * Legal-form suffixes stripped from the end ("Acme, Inc." → "Acme"). Dots are optional when matching,
 * so "S.A." also covers "SA" and "S.A"; spaces match any whitespace. Longest first.
 */
export const LEGAL_SUFFIXES: readonly string[] = [
  'GmbH & Co. KG',
  'S.A. de C.V.',
  'Kabushiki Kaisha',
  'Private Limited',
  'Sp. z o.o.',
  'Co., Ltd.',
  'Pvt. Ltd.',
  'Pty. Ltd.',
  'Pte. Ltd.',
  'Incorporated',
  'Corporation',
  'Limited',
  'S.A.S.',
  'S.L.U.',
  'S.p.A.',
  'S.r.l.',
  's.r.o.',
  'L.L.C.',
  'gGmbH',
  'GmbH',
  'SARL',
  'Corp.',
  'Ltda.',
  'Ltd.',
  'Inc.',
  'L.L.P.',
  'L.P.',
  'PLC',
  'Pty.',
  'K.K.',
  'N.V.',
  'B.V.',
  'S.A.',
  'S.L.',
  'A/S',
  'ApS',
  'Oyj',
  'Oy',
  'ASA',
  'AS',
  'AB',
  'AG',
  'KG',
  'SE',
  'Co.',
];

/** Names a legal-suffix strip would damage: the suffix is part of the name. */
export const PINNED_PUBLISHERS: readonly string[] = ['Software AG'];

/** Canonical publishers and the spellings (after suffix stripping, case-insensitive) that mean them. */
export const PUBLISHER_ALIASES: readonly { canonical: string; pattern: RegExp; why?: string }[] = [
  { canonical: 'Microsoft', pattern: /^microsoft$/i },
  { canonical: 'Google', pattern: /^google$/i },
  { canonical: 'Adobe', pattern: /^adobe(?: systems)?$/i, why: 'renamed from Adobe Systems in 2018' },
  { canonical: 'Oracle', pattern: /^oracle(?: america| and\/or its affiliates)?$/i, why: 'Java and VirtualBox use the US entity' },
  { canonical: 'Mozilla', pattern: /^mozilla(?: foundation| corporation)?$/i, why: 'Firefox and Thunderbird alternate' },
  { canonical: 'The Document Foundation', pattern: /^(?:the )?document foundation$/i },
  { canonical: 'Apple', pattern: /^apple(?: computer)?$/i },
  { canonical: 'HP', pattern: /^(?:hp|hewlett[- ]packard(?: company| development company)?)$/i, why: 'not HPE' },
  { canonical: 'Dell', pattern: /^dell(?: technologies| computer)?$/i },
  { canonical: 'Lenovo', pattern: /^lenovo(?: group)?$/i },
  { canonical: 'Intel', pattern: /^intel$/i },
  { canonical: 'NVIDIA', pattern: /^nvidia$/i },
  { canonical: 'AMD', pattern: /^(?:amd|advanced micro devices)$/i },
  { canonical: 'Cisco', pattern: /^cisco(?: systems)?$/i },
  { canonical: 'Citrix', pattern: /^citrix(?: systems)?$/i },
  { canonical: 'VMware', pattern: /^vmware$/i },
  { canonical: 'Zoom', pattern: /^zoom(?: video communications)?$/i },
  { canonical: 'Canonical', pattern: /^canonical(?: group)?$/i },
  { canonical: 'Red Hat', pattern: /^red ?hat$/i },
  { canonical: 'Realtek', pattern: /^realtek(?: semiconductor)?$/i },
  { canonical: 'TeamViewer', pattern: /^teamviewer(?: germany)?$/i },
  { canonical: 'JetBrains', pattern: /^jetbrains$/i },
  {
    canonical: 'Debian',
    pattern: /^debian(?: .*(?:maintainers?|team|group|developers?|project))?$/i,
    why: 'dpkg Maintainer fields name one of hundreds of Debian teams; the catalogue wants the distribution',
  },
  {
    canonical: 'Ubuntu',
    pattern: /^ubuntu(?: .*(?:maintainers?|team|developers?))?$/i,
    why: 'Ubuntu-modified packages name an Ubuntu team as maintainer',
  },
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** "Co., Ltd." → /Co\.?,?\s*Ltd\.?/: dots optional, any spacing. */
function suffixPattern(suffix: string): string {
  return suffix
    .split('')
    .map((c) => (c === '.' ? '\\.?' : c === ' ' ? '\\s*' : c === ',' ? ',?' : escapeRe(c)))
    .join('');
}

const exact = (values: readonly string[]) => new RegExp(`^(?:${values.map(escapeRe).join('|')})$`, 'i');

const junkRule = (id: string): NormalizeRule => ({
  id,
  pattern: exact(JUNK_PUBLISHERS),
  replace: null,
  why: 'no publisher',
});

/** Builds the publisher pipeline from the data above; licence work can build its own around it. */
export function buildPublisherRules(): NormalizeRule[] {
  return [
    junkRule('junk-publisher'),
    {
      id: 'url-publisher',
      pattern: /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*$/i,
      replace: null,
      why: 'a bare URL (OCS reports a package homepage in this field) names no publisher',
    },
    {
      id: 'distro-maintainer-email',
      pattern: /^.*<[^<>@\s]+@(?:[\w-]+\.)*(debian|ubuntu)\.(?:org|net|com)>.*$/i,
      replace: '$1',
      why: 'Debian/Ubuntu maintainer addresses mean the distribution (casing fixed by the alias rules)',
    },
    {
      id: 'strip-email',
      pattern: /\s*(?:<[^<>]*>|\([^()]*@[^()]*\))/g,
      replace: '',
      why: 'package maintainer fields carry "Name <address>"',
    },
    { ...STRIP_TRADEMARKS },
    {
      id: 'strip-trailing-parens',
      pattern: /(?:\s*\([^()]*\))+\s*$/,
      replace: '',
      why: '"(x64)", "(US)": qualifiers, not part of the publisher',
    },
    ...PINNED_PUBLISHERS.map(
      (p): NormalizeRule => ({ id: `pin:${p}`, pattern: exact([p]), replace: p, final: true, why: 'suffix is part of the name' }),
    ),
    {
      id: 'strip-legal-suffix',
      pattern: new RegExp(`(?:[\\s,]+(?:${LEGAL_SUFFIXES.map(suffixPattern).join('|')}))+[\\s.,]*$`, 'i'),
      replace: '',
      why: '"Acme", "Acme Inc." and "Acme, Inc" are one publisher',
    },
    {
      id: 'strip-trailing-punctuation',
      pattern: /[\s,.;:\-–—]+$/,
      replace: '',
      why: 'left over after suffix stripping',
    },
    junkRule('junk-publisher-stripped'),
    ...PUBLISHER_ALIASES.map(
      (a): NormalizeRule => ({
        id: `alias:${a.canonical}`,
        pattern: a.pattern,
        replace: a.canonical,
        final: true,
        why: a.why ?? 'canonical spelling',
      }),
    ),
  ];
}

export const PUBLISHER_RULES: NormalizeRules = buildPublisherRules();

/** The publisher as shown and grouped on, or null when there is none worth keeping. */
export function normalizePublisher(p?: string | null, rules: NormalizeRules = PUBLISHER_RULES): string | null {
  if (p == null) return null;
  return applyRules(p, rules).value;
}

// ---------------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------------

export interface SoftwareKey {
  nameKey: string;
  /** '' when there is no publisher, so the pair can be used as a composite key as is. */
  publisherKey: string;
}

export interface KeyRules {
  name?: NormalizeRules;
  publisher?: NormalizeRules;
}

/** The catalogue key of a product: name after the name rules, publisher after the publisher rules, folded. */
export function softwareKey(name: string, publisher?: string | null, rules: KeyRules = {}): SoftwareKey {
  const canonicalName = applyRules(name, rules.name ?? NAME_RULES).value ?? name;
  const pub = normalizePublisher(publisher, rules.publisher ?? PUBLISHER_RULES);
  return { nameKey: normalizeName(canonicalName), publisherKey: pub === null ? '' : normalizeName(pub) };
}
