// Which scripts are V8's or Node's own, not the user's.

/** node:…, internal/…, evals and scripts without a name ("", "<unknown>", "native …"). */
export function isInternalScript(script: string): boolean {
  if (!script || script === '<unknown>' || script === 'undefined') return true;
  if (script.startsWith('node:') || script.startsWith('internal/') || script.startsWith('native ')) return true;
  if (script.startsWith('evalmachine.') || script.startsWith('eval at ') || script.startsWith('[eval')) return true;
  if (script.startsWith('wasm://') || script.startsWith('wasm-function[')) return true;
  // The preload `jitlint record` adds to keep program output apart from V8's.
  if (/(^|[\\/])jitlint-preload\.cjs$/.test(script)) return true;
  return false;
}
