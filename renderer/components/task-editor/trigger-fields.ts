import type { TriggerDraft } from '../../editor/task-draft.js';

/** What the fields of one trigger type get from their card. */
export interface TriggerFieldsProps {
  draft: TriggerDraft;
  /** The trigger's document key, e.g. `triggers.0`; its fields' keys start with it. */
  base: string;
  errorFor: (key: string) => string | undefined;
  /** Changes one field of the draft and marks `touchedKey` as touched. */
  set: <K extends keyof TriggerDraft>(field: K, value: TriggerDraft[K], touchedKey: string) => void;
}
