// The page script of the HTML report, inlined as text (kept as a string so that the report needs
// no bundler and no file read at run time; test/report checks that it parses). It renders file
// sources lazily from the embedded JSON: a file holds a placeholder of its exact height until it
// comes near the viewport, so that 5,000 findings over 500 files open at once.
// The text is a template literal: no backquotes in it, and dollar-brace only for the constants below.
import { TOKEN_CLASSES } from './highlight.js';

export const LINE_PX = 20;
export const ANN_PX = 32;

export const SCRIPT = String.raw`(function () {
'use strict';
var D = JSON.parse(document.getElementById('jitlint-data').textContent);
var LV = ['error', 'warning', 'note'];
var TOK = ${JSON.stringify(TOKEN_CLASSES)};
var LINE_PX = ${LINE_PX}, ANN_PX = ${ANN_PX};
var files = D.files, F = D.findings, rules = D.rules;
var byFile = files.map(function () { return []; });
F.forEach(function (f, k) { byFile[f.f].push(k); });
var fileByPath = new Map(files.map(function (f, i) { return [f.path, i]; }));
var state = { lv: [true, true, true], rule: '', ok: false, q: '' };
var visible = new Uint8Array(F.length);
var shownCount = 0;
var cur = -1;
var forced = new Set();
var hay = null;

function esc(s) {
  return String(s).replace(/[&<>"']/g, function (c) { return c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'; });
}
function hashOf(path, line) {
  return '#' + encodeURIComponent(path).replace(/%2F/g, '/') + (line != null ? ':' + line : '');
}
function base(p) { return p.slice(p.lastIndexOf('/') + 1); }
function dir(p) { var i = p.lastIndexOf('/'); return i < 0 ? '' : p.slice(0, i + 1); }
function loc(w) {
  if (!w) return '';
  var txt = (typeof w.f === 'number' ? base(files[w.f].path) : base(w.f)) + ':' + w.l + ':' + w.c;
  if (typeof w.f !== 'number') return '<span class="loc">' + esc(txt) + '</span>';
  return '<a class="loc" href="' + esc(hashOf(files[w.f].path, w.l)) + '">' + esc(txt) + '</a>';
}
function firstSentence(m) {
  var i = m.search(/[.](\s|$)/);
  return i > 0 && i < 160 ? m.slice(0, i + 1) : m;
}
// The message's code spans, as in the rule help.
function msgHtml(m) {
  return esc(m).replace(/\u0060([^\u0060]+)\u0060/g, '<code>$1</code>');
}

// ---- filters ----
function matches(f, k) {
  if (!state.lv[f.lv]) return false;
  if (state.rule && rules[f.r].id !== state.rule) return false;
  if (state.ok && !f.ok) return false;
  if (state.q) {
    if (!hay) hay = F.map(function (x) { return (x.m + ' ' + rules[x.r].id + ' ' + files[x.f].path).toLowerCase(); });
    if (hay[k].indexOf(state.q) < 0) return false;
  }
  return true;
}
function pills(n) {
  var out = '';
  for (var i = 0; i < 3; i++) if (n[i]) out += '<span class="cnt lv-' + LV[i] + '" title="' + n[i] + ' ' + LV[i] + (n[i] === 1 ? '' : 's') + '">' + n[i] + '</span>';
  return '<span class="pills">' + out + '</span>';
}
function visibleCounts(i) {
  var n = [0, 0, 0];
  byFile[i].forEach(function (k) { if (visible[k]) n[F[k].lv]++; });
  return n;
}

// ---- layout: sidebar and file shells ----
var side = document.getElementById('side-files');
var list = document.getElementById('file-list');
var secs = [];
function buildShells() {
  var html = [];
  for (var i = 0; i < files.length; i++) {
    var p = files[i].path;
    html.push('<section class="file" id="file-' + i + '" data-i="' + i + '" aria-label="' + esc(p) + '"><header class="fh"><button type="button" class="fold" aria-expanded="true" aria-label="Fold ' + esc(p) + '">\u25BE</button><span class="path" title="' + esc(p) + '"><span class="dir">' + esc(dir(p)) + '</span>' + esc(base(p)) + '</span><span class="fcounts"></span></header><div class="code"></div></section>');
  }
  list.innerHTML = html.join('');
  for (var j = 0; j < files.length; j++) {
    var el = list.children[j];
    secs.push({ el: el, code: el.querySelector('.code'), counts: el.querySelector('.fcounts'), rendered: false, lines: null });
  }
}
function renderSide() {
  var html = [];
  for (var i = 0; i < files.length; i++) {
    if (secs[i].el.hidden) continue;
    var p = files[i].path;
    html.push('<a href="' + esc(hashOf(p)) + '" data-i="' + i + '" title="' + esc(p) + '"><span class="nm"><bdi><span class="dir">' + esc(dir(p)) + '</span>' + esc(base(p)) + '</bdi></span>' + pills(visibleCounts(i)) + '</a>');
  }
  side.innerHTML = html.length ? html.join('') : '<p class="kbd-help">No file matches the filters.</p>';
}

// ---- source rendering ----
function splitLines(file) {
  var src = file.src, starts = [0], re = /\r\n|[\r\n\u2028\u2029]/g, m;
  while ((m = re.exec(src))) starts.push(m.index + m[0].length);
  var ends = [];
  for (var i = 1; i < starts.length; i++) ends.push(src.slice(starts[i - 1], starts[i]).replace(/(\r\n|[\r\n\u2028\u2029])$/, '').length + starts[i - 1]);
  ends.push(src.length);
  return { starts: starts, ends: ends };
}
function decodeTokens(tok) {
  var out = [], pos = 0;
  for (var i = 0; i + 2 < tok.length; i += 3) { var s = pos + tok[i]; pos = s + tok[i + 1]; out.push(s, pos, tok[i + 2]); }
  return out;
}
// Where a finding's annotation goes: under its last line (a range ending at column 1 ends on the line before).
function annLine(f) { return f.el > f.l && f.ec === 1 ? f.el - 1 : f.el; }
function placeholderHeight(i, vis) {
  var file = files[i];
  if (file.src == null) return 40 + vis.length * ANN_PX;
  if (!secs[i].lines) secs[i].lines = splitLines(file);
  return secs[i].lines.starts.length * LINE_PX + vis.length * ANN_PX;
}
function annHtml(k) {
  var f = F[k], r = rules[f.r];
  return '<div class="ann lv-' + LV[f.lv] + '" data-k="' + k + '"><div class="ah" role="button" tabindex="0" aria-expanded="false"><span class="caret" aria-hidden="true">\u25B6</span><span class="badge lv-' + LV[f.lv] + '">' + LV[f.lv] + '</span>' +
    (f.ok ? '<span class="badge conf" title="Confirmed by V8 in a recorded run">confirmed</span>' : '') +
    '<span class="rid">' + esc(r.id) + '</span><span class="sum">' + msgHtml(firstSentence(f.m)) + '</span>' + (f.hot ? '<span class="heat" title="Share of the CPU samples (total) and bytes allocated in its function, from the run\'s profiles">' + esc(f.hot) + '</span>' : '') + '<span class="pos">' + f.l + ':' + f.c + '</span></div><div class="ab" hidden></div></div>';
}
function annBody(k) {
  var f = F[k], r = rules[f.r], h = ['<p class="msg">' + msgHtml(f.m) + '</p>'];
  if (f.ev && f.ev.length) {
    h.push('<h5>' + (f.ok ? 'Confirmed by V8: evidence from the recorded run' : 'Evidence from the recorded run') + '</h5><ul class="ev">');
    f.ev.forEach(function (e) { h.push('<li>' + (e.at ? loc(e.at) + ' ' : '') + esc(e.m) + ' <span class="muted small">(' + esc(e.k) + ')</span></li>'); });
    h.push('</ul>');
  }
  if (f.rel && f.rel.length) {
    h.push('<h5>Related locations</h5><ul class="rel">');
    f.rel.forEach(function (x) { h.push('<li>' + loc(x.at) + ' ' + esc(x.m) + '</li>'); });
    h.push('</ul>');
  }
  h.push('<div class="help"><h4>' + esc(r.id) + (r.short ? ' \u2014 ' + esc(r.short) : '') + '</h4>' + (r.help || '') + '</div>');
  return h.join('');
}
function lineHtml(text, off, toks, ti, marks) {
  // Cut the line at every token and mark boundary; each piece gets its token class and the most
  // severe mark covering it (marks may overlap, so they are flattened rather than nested).
  var len = text.length, cuts = [0, len];
  for (var t = ti; t < toks.length && toks[t] < off + len; t += 3) { cuts.push(Math.max(0, toks[t] - off), Math.min(len, toks[t + 1] - off)); }
  var eol = [];
  for (var m = 0; m < marks.length; m++) {
    var mk = marks[m];
    if (mk.s >= len) { eol.push(mk); continue; }
    cuts.push(mk.s, Math.min(len, mk.e));
  }
  cuts.sort(function (a, b) { return a - b; });
  var out = '', prevCut = -1;
  for (var c = 0; c + 1 < cuts.length; c++) {
    var a = cuts[c], b = cuts[c + 1];
    if (a === prevCut || b <= a) continue;
    prevCut = a;
    var cls = '';
    for (var u = ti; u < toks.length && toks[u] < off + b; u += 3) if (toks[u] <= off + a && toks[u + 1] >= off + b) { cls = TOK[toks[u + 2]]; break; }
    var lvl = 3, ks = [];
    for (var q = 0; q < marks.length; q++) if (marks[q].s <= a && marks[q].e >= b) { ks.push(marks[q].k); if (marks[q].lv < lvl) lvl = marks[q].lv; }
    var piece = esc(text.slice(a, b));
    if (ks.length) out += '<span class="m m' + lvl + (cls ? ' ' + cls : '') + '" data-f="' + ks.join(' ') + '">' + piece + '</span>';
    else out += cls ? '<span class="' + cls + '">' + piece + '</span>' : piece;
  }
  if (eol.length) {
    var lv2 = 3;
    eol.forEach(function (e) { if (e.lv < lv2) lv2 = e.lv; });
    out += '<span class="m eol m' + lv2 + '" data-f="' + eol.map(function (e) { return e.k; }).join(' ') + '"> </span>';
  }
  return out;
}
function renderFile(i) {
  var s = secs[i];
  if (s.rendered) return;
  s.rendered = true;
  io.unobserve(s.code);
  var file = files[i], vis = byFile[i].filter(function (k) { return visible[k]; });
  if (file.src == null) {
    s.code.innerHTML = '<div class="nosrc">Source not available.</div>' + vis.map(annHtml).join('');
    s.code.style.height = '';
    return;
  }
  if (!s.lines) s.lines = splitLines(file);
  if (!s.toks) s.toks = decodeTokens(file.tok || []);
  var starts = s.lines.starts, ends = s.lines.ends, toks = s.toks, src = file.src;
  var marks = new Map(), anns = new Map();
  vis.forEach(function (k) {
    var f = F[k];
    for (var l = f.l; l <= f.el; l++) {
      if (l < 1 || l > starts.length) continue;
      var len = ends[l - 1] - starts[l - 1];
      var sc = l === f.l ? f.c - 1 : 0, ec = l === f.el ? f.ec - 1 : len + 1;
      if (l === f.el && l !== f.l && ec <= 0) continue;
      if (ec <= sc) ec = sc + 1;
      if (!marks.has(l)) marks.set(l, []);
      marks.get(l).push({ s: sc, e: ec, lv: f.lv, k: k });
    }
    var al = Math.min(Math.max(1, annLine(f)), starts.length);
    if (!anns.has(al)) anns.set(al, []);
    anns.get(al).push(k);
  });
  var digits = String(starts.length).length;
  s.code.style.setProperty('--nw', (digits * 7.3 + 30).toFixed(0) + 'px');
  var html = [], ti = 0, p = file.path;
  for (var n = 1; n <= starts.length; n++) {
    var off = starts[n - 1], text = src.slice(off, ends[n - 1]);
    while (ti < toks.length && toks[ti + 1] <= off) ti += 3;
    var mk = marks.get(n) || [];
    html.push('<div class="ln' + (mk.length ? ' has' : '') + '" data-n="' + n + '"><a class="no" href="' + esc(hashOf(p, n)) + '" tabindex="-1">' + n + '</a><span class="lc">' + lineHtml(text, off, toks, ti, mk) + '</span></div>');
    var a = anns.get(n);
    if (a) for (var j = 0; j < a.length; j++) html.push(annHtml(a[j]));
  }
  s.code.innerHTML = html.join('');
  s.code.style.height = '';
  far.observe(s.code);
}
function resetFile(i, vis) {
  var s = secs[i];
  far.unobserve(s.code);
  s.rendered = false;
  s.code.innerHTML = '';
  s.code.style.height = placeholderHeight(i, vis) + 'px';
  io.observe(s.code);
}
var io = new IntersectionObserver(function (entries) {
  entries.forEach(function (e) { if (e.isIntersecting) renderFile(Number(e.target.parentNode.dataset.i)); });
}, { rootMargin: '600px 0px' });
// Files scrolled far away go back to their placeholder (same height), so that the page holds a
// bounded number of lines however far one scrolls; not those with an open finding or the focus.
var far = new IntersectionObserver(function (entries) {
  entries.forEach(function (e) {
    var i = Number(e.target.parentNode.dataset.i), s = secs[i];
    if (e.isIntersecting || !s.rendered || s.code.querySelector('.ann.open') || s.code.contains(document.activeElement)) return;
    resetFile(i, byFile[i].filter(function (k) { return visible[k]; }));
  });
}, { rootMargin: '4000px 0px' });

function applyFilters() {
  shownCount = 0;
  for (var k = 0; k < F.length; k++) { visible[k] = matches(F[k], k) ? 1 : 0; shownCount += visible[k]; }
  for (var i = 0; i < files.length; i++) {
    var vis = byFile[i].filter(function (k) { return visible[k]; });
    var s = secs[i];
    s.el.hidden = vis.length === 0 && !forced.has(i);
    s.counts.innerHTML = pills(visibleCounts(i));
    resetFile(i, vis);
  }
  document.getElementById('shown').textContent = shownCount === F.length ? F.length + (F.length === 1 ? ' finding' : ' findings') : shownCount + ' of ' + F.length + ' findings';
  renderSide();
  if (cur >= 0 && !visible[cur]) cur = -1;
}

// ---- interaction ----
function annOf(k) { return document.querySelector('.ann[data-k="' + k + '"]'); }
function toggle(ann, open) {
  var body = ann.querySelector('.ab'), head = ann.querySelector('.ah');
  if (open === undefined) open = body.hidden;
  if (open && !body.innerHTML) body.innerHTML = annBody(Number(ann.dataset.k));
  body.hidden = !open;
  ann.classList.toggle('open', open);
  head.setAttribute('aria-expanded', String(open));
}
function reveal(i) {
  if (secs[i].el.hidden) { forced.add(i); secs[i].el.hidden = false; renderSide(); }
  secs[i].el.classList.remove('folded');
  renderFile(i);
}
function focusFinding(k, opts) {
  var f = F[k];
  reveal(f.f);
  var ann = annOf(k);
  if (!ann) return;
  var old = document.querySelector('.ann.cur');
  if (old) old.classList.remove('cur');
  ann.classList.add('cur');
  cur = k;
  if (opts && opts.open) toggle(ann, true);
  ann.querySelector('.ah').focus({ preventScroll: true });
  ann.scrollIntoView({ block: 'center' });
  history.replaceState(null, '', hashOf(files[f.f].path, f.l));
  markSide(f.f);
}
function step(dirn) {
  if (!shownCount) return;
  var k = cur;
  for (var n = 0; n < F.length; n++) {
    k = k < 0 ? (dirn > 0 ? 0 : F.length - 1) : (k + dirn + F.length) % F.length;
    if (visible[k]) { focusFinding(k); return; }
  }
}
function markSide(i) {
  var old = side.querySelector('a.cur');
  if (old) old.classList.remove('cur');
  var a = side.querySelector('a[data-i="' + i + '"]');
  if (a) a.classList.add('cur');
}
function goHash() {
  var h = decodeURIComponent(location.hash.slice(1));
  if (!h) return;
  var m = /^(.*):(\d+)$/.exec(h), path = m ? m[1] : h, line = m ? Number(m[2]) : 0;
  var i = fileByPath.get(path);
  if (i === undefined) {
    var el = document.getElementById(h);
    if (el) el.scrollIntoView();
    return;
  }
  reveal(i);
  markSide(i);
  var old = document.querySelectorAll('.ln.hl');
  for (var o = 0; o < old.length; o++) old[o].classList.remove('hl');
  var target = line ? secs[i].code.querySelector('.ln[data-n="' + line + '"]') : secs[i].el;
  if (!target) target = secs[i].el;
  if (line) target.classList.add('hl');
  target.scrollIntoView({ block: line ? 'center' : 'start' });
}

document.addEventListener('click', function (e) {
  var t = e.target;
  var only = t.closest('[data-only-level],[data-only-confirmed],[data-only-rule]');
  if (only) {
    e.preventDefault();
    if (only.dataset.onlyLevel) state.lv = [0, 1, 2].map(function (i) { return String(i) === only.dataset.onlyLevel; });
    else state.lv = [true, true, true];
    state.ok = !!only.dataset.onlyConfirmed;
    state.rule = only.dataset.onlyRule || '';
    syncControls();
    applyFilters();
    document.getElementById('files').scrollIntoView();
    return;
  }
  var fold = t.closest('.fold');
  if (fold) {
    var sec = fold.closest('.file');
    var folded = sec.classList.toggle('folded');
    fold.setAttribute('aria-expanded', String(!folded));
    return;
  }
  // In-page links are handled here: a link to the current hash fires no hashchange.
  var link = t.closest('a[href^="#"]');
  if (link && !e.defaultPrevented) {
    e.preventDefault();
    history.pushState(null, '', link.getAttribute('href'));
    goHash();
    return;
  }
  var mark = t.closest('.m');
  if (mark) {
    var ks = mark.dataset.f.split(' ').map(Number);
    focusFinding(ks[0], { open: true });
    return;
  }
  var head = t.closest('.ah');
  if (head) {
    var ann = head.parentNode, k = Number(ann.dataset.k);
    toggle(ann);
    var old = document.querySelector('.ann.cur');
    if (old) old.classList.remove('cur');
    ann.classList.add('cur');
    cur = k;
    history.replaceState(null, '', hashOf(files[F[k].f].path, F[k].l));
  }
});
document.addEventListener('keydown', function (e) {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  var t = e.target, typing = t.matches && t.matches('input, select, textarea');
  if (typing) {
    if (e.key === 'Escape') t.blur();
    return;
  }
  var onAnn = t.classList && t.classList.contains('ah');
  if (e.key === 'j' || (onAnn && e.key === 'ArrowDown')) { e.preventDefault(); step(1); }
  else if (e.key === 'k' || (onAnn && e.key === 'ArrowUp')) { e.preventDefault(); step(-1); }
  else if (onAnn && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); toggle(t.parentNode); }
  else if (onAnn && e.key === 'Escape') toggle(t.parentNode, false);
  else if (e.key === '/') { e.preventDefault(); document.getElementById('f-q').focus(); }
});

var levelBoxes = document.querySelectorAll('input[data-level]');
var ruleSel = document.getElementById('f-rule'), okBox = document.getElementById('f-confirmed'), qBox = document.getElementById('f-q');
function syncControls() {
  levelBoxes.forEach(function (b) { b.checked = state.lv[Number(b.dataset.level)]; });
  ruleSel.value = state.rule;
  okBox.checked = state.ok;
}
levelBoxes.forEach(function (b) { b.addEventListener('change', function () { state.lv[Number(b.dataset.level)] = b.checked; applyFilters(); }); });
ruleSel.addEventListener('change', function () { state.rule = ruleSel.value; applyFilters(); });
okBox.addEventListener('change', function () { state.ok = okBox.checked; applyFilters(); });
var qTimer = 0;
qBox.addEventListener('input', function () {
  clearTimeout(qTimer);
  qTimer = setTimeout(function () { state.q = qBox.value.trim().toLowerCase(); applyFilters(); }, 120);
});
window.addEventListener('hashchange', goHash);

buildShells();
applyFilters();
if (location.hash) goHash();
performance.mark('jitlint-ready');
document.documentElement.dataset.ready = '1';
})();
`;
