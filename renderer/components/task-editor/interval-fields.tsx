import type { IntervalUnit } from '../../editor/task-draft.js';
import { Field } from './form-field.js';
import type { TriggerFieldsProps } from './trigger-fields.js';

const UNIT_LABELS: Record<IntervalUnit, string> = {
  s: 'seconds',
  min: 'minutes',
  h: 'hours',
  d: 'days',
};

/** An interval trigger's fields: how often, from when, and how much random delay. */
export function IntervalFields({ draft, base, errorFor, set }: TriggerFieldsProps) {
  return (
    <>
      <div className="field-row">
        <Field
          fieldKey={`${base}.everyMs`}
          label="Every"
          error={errorFor(`${base}.everyMs`)}
          help="From 1 second to 1 year."
        >
          {(control) => (
            <div className="input-group">
              <input
                {...control}
                className="input"
                type="number"
                min={1}
                step="any"
                value={draft.every}
                onChange={(event) => {
                  set('every', event.target.value, `${base}.everyMs`);
                }}
              />
              <select
                className="select unit-select"
                aria-label="Interval unit"
                value={draft.unit}
                onChange={(event) => {
                  set('unit', event.target.value as IntervalUnit, `${base}.everyMs`);
                }}
              >
                {(Object.keys(UNIT_LABELS) as IntervalUnit[]).map((unit) => (
                  <option key={unit} value={unit}>
                    {UNIT_LABELS[unit]}
                  </option>
                ))}
              </select>
            </div>
          )}
        </Field>
        <Field
          fieldKey={`${base}.jitterMs`}
          label="Random delay"
          hint="(seconds, optional)"
          error={errorFor(`${base}.jitterMs`)}
          help="Up to this much later at random, so many machines do not start at once."
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="number"
              min={0}
              step="any"
              placeholder="None"
              value={draft.jitterSeconds}
              onChange={(event) => {
                set('jitterSeconds', event.target.value, `${base}.jitterMs`);
              }}
            />
          )}
        </Field>
      </div>
      <Field
        fieldKey={`${base}.startAt`}
        label="Starting at"
        hint="(optional)"
        error={errorFor(`${base}.startAt`)}
        help="Runs fall at this time and every interval after it, in this computer’s time zone. Empty counts from when you save."
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="datetime-local"
            step={1}
            value={draft.startAt}
            onChange={(event) => {
              set('startAt', event.target.value, `${base}.startAt`);
            }}
          />
        )}
      </Field>
    </>
  );
}
