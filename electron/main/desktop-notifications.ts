import type { OpenTarget } from './ipc-channels.js';
import { noticeText, type NoticeRun } from './notice-text.js';

/** A finished run to tell the person about. */
export interface NoticeExecution extends NoticeRun {
  id: string;
  taskId: string;
}

/** The part of an Electron `Notification` used here. */
export interface ShownNotification {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

/** The part of Electron's `Notification` class used here (main passes Electron's own). */
export interface NotificationClass {
  new (options: { title: string; body: string; icon: string }): ShownNotification;
  isSupported(): boolean;
}

/** What desktop notifications are shown with. */
export interface DesktopNotificationsOptions {
  Notification: NotificationClass;
  icon: string;
  /** Shows `target` in the window (a click on a run's notification). */
  open(target: OpenTarget): void;
}

/** Notifications kept referenced so their click handlers survive garbage collection. */
const MAX_LIVE = 20;

/**
 * Desktop notifications: one per finished run the service flags (per task `notify` and the
 * `notifications` setting); clicking one opens that run in the window.
 */
export class DesktopNotifications {
  private readonly live: ShownNotification[] = [];

  constructor(private readonly options: DesktopNotificationsOptions) {}

  /** Tells the person how `run` ended; a click opens it. */
  run(run: NoticeExecution): void {
    const { title, body } = noticeText(run);
    this.show(title, body, { kind: 'execution', taskId: run.taskId, executionId: run.id });
  }

  /** A one-off message (e.g. why "Run now" from the tray could not run a task). */
  message(title: string, body: string): void {
    this.show(title, body, null);
  }

  private show(title: string, body: string, target: OpenTarget | null): void {
    const { Notification, icon } = this.options;
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title, body, icon });
    const forget = () => {
      const index = this.live.indexOf(notification);
      if (index >= 0) this.live.splice(index, 1);
    };
    notification.on('click', () => {
      forget();
      if (target !== null) this.options.open(target);
    });
    notification.on('close', forget);
    this.live.push(notification);
    if (this.live.length > MAX_LIVE) this.live.shift();
    notification.show();
  }
}
