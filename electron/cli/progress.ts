// A progress bar on stderr for long operations (encrypting a desk). In a terminal it redraws one
// line per phase; in a pipe or a log it prints each phase once, when it starts and when it ends.
import type { EncryptProgress } from '../../shared/domain';
import { formatBytes } from '../core/attachments/store';

const LABELS: Record<EncryptProgress['phase'], string> = {
  copy: 'Copying the database',
  encrypt: 'Encrypting the copy',
  verify: 'Verifying the copy',
  attachments: 'Encrypting attachments',
  swap: 'Switching to the encrypted desk',
};
const WIDTH = 30;

export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(p: EncryptProgress): void; end(): void } {
  const tty = stream.isTTY === true;
  let phase: EncryptProgress['phase'] | null = null;
  let shown = '';
  const finishLine = () => {
    if (phase !== null && tty) stream.write('\n');
  };
  return {
    update(p) {
      const pct = p.total > 0 ? Math.min(100, Math.floor((p.done * 100) / p.total)) : 100;
      const amount = p.phase === 'attachments' ? ` ${formatBytes(p.done)} of ${formatBytes(p.total)}` : '';
      if (p.phase !== phase) {
        finishLine();
        phase = p.phase;
        shown = '';
        if (!tty) stream.write(`${LABELS[p.phase]}…\n`);
      }
      if (tty) {
        const fill = Math.round((WIDTH * pct) / 100);
        const line = `\r${LABELS[p.phase].padEnd(32)} [${'#'.repeat(fill)}${'.'.repeat(WIDTH - fill)}] ${String(pct).padStart(3)}%${amount}`;
        if (line !== shown) stream.write(line);
        shown = line;
      }
    },
    end() {
      finishLine();
      phase = null;
    },
  };
}
