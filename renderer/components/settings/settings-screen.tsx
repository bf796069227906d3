import { Loader2 } from 'lucide-react';
import { useAppStore } from '../../hooks/use-app-store.js';
import { SETTING_SPECS } from '../../settings/setting-specs.js';
import { NumberSetting, ToggleSetting } from './setting-field.js';
import { TransferCard } from './transfer-card.js';

/**
 * Settings: every setting with its bounds and help, each applied the moment it is valid (no
 * Save button), then export and import.
 */
export function SettingsScreen() {
  const settings = useAppStore((state) => state.settings);
  const numbers = SETTING_SPECS.filter((spec) => spec.kind === 'number');
  const toggles = SETTING_SPECS.filter((spec) => spec.kind === 'toggle');
  return (
    <section className="screen settings-screen" aria-labelledby="settings-title">
      <header className="screen-header">
        <div className="screen-title">
          <h1 id="settings-title">Settings</h1>
        </div>
        <p className="muted screen-subtitle">Changes apply at once.</p>
      </header>
      {settings === null ? (
        <div className="empty-state" role="status">
          <Loader2 size={18} className="spin" aria-hidden /> Loading settings…
        </div>
      ) : (
        <>
          <section className="card settings-card" aria-labelledby="settings-running">
            <header className="settings-card-head">
              <h2 id="settings-running">Running tasks</h2>
              <p className="muted">How many run at once, and what is kept of each run.</p>
            </header>
            {numbers.map((spec) => (
              <NumberSetting key={spec.key} spec={spec} value={settings[spec.key]} />
            ))}
          </section>
          <section className="card settings-card" aria-labelledby="settings-desktop">
            <header className="settings-card-head">
              <h2 id="settings-desktop">Desktop app</h2>
              <p className="muted">
                How Taskdeck behaves on your desktop; a browser window only stores them.
              </p>
            </header>
            {toggles.map((spec) => (
              <ToggleSetting key={spec.key} spec={spec} value={settings[spec.key]} />
            ))}
          </section>
          <TransferCard />
        </>
      )}
    </section>
  );
}
