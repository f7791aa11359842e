// `--format html`: one self-contained page (inline CSS, script and data; a Content-Security-Policy
// that forbids every request), deterministic for the same input. Modules: data.ts (the embedded
// JSON), highlight.ts (TypeScript's scanner), markdown.ts (rule help), page.ts (summary and
// runtime, rendered here), style.ts and client.ts (the stylesheet and page script, as strings).
import type { ReportModel } from '../model.js';
import { buildData } from './data.js';
import { escapeHtml as esc } from './markdown.js';
import { renderFilters, renderRuntime, renderSummary } from './page.js';
import { CSS } from './style.js';
import { SCRIPT } from './client.js';

export type { HtmlTimelineEvent, HtmlProfileFunction, HtmlRuntimeInput } from './data.js';

/** JSON that is safe inside a <script> element: no `<` (so no `</script>` or `<!--`), no line separators. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function formatHtml(input: ReportModel): string {
  const data = buildData(input);
  const { runtime: _runtime, ...embedded } = data;
  const s = data.summary;
  const total = s.errors + s.warnings + s.notes;
  const title = `jitlint: ${total} finding${total === 1 ? '' : 's'} in ${s.filesWithFindings} file${s.filesWithFindings === 1 ? '' : 's'}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="jitlint ${esc(input.toolVersion)}">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="top"><div class="brand">jitlint <span>report</span></div>
${renderFilters(data)}
</header>
<div class="layout">
<nav class="side" aria-label="Report">
<h2>Report</h2><a href="#summary">Summary</a><a href="#files">Files</a><a href="#runtime">Runtime</a>
<h2>Files</h2><div id="side-files"></div>
<p class="kbd-help"><kbd>j</kbd>/<kbd>k</kbd> next/previous finding · <kbd>Enter</kbd> details · <kbd>/</kbd> search</p>
</nav>
<main id="main">
${renderSummary(data)}
<section id="files" aria-labelledby="files-h"><h2 id="files-h" class="sec-h">Files</h2><div id="file-list"></div></section>
${renderRuntime(data)}
</main>
</div>
<script type="application/json" id="jitlint-data">${scriptJson(embedded)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
