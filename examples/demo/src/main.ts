// The demo program: hot loops over orders and shapes. `npm run demo` analyzes this source,
// and runs the compiled program under `jitlint record` to show what V8 did with it.
declare const console: { log(message: string): void };
import { area, makeShapes, type Shape } from './shapes.js';
import { countLarge, makeOrders, publish, scheduleReminders, sumAll, toCsv, totalsByCustomer } from './orders.js';

function totalArea(shapes: Shape[]): number {
  let sum = 0;
  for (let i = 0; i < shapes.length; i++) sum += area(shapes[i]!);
  return sum;
}

function kindsSeen(shapes: Shape[]): number {
  let circles = 0;
  for (const s of shapes) if (s.kind === 'circle') circles++;
  return circles;
}

let checksum = 0;
// Phase 1: two shapes only, so V8 optimizes for them.
const few = makeShapes(2000, 2);
for (let round = 0; round < 300; round++) checksum += totalArea(few) + kindsSeen(few);
// Phase 2: all five shapes reach the same code: wrong-map deopts, then megamorphic inline caches.
const all = makeShapes(2000, 5);
for (let round = 0; round < 300; round++) checksum += totalArea(all) + kindsSeen(all);

const orders = makeOrders(3000);
checksum += Object.keys(totalsByCustomer(orders)).length;
checksum += toCsv(orders).length;
checksum += countLarge(orders);
checksum += scheduleReminders(orders).length;
checksum += publish(orders);
checksum += (sumAll as (...xs: number[]) => number)(1, 2, 3);

console.log(`checksum ${Math.round(checksum)}`);
