import { Field } from './form-field.js';
import type { TriggerFieldsProps } from './trigger-fields.js';

/** A once trigger's fields: in some minutes from saving, or at a date and time. */
export function OnceFields({ draft, base, errorFor, set }: TriggerFieldsProps) {
  const atError = errorFor(`${base}.at`);
  return (
    <div className="field-row">
      <div className="segmented" role="radiogroup" aria-label="When">
        {(['in', 'at'] as const).map((mode) => (
          <label key={mode} className={draft.onceMode === mode ? 'on' : undefined}>
            <input
              type="radio"
              name={`${base}-once-mode`}
              checked={draft.onceMode === mode}
              onChange={() => {
                set('onceMode', mode, `${base}.onceMode`);
              }}
            />
            {mode === 'in' ? 'In some minutes' : 'At a date and time'}
          </label>
        ))}
      </div>
      {draft.onceMode === 'in' ? (
        <Field
          fieldKey={`${base}.at`}
          label="In how many minutes"
          error={atError}
          help="Counted from when you save."
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="number"
              min={1}
              step="any"
              value={draft.inMinutes}
              onChange={(event) => {
                set('inMinutes', event.target.value, `${base}.at`);
              }}
            />
          )}
        </Field>
      ) : (
        <Field
          fieldKey={`${base}.at`}
          label="Date and time"
          error={atError}
          help="In this computer’s time zone."
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="datetime-local"
              step={1}
              value={draft.at}
              onChange={(event) => {
                set('at', event.target.value, `${base}.at`);
              }}
            />
          )}
        </Field>
      )}
    </div>
  );
}
