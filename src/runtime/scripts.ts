// Which scripts are V8's or Node's own, not the user's.

/**
 * The script name given to code without one: V8 logs `eval` and `new Function`
 * code at `:LINE:COL` (no script name) and their deopts at `<unknown:LINE:COL>`.
 */
export const EVAL_SCRIPT = '<eval>';

/** node:…, internal/…, evals and scripts without a name ("", "<unknown>", "<eval>", "native …"). */
export function isInternalScript(script: string): boolean {
  if (!script || script === '<unknown>' || script === EVAL_SCRIPT || script === 'undefined') return true;
  if (script.startsWith('node:') || script.startsWith('internal/') || script.startsWith('native ')) return true;
  if (script.startsWith('evalmachine.') || script.startsWith('eval at ') || script.startsWith('[eval')) return true;
  if (script.startsWith('wasm://') || script.startsWith('wasm-function[')) return true;
  // The preload `jitlint record` adds to keep program output apart from V8's.
  if (/(^|[\\/])jitlint-preload\.cjs$/.test(script)) return true;
  return false;
}
