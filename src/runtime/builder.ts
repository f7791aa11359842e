// Builds one RuntimeModel from several inputs. Functions are found by SFI address
// (trace text knows nothing else) or by start position (v8.log); when a log row
// reveals the position of an SFI first seen in trace text, the two are merged.
import {
  type InliningDecision,
  type OptimizingTier,
  type RuntimeFunction,
  type RuntimeModel,
  type SourcePosition,
  emptyModel,
  positionKey,
} from './model.js';

export class ModelBuilder {
  readonly model: RuntimeModel = emptyModel();
  private readonly bySfi = new Map<string, RuntimeFunction>();
  /** Old key → new key for functions merged after being referenced. */
  private readonly aliases = new Map<string, string>();
  private readonly inliningIndex = new Map<string, InliningDecision>();

  fnBySfi(sfi: string, name: string): RuntimeFunction {
    const known = this.bySfi.get(sfi);
    if (known) {
      if (!known.name && name) known.name = name;
      return known;
    }
    const fn: RuntimeFunction = { key: `sfi:${sfi}`, name, sfis: new Set([sfi]), timeline: [] };
    this.model.functions.set(fn.key, fn);
    this.bySfi.set(sfi, fn);
    return fn;
  }

  fnByPosition(position: SourcePosition, name: string, sfi?: string): RuntimeFunction {
    const key = positionKey(position);
    let fn = this.model.functions.get(key);
    if (!fn) {
      fn = { key, name, position, sfis: new Set(), timeline: [] };
      this.model.functions.set(key, fn);
    }
    if (sfi && !fn.sfis.has(sfi)) {
      const other = this.bySfi.get(sfi);
      if (other && other !== fn && !other.position) {
        // Seen in trace text first: fold it into the positioned function (a loop: a spread of a
        // long timeline overflows the stack).
        for (const t of other.timeline) fn.timeline.push(t);
        for (const s of other.sfis) {
          fn.sfis.add(s);
          this.bySfi.set(s, fn);
        }
        this.model.functions.delete(other.key);
        this.aliases.set(other.key, key);
      }
      fn.sfis.add(sfi);
      this.bySfi.set(sfi, fn);
    }
    return fn;
  }

  /** An SFI moved (GC): later rows use the new address. */
  moveSfi(from: string, to: string): void {
    const fn = this.bySfi.get(from);
    if (!fn) return;
    this.bySfi.delete(from);
    this.bySfi.set(to, fn);
    fn.sfis.add(to);
  }

  addInlining(d: Omit<InliningDecision, 'count'>, count = 1): void {
    const k = inliningKey(d);
    const known = this.inliningIndex.get(k);
    if (known) known.count += count;
    else {
      const decision = { ...d, count };
      this.inliningIndex.set(k, decision);
      this.model.inlining.push(decision);
    }
  }

  resolve(key: string): string {
    let k = key;
    for (let i = 0; i < 8 && this.aliases.has(k); i++) k = this.aliases.get(k)!;
    return k;
  }

  /** Rewrites references to merged functions and re-aggregates inlining decisions. */
  finish(): RuntimeModel {
    const m = this.model;
    if (this.aliases.size) {
      for (const d of m.deopts) d.fn = this.resolve(d.fn);
      for (const ic of m.ics) if (ic.fn) ic.fn = this.resolve(ic.fn);
      const decisions = m.inlining;
      m.inlining = [];
      this.inliningIndex.clear();
      for (const d of decisions) {
        const { count, ...rest } = d;
        this.addInlining(
          { ...rest, caller: rest.caller === undefined ? undefined : this.resolve(rest.caller), callee: this.resolve(rest.callee) },
          count,
        );
      }
    }
    return m;
  }
}

function inliningKey(d: { caller?: string; callee: string; inlined: boolean; reason?: string; tier: OptimizingTier; callSite?: SourcePosition; source: number }): string {
  const site = d.callSite ? positionKey(d.callSite) : '';
  return `${d.source}|${d.caller ?? ''}|${d.callee}|${d.inlined}|${d.reason ?? ''}|${d.tier}|${site}`;
}
