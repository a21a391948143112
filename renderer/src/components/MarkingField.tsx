import { MARKING_ORDER, type Marking, type Permission } from '../../../shared/domain';
import { useCan } from '../data/permissions';
import { OwnPermission, SelectField } from './Field';
import { MARKING_LABELS } from './labels';
import { useTranslation } from 'react-i18next';

/**
 * A statement's or a source's marking. Lowering it (restricted -> public) is a case manager's
 * act, as for a case: without that permission the less restricted choices than the saved one
 * are disabled, with the Core's reason under the select; raising it stays open to whoever may
 * edit the record. A case manager may change it even where the rest of the record is read-only.
 */
export function MarkingField({ value, saved, edit, onChange, error }: {
  value: Marking;
  /** The marking as saved: "lower" is measured from it, not from an unsaved choice. */
  saved: Marking;
  edit: Permission;
  onChange(marking: Marking): void;
  error?: string | null;
}) {
  const canEdit = useCan(edit);
  const canLower = useCan('markings.lower');
  const { t } = useTranslation('common');
  const rank = (m: Marking) => MARKING_ORDER.indexOf(m);
  const options = MARKING_ORDER.map((m) => ({
    value: m,
    label: MARKING_LABELS[m],
    disabled: rank(m) < rank(saved) ? !canLower.allowed : !(canEdit.allowed || canLower.allowed),
  }));
  const hint = canEdit.allowed && !canLower.allowed ? canLower.reason : null;
  return (
    <OwnPermission can={canEdit.allowed || canLower.allowed}>
      <SelectField
        label={t('marking.field')} value={value} options={options} hint={hint} error={error}
        onChange={(e) => onChange(e.target.value as Marking)}
      />
    </OwnPermission>
  );
}
