// In-memory programs: rule tests and docs examples run through the same engine as the CLI.
import path from 'node:path';
import { ts } from 'ts-morph';
import type { Finding } from '../model.js';
import { defaultCompilerOptions } from '../project/defaults.js';
import { createCompilerHost } from '../project/host.js';
import { analyzeSourceFile, type ActiveRule } from './engine.js';
import { STATIC_RULES } from '../rules/index.js';
import { resolveOptions } from '../config/load.js';
import { ts6Engine } from '../types/ts6.js';

const ROOT = path.resolve('/virtual');

export interface VirtualOptions {
  /** Rule ids to run; default all static rules. */
  rules?: readonly string[];
  /** Extra files of the program, by path relative to the virtual root. */
  extraFiles?: Record<string, string>;
  compilerOptions?: ts.CompilerOptions;
  options?: Record<string, Record<string, unknown>>;
  reportUnusedSuppressions?: boolean;
}

/** Analyzes `code` as the file `fileName` (relative, e.g. "a.ts") and returns its findings. */
export function analyzeText(code: string, fileName = 'test.ts', opts: VirtualOptions = {}): Finding[] {
  const files = new Map<string, string>();
  files.set(path.join(ROOT, fileName), code);
  for (const [name, text] of Object.entries(opts.extraFiles ?? {})) files.set(path.join(ROOT, name), text);
  const options = { ...defaultCompilerOptions(), ...opts.compilerOptions };
  const host = createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const text = files.get(path.resolve(name));
    if (text !== undefined) return ts.createSourceFile(name, text, languageVersion, true);
    return getSourceFile.call(host, name, languageVersion, onError, shouldCreate);
  };
  host.fileExists = (name) => files.has(path.resolve(name)) || fileExists.call(host, name);
  host.readFile = (name) => files.get(path.resolve(name)) ?? readFile.call(host, name);
  host.getCurrentDirectory = () => ROOT;
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  const engine = ts6Engine(program);
  const wanted = opts.rules ? new Set(opts.rules) : undefined;
  const rules: ActiveRule[] = STATIC_RULES.filter((r) => !wanted || wanted.has(r.meta.id)).map((rule) => ({
    rule,
    level: rule.meta.defaultLevel,
    options: resolveOptions(rule.meta.id, opts.options?.[rule.meta.id]),
  }));
  const sf = program.getSourceFile(path.join(ROOT, fileName));
  if (!sf) throw new Error(`virtual file ${fileName} not in program`);
  return analyzeSourceFile(sf, { checker: engine.checker, project: engine.project, baseDir: ROOT, rules, reportUnusedSuppressions: opts.reportUnusedSuppressions ?? true });
}
