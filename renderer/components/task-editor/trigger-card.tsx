import { Trash2 } from 'lucide-react';
import { useMemo } from 'react';
import type { DstPolicy } from '../../../shared/schemas/task.js';
import { previewableTrigger, type TriggerDraft } from '../../editor/task-draft.js';
import { useNow } from '../../hooks/use-now.js';
import { CronFields } from './cron-fields.js';
import { EventFields } from './event-fields.js';
import { IntervalFields } from './interval-fields.js';
import { OnceFields } from './once-fields.js';
import type { TriggerFieldsProps } from './trigger-fields.js';
import { TriggerPreview } from './trigger-preview.js';

const TYPE_LABELS: Record<TriggerDraft['type'], string> = {
  interval: 'Repeat every…',
  cron: 'On a schedule (cron)',
  once: 'Once',
  event: 'When something happens',
};

interface TriggerCardProps {
  draft: TriggerDraft;
  index: number;
  /** The task being edited (it cannot follow itself); null when creating. */
  ownTaskId: string | null;
  dst: DstPolicy | undefined;
  canRemove: boolean;
  errorFor: (key: string) => string | undefined;
  onChange: (next: TriggerDraft, touchedKey: string) => void;
  onRemove: () => void;
}

/** One trigger in the editor: its type, the fields of that type, and a live preview. */
export function TriggerCard(props: TriggerCardProps) {
  const { draft, index, ownTaskId, dst, canRemove, errorFor, onChange, onRemove } = props;
  const base = `triggers.${index}`;
  const set: TriggerFieldsProps['set'] = (field, value, key) => {
    onChange({ ...draft, [field]: value }, key);
  };
  // "In N minutes" counts from now, as saving does, so the preview moves with the clock.
  const now = useNow();
  const previewable = useMemo(() => previewableTrigger(draft, now), [draft, now]);
  const typeError = errorFor(base);
  const fields = { draft, base, errorFor, set };

  return (
    <fieldset className="trigger-card">
      <legend className="visually-hidden">Trigger {index + 1}</legend>
      <div className="trigger-head">
        <label className="visually-hidden" htmlFor={`${base}-type`}>
          Trigger {index + 1} type
        </label>
        <select
          id={`${base}-type`}
          className="select trigger-type"
          value={draft.type}
          onChange={(event) => {
            set('type', event.target.value as TriggerDraft['type'], `${base}.type`);
          }}
        >
          {(Object.keys(TYPE_LABELS) as TriggerDraft['type'][]).map((type) => (
            <option key={type} value={type}>
              {TYPE_LABELS[type]}
            </option>
          ))}
        </select>
        {canRemove && (
          <button
            type="button"
            className="btn btn-quiet btn-icon"
            aria-label={`Remove trigger ${index + 1}`}
            title="Remove this trigger"
            onClick={onRemove}
          >
            <Trash2 size={15} aria-hidden />
          </button>
        )}
      </div>
      {typeError !== undefined && <p className="field-error">{typeError}</p>}
      {draft.type === 'interval' && <IntervalFields {...fields} />}
      {draft.type === 'cron' && <CronFields {...fields} />}
      {draft.type === 'once' && <OnceFields {...fields} />}
      {draft.type === 'event' && <EventFields {...fields} ownTaskId={ownTaskId} />}
      {draft.type !== 'event' && <TriggerPreview trigger={previewable} dst={dst} />}
    </fieldset>
  );
}
