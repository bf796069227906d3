import '@fontsource-variable/inter';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { StoreContext } from './hooks/use-app-store.js';
import { hashToRoute } from './hooks/use-hash-route.js';
import { NoToken } from './no-token.js';
import { startBridge } from './store/bridge.js';
import { createTaskdeckStore } from './store/create-store.js';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/task-list.css';
import './styles/editor.css';
import './styles/detail.css';
import { connectTransport } from './transport/connect-transport.js';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
const root = createRoot(container);
const transport = connectTransport();

if (transport.kind === 'no-token') {
  root.render(<NoToken />);
} else {
  const store = createTaskdeckStore(transport.api);
  store.setState({ route: hashToRoute(window.location.hash) });
  startBridge(transport.api, store, transport.connection);
  root.render(
    <StrictMode>
      <StoreContext value={store}>
        <App />
      </StoreContext>
    </StrictMode>,
  );
}
