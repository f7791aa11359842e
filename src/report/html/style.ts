// The report's stylesheet, inlined into the page. Line and collapsed-annotation heights are fixed
// (LINE_PX, ANN_PX in client.ts) so that a file not rendered yet can hold its exact height.
export const CSS = String.raw`
:root{color-scheme:light dark;
--bg:#f6f8fa;--panel:#fff;--line:#d1d9e0;--line2:#eaeef2;--text:#1f2328;--muted:#59636e;--accent:#0969da;--hover:#f3f4f6;--code-bg:#fff;--num:#8c959f;--hl:#fff8c5;
--error:#cf222e;--error-bg:#ffebe9;--warning:#9a6700;--warning-bg:#fff8c5;--note:#0969da;--note-bg:#ddf4ff;--conf:#8250df;--conf-bg:#fbefff;
--k-kw:#cf222e;--k-str:#0a3069;--k-num:#0550ae;--k-com:#59636e;--k-re:#116329;--k-ty:#953800;--k-fn:#8250df;
--t-ign:#eaeef2;--t-spark:#dafbe1;--t-mag:#ddf4ff;--t-tf:#fbefff;--t-ign-b:#afb8c1;--t-spark-b:#1a7f37;--t-mag-b:#0969da;--t-tf-b:#8250df;
--mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace;
--sans:-apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,"Liberation Sans","DejaVu Sans",sans-serif}
@media (prefers-color-scheme:dark){:root{
--bg:#010409;--panel:#0d1117;--line:#3d444d;--line2:#21262d;--text:#e6edf3;--muted:#9198a1;--accent:#4493f8;--hover:#151b23;--code-bg:#0d1117;--num:#6e7681;--hl:#3b2e0a;
--error:#f85149;--error-bg:#3c1618;--warning:#d29922;--warning-bg:#37290b;--note:#4493f8;--note-bg:#0c2d57;--conf:#ab7df8;--conf-bg:#2b1d4a;
--k-kw:#ff7b72;--k-str:#a5d6ff;--k-num:#79c0ff;--k-com:#9198a1;--k-re:#7ee787;--k-ty:#ffa657;--k-fn:#d2a8ff;
--t-ign:#21262d;--t-spark:#0f2d1a;--t-mag:#0c2d57;--t-tf:#2b1d4a;--t-ign-b:#656c76;--t-spark-b:#3fb950;--t-mag-b:#4493f8;--t-tf-b:#ab7df8}}
*{box-sizing:border-box}
html{scroll-padding-top:64px}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.5 var(--sans)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
code,pre{font-family:var(--mono);font-size:12px}
:focus-visible{outline:2px solid var(--accent);outline-offset:-2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.muted{color:var(--muted)}.small{font-size:12px}
.top{position:sticky;top:0;z-index:20;display:flex;align-items:center;gap:16px;padding:10px 20px;background:var(--panel);border-bottom:1px solid var(--line)}
.brand{font-weight:600;font-size:16px;white-space:nowrap}.brand span{color:var(--muted);font-weight:400}
.filters{display:flex;align-items:center;gap:8px;flex-wrap:wrap;flex:1}
.chips{display:flex;gap:4px}
.chip{display:inline-flex;align-items:center;gap:6px;height:30px;padding:0 10px;border:1px solid var(--line);border-radius:6px;background:var(--panel);cursor:pointer;user-select:none;font-size:13px;white-space:nowrap}
.chip:hover{background:var(--hover)}.chip b{font-weight:600}
.chip input{margin:0;accent-color:var(--accent)}
.chip .dot,.dot{display:inline-block;width:8px;height:8px;border-radius:50%}
.lv-error .dot{background:var(--error)}.lv-warning .dot{background:var(--warning)}.lv-note .dot{background:var(--note)}
.chip:has(input:not(:checked)){opacity:.55}
select,input[type=search]{height:30px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--text);font:inherit;font-size:13px;padding:0 8px}
input[type=search]{width:240px}
#shown{margin-left:auto;color:var(--muted);font-size:13px;white-space:nowrap}
.layout{display:grid;grid-template-columns:280px minmax(0,1fr)}
.side{position:sticky;top:51px;height:calc(100vh - 51px);overflow:auto;border-right:1px solid var(--line);background:var(--panel);padding:12px 0}
.side h2{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:12px 16px 6px}
.side a{display:flex;align-items:center;gap:6px;padding:3px 16px;color:var(--text);font-size:13px;min-height:26px}
.side a:hover{background:var(--hover);text-decoration:none}
.side a.cur{background:var(--hover);box-shadow:inset 2px 0 var(--accent)}
.side .nm{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;flex:1;direction:rtl;text-align:left}
.side .nm bdi{direction:ltr}
.side .dir{color:var(--muted)}
.pills{display:flex;gap:3px}
.cnt{display:inline-block;min-width:20px;padding:0 6px;border-radius:10px;font-size:11px;font-weight:600;line-height:18px;text-align:center}
.cnt.lv-error{background:var(--error-bg);color:var(--error)}.cnt.lv-warning{background:var(--warning-bg);color:var(--warning)}.cnt.lv-note{background:var(--note-bg);color:var(--note)}
.cnt.confirmed{background:var(--conf-bg);color:var(--conf)}
.zero{color:var(--muted)}
main{padding:20px 24px 80px;min-width:0;max-width:1400px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px}
#summary{padding:20px 24px;margin-bottom:24px}
.sum-head{display:flex;align-items:baseline;gap:16px;flex-wrap:wrap}
h1{font-size:20px;margin:0}.meta{margin:0;color:var(--muted)}
h2{font-size:15px;margin:0 0 10px}
.sec-h{font-size:18px;margin:28px 0 12px}.sec-h .muted{font-size:14px;font-weight:400}
.stats{display:flex;gap:12px;margin:16px 0 20px;flex-wrap:wrap}
.stat{display:flex;flex-direction:column;align-items:flex-start;min-width:120px;padding:10px 14px;border:1px solid var(--line);border-radius:8px;background:var(--panel);color:var(--text);font:inherit;cursor:pointer;text-align:left}
.stat:hover{background:var(--hover);text-decoration:none}
.stat b{font-size:22px;line-height:1.2}.stat span{color:var(--muted);font-size:13px}
.stat.lv-error b{color:var(--error)}.stat.lv-warning b{color:var(--warning)}.stat.lv-note b{color:var(--note)}.stat.confirmed b{color:var(--conf)}
.sum-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:24px}
.tbl{border-collapse:collapse;width:100%;font-size:13px}
.tbl th{text-align:left;font-weight:600;color:var(--muted);border-bottom:1px solid var(--line);padding:6px 8px}
.tbl td{border-bottom:1px solid var(--line2);padding:6px 8px;vertical-align:top}
.tbl .num{text-align:right;white-space:nowrap}
.rule-link{border:0;background:none;padding:0;font:inherit;font-family:var(--mono);font-size:12.5px;color:var(--accent);cursor:pointer}
.rule-link:hover{text-decoration:underline}
.kind{font-size:11px;color:var(--muted);border:1px solid var(--line);border-radius:10px;padding:0 6px;margin-left:4px}
.empty{color:var(--muted);margin:0}
p.empty.panel{padding:16px}
.notices{margin:16px 0 0;padding:10px 14px 10px 30px;background:var(--bg);border-radius:6px;color:var(--muted);font-size:13px}
.bar-cell{position:relative;min-width:110px}.bar-cell span:last-child{position:relative}
.bar{position:absolute;right:8px;top:7px;bottom:7px;background:var(--note-bg);border-radius:3px;max-width:calc(100% - 16px)}
.file{margin-bottom:16px;border:1px solid var(--line);border-radius:8px;background:var(--panel)}
.fh{position:sticky;top:51px;z-index:5;display:flex;align-items:center;gap:10px;height:44px;padding:0 12px;background:var(--bg);border-bottom:1px solid var(--line);border-radius:8px 8px 0 0}
.file.folded .fh{border-bottom:0;border-radius:8px}
.fold{border:0;background:none;color:var(--muted);cursor:pointer;width:22px;height:22px;border-radius:4px;font-size:12px;transform:rotate(0);transition:transform .1s}
.fold:hover{background:var(--hover)}.file.folded .fold{transform:rotate(-90deg)}
.fh .path{font-family:var(--mono);font-size:13px;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.fh .path .dir{color:var(--muted);font-weight:400}
.fh .pills{margin-left:auto}
.file.folded .code{display:none}
.code{overflow-x:auto;font-family:var(--mono);font-size:12px;background:var(--code-bg);border-radius:0 0 8px 8px;tab-size:4}
.ln{display:flex;height:20px;line-height:20px;white-space:pre;min-width:max-content}
.ln .no{position:sticky;left:0;flex:none;width:var(--nw,48px);padding-right:12px;text-align:right;color:var(--num);background:var(--code-bg);user-select:none;border-right:1px solid var(--line2)}
.ln .no:hover{color:var(--text);text-decoration:none}
.ln .lc{padding:0 16px 0 12px}
.ln.has{background:color-mix(in srgb,var(--warning-bg) 35%,transparent)}
.ln.hl,.ln.hl .no{background:var(--hl)}
.ln.hl .no{color:var(--text);font-weight:600}
.tk-kw{color:var(--k-kw)}.tk-str{color:var(--k-str)}.tk-num{color:var(--k-num)}.tk-com{color:var(--k-com);font-style:italic}.tk-re{color:var(--k-re)}.tk-ty{color:var(--k-ty)}.tk-fn{color:var(--k-fn)}
.m{cursor:pointer;text-decoration:underline wavy;text-decoration-skip-ink:none;text-underline-offset:3px;text-decoration-thickness:1px;border-radius:2px}
.m0{text-decoration-color:var(--error);background:color-mix(in srgb,var(--error-bg) 70%,transparent)}
.m1{text-decoration-color:var(--warning);background:color-mix(in srgb,var(--warning-bg) 70%,transparent)}
.m2{text-decoration-color:var(--note);background:color-mix(in srgb,var(--note-bg) 70%,transparent)}
.m.eol{display:inline-block;width:8px}
.ann{position:sticky;left:0;width:var(--cw,100%);height:32px;overflow:hidden;border-top:1px solid var(--line2);border-bottom:1px solid var(--line2);background:var(--panel);font-family:var(--sans);font-size:13px;white-space:normal;border-left:3px solid var(--c)}
.ann.lv-error{--c:var(--error)}.ann.lv-warning{--c:var(--warning)}.ann.lv-note{--c:var(--note)}
.ann.open{height:auto}
.ah{display:flex;align-items:center;gap:8px;height:30px;padding:0 12px 0 calc(var(--nw,48px) - 3px);cursor:pointer;white-space:nowrap}
.ah:hover{background:var(--hover)}
.ann.cur .ah{background:var(--hover);box-shadow:inset 0 0 0 2px var(--accent)}
.ah .caret{flex:none;width:12px;color:var(--muted);font-size:10px;transition:transform .1s}.ann.open .caret{transform:rotate(90deg)}
.badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:11px;font-weight:600;line-height:18px;white-space:nowrap;border:1px solid transparent}
.badge.lv-error{color:var(--error);background:var(--error-bg)}.badge.lv-warning{color:var(--warning);background:var(--warning-bg)}.badge.lv-note{color:var(--note);background:var(--note-bg)}
.badge.conf{color:var(--conf);background:var(--conf-bg)}
.badge.loop{color:var(--error);border-color:var(--error)}
.badge.ic-mono{color:var(--muted);border-color:var(--line)}.badge.ic-poly{color:var(--warning);background:var(--warning-bg)}.badge.ic-mega{color:var(--error);background:var(--error-bg)}
.ah .rid{font-family:var(--mono);font-size:12px;color:var(--muted);flex:none}
.ah .sum{overflow:hidden;text-overflow:ellipsis;flex:1;min-width:0}
.ah .sum code{font-family:var(--mono);font-size:12px;background:var(--line2);padding:0 3px;border-radius:3px}
.ah .pos{flex:none;font-family:var(--mono);font-size:12px;color:var(--muted)}
.ah .heat{flex:none;font-family:var(--mono);font-size:12px;color:var(--accent);font-variant-numeric:tabular-nums}
.ab{padding:4px 16px 14px calc(var(--nw,48px) + 21px);max-width:980px;line-height:1.55}
.ab .msg{margin:0 0 10px;font-size:14px}
.ab h5{margin:12px 0 4px;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.ab ul{margin:0;padding-left:18px}
.ab .help{margin-top:12px;padding:10px 14px;background:var(--bg);border-radius:6px;font-size:13px}
.ab .help p{margin:0 0 8px}.ab .help p:last-child{margin:0}
.ab .help h4{margin:0 0 6px;font-size:13px}
.ab .help code,.ab .msg code{background:var(--line2);padding:1px 4px;border-radius:4px}
.ab .help pre{background:var(--panel);padding:8px;border-radius:6px;overflow:auto}
.nosrc{padding:10px 16px;color:var(--muted);font-family:var(--sans)}
.fn{padding:14px 18px;margin-bottom:14px}
.fn.is-loop{border-color:var(--error)}
.fn-head{display:flex;align-items:baseline;gap:12px;flex-wrap:wrap}
.fn-head h3{margin:0;font-family:var(--mono);font-size:14px}
.fn-stats{color:var(--muted);font-size:13px}
.fn h4{margin:14px 0 6px;font-size:13px}
.loc{font-family:var(--mono);font-size:12px}
.timeline{display:flex;flex-wrap:wrap;align-items:center;gap:0;list-style:none;padding:0;margin:12px 0 4px}
.timeline .step{display:inline-flex;align-items:center;gap:6px;height:26px;padding:0 10px;border:1px solid var(--line);background:var(--bg);font-size:12px;border-radius:13px;margin:3px 0}
.timeline .step+.step{margin-left:18px;position:relative}
.timeline .step+.step::before{content:"";position:absolute;left:-19px;top:50%;width:18px;border-top:1px solid var(--line)}
.timeline.legend{margin:0 0 12px}.timeline.legend .step+.step{margin-left:6px}.timeline.legend .step+.step::before{display:none}
.step.t-ignition{background:var(--t-ign);border-color:var(--t-ign-b)}
.step.t-sparkplug{background:var(--t-spark);border-color:var(--t-spark-b)}
.step.t-maglev{background:var(--t-mag);border-color:var(--t-mag-b)}
.step.t-turbofan,.step.t-opt{background:var(--t-tf);border-color:var(--t-tf-b)}
.step.osr{border-style:dashed;border-width:2px}
.osr-tag{font-size:10px}
.step.deopt{background:var(--error-bg);border-color:var(--error);color:var(--error)}
.step.stop{background:var(--warning-bg);border-color:var(--warning)}
.step .times{font-weight:600}
.inl{list-style:none;padding:0;margin:0;font-size:13px}.inl li{padding:2px 0}
.dot.ok{background:#1a7f37;margin-right:6px}.dot.no{background:var(--error);margin-right:6px}
.kbd-help{color:var(--muted);font-size:12px;padding:8px 16px}
kbd{font-family:var(--mono);font-size:11px;border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 4px;background:var(--bg)}
@media (max-width:900px){.layout{grid-template-columns:1fr}.side{display:none}input[type=search]{width:160px}}
`;
