/**
 * The HTML shell of the single-page app and the security headers it is served with. The shell holds no
 * script and no style of its own, so the Content-Security-Policy can forbid inline code entirely.
 */

/** Only same-origin script, style and fetch; no inline code, no framing, no plugins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const escapeAttr = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * `publicUrl` goes into a meta tag because the install one-liners shown to admins must name the URL
 * machines use (PARC_PUBLIC_URL), which the browser cannot know on its own.
 */
export function shellPage(version: string, publicUrl: string | null): string {
  const v = encodeURIComponent(version);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parc</title>
${publicUrl ? `<meta name="parc-public-url" content="${escapeAttr(publicUrl)}">\n` : ''}<link rel="icon" href="/ui/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/ui/app.css?v=${v}">
<script type="module" src="/ui/app.js?v=${v}"></script>
</head>
<body>
<div id="app"><p class="boot">Loading Parc…</p></div>
<noscript><p>Parc's web interface needs JavaScript. The API reference is at <a href="/api/docs">/api/docs</a>.</p></noscript>
</body>
</html>
`;
}

/** The brand mark as the tab icon: without one, browsers ask for /favicon.ico and log a 404. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f5fbf"/><text x="16" y="23" font-family="system-ui,sans-serif" font-size="20" font-weight="800" fill="#fff" text-anchor="middle">P</text></svg>`;

export function unavailablePage(reason: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parc: web UI unavailable</title></head>
<body><h1>The web interface is not available</h1>
<p>It could not be built on this server: ${escapeAttr(reason)}</p>
<p>Run <code>npm ci</code> in the Parc folder and restart the server. The API works meanwhile: <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;
}
