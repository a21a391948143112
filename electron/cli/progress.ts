/**
 * Progress of a long command on the terminal (cli-progress), and Ctrl-C to stop it. Nothing is
 * drawn when standard error is not a terminal or with --json: piped output stays exactly what
 * it was. Ctrl-C cancels the operation, which rolls back what it had begun; the command then
 * exits 130. (An operation inside one synchronous step, such as the index rebuild, is stopped
 * by Ctrl-C's default: the process ends and SQLite rolls the open transaction back.)
 */
import { Presets, SingleBar } from 'cli-progress';
import type { Progress } from '../../shared/ipc/progress';
import type { RunOptions } from '../core/job';
import type { Session } from './session';

export interface Followed {
  run: RunOptions;
  /** Removes the bar and the Ctrl-C handler. */
  done(): void;
}

export function follow(s: Session, label: string, opts: { cancellable?: boolean } = {}): Followed {
  const stop = new AbortController();
  const draw = !s.json && process.stderr.isTTY === true;
  let bar: SingleBar | null = null;
  const onProgress = (p: Progress) => {
    if (!draw) return;
    if (!bar) {
      bar = new SingleBar({
        format: `${label} {bar} {percentage}% {phase}`,
        stream: process.stderr,
        barsize: 24,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      }, Presets.shades_classic);
      bar.start(1, 0, { phase: p.phase });
    }
    if (p.total > 0) {
      bar.setTotal(p.total);
      bar.update(Math.min(p.done, p.total), { phase: p.phase });
    } else {
      bar.update(0, { phase: p.phase });
    }
  };
  const interrupt = () => {
    if (draw) process.stderr.write(`\n${label}: cancelling…\n`);
    stop.abort();
  };
  if (opts.cancellable !== false) process.once('SIGINT', interrupt);
  return {
    run: { onProgress, signal: stop.signal },
    done() {
      (bar as SingleBar | null)?.stop();
      process.off('SIGINT', interrupt);
    },
  };
}
