// Signals sent to `record` go on to the program: SIGINT, SIGTERM and SIGHUP reach
// the program's process and every recorded process still running, so that they
// stop as they would unrecorded; record then writes the manifest and exits with
// the program's status (128+N when a signal ended it).
import fs from 'node:fs';
import tty from 'node:tty';

export const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Ctrl-C in a terminal signals the whole foreground process group: the program
 * got this SIGINT already, and a second one would cut short a graceful exit.
 * True when record runs in the foreground of the terminal on its stdin (Linux).
 */
export function terminalSentIt(sig: string): boolean {
  if (sig !== 'SIGINT' || !tty.isatty(0)) return false;
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    // after "pid (comm) ": state ppid pgrp session tty_nr tpgid
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return f[2] === f[5];
  } catch {
    return false;
  }
}

/** Installs the forwarding; returns the function that removes it. */
export function forwardSignals(targets: () => number[]): () => void {
  const handlers = FORWARDED.map((sig) => {
    const handler = () => {
      if (terminalSentIt(sig)) return;
      for (const pid of new Set(targets())) {
        try {
          process.kill(pid, sig);
        } catch {
          // already gone
        }
      }
    };
    process.on(sig, handler);
    return [sig, handler] as const;
  });
  return () => {
    for (const [sig, handler] of handlers) process.off(sig, handler);
  };
}
