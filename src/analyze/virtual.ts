// In-memory programs: rule tests and docs examples run through the same engine as the CLI.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ts } from 'ts-morph';
import { typescript6 } from '../syntax/ts.js';
import type { Finding } from '../model.js';
import { defaultCompilerOptions } from '../project/defaults.js';
import { createCompilerHost } from '../project/host.js';
import { analyzeSourceFile, type ActiveRule } from './engine.js';
import { STATIC_RULES } from '../rules/index.js';
import { resolveOptions } from '../config/load.js';
import { ts6Engine } from '../types/ts6.js';
import { defaultTsconfigOptions, openTsgoProject, type TsgoPackage } from '../types/tsgo/engine.js';
import { Timing } from './timing.js';

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

let tsgoPackage: TsgoPackage | undefined;
/**
 * Runs analyzeText through the tsgo engine from now on (the files are written to a temporary
 * folder for the TypeScript 7 server): the rule suites run against both engines this way.
 */
export function useTsgoForVirtualFiles(pkg: TsgoPackage | undefined): void {
  tsgoPackage = pkg;
}

function activeRules(opts: VirtualOptions): ActiveRule[] {
  const wanted = opts.rules ? new Set(opts.rules) : undefined;
  return STATIC_RULES.filter((r) => !wanted || wanted.has(r.meta.id)).map((rule) => ({
    rule,
    level: rule.meta.defaultLevel,
    options: resolveOptions(rule.meta.id, opts.options?.[rule.meta.id]),
  }));
}

function analyzeTextTsgo(pkg: TsgoPackage, code: string, fileName: string, opts: VirtualOptions): Finding[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jitlint-virtual-'));
  try {
    const files: Record<string, string> = { [fileName]: code, ...opts.extraFiles };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const compilerOptions = defaultTsconfigOptions({ ...defaultCompilerOptions(), ...opts.compilerOptions });
    const { engine, files: analyzed } = openTsgoProject(pkg, { rootDir: dir, targets: [dir] }, { isIgnored: () => false, display: (p) => p }, new Timing(false), { compilerOptions });
    try {
      const sf = analyzed.find((f) => f.fileName === path.join(dir, fileName));
      if (!sf) throw new Error(`virtual file ${fileName} not in the TypeScript 7 program`);
      const out = analyzeSourceFile(sf, { checker: engine.checker, project: engine.project, baseDir: dir, rules: activeRules(opts), reportUnusedSuppressions: opts.reportUnusedSuppressions ?? true });
      const notes = engine.notes();
      if (notes.length > 0) throw new Error(notes.join('\n'));
      return out;
    } finally {
      engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Analyzes `code` as the file `fileName` (relative, e.g. "a.ts") and returns its findings. */
export function analyzeText(code: string, fileName = 'test.ts', opts: VirtualOptions = {}): Finding[] {
  if (tsgoPackage) return analyzeTextTsgo(tsgoPackage, code, fileName, opts);
  const files = new Map<string, string>();
  files.set(path.join(ROOT, fileName), code);
  for (const [name, text] of Object.entries(opts.extraFiles ?? {})) files.set(path.join(ROOT, name), text);
  const options = { ...defaultCompilerOptions(), ...opts.compilerOptions };
  const host = createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const text = files.get(path.resolve(name));
    if (text !== undefined) return typescript6().createSourceFile(name, text, languageVersion, true);
    return getSourceFile.call(host, name, languageVersion, onError, shouldCreate);
  };
  host.fileExists = (name) => files.has(path.resolve(name)) || fileExists.call(host, name);
  host.readFile = (name) => files.get(path.resolve(name)) ?? readFile.call(host, name);
  host.getCurrentDirectory = () => ROOT;
  const program = typescript6().createProgram({ rootNames: [...files.keys()], options, host });
  const engine = ts6Engine(program);
  const rules = activeRules(opts);
  const sf = program.getSourceFile(path.join(ROOT, fileName));
  if (!sf) throw new Error(`virtual file ${fileName} not in program`);
  return analyzeSourceFile(sf, { checker: engine.checker, project: engine.project, baseDir: ROOT, rules, reportUnusedSuppressions: opts.reportUnusedSuppressions ?? true });
}
