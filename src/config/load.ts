// jitlint.config.json (or the "jitlint" key of package.json): rule levels and options, ignores.
// JSON only: no code runs from configuration.
import { ENGINES, type EngineName } from '../types/checker.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Level } from '../model.js';
import { optionsSchemaOf, ruleMeta } from '../rules/index.js';
import type { OptionsSchema } from '../rules/types.js';
import { UsageError } from '../errors.js';
import { globToRegExp } from './glob.js';

export type RuleSetting = Level | 'off';

export interface RuleConfig {
  level: RuleSetting;
  /** Validated against the rule's schema, every option present (defaults filled in). */
  options: Record<string, unknown>;
}

export interface Config {
  /** Where the configuration came from, for messages; undefined when none was found. */
  source?: string;
  rules: Map<string, RuleConfig>;
  ignores: string[];
  /** `"showNotes": true`: notes in stylish, github and SARIF output too. */
  showNotes?: boolean;
  /** `"includeTests": true`: analyze test and benchmark files too (skipped by default). */
  includeTests?: boolean;
  /** `"includePackages": ["immer"]`: runtime events in these node_modules packages are reported, not only counted. */
  includePackages?: string[];
  /** `"engine": "ts6" | "tsgo"`: which TypeScript answers the rules' type questions. */
  engine?: EngineName;
}

const LEVELS: readonly RuleSetting[] = ['off', 'note', 'warning', 'error'];

function parseLevel(where: string, value: unknown): RuleSetting {
  if (typeof value === 'string' && (LEVELS as readonly string[]).includes(value)) return value as RuleSetting;
  throw new UsageError(`${where}: invalid level ${JSON.stringify(value)} (expected off, note, warning or error)`);
}

function parseRuleEntry(where: string, id: string, value: unknown): RuleConfig {
  if (Array.isArray(value)) {
    if (value.length < 1 || value.length > 2) throw new UsageError(`${where}: expected a level or [level, {options}]`);
    const options = value[1] ?? {};
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new UsageError(`${where}: options must be an object`);
    }
    return { level: parseLevel(where, value[0]), options: parseOptions(where, optionsSchemaOf(id), options as Record<string, unknown>) };
  }
  return { level: parseLevel(where, value), options: defaultOptions(optionsSchemaOf(id)) };
}

/** Checks options against the rule's schema: unknown keys and wrong types are configuration errors. */
function parseOptions(where: string, schema: OptionsSchema, given: Record<string, unknown>): Record<string, unknown> {
  const allowed = Object.keys(schema);
  const out = defaultOptions(schema);
  for (const [key, value] of Object.entries(given)) {
    const spec = schema[key];
    if (!spec) {
      throw new UsageError(
        allowed.length
          ? `${where}: unknown option "${key}" (allowed: ${allowed.join(', ')})`
          : `${where}: unknown option "${key}" (this rule takes no options)`,
      );
    }
    if (spec.type === 'boolean' && typeof value !== 'boolean') throw new UsageError(`${where}: option "${key}" must be true or false, not ${JSON.stringify(value)}`);
    if (spec.type === 'integer') {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new UsageError(`${where}: option "${key}" must be a whole number, not ${JSON.stringify(value)}`);
      if (spec.minimum !== undefined && value < spec.minimum) throw new UsageError(`${where}: option "${key}" must be at least ${spec.minimum}, not ${value}`);
    }
    out[key] = value;
  }
  return out;
}

function defaultOptions(schema: OptionsSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) out[key] = spec.default;
  return out;
}

function validate(source: string, raw: unknown): Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${source}: configuration must be a JSON object`);
  const config: Config = { source, rules: new Map(), ignores: [] };
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') continue;
    if (key === 'rules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${source}: "rules" must be an object`);
      for (const [id, entry] of Object.entries(value)) {
        if (!ruleMeta(id)) throw new UsageError(`${source}: rules.${id}: unknown rule id (see 'jitlint rules')`);
        config.rules.set(id, parseRuleEntry(`${source}: rules.${id}`, id, entry));
      }
    } else if (key === 'ignores') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new UsageError(`${source}: "ignores" must be an array of glob strings`);
      for (const glob of value) {
        try {
          globToRegExp(glob);
        } catch {
          throw new UsageError(`${source}: ignores: ${JSON.stringify(glob)} is not a valid glob (unbalanced braces or an empty character range?)`);
        }
      }
      config.ignores = value;
    } else if (key === 'includeTests') {
      if (typeof value !== 'boolean') throw new UsageError(`${source}: "includeTests" must be true or false`);
      config.includeTests = value;
    } else if (key === 'includePackages') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && isPackageName(v)))
        throw new UsageError(`${source}: "includePackages" must be an array of package names (e.g. ["immer", "@scope/pkg"])`);
      config.includePackages = value;
    } else if (key === 'showNotes') {
      if (typeof value !== 'boolean') throw new UsageError(`${source}: "showNotes" must be true or false`);
      config.showNotes = value;
    } else if (key === 'engine') {
      if (typeof value !== 'string' || !(ENGINES as readonly string[]).includes(value)) throw new UsageError(`${source}: "engine" must be ${ENGINES.map((e) => `"${e}"`).join(' or ')}`);
      config.engine = value as EngineName;
    } else {
      throw new UsageError(`${source}: unknown key "${key}" (expected "rules", "ignores", "includeTests", "includePackages", "showNotes" or "engine")`);
    }
  }
  return config;
}

function readJson(file: string, display: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${display}: cannot read configuration (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${display}: invalid JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

/** Loads `-c FILE`, else jitlint.config.json in `rootDir`, else package.json's "jitlint" key. */
export function loadConfig(rootDir: string, explicit: string | undefined, display: (p: string) => string, cwd = process.cwd()): Config {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new UsageError(`${explicit}: configuration file not found`);
    return validate(display(file), readJson(file, display(file)));
  }
  const own = path.join(rootDir, 'jitlint.config.json');
  if (existsSync(own)) return validate(display(own), readJson(own, display(own)));
  const pkg = path.join(rootDir, 'package.json');
  if (existsSync(pkg)) {
    const json = readJson(pkg, display(pkg)) as Record<string, unknown> | null;
    if (json && typeof json === 'object' && 'jitlint' in json) return validate(`${display(pkg)} "jitlint"`, json['jitlint']);
  }
  return { rules: new Map(), ignores: [] };
}

/** Applies `--rule ID=level` overrides on top of the file configuration. */
export function applyRuleFlags(config: Config, flags: readonly string[]): void {
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UsageError(`--rule ${flag}: expected ID=off|note|warning|error`);
    const id = flag.slice(0, eq);
    if (!ruleMeta(id)) throw new UsageError(`--rule ${flag}: unknown rule id '${id}' (see 'jitlint rules')`);
    const prev = config.rules.get(id);
    config.rules.set(id, { level: parseLevel(`--rule ${flag}`, flag.slice(eq + 1)), options: prev?.options ?? defaultOptions(optionsSchemaOf(id)) });
  }
}

/** The effective setting of a rule: configured, else its default. */
export function ruleSetting(config: Config, id: string): RuleConfig {
  const meta = ruleMeta(id);
  return config.rules.get(id) ?? { level: meta?.defaultLevel ?? 'warning', options: defaultOptions(optionsSchemaOf(id)) };
}

/** A rule's options with defaults filled in, validated like configuration (`where` names the source in errors). */
export function resolveOptions(id: string, given: Record<string, unknown> = {}, where = `rules.${id}`): Record<string, unknown> {
  return parseOptions(where, optionsSchemaOf(id), given);
}

/** An npm package name as it appears under node_modules: `name` or `@scope/name`. */
export function isPackageName(name: string): boolean {
  return /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9_][\w.-]*$/i.test(name);
}
