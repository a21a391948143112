/**
 * Runs one protocol call on a Core, in the host's main thread or its job worker alike, and
 * hands on any contract violation so the door that asked hears of it.
 */
import type { Result } from '../../../shared/ipc/contract';
import { toResult } from '../errors';
import type { Core } from '../index';
import type { RunOptions } from '../job';
import { takeContractViolations } from '../outputCheck';
import type { Call, FromHost } from './protocol';

export async function runCall(core: Core, call: Call, run: RunOptions, post: (msg: FromHost) => void): Promise<Result<unknown>> {
  const result = await toResult((): Promise<unknown> => {
    switch (call.op) {
      case 'invoke': return core.invoke(call.method as never, call.input, run);
      case 'attachFile': return core.attachFile(call.as, call.filePath, call.owner, call.description, run);
      case 'copyAttachment': return core.copyAttachment(call.sha256, call.dest);
    }
  });
  for (const v of takeContractViolations()) post({ kind: 'violation', method: v.method, problems: v.problems });
  return result;
}
