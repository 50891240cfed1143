/** Entry: choose the transport, build the one store, connect them, mount the window. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { createAppStore } from './store/app-store';
import { StoreProvider } from './store/store-context';
import { chooseTransport } from './transport/choose-transport';
import { connectStore } from './transport/connect-store';
import './styles/tokens.css';
import './styles/app.css';
import './styles/stage-controls.css';
import './styles/plan-editor.css';

const transport = chooseTransport();
const store = createAppStore(transport.send);
connectStore(store, transport);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </ErrorBoundary>
  </StrictMode>,
);
