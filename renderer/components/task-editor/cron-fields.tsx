import { describeCron } from '../../format/trigger-words.js';
import { Field } from './form-field.js';
import type { TriggerFieldsProps } from './trigger-fields.js';

const CRON_PRESETS = [
  { label: 'Every 15 min', expression: '*/15 * * * *' },
  { label: 'Hourly', expression: '0 * * * *' },
  { label: 'Daily 09:00', expression: '0 9 * * *' },
  { label: 'Weekdays 09:00', expression: '0 9 * * 1-5' },
  { label: 'Mondays 08:00', expression: '0 8 * * 1' },
];

// Every IANA zone the browser knows, for the zone field's suggestions.
const TIME_ZONES = Intl.supportedValuesOf('timeZone');

/** A cron trigger's fields: the expression with presets and its plain words, and the zone. */
export function CronFields({ draft, base, errorFor, set }: TriggerFieldsProps) {
  const expressionError = errorFor(`${base}.expression`);
  const words = expressionError === undefined ? describeCron(draft.expression) : null;
  return (
    <>
      <div className="field-row">
        <Field
          fieldKey={`${base}.expression`}
          label="Cron expression"
          error={expressionError}
          help="minute hour day-of-month month day-of-week; add a sixth field first for seconds."
          className="grow"
        >
          {(control) => (
            <input
              {...control}
              className="input input-mono"
              spellCheck={false}
              autoComplete="off"
              value={draft.expression}
              onChange={(event) => {
                set('expression', event.target.value, `${base}.expression`);
              }}
            />
          )}
        </Field>
        <Field
          fieldKey={`${base}.timezone`}
          label="Time zone"
          hint="(optional)"
          error={errorFor(`${base}.timezone`)}
          help="Empty follows this computer’s zone."
        >
          {(control) => (
            <>
              <input
                {...control}
                className="input"
                list="time-zones"
                spellCheck={false}
                placeholder={Intl.DateTimeFormat().resolvedOptions().timeZone}
                value={draft.timezone}
                onChange={(event) => {
                  set('timezone', event.target.value, `${base}.timezone`);
                }}
              />
              <datalist id="time-zones">
                {TIME_ZONES.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </div>
      <div className="presets" role="group" aria-label="Common schedules">
        {CRON_PRESETS.map((preset) => (
          <button
            key={preset.expression}
            type="button"
            className="chip"
            aria-pressed={draft.expression.trim() === preset.expression}
            onClick={() => {
              set('expression', preset.expression, `${base}.expression`);
            }}
          >
            {preset.label}
          </button>
        ))}
      </div>
      {words !== null && (
        <p className="cron-words" role="status" aria-label="The schedule in words">
          {words}
        </p>
      )}
    </>
  );
}
