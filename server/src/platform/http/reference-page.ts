import { createHash } from 'node:crypto';

/**
 * A browsable API reference rendered in the browser from the OpenAPI document: no CDN, no build step,
 * so it works on an air-gapped server. Its script is served as a file and its one style block is pinned
 * by hash, so the page runs under a CSP that forbids inline code.
 */

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}
main{max-width:1000px;margin:0 auto;padding:16px 24px}
h2{margin-top:32px;border-bottom:1px solid #d5d9e0;text-transform:capitalize}
details{background:#fff;border:1px solid #d5d9e0;border-radius:6px;margin:8px 0}
summary{cursor:pointer;padding:8px 12px;display:flex;gap:12px;align-items:center}
.m{font:600 12px monospace;padding:2px 8px;border-radius:4px;color:#fff;min-width:52px;text-align:center}
.get{background:#2f7d32}.post{background:#1565c0}.patch{background:#8e6b00}.put{background:#6a1b9a}.delete{background:#b71c1c}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f0f2f5;padding:8px;overflow:auto;border-radius:4px}
.body{padding:0 16px 12px}.lock{margin-left:auto;color:#8a93a3;font-size:12px}
input{padding:6px 10px;width:320px;border:1px solid #c3c9d3;border-radius:4px}
.spec{color:#9cc4ff}
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** The Content-Security-Policy the reference page is served with. */
export const REFERENCE_CSP = `default-src 'none'; script-src 'self'; style-src 'sha256-${STYLE_HASH}'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

export function referencePage(specUrl: string, scriptUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parc API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style>
<script src="${scriptUrl}" defer></script></head>
<body><header><h1>Parc API reference</h1><div>OpenAPI document: <a class="spec" href="${specUrl}">${specUrl}</a></div></header>
<main><p><input id="q" placeholder="Filter by path or summary" aria-label="Filter"></p><div id="ops">Loading…</div></main>
</body></html>`;
}

/** The page's script: fetches the document and lists the operations by tag. */
export function referenceScript(specUrl: string): string {
  return `
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (ch) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[ch]));
fetch(${JSON.stringify(specUrl)}).then((r) => r.json()).then((doc) => {
  const byTag = {};
  for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
    (byTag[(op.tags || ['other'])[0]] ||= []).push({ path, method, op });
  }
  const html = Object.entries(byTag).map(([tag, ops]) => '<h2>' + esc(tag) + '</h2>' + ops.map(({ path, method, op }) => {
    const params = (op.parameters || []).map((p) => '<li><code>' + esc(p.name) + '</code> (' + esc(p.in) + (p.required ? ', required' : '') + ') ' + esc(p.schema && (p.schema.type || '')) + '</li>').join('');
    const body = op.requestBody ? Object.entries(op.requestBody.content).map(([ct, c]) => '<p>Body <code>' + esc(ct) + '</code></p><pre>' + esc(JSON.stringify(c.schema, null, 2)) + '</pre>').join('') : '';
    const responses = Object.entries(op.responses || {}).map(([code, r]) => '<li><b>' + esc(code) + '</b> ' + esc(r.description) + '</li>').join('');
    return '<details data-k="' + esc((path + ' ' + (op.summary || '')).toLowerCase()) + '"><summary><span class="m ' + method + '">' + method.toUpperCase() + '</span><code>' + esc(path) + '</code> ' + esc(op.summary) + (op.security ? '<span class="lock">auth</span>' : '') + '</summary><div class="body"><p>' + esc(op.description) + '</p>' + (params ? '<p>Parameters</p><ul>' + params + '</ul>' : '') + body + '<p>Responses</p><ul>' + responses + '</ul></div></details>';
  }).join('')).join('');
  document.getElementById('ops').innerHTML = html;
  document.getElementById('q').addEventListener('input', (e) => {
    const q = e.target.value.toLowerCase();
    for (const d of document.querySelectorAll('details')) d.style.display = d.dataset.k.includes(q) ? '' : 'none';
  });
});
`;
}
