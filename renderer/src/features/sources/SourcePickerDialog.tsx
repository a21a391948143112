import type { Source } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { gradeOf } from './grade';
import { SourceSearch } from './SourceSearch';

export function SourcePickerDialog({ isOpen, onClose, onPick, title, exclude = [] }: {
  isOpen: boolean; onClose(): void; onPick(s: Source): void; title: string; exclude?: string[];
}) {
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={title} className="picker-dialog">
      {isOpen ? <SourceSearch onPick={onPick} exclude={exclude} detail={gradeOf} /> : null}
      <div className="dialog-actions"><button type="button" className="quiet" onClick={onClose}>Cancel</button></div>
    </Dialog>
  );
}
