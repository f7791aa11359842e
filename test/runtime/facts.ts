// Compact, exact views of a RuntimeModel for assertions.
import path from 'node:path';
import type { RuntimeModel, SourcePosition } from '../../src/runtime/index.js';
import { fixturePath } from '../helpers.js';

export const MAJORS = ['18', '20', '22', '24', '26'] as const;

export function v8Fixture(major: string, file: string): string {
  return fixturePath('v8', major, file);
}

/** "deopt-eager.js:6:12": the program's file name, without the machine's directory. */
export function pos(p: SourcePosition): string {
  const base = p.script.startsWith('file://') ? 'file://' + path.basename(p.script) : path.basename(p.script);
  return `${base}:${p.line}:${p.column}`;
}

function name(model: RuntimeModel, key: string | undefined): string {
  if (key === undefined) return '?';
  return model.functions.get(key)?.name || '(anon)';
}

const isProgram = (p: SourcePosition | undefined) => !!p && p.script.includes('/programs/');

/** Deopts of the fixture programs (positioned ones, and unpositioned ones of program functions). */
export function deopts(model: RuntimeModel): string[] {
  return model.deopts
    .filter((d) => (d.site ? isProgram(d.site.position) : isProgramFn(model, d.fn)))
    .map((d) => {
      const where = d.site ? [pos(d.site.position), ...d.site.inlinedAt.map(pos)].join(' < ') : '-';
      return `${name(model, d.fn)} | ${d.kind} | ${d.reason} | ${d.tier ?? '-'} | ${where}`;
    });
}

const PROGRAM_FNS = new Set(['getX', 'addOne', 'label', 'inner', 'outer', 'area', 'step', 'offset', 'widen', 'flip', 'small', 'big', 'never', 'caller', 'hotCaller', 'readX', 'readY', 'readZ', 'put', 'mix', 'longLoop', 'norm', 'square', 'scale', 'dot']);

function isProgramFn(model: RuntimeModel, key: string): boolean {
  const fn = model.functions.get(key);
  return !!fn && (fn.position ? isProgram(fn.position) : PROGRAM_FNS.has(fn.name));
}

export function inlining(model: RuntimeModel): string[] {
  return model.inlining
    .filter((d) => isProgramFn(model, d.callee))
    .map((d) => `${name(model, d.caller)} -> ${name(model, d.callee)} | ${d.inlined ? 'inlined' : `rejected: ${d.reason}`} | ${d.tier}${d.callSite ? ` @ ${pos(d.callSite)}` : ''}`)
    .sort();
}

export function megamorphic(model: RuntimeModel): string[] {
  return model.ics
    .filter((ic) => ic.maxState === 'N' && isProgram(ic.position))
    .map((ic) => `${ic.icKind} ${pos(ic.position)} ${name(model, ic.fn)} ${ic.firstMaxTransition.oldState}->N key=${ic.firstMaxTransition.key}`)
    .sort();
}

export function timeline(model: RuntimeModel, fnName: string): string[] {
  const fns = [...model.functions.values()].filter((f) => f.name === fnName && (!f.position || isProgram(f.position)));
  if (fns.length !== 1) return [`${fns.length} functions named ${fnName}`];
  return fns[0]!.timeline.map((t) => {
    switch (t.kind) {
      case 'marked':
        return `marked ${t.tier} (${t.reason})`;
      case 'compile-start':
      case 'compile-end':
        return `${t.kind} ${t.tier}${t.osr ? ' OSR' : ''}`;
      case 'optimized':
        return `optimized ${t.tier}${t.osr ? ' OSR' : ''}`;
      case 'deoptimized':
        return `deoptimized ${t.deoptKind} (${t.reason})`;
      case 'aborted':
        return `aborted ${t.tier} (${t.reason})`;
      case 'disabled':
        return `disabled (${t.reason})`;
    }
  });
}
