// FP class `unavoidable`: the closure must carry per-iteration state (a per-item continuation or a
// per-source subscriber); hoisting it does not apply, and it usually runs once per subscription.
// Expected: not flagged at warning+ (a note at most).
// Seen: zod src/v4/core/schemas.ts:1916/2158/2257 (`result.then((r) => handle(r, payload, key))`),
// rxjs src/internal/observable/forkJoin.ts:162, zip.ts:81, combineLatest.ts:251 (per-source handlers),
// effect src/eventlog/EventJournal.ts:918 (IndexedDB onsuccess per request).
// Signals: the closure is the argument of `.then`/`.catch`/`.finally`, of `subscribe`/
// `create*Subscriber`, or assigned to an `on*` handler property; the loop iterates sources/inputs
// and the closure is what is registered for each.

export function parseAll(items: unknown[], run: (x: unknown) => Promise<unknown> | unknown) {
  const proms: Promise<unknown>[] = [];
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    const r = run(items[i]);
    if (r instanceof Promise) proms.push(r.then((v) => (out[i] = v)));
    else out[i] = r;
  }
  return Promise.all(proms).then(() => out);
}
