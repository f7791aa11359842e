// Note-level FP classes. Expected: no finding at all here (not even a note), except where said.
// generic-unknown — immer src/utils/common.ts:111 (each() over user objects), query-core
//   src/utils.ts:370 (partialMatchKey), mobx src/api/tojs.ts:63. Signal: the any/unknown comes from a
//   parameter of a generic utility whose other parameters are type parameters or `any` by design,
//   and it is read with a computed key from Object.keys/for-in of itself.
// few-shapes — rxjs src/internal/Subject.ts:67 (4 Observer classes), immer finalize.ts:116 (4 state
//   kinds). Signal: 4 shapes is not past the limit; only warn at 5+, drop the 4-shape note unless a
//   runtime IC says so.
// linear-append — zod src/v4/core/util.ts:491/1086, effect src/internal/ulid.ts:24. Signal: the
//   accumulator is not read in the loop (the rule already knows this; the note adds nothing on V8).
// required-delete — immer src/core/proxy.ts:241 (deleteProperty trap), mobx observableobject.ts:527,
//   effect src/JsonPatch.ts:359. Signal: the enclosing function is a `deleteProperty` trap or a
//   method named delete/remove/unset/clear*, or the object was created by `{...x}` a line above.
// primitive-any — immer patches.ts:400 (`key as any` on string|number), mobx derivation.ts:110.
//   Signal: the cast operand's type is a primitive, enum or union of primitives.
// declared-any — effect src/Path.ts:461 (`(globalThis as any).process.cwd()`). Signal: the any
//   comes from `globalThis as any` or a `declare const X: any`, one object.
// other:no-measured-cost — effect `pipe() { return pipeArguments(this, arguments) }`, mobx action.ts:50.
//   Strict-mode `arguments` passed on measured as fast as rest; drop the note.

export function each(obj: any, iter: (k: string, v: unknown) => void) {
  for (const k of Object.keys(obj)) iter(k, obj[k]); // generic-unknown: not flagged
}

export function base32(bytes: Uint8Array) {
  let out = "";
  for (const b of bytes) out += "abcdefghijklmnopqrstuvwxyz234567"[b & 31]; // linear-append: not flagged
  return out;
}

export const handler: ProxyHandler<Record<string, unknown>> = {
  deleteProperty(target, key) {
    delete target[key as string]; // required-delete: not flagged
    return true;
  },
};

export function splice(arr: unknown[], key: string | number) {
  for (let i = 0; i < 2; i++) arr.splice(key as any, 1); // primitive-any: not flagged
}
