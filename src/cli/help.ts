export const MAIN_HELP = `jitlint: find where JavaScript and TypeScript code fights the V8 JIT and the GC

Usage:
  jitlint analyze [paths...] [options]      static pass, and V8 logs with --deopt (default command)
  jitlint record [--out DIR] -- node [node-args] script [args]
                                            run a program with V8's trace and log flags
  jitlint top --deopt DIR [-n N]            the hottest functions with what V8 did to them
  jitlint rules [--format md|json]          the rule catalogue

Run 'jitlint <command> --help' for the options of a command.
`;

export const ANALYZE_HELP = `Usage: jitlint analyze [paths...] [options]

Analyzes the TypeScript/JavaScript files under the paths (default: the project root) and,
with --deopt, what V8 printed about a real run of the program.

Options:
  -p, --project FILE       tsconfig.json to use (default: nearest above the first path)
      --deopt FILE         V8 output: trace text, v8.log, .cpuprofile, .heapprofile or a
                           \`jitlint record\` folder, auto-detected (repeatable)
      --root DIR           directory the logged program ran in, on the machine that ran it
                           (maps its absolute paths; need not exist here)
      --decisions          also list V8's decisions at source positions, Go -m style: what
                           was inlined and optimized (rules inlined, optimized) beside what
                           was not (inlining-rejected, deopt); needs --deopt
  -f, --format NAME        stylish (default), json, sarif, github or html
  -o, --output FILE        write the report to FILE instead of stdout
      --max-warnings N     exit 1 when there are more than N warnings
      --quiet              report errors only
      --include-tests      also analyze test and benchmark files (*.test.*, *.spec.*,
                           __tests__/, test/, bench/ ...; skipped unless named explicitly)
      --include-package NAME
                           report runtime events in this node_modules package (repeatable;
                           otherwise they are only counted)
      --show-notes         also show notes (candidates without runtime evidence) in stylish,
                           github and sarif output; json and html always carry them
      --sort KEY           position (default) or hotness: findings in the functions with
                           the largest share of CPU samples first (needs a CPU profile)
      --min-hotness P      drop findings in functions under P percent of the CPU samples
                           (total share; findings no profile saw are dropped too)
  -c, --config FILE        configuration file (default: jitlint.config.json at the project root)
      --rule ID=LEVEL      set a rule to off, note, warning or error (repeatable)
      --category NAME      SARIF automationDetails category (default: analyze)
      --engine ts6|tsgo    TypeScript answering type questions: ts6 (default, in-process)
                           or tsgo (TypeScript 7 server; needs typescript7@npm:typescript@7.0.2)
      --timing             print where time went to stderr
      --color, --no-color  force or disable colors in stylish output
      --debug              print stack traces of internal errors
  -h, --help               show this help
  -v, --version            print the version

Exit codes: 0 no error-level finding and warnings within --max-warnings; 1 otherwise;
2 usage, configuration or input error.
`;

export const RULES_HELP = `Usage: jitlint rules [--format md|json]

Prints every rule with its default level and description.
`;

export const TOP_HELP = `Usage: jitlint top --deopt DIR [-n N] [paths...]

The N (default 10) project functions with the largest share of CPU samples in a
recorded run, like pprof's top, with V8's view beside each: self and total share
of the samples, bytes allocated (allocation profile), the tiers it went through
(interpreted, Maglev, Turbofan, OSR), its deopts, what V8 inlined into it, and
the findings inside it. Then a GC line: collections by kind, pause time, the
share of samples in the garbage collector, and a warning when the heap left
after full collections keeps growing (the sign of a leak).

DIR is a \`jitlint record\` folder, or the files \`analyze --deopt\` takes
(.cpuprofile, .heapprofile, v8.log, trace text). The static pass runs on the
files of the functions shown, or on the paths given.

Options:
      --deopt DIR          record folder or V8 output (repeatable)
  -n N                     how many functions (default 10)
      --root DIR           directory the program ran in, on the machine that ran it
  -p, --project FILE       tsconfig.json to use
  -h, --help               show this help

Exit codes: 0; 2 usage or input error (the rest is still shown).
`;
