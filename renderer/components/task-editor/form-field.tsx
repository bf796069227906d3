import { useState, type ReactNode } from 'react';

/** The DOM id of the control for a document path key (`triggers.0.expression`). */
export const fieldId = (key: string) => `field-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** What ties a control to its label, its error and its help; spread onto the control. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

interface FieldProps {
  fieldKey: string;
  label: string;
  help?: string | undefined;
  error?: string | undefined;
  /** Shown after the label, e.g. "(optional)". */
  hint?: string;
  className?: string;
  /** Renders the control with the props that link it to this field's label, error and help. */
  children: (control: ControlProps) => ReactNode;
}

/**
 * A labelled form control with its help text and, when there is one, its error. The control
 * gets its props from here, so a screen reader always hears the error and the help with it.
 */
export function Field({ fieldKey, label, help, error, hint, className, children }: FieldProps) {
  const id = fieldId(fieldKey);
  const described = [
    error === undefined ? null : `${id}-error`,
    help === undefined ? null : `${id}-help`,
  ].filter((part) => part !== null);
  const control: ControlProps = {
    id,
    'aria-invalid': error !== undefined,
    ...(described.length === 0 ? {} : { 'aria-describedby': described.join(' ') }),
  };
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {hint !== undefined && <span className="field-hint"> {hint}</span>}
      </label>
      {children(control)}
      {error !== undefined && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {help !== undefined && (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      )}
    </div>
  );
}

interface CheckFieldProps {
  fieldKey: string;
  label: string;
  help?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}

/** A checkbox with its label and, when given, help text the checkbox is described by. */
export function CheckField({
  fieldKey,
  label,
  help,
  checked,
  onChange,
  className,
}: CheckFieldProps) {
  const id = fieldId(fieldKey);
  return (
    <div className={`field ${className ?? ''}`}>
      <label className="check">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          {...(help === undefined ? {} : { 'aria-describedby': `${id}-help` })}
          onChange={(event) => {
            onChange(event.target.checked);
          }}
        />
        {label}
      </label>
      {help !== undefined && (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      )}
    </div>
  );
}

interface SectionProps {
  title: string;
  summary?: string;
  /** Opens the section by itself (when a field in it has an error). */
  forceOpen?: boolean;
  children: ReactNode;
}

/** A collapsible group of advanced options, closed until wanted or until it holds an error. */
export function AdvancedSection({ title, summary, forceOpen, children }: SectionProps) {
  const [open, setOpen] = useState(false);
  // Opened for an error, it stays open after the fix: closing under the cursor would jar.
  if (forceOpen === true && !open) setOpen(true);
  return (
    <details
      className="advanced"
      open={open}
      onToggle={(event) => {
        setOpen(event.currentTarget.open);
      }}
    >
      <summary>
        <span className="advanced-title">{title}</span>
        {summary !== undefined && <span className="advanced-summary">{summary}</span>}
      </summary>
      <div className="advanced-body">{children}</div>
    </details>
  );
}
