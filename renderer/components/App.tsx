import { ConnectionNotice } from './ConnectionNotice';
import { ErrorBanner } from './ErrorBanner';
import { ErrorBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { LossChart } from './LossChart';
import { ProjectPanel } from './ProjectPanel';
import { RunControls } from './RunControls';
import { RunList } from './RunList';
import { RunStats } from './RunStats';
import { StatusBar } from './StatusBar';

/** The main window: project and runs on the left, the active run in the middle, status below. */
export function App() {
  return (
    <div className="app">
      <Header />
      <ErrorBanner />
      <ConnectionNotice />
      <div className="app-body">
        <aside className="sidebar">
          <ErrorBoundary>
            <ProjectPanel />
            <RunList />
          </ErrorBoundary>
        </aside>
        <main className="main">
          <ErrorBoundary>
            <RunControls />
            <RunStats />
            <LossChart />
          </ErrorBoundary>
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
