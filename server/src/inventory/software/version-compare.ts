/**
 * Version order as people read versions: numbers compare as numbers ("10.0.2" > "9.9", "1.10" > "1.9",
 * "2019" > "2016"), missing trailing zeros are equal ("1.0" = "1.0.0"), pre-releases come before the
 * release ("1.0-beta2" < "1.0-rc1" < "1.0"), dpkg epochs count first ("1:2.0" > "3.0") and `~` sorts
 * before anything (Debian). Letters that are not pre-release words come after ("1.0.1a" > "1.0.1").
 * Pure; tested in server/test/inventory/software/version-compare.test.ts.
 */

/** Words that mark a version before the release it names. */
const PRE_RELEASE = /^(?:alpha|beta|rc|cr|pre|preview|dev|snapshot|canary|insider|milestone|ea|nightly)$/;
/** Single letters that do only when a number follows ("1.0a1" is an alpha; "1.0.1a" is OpenSSL's next patch). */
const PRE_RELEASE_LETTER = /^[abcm]$/;

type Segment = { kind: 'num'; value: string } | { kind: 'word'; value: string; pre: boolean } | { kind: 'tilde' };

function parse(version: string): { epoch: string; segments: Segment[] } {
  let v = version.trim().toLowerCase();
  let epoch = '0';
  const e = /^(\d+):(.+)$/.exec(v);
  if (e) {
    epoch = e[1]!;
    v = e[2]!;
  }
  if (/^v\d/.test(v)) v = v.slice(1);
  const segments: Segment[] = [];
  const tokens = [...v.matchAll(/~|\d+|[a-z]+/g)].map((m) => m[0]);
  for (const [i, t] of tokens.entries()) {
    if (t === '~') segments.push({ kind: 'tilde' });
    else if (/^\d/.test(t)) segments.push({ kind: 'num', value: stripZeros(t) });
    else segments.push({ kind: 'word', value: t, pre: PRE_RELEASE.test(t) || (PRE_RELEASE_LETTER.test(t) && /^\d/.test(tokens[i + 1] ?? '')) });
  }
  return { epoch: stripZeros(epoch), segments };
}

const stripZeros = (digits: string) => digits.replace(/^0+(?=\d)/, '');

/** Digit strings of any length, without overflowing a number. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rank of a segment against "nothing here": negative sorts before the end of the version. */
function rankAgainstEnd(s: Segment | undefined): number {
  if (s === undefined) return 0;
  if (s.kind === 'tilde') return -1;
  if (s.kind === 'word') return s.pre ? -1 : 1;
  return s.value === '0' ? 0 : 1;
}

function compareSegments(a: Segment, b: Segment): number {
  if (a.kind === 'tilde' || b.kind === 'tilde') return a.kind === b.kind ? 0 : a.kind === 'tilde' ? -1 : 1;
  if (a.kind === 'num' && b.kind === 'num') return compareDigits(a.value, b.value);
  if (a.kind === 'word' && b.kind === 'word') {
    if (a.pre !== b.pre) return a.pre ? -1 : 1;
    return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  }
  // A number against a word: "1.0.1" after "1.0.beta", and after "1.0.x" too (words are rarer than numbers).
  return a.kind === 'num' ? 1 : -1;
}

/** Negative when `a` is older than `b`, positive when newer, 0 when they name the same version. */
export function compareVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  const epoch = compareDigits(pa.epoch, pb.epoch);
  if (epoch !== 0) return epoch;
  const n = Math.max(pa.segments.length, pb.segments.length);
  for (let i = 0; i < n; i++) {
    const sa = pa.segments[i];
    const sb = pb.segments[i];
    if (sa === undefined || sb === undefined) {
      // One version ended: the other's rest decides ("1.0" = "1.0.0", "1.0-rc1" < "1.0", "1.0.1" > "1.0").
      const rest = (sa === undefined ? pb : pa).segments.slice(i);
      const sign = sa === undefined ? -1 : 1;
      for (const s of rest) {
        const r = rankAgainstEnd(s);
        if (r !== 0) return sign * r;
      }
      return 0;
    }
    const c = compareSegments(sa, sb);
    if (c !== 0) return c;
  }
  return 0;
}

/** Newest first, for lists. */
export const newestFirst = (a: string, b: string) => compareVersions(b, a) || (a < b ? -1 : a > b ? 1 : 0);

/** True when `version` starts with every segment of `bound` ("16.0.10827" is within "16", "16.0"). */
function withinPrefix(version: string, bound: string): boolean {
  const v = parse(version);
  const b = parse(bound);
  if (b.segments.length === 0 || compareDigits(v.epoch, b.epoch) !== 0 || v.segments.length < b.segments.length) return false;
  return b.segments.every((s, i) => compareSegments(s, v.segments[i]!) === 0);
}

/**
 * Whether a licence's inclusive range covers `version`. `to` includes its whole series: `to: "16"`
 * covers "16.0.10827.20138", as licence managers mean it. An empty (unknown) version is in no bounded
 * range. Open bounds are null.
 */
export function inVersionRange(version: string, from: string | null, to: string | null): boolean {
  if (from === null && to === null) return true;
  if (version.trim() === '') return false;
  if (from !== null && compareVersions(version, from) < 0) return false;
  if (to !== null && compareVersions(version, to) > 0 && !withinPrefix(version, to)) return false;
  return true;
}
