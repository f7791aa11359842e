// The CommonJS preload `record` passes with `--require` so that the program's
// own output and V8's text travel on different file descriptors.
//
// V8 prints --trace-turbo-inlining (and whatever else it does not redirect) on
// the process's fd 1, unbuffered and piece by piece, so program output written
// to the same fd lands in the middle of V8's lines. The preload gives
// `process.stdout` (and so `console.log`) a stream on fd 3, which `record`
// connects to its own stdout; fd 1 then carries V8's text, into stdout.txt.
// It acts once: in the main thread of the process that sees the variable, which
// it then removes so that child processes and workers run unchanged.

export const PRELOAD_FILE = 'jitlint-preload.cjs';
export const PRELOAD_ENV = 'JITLINT_RECORD_STDOUT_FD';

export const PRELOAD_SOURCE = `'use strict';
// Written by \`jitlint record\`: the program's process.stdout writes to fd 3, so
// that fd 1 keeps only V8's own trace text. Inactive without ${PRELOAD_ENV}.
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
