export const MAIN_HELP = `jitlint: find where JavaScript and TypeScript code fights the V8 JIT and the GC

Usage:
  jitlint analyze [paths...] [options]      static pass, and V8 logs with --deopt (default command)
  jitlint record [--out DIR] -- node [node-args] script [args]
                                            run a program with V8's trace and log flags
  jitlint rules [--format md|json]          the rule catalogue

Run 'jitlint <command> --help' for the options of a command.
`;

export const ANALYZE_HELP = `Usage: jitlint analyze [paths...] [options]

Analyzes the TypeScript/JavaScript files under the paths (default: the project root) and,
with --deopt, what V8 printed about a real run of the program.

Options:
  -p, --project FILE       tsconfig.json to use (default: nearest above the first path)
      --deopt FILE         V8 output: trace text or v8.log, auto-detected (repeatable)
      --root DIR           directory the logged program ran in, on the machine that ran it
                           (maps its absolute paths; need not exist here)
  -f, --format NAME        stylish (default), json, sarif, github or html
  -o, --output FILE        write the report to FILE instead of stdout
      --max-warnings N     exit 1 when there are more than N warnings
      --quiet              report errors only
      --include-tests      also analyze test and benchmark files (*.test.*, *.spec.*,
                           __tests__/, test/, bench/ ...; skipped unless named explicitly)
      --show-notes         also show notes (candidates without runtime evidence) in stylish,
                           github and sarif output; json and html always carry them
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
