import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  isOpen: boolean;
  onClose(): void;
  title: ReactNode;
  children: ReactNode;
  className?: string;
  /** Dialogs that must be answered (a confirmation) do not close on an outside click. */
  dismissable?: boolean;
  role?: 'dialog' | 'alertdialog';
}

/** A modal dialog: focus is trapped and restored, Escape closes it. */
export function Dialog({ isOpen, onClose, title, children, className, dismissable = true, role = 'dialog' }: Props) {
  return (
    <ModalOverlay
      isOpen={isOpen} onOpenChange={(open) => { if (!open) onClose(); }}
      isDismissable={dismissable} isKeyboardDismissDisabled={false} className="modal-overlay"
    >
      <Modal className={`modal${className ? ` ${className}` : ''}`}>
        <AriaDialog className="dialog" role={role}>
          <Heading slot="title" className="dialog-title">{title}</Heading>
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

/** Asks before doing something that cannot be taken back from here (opening a link outside). */
export function ConfirmDialog(props: {
  isOpen: boolean; title: ReactNode; children: ReactNode; confirmLabel: string; onConfirm(): void; onCancel(): void;
  /** The confirmation is not offered (the body says why). */
  confirmDisabled?: boolean;
}) {
  const { t } = useTranslation('common');
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onCancel} title={props.title} dismissable={false} role="alertdialog">
      <div className="dialog-body">{props.children}</div>
      <div className="dialog-actions">
        <button type="button" className="quiet" onClick={props.onCancel} autoFocus>{t('cancel')}</button>
        <button type="button" onClick={props.onConfirm} disabled={props.confirmDisabled}>{props.confirmLabel}</button>
      </div>
    </Dialog>
  );
}
