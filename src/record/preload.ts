// The CommonJS preload `record` writes into DIR and loads with `--require` (and
// through NODE_OPTIONS) in every Node process of the program.
//
// 1. Own files per process. V8 opens --logfile with "w" in each process and
//    each isolate, and its code tracer truncates --redirect-code-traces-to when
//    created, so processes sharing the names overwrite each other (a forked
//    child left NULs in the parent's v8.log). The log name carries %p and %t
//    (pid, start in ms: one log per isolate, workers included; V8 expands both
//    on Node 18-26). The trace name cannot carry placeholders, and V8 may trace
//    before any preload runs (Node 24 optimizes path helpers while loading it),
//    so each child gets a name from its parent: trace-<ppid>-<n>.txt (the
//    program's is trace.txt). Workers get theirs with v8.setFlagsFromString: an
//    isolate's code tracer reads the flag when it is created.
// 2. Children. fork() passes process.execArgv, so forked Node processes get
//    record's flags already; spawn/spawnSync/execFile[Sync] of this same node
//    binary get them inserted. Other commands are noted (not recorded), and a
//    Node process that loads the preload only through NODE_OPTIONS (a shell, another
//    node binary) notes that it runs without record's flags.
// 3. Separate stdout: V8 prints --trace-turbo-inlining (and whatever it does not
//    redirect) on fd 1, piece by piece, so program output written to the same fd
//    lands in the middle of V8's lines. In the program's main process only, the
//    preload gives process.stdout a stream on fd 3, which `record` connects to
//    its own stdout; fd 1 then carries V8's text, into stdout.txt.
// Each process and worker writes a small jitlint-proc-*.json into DIR at start;
// record reads them into manifest.json and removes them.

export const PRELOAD_FILE = 'jitlint-preload.cjs';
export const PRELOAD_ENV = 'JITLINT_RECORD_STDOUT_FD';
/** The notes the preload leaves in DIR (merged into the manifest, then removed). */
export const PROC_NOTE = /^jitlint-proc-(\d+)(?:-w(\d+))?\.json$/;
export const SPAWN_NOTE = /^jitlint-spawn-(\d+)\.jsonl$/;

export interface PreloadConfig {
  dir: string;
  /** The exact --logfile flag: a process whose execArgv holds it was started with record's flags. */
  logFlag: string;
  /** Flags to give a spawned child of the same node binary (record's flags, without --require). */
  flags: string[];
  /** Whether --redirect-code-traces is on (else trace text stays on stdout). */
  redirect: boolean;
  /** Bytes between samples of the sampling heap profiler; 0: no allocation profile. */
  heapSampling: number;
}

export function heapProfileName(pid: number, threadId?: number): string {
  return threadId ? `heap-${pid}-w${threadId}.heapprofile` : `heap-${pid}.heapprofile`;
}

export function traceName(pid: number, threadId?: number): string {
  return threadId ? `trace-${pid}-w${threadId}.txt` : `trace-${pid}.txt`;
}

/** NODE_OPTIONS for the program: the user's, plus the preload (quoted the way Node reads it). */
export function nodeOptionsWithPreload(existing: string | undefined, preload: string): string {
  const quoted = `"${preload.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return [existing?.trim(), `--require ${quoted}`].filter(Boolean).join(' ');
}

export function preloadSource(config: PreloadConfig): string {
  return `'use strict';
// Written by \`jitlint record\` (see src/record/preload.ts): own trace and log
// files per process, record's flags for child Node processes, and the program's
// process.stdout on fd 3 when ${PRELOAD_ENV} is set.
(function () {
  var CONFIG = ${JSON.stringify(config)};
  var fs = require('fs');
  var path = require('path');
  var v8 = require('v8');
  var wt = require('worker_threads');
  var captured = process.execArgv.indexOf(CONFIG.logFlag) >= 0;
  function note(name, data) {
    try { fs.writeFileSync(path.join(CONFIG.dir, name), JSON.stringify(data) + '\\n'); } catch (e) {}
  }
  function workerTrace(tid) { return 'trace-' + process.pid + '-w' + tid + '.txt'; }
  var TRACE_TO = '--redirect-code-traces-to=';
  var ownTrace = null;
  process.execArgv.forEach(function (a) { if (a.indexOf(TRACE_TO) === 0) ownTrace = path.basename(a.slice(TRACE_TO.length)); });
  function setTrace(name) {
    if (CONFIG.redirect) v8.setFlagsFromString('--redirect-code-traces-to=' + path.join(CONFIG.dir, name));
  }
  // V8 creates an isolate's code tracer at its first trace line: a function hot
  // enough to be marked for optimization makes it now, under the current name.
  function makeTracer() {
    if (!CONFIG.redirect) return;
    var f = function jitlintMakeCodeTracer(x) { return (x + 1) | 0; };
    for (var i = 0, s = 0; i < 200000; i++) s = f(s);
  }

  // The allocation profile: V8's sampling heap profiler with the objects that GC collected
  // kept (everything allocated, not only what is alive at exit), written when the thread exits.
  // A process killed by a signal, or a worker terminated, writes none.
  function startHeap(name) {
    if (!CONFIG.heapSampling) return;
    try {
      var session = new (require('inspector').Session)();
      session.connect();
      session.post('HeapProfiler.startSampling', {
        samplingInterval: CONFIG.heapSampling,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
      process.on('exit', function () {
        // The callback of a same-thread session runs before post returns.
        session.post('HeapProfiler.stopSampling', function (err, res) {
          if (err || !res || !res.profile) return;
          try { fs.writeFileSync(path.join(CONFIG.dir, name), JSON.stringify(res.profile)); } catch (e) {}
        });
      });
    } catch (e) {}
  }

  if (!wt.isMainThread) {
    if (!captured) return;
    startHeap('heap-' + process.pid + '-w' + wt.threadId + '.heapprofile');
    var mine = workerTrace(wt.threadId);
    // (made already when the worker traced while booting, under the name set for it)
    if (CONFIG.redirect && !fs.existsSync(path.join(CONFIG.dir, mine))) { setTrace(mine); makeTracer(); }
    note('jitlint-proc-' + process.pid + '-w' + wt.threadId + '.json', {
      pid: process.pid, threadId: wt.threadId, trace: CONFIG.redirect ? mine : null,
    });
    return;
  }
  note('jitlint-proc-' + process.pid + '.json', {
    pid: process.pid, ppid: process.ppid, argv: process.argv, captured: captured,
    execArgv: captured ? undefined : process.execArgv,
    trace: captured ? ownTrace : null,
  });
  if (!captured) return;
  startHeap('heap-' + process.pid + '.heapprofile');

  var self = __filename;
  var cp = require('child_process');
  var nodeReal;
  try { nodeReal = fs.realpathSync(process.execPath); } catch (e) { nodeReal = process.execPath; }
  function isThisNode(file) {
    if (typeof file !== 'string' || !file) return false;
    if (file === process.execPath) return true;
    var dirs = file.indexOf('/') >= 0 ? [''] : String(process.env.PATH || '').split(path.delimiter);
    for (var i = 0; i < dirs.length; i++) {
      var p = dirs[i] === '' ? path.resolve(file) : path.join(dirs[i], file);
      try {
        if (!fs.statSync(p).isFile()) continue;
        return fs.realpathSync(p) === nodeReal;
      } catch (e) {}
    }
    return false;
  }
  var children = 0;
  var ours = new Set(CONFIG.flags);
  // The child's args without record's flags in front (fork passes process.execArgv), then
  // record's flags with a trace name of the child's own.
  function withFlags(args) {
    var i = 0;
    for (;;) {
      if (args[i] === '--require' && args[i + 1] === self) i += 2;
      else if (typeof args[i] === 'string' && (ours.has(args[i]) || args[i].indexOf(TRACE_TO) === 0)) i++;
      else break;
    }
    var name = 'trace-' + process.pid + '-' + ++children + '.txt';
    var flags = CONFIG.flags.map(function (f) { return f.indexOf(TRACE_TO) === 0 ? TRACE_TO + path.join(CONFIG.dir, name) : f; });
    return ['--require', self].concat(flags, args.slice(i));
  }
  var spawnNotes = path.join(CONFIG.dir, 'jitlint-spawn-' + process.pid + '.jsonl');
  function foreign(file, args, pid) {
    try {
      fs.appendFileSync(spawnNotes, JSON.stringify({ ppid: process.pid, pid: pid || null, command: [String(file)].concat(args || []) }) + '\\n');
    } catch (e) {}
  }

  var ChildProcess = cp.ChildProcess;
  var spawnAsync = ChildProcess.prototype.spawn;
  // spawn, fork, exec and execFile all end here with the normalized options (args[0] is argv0).
  ChildProcess.prototype.spawn = function (options) {
    var isNode = false;
    try {
      if (options && Array.isArray(options.args)) {
        isNode = isThisNode(options.file);
        if (isNode) options.args = [options.args[0]].concat(withFlags(options.args.slice(1)));
      }
    } catch (e) {}
    var r = spawnAsync.apply(this, arguments);
    if (!isNode && options && options.file) foreign(options.file, (options.args || []).slice(1), this.pid);
    return r;
  };
  function wrapSync(name) {
    var real = cp[name];
    if (typeof real !== 'function') return;
    cp[name] = function (file, args, options) {
      if (!Array.isArray(args)) { options = args; args = []; }
      if (name !== 'execSync' && isThisNode(file)) return real.call(this, file, withFlags(args), options);
      var r = real.apply(this, arguments);
      foreign(name === 'execSync' ? '/bin/sh' : file, name === 'execSync' ? ['-c', String(file)] : args, r && r.pid);
      return r;
    };
  }
  wrapSync('spawnSync');
  wrapSync('execFileSync');
  wrapSync('execSync');

  // Workers: the main thread's tracer exists before the first worker starts, and
  // each worker starts with its own trace name (Node 24 traces while a worker boots).
  var Worker = wt.Worker;
  var nextThread = 1;
  var tracerMade = false;
  function JitlintWorker() {
    if (!tracerMade && ownTrace && !fs.existsSync(path.join(CONFIG.dir, ownTrace))) makeTracer();
    tracerMade = true;
    try { setTrace(workerTrace(nextThread)); } catch (e) {}
    var w = Reflect.construct(Worker, arguments, new.target || JitlintWorker);
    if (w.threadId >= nextThread) nextThread = w.threadId + 1;
    return w;
  }
  JitlintWorker.prototype = Worker.prototype;
  Object.setPrototypeOf(JitlintWorker, Worker);
  Object.defineProperty(JitlintWorker, 'name', { value: 'Worker' });
  wt.Worker = JitlintWorker;
  try { require('module').syncBuiltinESMExports(); } catch (e) {}
})();

(function () {
  var fd = Number(process.env.${PRELOAD_ENV});
  delete process.env.${PRELOAD_ENV};
  if (!(fd > 2)) return;
  if (!require('worker_threads').isMainThread) return;
  var fs = require('fs');
  var stream;
  try {
    var st = fs.fstatSync(fd);
    if (require('tty').isatty(fd)) {
      stream = new (require('tty').WriteStream)(fd);
    } else if (st.isFIFO() || st.isSocket()) {
      stream = new (require('net').Socket)({ fd: fd, readable: false, writable: true });
      // Blocking, like Node's own stdout on pipes: nothing is lost at process.exit().
      if (stream._handle && stream._handle.setBlocking) stream._handle.setBlocking(true);
    } else {
      var Writable = require('stream').Writable;
      stream = new Writable({
        write: function (chunk, _enc, cb) {
          try { fs.writeSync(fd, chunk); cb(); } catch (e) { cb(e); }
        },
      });
    }
  } catch (e) {
    return;
  }
  stream.fd = fd;
  stream._isStdio = true;
  stream.destroySoon = stream.destroy;
  // Like Node's stdio streams: end() and destroy() leave the descriptor open.
  stream._destroy = function (err, cb) { cb(err); };
  Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable: true,
    get: function () { return stream; },
  });
})();
`;
}
