// FP class `cold-path`: code that runs only on failure or in error formatting.
// Expected: not flagged at warning+.
// Seen: zod src/v4/core/errors.ts:355/362/432/435 (formatError/treeifyError, megamorphic issue.code),
// zod src/v4/core/schemas.ts:2873 (`delete newObj.__proto__` guard), zod util.ts:918 (loop over
// issues, empty on valid input), rxjs src/internal/Subscription.ts:84 (spread inside catch).
// Signals: inside a catch clause; inside `if (!ok)` / `if (issues.length)` / a branch that ends in
// throw; the function name contains format, error, treeify, flatten, prettify, report; the loop
// iterates `.issues` / `.errors`; the deleted key is "__proto__" or guarded by hasOwnProperty.

interface Issue { code: string; path: PropertyKey[]; message: string }

export function formatIssues(issues: Issue[]) {
  let out: string[] = [];
  for (const issue of issues) {
    out = [...out, `${issue.path.join(".")}: ${issue.message}`];
  }
  return out;
}

export function teardown(finalizers: Array<() => void>) {
  let errors: unknown[] | undefined;
  for (const f of finalizers) {
    try {
      f();
    } catch (err) {
      errors = [...(errors ?? []), err];
    }
  }
  return errors;
}

export function merge(a: object, b: object) {
  const o: any = { ...a, ...b };
  if (Object.prototype.hasOwnProperty.call(o, "__proto__")) delete o.__proto__;
  return o;
}
