// `SharedFunctionInfo::Inlineability` as printed by --trace-turbo-inlining
// ("Cannot consider … (reason: N)") and --trace-maglev-inlining on V8 10.2-13.6
// (Node 18-24); V8 14 (Node 26) prints the words itself.
//
// Order checked in V8's src/objects/shared-function-info.h for the 10.x-13.x
// line (kIsInlineable moved last after V8 9.x) and against the fixtures: a
// callee over the bytecode limit prints 5 and a %NeverOptimizeFunction callee
// prints 7 on every Node from 18 to 24, the same calls that Node 26 reports as
// "exceeds bytecode limit" and "has optimization disabled".
const INLINEABILITY_V10_TO_V13 = [
  'has no script',
  'needs binary coverage',
  'is builtin',
  'is not user code',
  'has no bytecode',
  'exceeds bytecode limit',
  'may contain break points',
  'has optimization disabled',
  'is inlineable',
] as const;

/** Words for a printed inlineability reason; numbers are mapped, words pass through. */
export function inlineabilityReason(printed: string, v8Major?: number): string {
  const text = printed.trim();
  if (!/^\d+$/.test(text)) return text;
  const n = Number(text);
  // V8 before 10 used another order (kIsInlineable first); those are outside Node 18-26.
  if (v8Major !== undefined && v8Major < 10) return `inlineability ${n}`;
  return INLINEABILITY_V10_TO_V13[n] ?? `inlineability ${n}`;
}
