import type { ApiEvent } from '../../shared/api.js';
import type {
  Execution,
  ExecutionStatus,
  OutputChunk,
  ResourceSample,
} from '../../shared/schemas/execution.js';
import type { Settings, SettingsPatch } from '../../shared/schemas/settings.js';
import type { StatsSummary } from '../../shared/schemas/stats.js';
import type { Problem, SchedulerStatus, SystemSample } from '../../shared/schemas/system.js';
import type {
  DstPolicy,
  TaskDocumentInput,
  TaskState,
  TaskView,
} from '../../shared/schemas/task.js';
import type { Trigger } from '../../shared/schemas/trigger.js';
import type { TraceEntry } from '../../shared/schemas/trace.js';
import type { ExportDocument } from '../../shared/schemas/transfer.js';
import type { ConnectionState } from './connection.js';
import type { LogBuffer, TailEnd } from './log-buffer.js';

/** One finished run as a sparkline draws it. */
export interface RecentRun {
  id: string;
  status: ExecutionStatus;
  durationMs: number;
}

/** A task's history table: the pages loaded so far under one status filter. */
export interface HistoryState {
  items: Execution[];
  nextCursor: string | null;
  loading: boolean;
  loaded: boolean;
  filter: ExecutionStatus | null;
  error: string | null;
}

/** A task's firing trace, newest first. */
export interface TraceState {
  entries: TraceEntry[];
  loading: boolean;
  loaded: boolean;
}

/** An execution the window is looking at: its latest state and its live log. */
export interface OpenedExecution {
  execution: Execution | null;
  log: LogBuffer;
  /** Output that arrived live while the saved tail was loading; merged when it comes. */
  pending: OutputChunk[];
  /**
   * Where the saved tail ended; live output from before it is already shown (its events can
   * arrive after the tail). Null once live output has moved past it, or when there was none.
   */
  tailEnd: TailEnd | null;
  loading: boolean;
  error: string | null;
}

/** Tasks: the list, sparklines, and what a person does to tasks. */
export interface TasksSlice {
  tasks: Record<string, TaskView>;
  tasksLoaded: boolean;
  tasksError: string | null;
  /** Recent finished runs per task (oldest first), for sparklines. */
  recent: Record<string, RecentRun[]>;
  loadTasks: () => Promise<void>;
  loadRecent: (ids: readonly string[]) => Promise<void>;
  pauseTasks: (ids: readonly string[]) => Promise<void>;
  resumeTasks: (ids: readonly string[]) => Promise<void>;
  removeTasks: (ids: readonly string[]) => Promise<void>;
  duplicateTask: (id: string) => Promise<TaskView | null>;
  runNow: (id: string) => Promise<string | null>;
  /** Creates a task; rejects with the service's TaskdeckError so the editor can place it. */
  createTask: (document: TaskDocumentInput) => Promise<TaskView>;
  /** Applies a merge patch; rejects with the service's TaskdeckError. */
  updateTask: (id: string, patch: Record<string, unknown>) => Promise<TaskView>;
  /** A trigger's description and next fire times, from the service's own scheduling code. */
  previewTrigger: (
    trigger: Trigger,
    dst?: DstPolicy,
  ) => Promise<{ description: string; next: string[] }>;
}

/** Executions: history pages, traces, what is running, opened runs. */
export interface ExecutionsSlice {
  history: Record<string, HistoryState>;
  trace: Record<string, TraceState>;
  /** Queued and running executions, by id. */
  active: Record<string, Execution>;
  opened: Record<string, OpenedExecution>;
  loadHistory: (taskId: string, filter?: ExecutionStatus | null) => Promise<void>;
  loadMoreHistory: (taskId: string) => Promise<void>;
  loadTrace: (taskId: string) => Promise<void>;
  loadActive: () => Promise<void>;
  openExecution: (id: string) => Promise<void>;
  closeExecution: (id: string) => void;
  cancelExecution: (id: string) => Promise<void>;
  /** Drops a task's loaded history and trace (its page closed), so memory stays bounded. */
  forgetTaskDetail: (taskId: string) => void;
}

/** Resource readings of opened runs and of the machine. */
export interface ResourcesSlice {
  /** Resource samples of opened executions, oldest first. */
  samples: Record<string, ResourceSample[]>;
  /** Readings of the whole machine, oldest first (a bounded window). */
  system: SystemSample[];
}

/** Settings, the scheduler's status, problems, and the link to Taskdeck. */
export interface SettingsSlice {
  settings: Settings | null;
  scheduler: SchedulerStatus | null;
  problems: Problem[];
  connection: ConnectionState;
  loadSettings: () => Promise<void>;
  loadScheduler: () => Promise<void>;
  pauseAll: () => Promise<void>;
  resumeAll: () => Promise<void>;
  setConnection: (state: ConnectionState) => void;
  /** Applies settings at once; rejects with the service's TaskdeckError so fields can show it. */
  updateSettings: (patch: SettingsPatch) => Promise<Settings>;
  /** Every task and the settings, as an export file holds them. */
  exportTasks: () => Promise<ExportDocument>;
  /**
   * Imports a validated export file, then reloads what it may have changed; resolves to the
   * number imported and rejects with the service's TaskdeckError (nothing imported).
   */
  importTasks: (document: ExportDocument, mode: 'merge' | 'replace') => Promise<number>;
}

/** A trigger's planned fires, as `triggers.preview` gave them. */
export interface FirePreview {
  /** The moment the fires were asked after (ms since the epoch). */
  from: number;
  /** Fire times in ms, ascending, strictly after `from`. */
  fires: number[];
  /** True when the service's count limit cut the list short (more fires follow). */
  more: boolean;
}

/** Success and failure over a stretch of time, as `stats.summary` counts it. */
export interface OutcomeWindow {
  summary: StatsSummary;
  /** The start the service counted from: it counts whole UTC days. */
  countedFrom: number;
}

/** The overview: outcomes, recent failures, planned fires, and dismissed problems. */
export interface DashboardSlice {
  outcomes: { day: OutcomeWindow; week: OutcomeWindow } | null;
  outcomesError: string | null;
  /** The latest failed or timed-out runs, newest first; null until loaded. */
  recentFailures: Execution[] | null;
  /** Planned fires per trigger (keyed by `previewKey`), for the next-24-hours timeline. */
  previews: Record<string, FirePreview>;
  /** Problems the person dismissed (by `problemKey`), remembered across restarts. */
  dismissedProblems: string[];
  loadOutcomes: () => Promise<void>;
  /** Reloads queued tasks, whose queue positions move without events of their own. */
  refreshQueue: () => Promise<void>;
  /** Asks for the planned fires of these tasks' time triggers that are not known yet. */
  loadPreviews: (tasks: readonly TaskView[], now: number) => Promise<void>;
  dismissProblem: (problem: Problem) => void;
}

/** What the task list can be ordered by. */
export type SortKey = 'name' | 'state' | 'nextRun' | 'lastRun';

/** Where the window is: a screen, and on a task's page the run it shows (if picked). */
export type Route =
  | { screen: 'dashboard' }
  | { screen: 'tasks' }
  | { screen: 'task'; taskId: string; executionId?: string }
  | { screen: 'settings' };

/** The task editor: closed, creating, or editing one task. */
export type EditorState = { mode: 'create' } | { mode: 'edit'; taskId: string } | null;

/** A short message in the corner: what just happened, or what failed. */
export interface Toast {
  id: number;
  kind: 'info' | 'error';
  message: string;
}

/** What the person is looking at and choosing. */
export interface UiSlice {
  route: Route;
  query: string;
  stateFilter: TaskState | null;
  tagFilter: string | null;
  sort: { key: SortKey; descending: boolean };
  /** Selected task ids (multi-select), in the order they were selected. */
  selection: string[];
  /** The row shift-click ranges from. */
  anchorId: string | null;
  /** The row keyboard navigation is on. */
  activeId: string | null;
  editor: EditorState;
  toasts: Toast[];
  /** The keyboard shortcuts overlay. */
  helpOpen: boolean;
  navigate: (route: Route) => void;
  setQuery: (query: string) => void;
  setStateFilter: (state: TaskState | null) => void;
  setTagFilter: (tag: string | null) => void;
  setSort: (key: SortKey) => void;
  setSelection: (ids: string[], anchorId?: string | null) => void;
  setActive: (id: string | null) => void;
  openEditor: (editor: EditorState) => void;
  notify: (kind: Toast['kind'], message: string) => void;
  dismissToast: (id: number) => void;
  setHelpOpen: (open: boolean) => void;
}

/** Applies a batch of API events in one state change. */
export interface EventsSlice {
  applyEvents: (events: readonly ApiEvent[]) => void;
  /** Reloads everything the window shows (at start and after a reconnect). */
  refreshAll: () => Promise<void>;
}

/** The whole window state: one store built from slices. */
export type AppState = TasksSlice &
  ExecutionsSlice &
  ResourcesSlice &
  SettingsSlice &
  DashboardSlice &
  UiSlice &
  EventsSlice;
