// Measures commands: wall time and peak RSS of one fresh process per run.
//
// Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the kernel's ru_maxrss of the child, which
// also covers the descendants it waited for). Without GNU time, the bench polls VmHWM in
// /proc/<pid>/status of the process and its descendants every 10 ms (a short spike between
// two polls of a process that then exits can be missed; VmHWM itself is a high-water mark, so
// a process that is still alive is never under-reported).
//
// Cases are measured in groups, round-robin: one run of every case in the group per round, so
// that a change of machine load hits all of them alike, and the ratio to the group's reference
// (jitlint) is computed round by round, pair by pair, then the median of those ratios is taken.
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { median, note, fmtMs, fmtMB } from './lib.mjs';

const GNU_TIME = '/usr/bin/time';
let timeMode;

/** 'gnu-time' when /usr/bin/time is GNU time (it is installed with `apt-get install time`), else 'proc-poll'. */
export function rssMethod() {
  if (timeMode) return timeMode;
  timeMode = 'proc-poll';
  try {
    accessSync(GNU_TIME, constants.X_OK);
    const r = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
    if (r.status === 0 && /^\d+\s*$/m.test(r.stderr)) timeMode = 'gnu-time';
  } catch {
    // no GNU time: poll /proc
  }
  if (timeMode === 'proc-poll' && process.platform !== 'linux') timeMode = 'none';
  return timeMode;
}

function readHwmKB(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid) {
  const out = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const txt = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (txt) for (const c of txt.split(/\s+/)) out.push(Number(c));
    }
  } catch {
    // gone
  }
  return out;
}

function treeHwmKB(pid) {
  let max = readHwmKB(pid);
  for (const c of childrenOf(pid)) max = Math.max(max, treeHwmKB(c));
  return max;
}

/** Records each process of the tree's own VmHWM (a high-water mark) into `perPid`. */
function treeHwmEach(pid, perPid) {
  const kb = readHwmKB(pid);
  if (kb) perPid.set(pid, Math.max(perPid.get(pid) ?? 0, kb));
  for (const c of childrenOf(pid)) treeHwmEach(c, perPid);
}

const KEEP = 64 * 1024;
function tailCollector() {
  let buf = '';
  return {
    push(chunk) {
      buf += chunk;
      if (buf.length > 4 * KEEP) buf = buf.slice(-KEEP);
    },
    get text() {
      return buf.length > KEEP ? buf.slice(-KEEP) : buf;
    },
  };
}

/**
 * One run in a fresh process. `spec`: { cmd, args, cwd?, env?, okCodes? = [0], sumTree? }.
 *
 * `sumTree`: the command runs helper processes at the same time as itself (jitlint --engine tsgo
 * and its TypeScript 7 server): its peak RSS is the sum of each process's own peak (VmHWM, polled
 * every 10 ms in /proc), an upper bound of the tree's peak, and never less than GNU time's figure.
 * (GNU time's %M is the largest single process of the tree, not their sum.)
 * Returns { wallMs, rssKB, code, stdout (last 64 KB), stderr (last 64 KB) }.
 */
export function runOnce(spec) {
  const mode = rssMethod();
  const tmp = path.join(os.tmpdir(), `jitlint-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const [cmd, args] = mode === 'gnu-time' ? [GNU_TIME, ['-f', '%M', '-o', tmp, spec.cmd, ...spec.args]] : [spec.cmd, spec.args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    // `discardStderr`: for a peer that writes an error per input line (v8-deopt-parser on a modern
    // log writes gigabytes), stderr goes to /dev/null so the bench process does not compete for CPU.
    const stdio = ['ignore', 'pipe', spec.discardStderr ? 'ignore' : 'pipe'];
    const child = spawn(cmd, args, { cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio });
    const out = tailCollector();
    const err = tailCollector();
    child.stdout.setEncoding('utf8').on('data', (d) => out.push(d));
    child.stderr?.setEncoding('utf8').on('data', (d) => err.push(d));
    let polled = 0;
    let timer;
    const perPid = new Map();
    const sumTree = spec.sumTree && process.platform === 'linux';
    if (mode === 'proc-poll' || sumTree) {
      // Under GNU time the child is /usr/bin/time: the tree below it is the same.
      timer = setInterval(() => {
        if (sumTree) treeHwmEach(child.pid, perPid);
        else polled = Math.max(polled, treeHwmKB(child.pid));
      }, 10);
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (timer) clearInterval(timer);
      let rssKB = mode === 'proc-poll' ? polled || undefined : undefined;
      if (mode === 'gnu-time') {
        try {
          // GNU time writes "Command exited with non-zero status N" before the format line.
          const lines = readFileSync(tmp, 'utf8').trim().split('\n');
          rssKB = Number(lines[lines.length - 1]);
        } catch {
          rssKB = undefined;
        }
        rmSync(tmp, { force: true });
      }
      if (sumTree) {
        // /usr/bin/time itself (a few MB) is no part of the command.
        let sum = 0;
        for (const [pid, kb] of perPid) if (!(mode === 'gnu-time' && pid === child.pid)) sum += kb;
        rssKB = Math.max(rssKB ?? 0, sum) || undefined;
      }
      const okCodes = spec.okCodes ?? [0];
      if (signal || !okCodes.includes(code)) {
        const e = new Error(`${spec.label ?? spec.cmd} failed (exit ${code ?? signal})\n${err.text.trim().split('\n').slice(-12).join('\n')}`);
        e.result = { wallMs, rssKB, code, stdout: out.text, stderr: err.text };
        reject(e);
        return;
      }
      resolve({ wallMs, rssKB, code, stdout: out.text, stderr: err.text });
    });
  });
}

/**
 * Measures a group of cases round-robin.
 * cases: [{ id, label, spec, reference?: true }]; the reference (first if none marked) is what
 * ratios are computed against.
 * opts: { warmup = true, runs = 5, slowRuns = 3, slowMs = 20000 }.
 * A warm-up run of every case comes first (not counted). A case whose warm-up run took longer than
 * `slowMs` gets `slowRuns` measured runs in all, and its warm-up run counts as the first of them
 * (the files it reads are already in the page cache from the other cases of the group, which run
 * before it), to keep the whole bench inside its time budget; the group then runs as many rounds as
 * its cases need, each case stopping when it has its count.
 */
export async function measureGroup(cases, opts = {}) {
  const { warmup = true, runs = 5, slowRuns = 3, slowMs = 20000 } = opts;
  const state = cases.map((c) => ({ c, samples: [], need: runs, error: undefined, last: undefined }));
  if (warmup) {
    for (const s of state) {
      try {
        note(`  warm-up: ${s.c.label}`);
        const r = await runOnce({ label: s.c.label, ...s.c.spec });
        s.last = r;
        if (r.wallMs > slowMs) {
          s.need = Math.min(runs, slowRuns);
          s.samples.push(r);
          note(`    ${fmtMs(r.wallMs)} (> ${slowMs / 1000} s: ${s.need} runs, this one counted)`);
        } else {
          note(`    ${fmtMs(r.wallMs)}`);
        }
      } catch (e) {
        s.error = e.message;
        note(`    FAILED: ${e.message}`);
      }
    }
  }
  const rounds = Math.max(...state.map((s) => s.need));
  for (let round = 0; round < rounds; round++) {
    for (const s of state) {
      if (s.error || s.samples.length >= s.need) continue;
      try {
        const r = await runOnce({ label: s.c.label, ...s.c.spec });
        s.samples.push(r);
        s.last = r;
        note(`  run ${s.samples.length}/${s.need}: ${s.c.label}: ${fmtMs(r.wallMs)}, ${fmtMB(r.rssKB)}`);
      } catch (e) {
        s.error = e.message;
        note(`  FAILED: ${e.message}`);
      }
    }
  }
  const ref = state.find((s) => s.c.reference) ?? state[0];
  return state.map((s) => {
    const res = {
      id: s.c.id,
      label: s.c.label,
      command: [s.c.spec.cmd, ...s.c.spec.args].join(' '),
      cwd: s.c.spec.cwd,
      runs: s.samples.length,
      wallMs: median(s.samples.map((r) => r.wallMs)),
      rssKB: median(s.samples.map((r) => r.rssKB)),
      samples: s.samples.map((r) => ({ wallMs: Math.round(r.wallMs), rssKB: r.rssKB, code: r.code })),
      error: s.error,
      stdout: s.last?.stdout,
      code: s.last?.code,
    };
    if (s !== ref && !s.error && !ref.error) {
      // Pair by pair: ratio jitlint/peer of the i-th run of each, then the median.
      const n = Math.min(s.samples.length, ref.samples.length);
      const t = [];
      const m = [];
      for (let i = 0; i < n; i++) {
        t.push(ref.samples[i].wallMs / s.samples[i].wallMs);
        if (ref.samples[i].rssKB && s.samples[i].rssKB) m.push(ref.samples[i].rssKB / s.samples[i].rssKB);
      }
      res.ratio = { against: ref.c.id, time: median(t), rss: median(m), pairs: n };
    }
    return res;
  });
}
