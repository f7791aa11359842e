// jitlint.config.json (or the "jitlint" key of package.json): rule levels and options, ignores.
// JSON only: no code runs from configuration.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Level } from '../model.js';
import { ALL_RULES, ruleMeta } from '../rules/index.js';
import { UsageError } from '../errors.js';

export type RuleSetting = Level | 'off';

export interface RuleConfig {
  level: RuleSetting;
  options: Record<string, unknown>;
}

export interface Config {
  /** Where the configuration came from, for messages; undefined when none was found. */
  source?: string;
  rules: Map<string, RuleConfig>;
  ignores: string[];
}

const LEVELS: readonly RuleSetting[] = ['off', 'note', 'warning', 'error'];

function parseLevel(where: string, value: unknown): RuleSetting {
  if (typeof value === 'string' && (LEVELS as readonly string[]).includes(value)) return value as RuleSetting;
  throw new UsageError(`${where}: invalid level ${JSON.stringify(value)} (expected off, note, warning or error)`);
}

function parseRuleEntry(where: string, value: unknown): RuleConfig {
  if (Array.isArray(value)) {
    if (value.length < 1 || value.length > 2) throw new UsageError(`${where}: expected a level or [level, {options}]`);
    const options = value[1] ?? {};
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new UsageError(`${where}: options must be an object`);
    }
    return { level: parseLevel(where, value[0]), options: options as Record<string, unknown> };
  }
  return { level: parseLevel(where, value), options: {} };
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
        config.rules.set(id, parseRuleEntry(`${source}: rules.${id}`, entry));
      }
    } else if (key === 'ignores') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new UsageError(`${source}: "ignores" must be an array of glob strings`);
      config.ignores = value;
    } else {
      throw new UsageError(`${source}: unknown key "${key}" (expected "rules" or "ignores")`);
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
export function loadConfig(rootDir: string, explicit: string | undefined, display: (p: string) => string): Config {
  if (explicit) {
    const file = path.resolve(explicit);
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
    config.rules.set(id, { level: parseLevel(`--rule ${flag}`, flag.slice(eq + 1)), options: prev?.options ?? {} });
  }
}

/** The effective setting of a rule: configured, else its default. */
export function ruleSetting(config: Config, id: string): RuleConfig {
  const meta = ALL_RULES.find((m) => m.id === id);
  return config.rules.get(id) ?? { level: meta?.defaultLevel ?? 'warning', options: {} };
}
