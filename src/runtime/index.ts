// Public API of V8 runtime ingestion (used by `jitlint analyze --deopt FILE`).
export { RuntimeInputError, loadRuntime, detectFormat, type RuntimeFormat } from './load.js';
export { isOsrDeopt } from './deopt-kinds.js';
export { isInternalScript } from './scripts.js';
export { inlineabilityReason } from './inlineability.js';
export { unescapeField } from './v8log/escape.js';
export * from './model.js';
