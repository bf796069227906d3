/** The part of Electron's `before-quit` event used here. */
export interface QuitEvent {
  preventDefault(): void;
}

/**
 * A graceful quit: the first `before-quit` is held back while `shutdown` runs (stop firing,
 * give running work its grace period, record what was interrupted, close the stores), then
 * `quit` is called again and goes through. Later `before-quit`s during the shutdown are held
 * back too, so a second Quit cannot cut it short.
 */
export class QuitSequence {
  private phase: 'running' | 'stopping' | 'stopped' = 'running';
  private done: Promise<void> | null = null;

  constructor(
    private readonly shutdown: () => Promise<void>,
    private readonly quit: () => void,
    private readonly log: (message: string, error: unknown) => void = (message, error) => {
      console.error(`Taskdeck: ${message}`, error);
    },
  ) {}

  /** True from the first quit request on: windows close for real instead of hiding. */
  get quitting(): boolean {
    return this.phase !== 'running';
  }

  /** Resolves once the shutdown has finished (null before any quit request). */
  get finished(): Promise<void> | null {
    return this.done;
  }

  /** The `before-quit` listener. */
  readonly onBeforeQuit = (event: QuitEvent): void => {
    if (this.phase === 'stopped') return;
    event.preventDefault();
    if (this.phase === 'stopping') return;
    this.phase = 'stopping';
    this.done = this.shutdown()
      .catch((error: unknown) => {
        // A failed step must not leave the app unable to quit.
        this.log('shutting down failed', error);
      })
      .then(() => {
        this.phase = 'stopped';
        this.quit();
      });
  };
}
