// V8 logs → runtime findings at project-relative positions.
import type { Finding } from '../model.js';
import type { Config } from '../config/load.js';
import type { RuntimeReport } from '../report/types.js';
import { UsageError } from '../errors.js';

export interface RuntimeRequest {
  files: string[];
  cwd: string;
  /** Report paths are relative to this directory. */
  baseDir: string;
  rootDir: string;
  /** Where the logged program ran (`--root`), when known. */
  runRoot?: string;
  config: Config;
}

export interface RuntimeOutcome {
  findings: Finding[];
  runtime: RuntimeReport;
  notes: string[];
}

export async function analyzeRuntime(_req: RuntimeRequest): Promise<RuntimeOutcome> {
  throw new UsageError('--deopt: reading V8 output is not available in this build');
}
