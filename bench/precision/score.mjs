// `npm run precision`: how many of jitlint's findings on real code are worth showing.
//
// Builds the corpora (bench/precision/corpora.mjs) if they are missing, runs the jitlint of this
// checkout (dist/) with `--format json --timing` on each, matches the findings to the hand labels
// in labels.json, prints precision (warning+error, per rule, per level), the shown findings that
// have no label, and recall on the labelled true positives, and writes bench/precision/results.json.
//
//   node bench/precision/score.mjs [--from DIR] [--save DIR] [--only a,b] [--out FILE]
//     --from DIR   read <corpus>.json reports from DIR instead of running jitlint (no timings)
//     --save DIR   also write each corpus' jitlint report to DIR/<corpus>.json
//
// Matching (so labels survive unrelated edits): a label matches a finding of the same corpus, file
// and rule whose position is the label's line and column and whose line still reads as the label's
// snippet; failing that, a finding of the same file and rule on a line whose text is the snippet,
// the nearest to the label's old line (then the same column, then the smaller line); failing that,
// a finding of the same file and rule at most NEARBY_LINES lines away (a rule that now reports
// another node of the same construct). Each finding takes at most one label. Everything is sorted, so the output depends only on the inputs.
//
// Exit codes: 0 scored; 2 a corpus could not be built, jitlint is not built or failed, or the
// labels do not fit the corpora (the message says which).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensurePrecisionCorpus, PRECISION_CORPORA } from './corpora.mjs';
import { checkBuilt, runJitlint, snippetAt } from './run.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const SHOWN = new Set(['warning', 'error']);
const LEVELS = ['error', 'warning', 'note'];
/** Pass 3 of the matching: how far (in lines) a finding of the same file and rule may have moved. */
const NEARBY_LINES = 2;

function fail(msg) {
  process.stderr.write(`precision: ${msg}\n`);
  process.exit(2);
}

function ratio(n, d) {
  return d === 0 ? null : Math.round((n / d) * 1000) / 1000;
}

function pct(x) {
  return x == null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`;
}

/** { tp, fp, debatable, n, precision (tp/n), lenient ((tp+debatable)/n) } */
function tally(labels) {
  const t = { n: labels.length, tp: 0, fp: 0, debatable: 0 };
  for (const l of labels) t[l.label]++;
  t.precision = ratio(t.tp, t.n);
  t.lenient = ratio(t.tp + t.debatable, t.n);
  return t;
}

function groupBy(xs, key) {
  const m = new Map();
  for (const x of xs) {
    const k = key(x);
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(x);
  }
  return new Map([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Pairs labels with findings of one corpus. Returns [{ label, finding | null, how }]. */
export function matchLabels(corpus, labels, findings) {
  const key = (x) => `${x.file}\u0000${x.ruleId}`;
  const byKey = groupBy(findings, key);
  const taken = new Set();
  const out = new Map();
  const sorted = [...labels].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  // Pass 1: same position, and the line still reads the same.
  for (const l of sorted) {
    const f = (byKey.get(key(l)) ?? []).find((f) => !taken.has(f) && f.line === l.line && f.column === l.column);
    if (f && snippetAt(corpus, f.file, f.line) === l.snippet) {
      taken.add(f);
      out.set(l, { finding: f, how: 'position' });
    }
  }
  // Pass 2: the same snippet, nearest line.
  for (const l of sorted) {
    if (out.has(l)) continue;
    const cands = (byKey.get(key(l)) ?? [])
      .filter((f) => !taken.has(f) && snippetAt(corpus, f.file, f.line) === l.snippet)
      .sort((a, b) => Math.abs(a.line - l.line) - Math.abs(b.line - l.line) || (a.column === l.column ? 0 : 1) - (b.column === l.column ? 0 : 1) || a.line - b.line || a.column - b.column);
    if (cands.length) {
      taken.add(cands[0]);
      out.set(l, { finding: cands[0], how: 'snippet' });
    }
  }
  // Pass 3: a rule that now reports another node of the same construct (a line or two away).
  for (const l of sorted) {
    if (out.has(l)) continue;
    const cands = (byKey.get(key(l)) ?? [])
      .filter((f) => !taken.has(f) && Math.abs(f.line - l.line) <= NEARBY_LINES)
      .sort((a, b) => Math.abs(a.line - l.line) - Math.abs(b.line - l.line) || a.line - b.line || a.column - b.column);
    if (cands.length) {
      taken.add(cands[0]);
      out.set(l, { finding: cands[0], how: 'nearby' });
    } else out.set(l, { finding: null, how: 'gone' });
  }
  return sorted.map((l) => ({ label: l, ...out.get(l) }));
}

function main() {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      save: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      labels: { type: 'string' },
    },
  });
  const labelsFile = path.resolve(values.labels ?? path.join(HERE, 'labels.json'));
  const outFile = path.resolve(values.out ?? path.join(HERE, 'results.json'));
  let labelDoc;
  try {
    labelDoc = JSON.parse(readFileSync(labelsFile, 'utf8'));
  } catch (e) {
    fail(`cannot read labels ${labelsFile}: ${e.message}`);
  }
  const allLabels = labelDoc.labels;
  for (const [i, l] of allLabels.entries()) {
    for (const k of ['project', 'version', 'file', 'line', 'column', 'ruleId', 'snippet', 'label']) {
      if (l[k] === undefined) fail(`label #${i} has no ${k}`);
    }
    if (!['tp', 'fp', 'debatable'].includes(l.label)) fail(`label #${i} (${l.file}:${l.line}) has label ${JSON.stringify(l.label)}`);
    if (!PRECISION_CORPORA[l.project]) fail(`label #${i} names unknown project ${l.project}`);
    if (PRECISION_CORPORA[l.project].version !== l.version) {
      fail(`label #${i} is for ${l.project}@${l.version} but the corpus is pinned at ${PRECISION_CORPORA[l.project].version}: relabel or pin back`);
    }
  }
  const names = values.only ? values.only.split(',') : Object.keys(PRECISION_CORPORA);
  for (const n of names) if (!PRECISION_CORPORA[n]) fail(`unknown corpus ${n} (known: ${Object.keys(PRECISION_CORPORA).join(', ')})`);
  if (!values.from) {
    try {
      checkBuilt();
    } catch (e) {
      fail(e.message);
    }
  }

  const perProject = [];
  const matches = [];
  const shownAll = [];
  for (const name of names) {
    let corpus;
    try {
      corpus = ensurePrecisionCorpus(name);
    } catch (e) {
      fail(`cannot build corpus ${name} (${PRECISION_CORPORA[name].pkg}@${PRECISION_CORPORA[name].version}): ${e.message}`);
    }
    let run;
    if (values.from) {
      try {
        const rep = JSON.parse(readFileSync(path.join(values.from, `${name}.json`), 'utf8'));
        run = { findings: rep.findings, summary: rep.summary, timing: null, wallMs: null };
      } catch (e) {
        fail(`--from: cannot read ${name}.json: ${e.message}`);
      }
    } else {
      process.stderr.write(`[precision] jitlint on ${corpus.label} ...\n`);
      try {
        run = runJitlint(corpus);
      } catch (e) {
        fail(e.message);
      }
      if (values.save) {
        mkdirSync(values.save, { recursive: true });
        writeFileSync(path.join(values.save, `${name}.json`), JSON.stringify({ findings: run.findings, summary: run.summary }, null, 1) + '\n');
      }
    }
    const labels = allLabels.filter((l) => l.project === name);
    const m = matchLabels(corpus, labels, run.findings);
    const byFinding = new Map(m.filter((x) => x.finding).map((x) => [x.finding, x.label]));
    const shown = run.findings.filter((f) => SHOWN.has(f.level));
    for (const f of shown) shownAll.push({ project: name, finding: f, label: byFinding.get(f) ?? null });
    for (const x of m) matches.push({ project: name, ...x });
    const counts = {};
    for (const f of run.findings) counts[f.level] = (counts[f.level] ?? 0) + 1;
    perProject.push({
      project: name,
      label: corpus.label,
      findings: run.findings.length,
      byLevel: Object.fromEntries(LEVELS.map((l) => [l, counts[l] ?? 0])),
      shown: shown.length,
      shownLabelled: shown.filter((f) => byFinding.has(f)).length,
      labels: labels.length,
      matchedBySnippet: m.filter((x) => x.how === 'snippet').length,
      matchedNearby: m.filter((x) => x.how === 'nearby').length,
      labelsGone: m.filter((x) => !x.finding).length,
      shownPrecision: tally(shown.filter((f) => byFinding.has(f)).map((f) => byFinding.get(f))),
      wallMs: run.wallMs == null ? null : Math.round(run.wallMs),
      timingMs: run.timing,
    });
  }

  // Labels matched to a finding of this run, at the finding's current level.
  const live = matches.filter((x) => x.finding).map((x) => ({ ...x.label, currentLevel: x.finding.level, project: x.project }));
  const shownLabelled = shownAll.filter((s) => s.label).map((s) => s.label);
  const overall = tally(shownLabelled);

  // Stratified estimate over everything shown: each (project, rule, level) stratum weighs its labelled
  // precision by how many findings it shows; strata without a label are listed as uncovered.
  let estN = 0;
  let estTp = 0;
  let estLenient = 0;
  const uncovered = [];
  for (const [k, ss] of groupBy(shownAll, (s) => `${s.project}/${s.finding.ruleId}/${s.finding.level}`)) {
    const lab = ss.filter((s) => s.label).map((s) => s.label);
    if (!lab.length) {
      uncovered.push({ stratum: k, shown: ss.length });
      continue;
    }
    const t = tally(lab);
    estN += ss.length;
    estTp += ss.length * (t.tp / t.n);
    estLenient += ss.length * ((t.tp + t.debatable) / t.n);
  }

  const perRule = {};
  for (const [rule, ls] of groupBy(live, (l) => l.ruleId)) {
    perRule[rule] = { all: tally(ls), ...Object.fromEntries(LEVELS.map((lv) => [lv, tally(ls.filter((l) => l.currentLevel === lv))]).filter(([, t]) => t.n > 0)) };
  }
  const perLevel = Object.fromEntries(LEVELS.map((lv) => [lv, tally(live.filter((l) => l.currentLevel === lv))]));

  const tpLabels = matches.filter((x) => x.label.label === 'tp');
  const tpShown = tpLabels.filter((x) => x.finding && SHOWN.has(x.finding.level));
  const tpdLabels = matches.filter((x) => x.label.label !== 'fp');
  const tpdShown = tpdLabels.filter((x) => x.finding && SHOWN.has(x.finding.level));

  const classes = {};
  for (const [c, ls] of groupBy(matches.filter((x) => x.label.label !== 'tp'), (x) => x.label.class ?? '(none)')) {
    classes[c] = {
      labels: ls.length,
      shownNow: ls.filter((x) => x.finding && SHOWN.has(x.finding.level)).length,
      rules: Object.fromEntries([...groupBy(ls, (x) => x.label.ruleId)].map(([r, xs]) => [r, xs.length])),
    };
  }

  const unlabelledShown = shownAll.filter((s) => !s.label);
  const results = {
    labels: { file: path.relative(path.join(HERE, '..', '..'), labelsFile), total: allLabels.length, ...tally(allLabels) },
    shown: {
      findings: shownAll.length,
      labelled: shownLabelled.length,
      unlabelled: unlabelledShown.length,
      precision: overall,
      stratifiedEstimate: { shownCovered: estN, precision: ratio(estTp, estN), lenient: ratio(estLenient, estN), uncovered },
    },
    perRule,
    perLevel,
    recall: {
      tpLabels: tpLabels.length,
      tpShown: tpShown.length,
      recall: ratio(tpShown.length, tpLabels.length),
      tpOrDebatableLabels: tpdLabels.length,
      tpOrDebatableShown: tpdShown.length,
      tpLost: tpLabels.filter((x) => !(x.finding && SHOWN.has(x.finding.level))).map((x) => ({ project: x.project, file: x.label.file, line: x.label.line, ruleId: x.label.ruleId, now: x.finding?.level ?? 'gone' })),
    },
    fpClasses: classes,
    unlabelledShownByRule: Object.fromEntries([...groupBy(unlabelledShown, (s) => `${s.project}/${s.finding.ruleId}`)].map(([k, v]) => [k, v.length])),
    projects: perProject,
  };
  writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');

  const w = (s) => process.stdout.write(s + '\n');
  w(`jitlint precision on real code (${allLabels.length} labels: ${results.labels.tp} tp, ${results.labels.fp} fp, ${results.labels.debatable} debatable)`);
  w('');
  w('project                        findings  err  warn  note  shown  shown+labelled  labels  moved  gone   wall');
  for (const p of perProject) {
    w(
      `${p.label.padEnd(30)} ${String(p.findings).padStart(8)} ${String(p.byLevel.error).padStart(4)} ${String(p.byLevel.warning).padStart(5)} ${String(p.byLevel.note).padStart(5)} ${String(p.shown).padStart(6)} ${String(p.shownLabelled).padStart(15)} ${String(p.labels).padStart(7)} ${String(p.matchedBySnippet + p.matchedNearby).padStart(6)} ${String(p.labelsGone).padStart(5)} ${p.wallMs == null ? '     -' : `${(p.wallMs / 1000).toFixed(1).padStart(5)}s`}`,
    );
  }
  w('');
  w(`shown (warning+error): ${shownAll.length} findings, ${shownLabelled.length} labelled, ${unlabelledShown.length} unlabelled`);
  w(`  precision (tp / labelled shown):          ${pct(overall.precision)}  (${overall.tp} tp, ${overall.debatable} debatable, ${overall.fp} fp)`);
  w(`  lenient ((tp + debatable) / labelled):    ${pct(overall.lenient)}`);
  w(`  stratified estimate over ${estN} shown:     ${pct(results.shown.stratifiedEstimate.precision)} (lenient ${pct(results.shown.stratifiedEstimate.lenient)}); ${uncovered.length} strata without labels`);
  w('');
  w('per rule and level (labelled findings present in this run, at their current level)');
  w('rule                       level        n   tp  deb   fp  precision  lenient');
  for (const [rule, r] of Object.entries(perRule)) {
    for (const [lv, t] of Object.entries(r)) {
      w(`${(lv === 'all' ? rule : '').padEnd(26)} ${lv.padEnd(8)} ${String(t.n).padStart(5)} ${String(t.tp).padStart(4)} ${String(t.debatable).padStart(4)} ${String(t.fp).padStart(4)}    ${pct(t.precision)}   ${pct(t.lenient)}`);
    }
  }
  w('');
  w('per level');
  for (const [lv, t] of Object.entries(perLevel)) w(`  ${lv.padEnd(8)} n=${String(t.n).padStart(3)}  tp=${t.tp} debatable=${t.debatable} fp=${t.fp}  precision ${pct(t.precision)}  lenient ${pct(t.lenient)}`);
  w('');
  w(`recall on labelled true positives: ${tpShown.length}/${tpLabels.length} still shown at warning+ (${pct(results.recall.recall)}); tp+debatable: ${tpdShown.length}/${tpdLabels.length}`);
  for (const x of results.recall.tpLost) w(`  lost: ${x.project} ${x.file}:${x.line} ${x.ruleId} (now ${x.now})`);
  w('');
  w('false-positive / debatable classes (labels, still shown at warning+)');
  for (const [c, v] of Object.entries(classes)) w(`  ${c.padEnd(32)} ${String(v.labels).padStart(3)}  shown ${String(v.shownNow).padStart(3)}  ${Object.entries(v.rules).map(([r, n]) => `${r}:${n}`).join(' ')}`);
  w('');
  w(`results written to ${path.relative(process.cwd(), outFile) || outFile}`);
}

main();
