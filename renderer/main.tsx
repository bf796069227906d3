// First: it opens the connection to Taskdeck while everything below is loaded.
import { transport } from './transport/early-transport.js';
import '@fontsource-variable/inter';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { StoreContext } from './hooks/use-app-store.js';
import { NoToken } from './no-token.js';
import { startBridge } from './store/bridge.js';
import { createTaskdeckStore } from './store/create-store.js';
import { hashToRoute, routeOfTarget } from './store/route.js';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/task-list.css';
import './styles/editor.css';
import './styles/detail.css';
import './styles/dashboard.css';
import './styles/settings.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
const root = createRoot(container);

if (transport.kind === 'no-token') {
  root.render(<NoToken />);
} else {
  const store = createTaskdeckStore(transport.api, window.localStorage);
  store.setState({ route: hashToRoute(window.location.hash) });
  startBridge(transport.api, store, transport.connection);
  // The desktop app (a notification, the tray) asks to show a task or one of its runs.
  window.taskdeck?.onOpen((target) => {
    store.getState().navigate(routeOfTarget(target));
  });
  root.render(
    <StrictMode>
      <StoreContext value={store}>
        <App />
      </StoreContext>
    </StrictMode>,
  );
}
