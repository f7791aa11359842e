// FP class `setup`: code that runs once per registration / schema / class definition.
// Expected: nothing here flagged at warning+ (notes at most).
// Seen: zod src/v4/core/util.ts:1165 (accessors made in a loop for Object.defineProperty),
// effect src/SchemaAST.ts:3339 (structWithRest concat at schema construction),
// effect src/workflow/WorkflowProxyServer.ts:77 (handler registration), rxjs WebSocketSubject.ts:180.
// Signals: the loop's function is a constructor, or a function/method named register*, use*,
// define*, add*, make*, create*, extend*, with*; the closure is a property of an object literal passed
// to Object.defineProperty/defineProperties; the enclosing call is at module top level.

interface Plugin { name: string; init(): void }

export class Registry {
  private handlers = new Map<string, () => void>();
  defaults: Record<string, unknown> = {};

  // not flagged: registration runs once per plugin at startup
  register(plugins: Plugin[]) {
    for (const p of plugins) {
      this.handlers.set(p.name, () => p.init());
    }
  }

  // not flagged: merged-options spread in a configuration method
  configure(optsList: Array<Record<string, unknown>>) {
    for (const opts of optsList) {
      this.defaults = { ...this.defaults, ...opts };
    }
  }
}

// not flagged: accessors created per key for Object.defineProperty, once per class definition
export function defineLazy<T extends object>(proto: T, computes: Record<string, (self: T) => unknown>) {
  for (const key in computes) {
    const compute = computes[key]!;
    Object.defineProperty(proto, key, {
      configurable: true,
      get(this: T) {
        const v = compute(this);
        Object.defineProperty(this, key, { value: v });
        return v;
      },
    });
  }
}
