// Exact events parsed from every fixture of every Node major (test/fixtures/v8/<major>/).
// Regenerating the fixtures changes addresses and timings, not these facts; when V8
// changes its decisions, update the arrays after checking the new output by hand.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadRuntime } from '../../src/runtime/index.js';
import { deopts, inlining, megamorphic, timeline, v8Fixture } from './facts.js';

interface Expected { deopts: string[]; inlining: string[]; megamorphic: string[]; timelines: Record<string, string[]> }

const EXPECTED: Record<string, Record<string, Expected>> = {
  '18': {
    'suite.trace.txt': {
      deopts: [
        "getX | deopt-eager | wrong map | turbofan | deopt-eager.js:6:12",
        "addOne | deopt-eager | not a Smi | turbofan | deopt-eager.js:10:12",
        "label | deopt-eager | Insufficient type feedback for generic named access | turbofan | deopt-eager.js:14:25",
        "outer | deopt-eager | wrong map | turbofan | deopt-eager.js:19:12 < deopt-eager.js:23:10",
        "area | dependency-change | code dependencies | - | -",
        "offset | dependency-change | code dependencies | - | -",
        "offset | deopt-lazy | (unknown) | turbofan | -",
        "(anon) | deopt-eager | Insufficient type feedback for generic named access | turbofan | inlining.js:80:9",
        "norm | deopt-eager | wrong map | turbofan | file://esm-deopt.mjs:4:29",
      ],
      inlining: [
        "(anon) -> hotCaller | inlined | turbofan",
        "(anon) -> small | inlined | turbofan",
        "? -> big | rejected: exceeds bytecode limit | turbofan",
        "area -> scale | inlined | turbofan",
        "caller -> big | rejected: exceeds bytecode limit | turbofan",
        "caller -> never | rejected: has optimization disabled | turbofan",
        "caller -> small | inlined | turbofan",
        "hotCaller -> small | inlined | turbofan",
        "norm -> square | inlined | turbofan",
        "offset -> flip | rejected: has optimization disabled | turbofan",
        "outer -> inner | inlined | turbofan",
        "step -> widen | rejected: has optimization disabled | turbofan",
      ],
      megamorphic: [
      ],
      timelines: {
        getX: [
          "marked turbofan (manual)",
          "compile-start turbofan",
          "compile-end turbofan",
          "optimized turbofan",
          "deoptimized deopt-eager (wrong map)",
        ],
        longLoop: [
          "marked turbofan (small function)",
          "compile-start turbofan OSR",
          "compile-end turbofan",
          "optimized turbofan",
        ],
      },
    },
    'suite.v8.log.gz': {
      deopts: [
        "getX | deopt-eager | wrong map | turbofan | deopt-eager.js:6:12",
        "addOne | deopt-eager | not a Smi | turbofan | deopt-eager.js:10:12",
        "label | deopt-eager | Insufficient type feedback for generic named access | turbofan | deopt-eager.js:14:25",
        "outer | deopt-eager | wrong map | turbofan | deopt-eager.js:19:12 < deopt-eager.js:23:10",
        "area | dependency-change | code dependencies | turbofan | deopt-lazy.js:14:14",
        "offset | dependency-change | code dependencies | turbofan | deopt-lazy.js:53:16",
        "offset | deopt-lazy | (unknown) | turbofan | deopt-lazy.js:54:3",
        "(anon) | deopt-eager | Insufficient type feedback for generic named access | turbofan | inlining.js:80:9",
        "norm | deopt-eager | wrong map | turbofan | file://esm-deopt.mjs:4:29",
      ],
      inlining: [
        "(anon) -> hotCaller | inlined | turbofan @ inlining.js:78:40",
        "caller -> small | inlined | turbofan @ inlining.js:65:10",
        "hotCaller -> small | inlined | turbofan @ inlining.js:75:10",
        "norm -> square | inlined | turbofan @ file://esm-deopt.mjs:4:20",
        "norm -> square | inlined | turbofan @ file://esm-deopt.mjs:4:34",
        "outer -> inner | inlined | turbofan @ deopt-eager.js:23:10",
      ],
      megamorphic: [
        "KeyedStoreIC ic-states.js:15:10 put 1->N key=b",
        "LoadIC ic-states.js:6:12 readX P->N key=x",
      ],
      timelines: {
        getX: [
          "optimized turbofan",
          "deoptimized deopt-eager (wrong map)",
        ],
        longLoop: [
          "optimized turbofan",
        ],
      },
    },
  },
  '20': {
    'suite.trace.txt': {
      deopts: [
        "getX | deopt-eager | wrong map | turbofan | deopt-eager.js:6:12",
        "addOne | deopt-eager | not a Smi | turbofan | deopt-eager.js:10:12",
        "label | deopt-eager | Insufficient type feedback for generic named access | turbofan | deopt-eager.js:14:25",
        "outer | deopt-eager | wrong map | turbofan | deopt-eager.js:19:12 < deopt-eager.js:23:10",
        "area | dependency-change | code dependencies | turbofan | -",
        "offset | dependency-change | code dependencies | turbofan | -",
        "offset | deopt-lazy | (unknown) | turbofan | -",
        "norm | deopt-eager | wrong map | turbofan | file://esm-deopt.mjs:4:29",
      ],
      inlining: [
        "(anon) -> hotCaller | inlined | turbofan",
        "(anon) -> small | inlined | turbofan",
        "? -> big | rejected: exceeds bytecode limit | turbofan",
        "area -> scale | inlined | turbofan",
        "caller -> big | rejected: exceeds bytecode limit | turbofan",
        "caller -> never | rejected: has optimization disabled | turbofan",
        "caller -> small | inlined | turbofan",
        "hotCaller -> small | inlined | turbofan",
        "norm -> square | inlined | turbofan",
        "offset -> flip | rejected: has optimization disabled | turbofan",
        "outer -> inner | inlined | turbofan",
        "step -> widen | rejected: has optimization disabled | turbofan",
      ],
      megamorphic: [
      ],
      timelines: {
        getX: [
          "marked turbofan (manual)",
          "compile-start turbofan",
          "compile-end turbofan",
          "optimized turbofan",
          "deoptimized deopt-eager (wrong map)",
        ],
        longLoop: [
          "marked turbofan (small function)",
          "compile-start turbofan OSR",
          "compile-end turbofan OSR",
          "optimized turbofan OSR",
        ],
      },
    },
    'suite.v8.log.gz': {
      deopts: [
        "getX | deopt-eager | wrong map | turbofan | deopt-eager.js:6:12",
        "addOne | deopt-eager | not a Smi | turbofan | deopt-eager.js:10:12",
        "label | deopt-eager | Insufficient type feedback for generic named access | turbofan | deopt-eager.js:14:25",
        "outer | deopt-eager | wrong map | turbofan | deopt-eager.js:19:12 < deopt-eager.js:23:10",
        "area | dependency-change | code dependencies | turbofan | deopt-lazy.js:14:14",
        "offset | dependency-change | code dependencies | turbofan | deopt-lazy.js:53:16",
        "offset | deopt-lazy | (unknown) | turbofan | deopt-lazy.js:54:3",
        "norm | deopt-eager | wrong map | turbofan | file://esm-deopt.mjs:4:29",
      ],
      inlining: [
        "(anon) -> hotCaller | inlined | turbofan @ inlining.js:78:40",
        "caller -> small | inlined | turbofan @ inlining.js:65:10",
        "hotCaller -> small | inlined | turbofan @ inlining.js:75:10",
        "norm -> square | inlined | turbofan @ file://esm-deopt.mjs:4:20",
        "norm -> square | inlined | turbofan @ file://esm-deopt.mjs:4:34",
        "outer -> inner | inlined | turbofan @ deopt-eager.js:23:10",
      ],
      megamorphic: [
        "KeyedStoreIC ic-states.js:15:10 put 1->N key=b",
        "LoadIC ic-states.js:6:12 readX P->N key=x",
      ],
      timelines: {
        getX: [
          "optimized turbofan",
          "deoptimized deopt-eager (wrong map)",
        ],
        longLoop: [
          "optimized turbofan",
        ],
      },
    },
  },
  '22': {
    'suite.trace.txt': {
      deopts: [
        "getX | deopt-eager | wrong map | turbofan | deopt-eager.js:6:12",
        "addOne | deopt-eager | not a Smi | turbofan | deopt-eager.js:10:12",
        "label | deopt-eager | Insufficient type feedback for generic named access | turbofan | deopt-eager.js:14:25",
        "outer | deopt-eager | wrong map | turbofan | deopt-eager.js:19:12 < deopt-eager.js:23:10",
        "area | dependency-change | code dependencies | turbofan | -",
        "offset | dependency-change | code dependencies | turbofan | -",
        "offset | deopt-lazy | (unknown) | turbofan | -",
        "norm | deopt-eager | wrong map | turbofan | file://esm-deopt.mjs:4:29",
      ],
      inlining: [
        "(anon) -> hotCaller | inlined | turbofan",
        "(anon) -> small | inlined | turbofan",
        "? -> big | rejected: exceeds bytecode limit | turbofan",
        "area -> scale | inlined | turbofan",
        "caller -> big | rejected: exceeds bytecode limit | turbofan",
        "caller -> never | rejected: has optimization disabled | turbofan",
        "caller -> small | inlined | turbofan",
        "hotCaller -> small | inlined | turbofan",
        "norm -> square | inlined | turbofan",
        "offset -> flip | rejected: has optimization disabled | turbofan",
        "outer -> inner | inlined | turbofan",
        "step -> widen | rejected: has optimization disabled | turbofan",
      ],
      megamorphic: [
      ],
      timelines: {
        getX: [
          "marked turbofan (manual)",
          "compile-start turbofan",
          "compile-end turbofan",
          "optimized turbofan",
          "deoptimized deopt-eager (wrong map)",
        ],
        longLoop: [
          "marked turbofan (hot and stable)",
          "compile-start turbofan OSR",
          "compile-end turbofan OSR",
          "optimized turbofan OSR",
        ],
      },
    },
    'suite.v8.log.gz': {
      deopts: [
        "getX | deopt-eager | wrong map | turbofan | deopt-eager.js:6:12",
        "addOne | deopt-eager | not a Smi | turbofan | deopt-eager.js:10:12",
        "label | deopt-eager | Insufficient type feedback for generic named access | turbofan | deopt-eager.js:14:25",
        "outer | deopt-eager | wrong map | turbofan | deopt-eager.js:19:12 < deopt-eager.js:23:10",
        "area | dependency-change | code dependencies | turbofan | deopt-lazy.js:14:14",
        "offset | dependency-change | code dependencies | turbofan | deopt-lazy.js:53:16",
        "offset | deopt-lazy | (unknown) | turbofan | deopt-lazy.js:54:3",
        "norm | deopt-eager | wrong map | turbofan | file://esm-deopt.mjs:4:29",
      ],
      inlining: [
        "(anon) -> hotCaller | inlined | turbofan @ inlining.js:78:40",
        "caller -> small | inlined | turbofan @ inlining.js:65:10",
        "hotCaller -> small | inlined | turbofan @ inlining.js:75:10",
        "norm -> square | inlined | turbofan @ file://esm-deopt.mjs:4:20",
        "norm -> square | inlined | turbofan @ file://esm-deopt.mjs:4:34",
        "outer -> inner | inlined | turbofan @ deopt-eager.js:23:10",
      ],
      megamorphic: [
        "KeyedStoreIC ic-states.js:15:10 put 1->N key=b",
        "LoadIC ic-states.js:6:12 readX P->N key=x",
      ],
      timelines: {
        getX: [
          "optimized turbofan",
          "deoptimized deopt-eager (wrong map)",
        ],
        longLoop: [
          "optimized turbofan",
        ],
      },
    },
    'strip-types.trace.txt': {
      deopts: [
        "(anon) | deopt-eager | Insufficient type feedback for call | turbofan | strip-types.ts:18:8",
        "dot | deopt-eager | wrong map | turbofan | strip-types.ts:10:12",
      ],
      inlining: [
        "(anon) -> dot | inlined | turbofan",
      ],
      megamorphic: [
      ],
      timelines: {
      },
    },
  },
  '24': {
    'suite.trace.txt': {
      deopts: [
        "getX | deopt-eager | wrong map | turbofan | deopt-eager.js:6:12",
        "addOne | deopt-eager | not a Smi | turbofan | deopt-eager.js:10:12",
        "label | deopt-eager | Insufficient type feedback for generic named access | turbofan | deopt-eager.js:14:25",
        "outer | deopt-eager | wrong map | turbofan | deopt-eager.js:19:12 < deopt-eager.js:23:10",
        "area | dependency-change | dependent field type constness changed | turbofan | -",
        "offset | dependency-change | dependent property cell changed | turbofan | -",
        "offset | deopt-lazy | (unknown) | turbofan | -",
        "(anon) | deopt-eager | prepare for on stack replacement (OSR) | maglev | inlining.js:78:1",
        "(anon) | deopt-eager | Insufficient type feedback for generic named access | turbofan | inlining.js:80:9",
        "(anon) | deopt-eager | Insufficient type feedback for call | maglev | hot-osr.js:19:10",
        "longLoop | deopt-eager | prepare for on stack replacement (OSR) | maglev | hot-osr.js:16:3",
        "norm | deopt-eager | wrong map | turbofan | file://esm-deopt.mjs:4:29",
      ],
      inlining: [
        "(anon) -> hotCaller | inlined | turbofan",
        "(anon) -> mix | inlined | turbofan",
        "(anon) -> small | inlined | turbofan",
        "? -> big | rejected: exceeds bytecode limit | turbofan",
        "area -> scale | inlined | turbofan",
        "caller -> big | rejected: exceeds bytecode limit | turbofan",
        "caller -> never | rejected: has optimization disabled | turbofan",
        "caller -> small | inlined | turbofan",
        "norm -> square | inlined | turbofan",
        "offset -> flip | rejected: has optimization disabled | turbofan",
        "outer -> inner | inlined | turbofan",
        "step -> widen | rejected: has optimization disabled | turbofan",
      ],
      megamorphic: [
      ],
      timelines: {
        getX: [
          "marked turbofan (manual)",
          "compile-start turbofan",
          "compile-end turbofan",
          "optimized turbofan",
          "deoptimized deopt-eager (wrong map)",
        ],
        longLoop: [
          "marked maglev (hot and stable)",
          "compile-start maglev OSR",
          "compile-end maglev OSR",
          "optimized maglev OSR",
          "compile-start turbofan OSR",
          "compile-end turbofan OSR",
          "optimized turbofan OSR",
          "deoptimized deopt-eager (prepare for on stack replacement (OSR))",
        ],
      },
    },
    'suite.v8.log.gz': {
      deopts: [
        "getX | deopt-eager | wrong map | turbofan | deopt-eager.js:6:12",
        "addOne | deopt-eager | not a Smi | turbofan | deopt-eager.js:10:12",
        "label | deopt-eager | Insufficient type feedback for generic named access | turbofan | deopt-eager.js:14:25",
        "outer | deopt-eager | wrong map | turbofan | deopt-eager.js:19:12 < deopt-eager.js:23:10",
        "area | dependency-change | dependent field type constness changed | turbofan | deopt-lazy.js:14:14",
        "offset | dependency-change | dependent property cell changed | turbofan | deopt-lazy.js:53:16",
        "offset | deopt-lazy | (unknown) | turbofan | deopt-lazy.js:54:3",
        "(anon) | deopt-eager | prepare for on stack replacement (OSR) | maglev | inlining.js:78:1",
        "(anon) | deopt-eager | Insufficient type feedback for generic named access | turbofan | inlining.js:80:9",
        "(anon) | deopt-eager | Insufficient type feedback for call | maglev | hot-osr.js:19:10",
        "longLoop | deopt-eager | prepare for on stack replacement (OSR) | maglev | hot-osr.js:16:3",
        "norm | deopt-eager | wrong map | turbofan | file://esm-deopt.mjs:4:29",
      ],
      inlining: [
        "(anon) -> hotCaller | inlined | maglev @ inlining.js:78:1",
        "(anon) -> hotCaller | inlined | maglev @ inlining.js:78:40",
        "(anon) -> hotCaller | inlined | turbofan @ inlining.js:78:40",
        "(anon) -> mix | inlined | maglev @ hot-osr.js:12:1",
        "(anon) -> mix | inlined | maglev @ hot-osr.js:12:41",
        "(anon) -> mix | inlined | turbofan @ hot-osr.js:12:41",
        "caller -> small | inlined | turbofan @ inlining.js:65:10",
        "hotCaller -> small | inlined | maglev @ inlining.js:75:10",
        "hotCaller -> small | inlined | turbofan @ inlining.js:75:10",
        "norm -> square | inlined | turbofan @ file://esm-deopt.mjs:4:20",
        "norm -> square | inlined | turbofan @ file://esm-deopt.mjs:4:34",
        "outer -> inner | inlined | turbofan @ deopt-eager.js:23:10",
      ],
      megamorphic: [
        "KeyedStoreIC ic-states.js:15:10 put 1->N key=b",
        "LoadIC ic-states.js:6:12 readX P->N key=x",
      ],
      timelines: {
        getX: [
          "optimized turbofan",
          "deoptimized deopt-eager (wrong map)",
        ],
        longLoop: [
          "optimized maglev",
          "optimized turbofan",
          "deoptimized deopt-eager (prepare for on stack replacement (OSR))",
        ],
      },
    },
    'strip-types.trace.txt': {
      deopts: [
        "(anon) | deopt-eager | prepare for on stack replacement (OSR) | maglev | strip-types.ts:15:1",
        "(anon) | deopt-eager | Insufficient type feedback for call | turbofan | strip-types.ts:18:8",
        "dot | deopt-eager | wrong map | maglev | strip-types.ts:10:12",
      ],
      inlining: [
        "(anon) -> dot | inlined | turbofan",
      ],
      megamorphic: [
      ],
      timelines: {
      },
    },
    'strip-types.v8.log.gz': {
      deopts: [
        "(anon) | deopt-eager | prepare for on stack replacement (OSR) | maglev | strip-types.ts:15:1",
        "(anon) | deopt-eager | Insufficient type feedback for call | turbofan | strip-types.ts:18:8",
        "dot | deopt-eager | wrong map | maglev | strip-types.ts:10:12",
      ],
      inlining: [
        "(anon) -> dot | inlined | maglev @ strip-types.ts:15:1",
        "(anon) -> dot | inlined | maglev @ strip-types.ts:15:41",
        "(anon) -> dot | inlined | turbofan @ strip-types.ts:15:41",
      ],
      megamorphic: [
      ],
      timelines: {
      },
    },
    'suite.maglev.trace.txt': {
      deopts: [
      ],
      inlining: [
        "(anon) -> big | rejected: exceeds bytecode limit | maglev",
        "(anon) -> hotCaller | inlined | maglev",
        "(anon) -> small | inlined | maglev",
        "hotCaller -> big | rejected: exceeds bytecode limit | maglev",
        "hotCaller -> small | inlined | maglev",
      ],
      megamorphic: [
      ],
      timelines: {
        getX: [
          "marked turbofan (manual)",
          "compile-start turbofan",
          "compile-end turbofan",
          "optimized turbofan",
        ],
        longLoop: [
          "marked maglev (hot and stable)",
          "compile-start maglev OSR",
          "compile-end maglev OSR",
          "optimized maglev OSR",
          "compile-start turbofan OSR",
          "compile-end turbofan OSR",
          "optimized turbofan OSR",
        ],
      },
    },
  },
  '26': {
    'suite.trace.txt': {
      deopts: [
        "getX | deopt-eager | wrong map | turbofan | deopt-eager.js:6:12",
        "addOne | deopt-eager | not a Smi | turbofan | deopt-eager.js:10:12",
        "label | deopt-eager | Insufficient type feedback for generic named access | turbofan | deopt-eager.js:14:25",
        "outer | deopt-eager | wrong map | turbofan | deopt-eager.js:19:12 < deopt-eager.js:23:10",
        "area | dependency-change | dependent field type constness changed | turbofan | -",
        "offset | dependency-change | dependent property cell changed | turbofan | -",
        "offset | deopt-lazy | (unknown) | turbofan | -",
        "(anon) | deopt-eager | prepare for on stack replacement (OSR) | maglev | inlining.js:78:1",
        "(anon) | deopt-eager | Insufficient type feedback for generic named access | turbofan | inlining.js:80:9",
        "(anon) | deopt-eager | prepare for on stack replacement (OSR) | maglev | hot-osr.js:12:1",
        "longLoop | deopt-eager | prepare for on stack replacement (OSR) | maglev | hot-osr.js:16:3",
        "(anon) | deopt-eager | Insufficient type feedback for binary operation | turbofan | hot-osr.js:19:10",
        "norm | deopt-eager | wrong map | turbofan | file://esm-deopt.mjs:4:29",
      ],
      inlining: [
        "(anon) -> big | rejected: exceeds bytecode limit | turbofan",
        "(anon) -> hotCaller | inlined | turbofan",
        "(anon) -> mix | inlined | turbofan",
        "(anon) -> small | inlined | turbofan",
        "area -> scale | inlined | turbofan",
        "caller -> big | rejected: exceeds bytecode limit | turbofan",
        "caller -> never | rejected: has optimization disabled | turbofan",
        "caller -> small | inlined | turbofan",
        "norm -> square | inlined | turbofan",
        "offset -> flip | rejected: has optimization disabled | turbofan",
        "outer -> inner | inlined | turbofan",
        "step -> widen | rejected: has optimization disabled | turbofan",
      ],
      megamorphic: [
      ],
      timelines: {
        getX: [
          "marked turbofan (manual)",
          "compile-start turbofan",
          "compile-end turbofan",
          "optimized turbofan",
          "deoptimized deopt-eager (wrong map)",
        ],
        longLoop: [
          "marked maglev (hot and stable)",
          "compile-start maglev OSR",
          "compile-end maglev OSR",
          "optimized maglev OSR",
          "compile-start turbofan OSR",
          "compile-end turbofan OSR",
          "optimized turbofan OSR",
          "deoptimized deopt-eager (prepare for on stack replacement (OSR))",
        ],
      },
    },
    'suite.v8.log.gz': {
      deopts: [
        "getX | deopt-eager | wrong map | turbofan | deopt-eager.js:6:12",
        "addOne | deopt-eager | not a Smi | turbofan | deopt-eager.js:10:12",
        "label | deopt-eager | Insufficient type feedback for generic named access | turbofan | deopt-eager.js:14:25",
        "outer | deopt-eager | wrong map | turbofan | deopt-eager.js:19:12 < deopt-eager.js:23:10",
        "area | dependency-change | dependent field type constness changed | turbofan | deopt-lazy.js:14:14",
        "offset | dependency-change | dependent property cell changed | turbofan | deopt-lazy.js:53:16",
        "offset | deopt-lazy | (unknown) | turbofan | deopt-lazy.js:54:3",
        "(anon) | deopt-eager | prepare for on stack replacement (OSR) | maglev | inlining.js:78:1",
        "(anon) | deopt-eager | Insufficient type feedback for generic named access | turbofan | inlining.js:80:9",
        "(anon) | deopt-eager | prepare for on stack replacement (OSR) | maglev | hot-osr.js:12:1",
        "longLoop | deopt-eager | prepare for on stack replacement (OSR) | maglev | hot-osr.js:16:3",
        "(anon) | deopt-eager | Insufficient type feedback for binary operation | turbofan | hot-osr.js:19:10",
        "norm | deopt-eager | wrong map | turbofan | file://esm-deopt.mjs:4:29",
      ],
      inlining: [
        "(anon) -> hotCaller | inlined | maglev @ inlining.js:78:1",
        "(anon) -> hotCaller | inlined | maglev @ inlining.js:78:40",
        "(anon) -> hotCaller | inlined | turbofan @ inlining.js:78:40",
        "(anon) -> mix | inlined | maglev @ hot-osr.js:12:1",
        "(anon) -> mix | inlined | maglev @ hot-osr.js:12:41",
        "(anon) -> mix | inlined | turbofan @ hot-osr.js:12:41",
        "caller -> small | inlined | turbofan @ inlining.js:65:10",
        "hotCaller -> small | inlined | maglev @ inlining.js:75:10",
        "hotCaller -> small | inlined | turbofan @ inlining.js:75:10",
        "norm -> square | inlined | turbofan @ file://esm-deopt.mjs:4:20",
        "norm -> square | inlined | turbofan @ file://esm-deopt.mjs:4:34",
        "outer -> inner | inlined | turbofan @ deopt-eager.js:23:10",
      ],
      megamorphic: [
        "KeyedStoreIC ic-states.js:15:10 put 1->N key=b",
        "LoadIC ic-states.js:6:12 readX P->N key=x",
      ],
      timelines: {
        getX: [
          "optimized turbofan",
          "deoptimized deopt-eager (wrong map)",
        ],
        longLoop: [
          "optimized maglev OSR",
          "optimized turbofan OSR",
          "deoptimized deopt-eager (prepare for on stack replacement (OSR))",
        ],
      },
    },
    'strip-types.trace.txt': {
      deopts: [
        "(anon) | deopt-eager | prepare for on stack replacement (OSR) | maglev | strip-types.ts:15:1",
        "dot | deopt-eager | wrong map | maglev | strip-types.ts:10:12",
        "(anon) | deopt-eager | Insufficient type feedback for binary operation | turbofan | strip-types.ts:18:8",
      ],
      inlining: [
        "(anon) -> dot | inlined | turbofan",
      ],
      megamorphic: [
      ],
      timelines: {
      },
    },
    'suite.maglev.trace.txt': {
      deopts: [
      ],
      inlining: [
        "(anon) -> big | rejected: exceeds bytecode limit | maglev",
        "(anon) -> hotCaller | inlined | maglev",
        "(anon) -> small | inlined | maglev",
        "hotCaller -> big | rejected: exceeds bytecode limit | maglev",
        "hotCaller -> small | inlined | maglev",
      ],
      megamorphic: [
      ],
      timelines: {
        getX: [
          "marked turbofan (manual)",
          "compile-start turbofan",
          "compile-end turbofan",
          "optimized turbofan",
        ],
        longLoop: [
          "marked maglev (hot and stable)",
          "compile-start maglev OSR",
          "compile-end maglev OSR",
          "optimized maglev OSR",
          "compile-start turbofan OSR",
          "compile-end turbofan OSR",
          "optimized turbofan OSR",
        ],
      },
    },
  },
};

for (const [major, files] of Object.entries(EXPECTED)) {
  for (const [file, want] of Object.entries(files)) {
    test(`node ${major} ${file}: deopts, inlining, megamorphic ICs, timelines`, async () => {
      const { model } = await loadRuntime([v8Fixture(major, file)]);
      assert.equal(deopts(model), want.deopts, 'deopts');
      assert.equal(inlining(model), want.inlining, 'inlining');
      assert.equal(megamorphic(model), want.megamorphic, 'megamorphic ICs');
      for (const [fn, events] of Object.entries(want.timelines)) assert.equal(timeline(model, fn), events, `timeline of ${fn}`);
    });
  }
}

test.run();
