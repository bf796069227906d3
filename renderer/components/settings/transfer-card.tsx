import clsx from 'clsx';
import { CircleAlert, CircleCheck, Download, FileJson, Loader2, Upload } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { TaskdeckError, type ParamIssue } from '../../../shared/errors.js';
import { describeIssues } from '../../format/issue-path.js';
import { formatDateTime } from '../../format/time.js';
import { useActions, useAppStore } from '../../hooks/use-app-store.js';
import { downloadText } from '../../settings/download-file.js';
import {
  exportFileName,
  ISSUES_SHOWN,
  readImportFile,
  type ImportFile,
} from '../../settings/import-file.js';
import { messageOf, plural } from '../../store/slice.js';
import { selectTaskCount } from '../../store/task-values.js';
import { ConfirmDialog } from '../confirm-dialog.js';

type Mode = 'merge' | 'replace';

/** What the last import did, as the report shows it. */
type Report =
  | { ok: true; imported: number; mode: Mode; fileName: string }
  | {
      ok: false;
      fileName: string;
      message: string;
      issues: ParamIssue[];
      names: (string | undefined)[];
    };

const MODES: { mode: Mode; title: string; text: string }[] = [
  {
    mode: 'merge',
    title: 'Add to my tasks',
    text: 'Your tasks stay. A task whose id is already taken is added under a new id.',
  },
  {
    mode: 'replace',
    title: 'Replace my tasks',
    text: 'Deletes all your tasks and their history first, and adopts the file’s settings.',
  },
];

function IssueList({
  issues,
  names,
}: {
  issues: readonly ParamIssue[];
  names: readonly (string | undefined)[];
}) {
  const lines = describeIssues(issues.slice(0, ISSUES_SHOWN), (index) => names[index]);
  return (
    <ul className="issue-list">
      {lines.map((line, index) => (
        <li key={index}>
          {line.where !== '' && <span className="issue-where">{line.where}: </span>}
          {line.message}
        </li>
      ))}
      {issues.length > ISSUES_SHOWN && (
        <li className="muted">…and {issues.length - ISSUES_SHOWN} more problems.</li>
      )}
    </ul>
  );
}

function ImportReport({ report }: { report: Report }) {
  if (report.ok) {
    return (
      <div className="import-report ok" role="status" aria-label="Import report">
        <CircleCheck size={16} aria-hidden />
        <p>
          Imported {plural(report.imported, 'task')} from <strong>{report.fileName}</strong>
          {report.mode === 'replace' ? ', replacing your tasks.' : ', added to your tasks.'}
        </p>
      </div>
    );
  }
  return (
    <div className="import-report failed" role="alert" aria-label="Import report">
      <CircleAlert size={16} aria-hidden />
      <div>
        <p>
          Nothing was imported from <strong>{report.fileName}</strong>. {report.message}
        </p>
        {report.issues.length > 0 && <IssueList issues={report.issues} names={report.names} />}
      </div>
    </div>
  );
}

/**
 * Moving tasks between computers: export every task and the settings to a JSON file, and
 * import such a file (checked first; added to the tasks or replacing them, which asks first),
 * with a report of what was imported or, field by field, why not.
 */
export function TransferCard() {
  const ids = useId();
  const taskCount = useAppStore(selectTaskCount);
  const { exportTasks, importTasks, notify } = useActions();
  const input = useRef<HTMLInputElement>(null);
  const [exporting, setExporting] = useState(false);
  const [file, setFile] = useState<ImportFile | null>(null);
  const [mode, setMode] = useState<Mode>('merge');
  const [importing, setImporting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [report, setReport] = useState<Report | null>(null);

  const doExport = async () => {
    setExporting(true);
    try {
      const document = await exportTasks();
      const name = exportFileName(new Date());
      downloadText(name, `${JSON.stringify(document, null, 2)}\n`);
      notify('info', `Exported ${plural(document.tasks.length, 'task')} to ${name}`);
    } catch (error) {
      notify('error', `Could not export: ${messageOf(error)}`);
    } finally {
      setExporting(false);
    }
  };

  const pick = async (picked: File | undefined) => {
    setReport(null);
    if (picked === undefined) {
      setFile(null);
      return;
    }
    const read = readImportFile(picked.name, await picked.text());
    setFile(read);
    if (!read.ok) setReport(read);
  };

  const doImport = async () => {
    if (file?.ok !== true) return;
    setImporting(true);
    try {
      const imported = await importTasks(file.document, mode);
      setReport({ ok: true, imported, mode, fileName: file.fileName });
      setFile(null);
      if (input.current !== null) input.current.value = '';
      notify('info', `Imported ${plural(imported, 'task')}`);
    } catch (error) {
      const names = file.document.tasks.map((task) => task.name);
      setReport({
        ok: false,
        fileName: file.fileName,
        message:
          error instanceof TaskdeckError && error.code === 'invalid_params'
            ? 'Taskdeck refused it:'
            : messageOf(error),
        issues: error instanceof TaskdeckError ? error.issues : [],
        names,
      });
    } finally {
      setImporting(false);
    }
  };

  const ready = file?.ok === true ? file : null;
  return (
    <section className="card settings-card" aria-labelledby={`${ids}-title`}>
      <header className="settings-card-head">
        <h2 id={`${ids}-title`}>Export and import</h2>
        <p className="muted">Move your tasks to another computer, or keep a copy of them.</p>
      </header>

      <div className="setting">
        <div className="setting-text">
          <span className="setting-label">Export</span>
          <p className="setting-help">
            Saves all {plural(taskCount, 'task')} and your settings to a JSON file. Commands and
            their environment are saved as they are, secrets included.
          </p>
        </div>
        <div className="setting-control">
          <button
            type="button"
            className="btn"
            disabled={exporting}
            onClick={() => void doExport()}
          >
            {exporting ? (
              <Loader2 size={15} className="spin" aria-hidden />
            ) : (
              <Download size={15} aria-hidden />
            )}
            Export tasks
          </button>
        </div>
      </div>

      <div className="setting import-setting">
        <div className="setting-text">
          <span className="setting-label" id={`${ids}-import`}>
            Import
          </span>
          <p className="setting-help">
            Reads a file saved with Export. It is checked before anything changes.
          </p>
        </div>
        <div className="setting-control">
          <label className="btn file-button">
            <Upload size={15} aria-hidden /> Choose a file…
            <input
              ref={input}
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              aria-label="Choose a file to import"
              onChange={(event) => void pick(event.target.files?.[0])}
            />
          </label>
        </div>
      </div>

      {ready !== null && (
        <div className="import-plan" aria-labelledby={`${ids}-import`}>
          <p className="import-file">
            <FileJson size={16} aria-hidden />
            <span>
              <strong>{ready.fileName}</strong>: {plural(ready.document.tasks.length, 'task')},
              exported {formatDateTime(Date.parse(ready.document.exportedAt))}
            </span>
          </p>
          <div className="mode-choice" role="radiogroup" aria-label="How to import">
            {MODES.map((choice) => (
              <label
                key={choice.mode}
                className={clsx('mode-option', mode === choice.mode && 'on')}
              >
                <input
                  type="radio"
                  name={`${ids}-mode`}
                  checked={mode === choice.mode}
                  onChange={() => {
                    setMode(choice.mode);
                  }}
                />
                <span>
                  <span className="mode-title">{choice.title}</span>
                  <span className="mode-text">{choice.text}</span>
                </span>
              </label>
            ))}
          </div>
          <div className="import-actions">
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => {
                setFile(null);
                if (input.current !== null) input.current.value = '';
              }}
            >
              Cancel
            </button>
            <button
              type="button"
              className={clsx('btn', mode === 'replace' ? 'btn-danger' : 'btn-primary')}
              disabled={importing}
              onClick={() => {
                if (mode === 'replace') setConfirming(true);
                else void doImport();
              }}
            >
              {importing && <Loader2 size={14} className="spin" aria-hidden />}
              {mode === 'replace'
                ? 'Replace my tasks…'
                : `Import ${plural(ready.document.tasks.length, 'task')}`}
            </button>
          </div>
        </div>
      )}

      {report !== null && <ImportReport report={report} />}

      {confirming && ready !== null && (
        <ConfirmDialog
          title={`Replace all ${plural(taskCount, 'task')}?`}
          message={`Your ${plural(taskCount, 'task')} and their history are deleted and replaced by the ${plural(ready.document.tasks.length, 'task')} in ${ready.fileName}${ready.document.settings === undefined ? '' : ', and its settings are applied'}. This cannot be undone.`}
          confirmLabel="Replace tasks"
          onCancel={() => {
            setConfirming(false);
          }}
          onConfirm={() => {
            setConfirming(false);
            void doImport();
          }}
        />
      )}
    </section>
  );
}
