// An order pipeline with the allocation- and JIT-hostile patterns jitlint looks for.
export interface Order {
  id: number;
  customer: string;
  total: number;
  draft?: boolean;
  tags: string[];
}

export function makeOrders(n: number): Order[] {
  const orders: Order[] = [];
  for (let i = 0; i < n; i++) {
    orders.push({ id: i, customer: `c${i % 97}`, total: (i * 37) % 1000, draft: i % 3 === 0, tags: ['a', 'b'] });
  }
  return orders;
}

// Accumulating spread: every step copies the whole accumulator (quadratic).
export function totalsByCustomer(orders: Order[]): Record<string, number> {
  return orders.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.customer]: (acc[o.customer] ?? 0) + o.total }), {});
}

// String building that also reads the accumulator: each read flattens the rope.
export function toCsv(orders: Order[]): string {
  let csv = '';
  for (const o of orders) {
    if (!csv.endsWith('\n') && csv !== '') csv += '\n';
    csv += `${o.id},${o.customer},${o.total}`;
  }
  return csv;
}

// delete of a property that is not the last one added: the object goes to dictionary mode.
export function publish(orders: Order[]): number {
  let published = 0;
  for (const o of orders) {
    if (o.draft) {
      delete o.draft;
      published++;
    }
  }
  return published;
}

// Closures created per iteration that capture the loop binding and escape.
export function scheduleReminders(orders: Order[]): Array<() => string> {
  const reminders: Array<() => string> = [];
  for (const o of orders) {
    reminders.push(() => `remind ${o.customer} about order ${o.id}`);
  }
  return reminders;
}

// A value of a concrete type flowing into `any` inside a loop: the type information is lost.
function audit(entry: any): number {
  return entry.total > 500 ? 1 : 0;
}

export function countLarge(orders: Order[]): number {
  let large = 0;
  for (const o of orders) large += audit(o);
  return large;
}

// Copying `arguments` into an array instead of using a rest parameter.
export function sumAll(): number {
  const values: number[] = Array.prototype.slice.call(arguments);
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}
