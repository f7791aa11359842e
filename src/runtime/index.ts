// Public API of V8 runtime ingestion (used by `jitlint analyze --deopt FILE`).
export { RuntimeInputError, loadRuntime, detectFormat, type RuntimeFormat } from './load.js';
export { deriveRuntimeFindings, isOsrDeopt, type RuntimeFinding, type RuntimeRuleId, type DeriveOptions } from './findings.js';
export { runtimeJson, type RuntimeSection } from './json.js';
export { isInternalScript } from './scripts.js';
export { inlineabilityReason } from './inlineability.js';
export { unescapeField } from './v8log/escape.js';
export * from './model.js';
