import type { SettingsSlice } from './app-state.js';
import { messageOf, type Slice } from './slice.js';

/** Settings, the scheduler's status, problems to show, and the link to Taskdeck. */
export const settingsSlice: Slice<SettingsSlice> = (api) => (set, get) => {
  async function setPaused(paused: boolean): Promise<void> {
    const before = get().scheduler;
    if (before !== null) set({ scheduler: { ...before, paused } });
    try {
      const scheduler = await api.call(paused ? 'scheduler.pauseAll' : 'scheduler.resumeAll', {});
      set({ scheduler });
      get().notify(
        'info',
        paused
          ? 'Paused all tasks: nothing new starts; running tasks finish'
          : 'Resumed: tasks start on schedule again',
      );
    } catch (error) {
      if (get().scheduler?.paused === paused) set({ scheduler: before });
      get().notify('error', `Could not ${paused ? 'pause' : 'resume'} all: ${messageOf(error)}`);
    }
  }

  return {
    settings: null,
    scheduler: null,
    problems: [],
    connection: 'connecting',

    async loadSettings() {
      try {
        const [settings, problems] = await Promise.all([
          api.call('settings.get', {}),
          api.call('system.problems', {}),
        ]);
        set({ settings, problems });
      } catch (error) {
        get().notify('error', `Could not load settings: ${messageOf(error)}`);
      }
    },

    async loadScheduler() {
      try {
        set({ scheduler: await api.call('scheduler.status', {}) });
      } catch (error) {
        get().notify('error', `Could not load the scheduler status: ${messageOf(error)}`);
      }
    },

    pauseAll: () => setPaused(true),
    resumeAll: () => setPaused(false),

    setConnection(connection) {
      set({ connection });
    },

    async updateSettings(patch) {
      const settings = await api.call('settings.update', patch);
      set({ settings });
      // The toolbar's "N of M running" follows the new limit at once.
      if (patch.maxRunningTasks !== undefined) await get().loadScheduler();
      return settings;
    },

    exportTasks() {
      return api.call('tasks.export', {});
    },

    async importTasks(document, mode) {
      const { imported } = await api.call('tasks.import', { document, mode });
      // Replacing may adopt the file's settings; either way the tasks are new to this window.
      await Promise.all([get().loadTasks(), get().loadSettings(), get().loadScheduler()]);
      return imported;
    },
  };
};
