import type { ParamIssue } from '../../shared/errors.js';
import { exportDocumentSchema, type ExportDocument } from '../../shared/schemas/transfer.js';
import { toParamIssues } from '../../shared/validation.js';

/** A file picked for import: ready to send, or why it cannot be. */
export type ImportFile =
  | { ok: true; fileName: string; document: ExportDocument }
  | {
      ok: false;
      fileName: string;
      /** What is wrong with the file as a whole. */
      message: string;
      /** Field by field, when the file is JSON but not an export Taskdeck can read. */
      issues: ParamIssue[];
      /** Task names found in the file, to name tasks in the issues. */
      names: (string | undefined)[];
    };

/** Issues listed at most; a file from elsewhere can have thousands. */
export const ISSUES_SHOWN = 20;

function namesIn(value: unknown): (string | undefined)[] {
  const tasks = (value as { tasks?: unknown } | null)?.tasks;
  if (!Array.isArray(tasks)) return [];
  return (tasks as unknown[]).map((task) => {
    const name = (task as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name : undefined;
  });
}

/**
 * Reads a picked file as Taskdeck's export format, checked with the same schema the service
 * uses, so a wrong file is explained before anything is sent (and nothing changes).
 */
export function readImportFile(fileName: string, text: string): ImportFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      fileName,
      message: `It is not JSON (${error instanceof Error ? error.message : 'unreadable'}); pick a file saved with Export.`,
      issues: [],
      names: [],
    };
  }
  const result = exportDocumentSchema.safeParse(value);
  if (result.success) return { ok: true, fileName, document: result.data };
  const format = (value as { format?: unknown } | null)?.format;
  return {
    ok: false,
    fileName,
    message:
      format === 'taskdeck'
        ? 'Some of what it holds is not valid:'
        : 'It is not a Taskdeck export file; pick a file saved with Export.',
    issues: toParamIssues(result.error),
    names: namesIn(value),
  };
}

/** The name of the file Export saves: `taskdeck-tasks-2026-03-03.json` (the local date). */
export function exportFileName(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `taskdeck-tasks-${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}.json`;
}
