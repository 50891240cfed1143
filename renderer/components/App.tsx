import { lazy, Suspense } from 'react';
import { ConnectionNotice } from './ConnectionNotice';
import { DesktopShell } from './shell/DesktopShell';
import { ControlsPanel } from './controls/ControlsPanel';
import { ErrorBanner } from './ErrorBanner';
import { ErrorBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { LossChart } from './LossChart';
import { ProjectPanel } from './ProjectPanel';
import { ReadyToStart } from './project/ReadyToStart';
import { RunControls } from './RunControls';
import { RunList } from './RunList';
import { RunStats } from './RunStats';
import { SnapshotsPanel } from './snapshots/SnapshotsPanel';
import { StageHandoff } from './stage/StageHandoff';
import { StagePanel } from './stage/StagePanel';
import { StatusBar } from './StatusBar';
import { WarningNotices } from './WarningNotices';

// three.js is most of the bundle: the preview loads in its own chunk, after the studio is up.
const PreviewPanel = lazy(() => import('./preview/PreviewPanel'));

/** The main window: project, runs, stage and controls on the left; the active run in the middle; status below. */
export function App() {
  return (
    <div className="app">
      <Header />
      <ErrorBanner />
      <DesktopShell />
      <ConnectionNotice />
      <div className="app-body">
        <aside className="sidebar">
          <ErrorBoundary>
            <ProjectPanel />
            <RunList />
          </ErrorBoundary>
          <ErrorBoundary>
            <SnapshotsPanel />
          </ErrorBoundary>
          <ErrorBoundary>
            <StagePanel />
            <ControlsPanel />
          </ErrorBoundary>
        </aside>
        <main className="main">
          <ErrorBoundary>
            <RunControls />
            <StageHandoff />
            <ReadyToStart />
            <RunStats />
            <WarningNotices />
            <LossChart />
          </ErrorBoundary>
        </main>
        <aside className="preview-side">
          <ErrorBoundary>
            <Suspense fallback={null}>
              <PreviewPanel />
            </Suspense>
          </ErrorBoundary>
        </aside>
      </div>
      <StatusBar />
    </div>
  );
}
