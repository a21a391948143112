import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { B } from '../../components/text';

/**
 * The frame both viewers share: a modal dialog (focus trapped and given back, Escape closes)
 * that fills the window on request. The file's name is captured text: shown isolated, dir="auto".
 */
export function ViewerFrame({ isOpen, onClose, name, kind, full, onFull, toolbar, children }: {
  isOpen: boolean; onClose(): void; name: string; kind: string; full: boolean; onFull(full: boolean): void;
  toolbar: ReactNode; children: ReactNode;
}) {
  const { t } = useTranslation('evidence');
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={(open) => { if (!open) onClose(); }} isDismissable isKeyboardDismissDisabled={false}
      className={`modal-overlay viewer-overlay${full ? ' is-full' : ''}`}>
      <Modal className={`modal viewer${full ? ' is-full' : ''}`}>
        <AriaDialog className="dialog viewer-dialog">
          <div className="viewer-head">
            <Heading slot="title" className="dialog-title viewer-title"><Trans t={t} i18nKey="frame.title" values={{ kind, name }} components={{ b: <B /> }} /></Heading>
            <div className="viewer-tools" role="toolbar" aria-label={t('frame.controls', { kind })}>
              {toolbar}
              <button type="button" className="quiet small" aria-pressed={full} onClick={() => onFull(!full)}>{full ? t('frame.leaveFullWindow') : t('frame.fullWindow')}</button>
              <button type="button" className="quiet small" onClick={onClose}>{t('frame.close')}</button>
            </div>
          </div>
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}
