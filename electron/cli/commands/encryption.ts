// Encryption at rest on the command line: encrypt a plain desk in place, change a passphrase.
import type { Command } from 'commander';
import type { EncryptProgress } from '../../../shared/domain';
import { encryptDesk, finishInterruptedEncryption } from '../../core/desk/encrypt';
import { deskStatus } from '../../core/desk/unlock';
import { changePassphrase } from '../../core/keys';
import { formatBytes } from '../../core/attachments/store';
import { CliError } from '../errors';
import { err, out, plural } from '../output';
import { chosenPassphrase, existingPassphrase } from '../passphrase';
import { follow } from '../progress';
import { action, type Session } from '../session';

const PHASES: Record<EncryptProgress['phase'], string> = {
  copy: 'copying the database',
  encrypt: 'encrypting the copy',
  verify: 'verifying the copy',
  attachments: 'encrypting attachments',
  swap: 'switching to the encrypted desk',
};

const KEEP_IT = 'Keep the passphrase safe: without it nothing and no one can open this desk again.';

function mustExist(s: Session): void {
  if (!s.exists()) throw new CliError(`No Casefile data in ${s.dataDir}: there is no desk to change.`);
}

export function registerEncryption(program: Command): void {
  program.command('encrypt')
    .summary('encrypt a plain desk in place, protected by a passphrase')
    .description('encrypt this desk\'s database and attachments in place, protected by a passphrase you choose. It copies, verifies and then switches in one step: if it is interrupted, the next start finishes it or leaves the desk as it was. Close the app first.')
    .addHelpText('after', `\nThe passphrase comes from --passphrase-file FILE or $CASEFILE_PASSPHRASE, or you type it twice.\n${KEEP_IT}`)
    .action(action(async (s: Session) => {
      mustExist(s);
      finishInterruptedEncryption(s.dataDir);
      const status = deskStatus(s.dataDir);
      if (status.encrypted) throw new CliError('This desk is already encrypted. Nothing was changed.');
      // A desk whose key already has a passphrase (but whose data is still plain) keeps it.
      const passphrase = status.unlock.includes('passphrase')
        ? await existingPassphrase(s.passphraseSources)
        : await chosenPassphrase(s.passphraseSources, '');
      // Not cancellable: Ctrl-C ends the process, and the next start finishes or undoes the swap.
      const bar = follow(s, 'Encrypting', { cancellable: false });
      const started = Date.now();
      let result;
      try {
        result = await encryptDesk(s.dataDir, {
          protection: { method: 'passphrase', passphrase },
          ...(status.unlock.includes('passphrase') ? { unlock: { passphrase } } : {}),
          onProgress: (p) => bar.run.onProgress?.({ ...p, phase: PHASES[p.phase] }),
        });
      } finally {
        bar.done();
      }
      s.emit({ ...result, dataDir: s.dataDir, seconds: (Date.now() - started) / 1000 }, (r) => {
        out(`Encrypted ${s.dataDir}: ${plural(r.rows, 'row')} in ${plural(r.tables, 'table')} and ${plural(r.attachments, 'attachment file')} (${formatBytes(r.bytes)}), in ${r.seconds.toFixed(1)} s.`);
        out(KEEP_IT);
      });
    }, { unlock: false }));

  const passphrase = program.command('passphrase').description('the passphrase of an encrypted desk');
  passphrase.command('change')
    .description('change the passphrase of this encrypted desk; nothing is re-encrypted, and the old passphrase stops opening it')
    .option('--new-passphrase-file <file>', 'the new passphrase is the first line of this file (else $CASEFILE_NEW_PASSPHRASE, else you type it twice)')
    .addHelpText('after', '\nThe current passphrase comes from --passphrase-file FILE or $CASEFILE_PASSPHRASE, or you are asked.\nCopies of desk-key.json made before the change (backups of the data folder) still open with the old passphrase.')
    .action(action(async (s: Session, opts: { newPassphraseFile?: string }) => {
      mustExist(s);
      finishInterruptedEncryption(s.dataDir);
      const status = deskStatus(s.dataDir);
      if (!status.encrypted) throw new CliError('This desk is not encrypted, so it has no passphrase: encrypt it with "casefile encrypt". Nothing was changed.');
      if (!status.unlock.includes('passphrase')) throw new CliError('This desk is unlocked with your login in the app, not with a passphrase. Nothing was changed.');
      const current = await existingPassphrase(s.passphraseSources);
      const next = await chosenPassphrase({ file: opts.newPassphraseFile, env: 'CASEFILE_NEW_PASSPHRASE', fileOption: '--new-passphrase-file' }, '');
      changePassphrase(s.dataDir, { passphrase: current }, { method: 'passphrase', passphrase: next });
      s.emit({ changed: true, dataDir: s.dataDir }, () => {
        out('The passphrase was changed. The old one no longer opens this desk.');
        err('Copies of the data folder made before (backups) still open with the old passphrase.');
      });
    }, { unlock: false }));
}
