// FP class `tooling`: one-shot conversions run once per schema / document (JSON Schema
// generation, OpenAPI, code generation, test marble parsers).
// Expected: not flagged at warning+.
// Seen: zod src/v4/core/to-json-schema.ts:777-809 (isTransforming def.type reads, megamorphic),
// zod src/v4/core/compile.ts:1233 (codegen closures), effect src/internal/schema/codegen.ts:824,
// effect src/http-api/OpenApi.ts:750, rxjs src/internal/testing/TestScheduler.ts:238.
// Signals: function name matches /^(to|from)(JSON)?Schema|toJSONSchema|codegen|compile|generate|
// emit|print|parseMarbles/; file path contains json-schema, codegen, OpenApi, testing/; the function
// writes into a code/document builder (doc.write, lines.push of strings).

type Def = { type: "string" } | { type: "number" } | { type: "array"; element: Def } | { type: "object"; shape: Record<string, Def> }
  | { type: "a" } | { type: "b" } | { type: "c" };

// not flagged at warning+: megamorphic read, but in a once-per-schema converter
export function toJSONSchema(def: Def): Record<string, unknown> {
  if (def.type === "array") return { type: "array", items: toJSONSchema(def.element) };
  if (def.type === "object") {
    const out: Record<string, unknown> = {};
    for (const k in def.shape) out[k] = toJSONSchema(def.shape[k]!);
    return { type: "object", properties: out };
  }
  const json: Record<string, unknown> = { type: def.type, format: "" };
  if (json.format === "") delete json.format;
  return json;
}
