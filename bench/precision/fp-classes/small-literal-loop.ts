// FP class `other:small-literal-loop`: the "loop" iterates an array literal of two or three elements.
// Expected: not flagged at warning+ (the quadratic costs need n, and n is 2).
// Seen: zod src/v4/core/json-schema-processors.ts:615 (`for (const keyword of ["anyOf","oneOf"])`
// with `json = { ...json, [keyword]: mapped }` at error level), rxjs src/internal/ajax/ajax.ts:457/465.
// Signal: the iterated expression is an array literal (or `as const` tuple) of <= 4 elements; the
// loop's trip count is a small constant.

export function rewrite(json: Record<string, unknown>) {
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const branches = json[keyword];
    if (!Array.isArray(branches)) continue;
    json = { ...json, [keyword]: branches.slice() };
  }
  return json;
}
