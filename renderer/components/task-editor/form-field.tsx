import { useState, type ReactNode } from 'react';

/** The DOM id of the control for a document path key (`triggers.0.expression`). */
export const fieldId = (key: string) => `field-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Props that tie a control to its label, help and error. */
export function controlProps(key: string, error: string | undefined, help?: string) {
  const id = fieldId(key);
  const describedBy = [
    error === undefined ? null : `${id}-error`,
    help === undefined ? null : `${id}-help`,
  ]
    .filter((part) => part !== null)
    .join(' ');
  return {
    id,
    'aria-invalid': error !== undefined,
    ...(describedBy === '' ? {} : { 'aria-describedby': describedBy }),
  };
}

interface FieldProps {
  fieldKey: string;
  label: string;
  help?: string | undefined;
  error?: string | undefined;
  /** Shown after the label, e.g. "(optional)". */
  hint?: string;
  className?: string;
  children: ReactNode;
}

/** A labelled form control with its help text and, when there is one, its error. */
export function Field({ fieldKey, label, help, error, hint, className, children }: FieldProps) {
  const id = fieldId(fieldKey);
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {hint !== undefined && <span className="field-hint"> {hint}</span>}
      </label>
      {children}
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
