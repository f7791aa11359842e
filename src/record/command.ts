// `jitlint record -- node [node-args] script [args]`.
import { UsageError } from '../errors.js';

export interface RecordIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function runRecord(_argv: string[], _io: RecordIo): Promise<number> {
  throw new UsageError('record: not available in this build');
}
