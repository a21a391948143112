import { Dialog } from '../components/Dialog';
import { SHORTCUTS } from './shortcuts';

export function HelpOverlay({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const sections = [...new Set(SHORTCUTS.map((s) => s.section))];
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="Keyboard shortcuts" className="help-dialog">
      {sections.map((section) => (
        <section key={section} aria-label={section}>
          <h3>{section}</h3>
          <dl className="shortcuts">
            {SHORTCUTS.filter((s) => s.section === section).map((s) => (
              <div key={s.keys + s.what} className="shortcut">
                <dt><kbd>{s.keys}</kbd></dt>
                <dd>{s.what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>Close</button>
      </div>
    </Dialog>
  );
}
