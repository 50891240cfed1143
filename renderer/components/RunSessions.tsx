import type { RunSummary, TrainingSession } from '../../trainer/protocol';
import { useApp } from '../store/store-context';
import { formatStep } from './format';

/**
 * A run's training sessions (faceswap's Analysis tab): each start, continue or restore that
 * trained, when it began and ended, the steps it took, their rate and the wall time. Asked for
 * when opened, and again on each open: the trainer's record is the one shown.
 */
export function RunSessions({ run }: { run: RunSummary }) {
  const sessions = useApp((s) => s.trainer.runData[run.id]?.sessions);
  const listSessions = useApp((s) => s.listSessions);
  return (
    <details className="run-sessions" data-testid="run-sessions" onToggle={(e) => (e.currentTarget.open ? listSessions(run.id) : undefined)}>
      <summary>Sessions{sessions ? ` (${sessions.length})` : ''}</summary>
      {sessions && sessions.length === 0 && <p className="hint">Not trained yet.</p>}
      {sessions && sessions.length > 0 && (
        <table className="num">
          <thead>
            <tr>
              <th>started</th>
              <th>steps</th>
              <th>steps/s</th>
              <th>wall</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session, i) => (
              <tr key={i} data-testid="run-session" title={sessionTitle(session)}>
                <td>{new Date(session.startedAt).toLocaleString()}</td>
                <td>{session.steps === undefined ? `from ${formatStep(session.fromStep)}` : formatStep(session.steps)}</td>
                <td data-testid="run-session-rate">{session.steps !== undefined && session.seconds ? (session.steps / session.seconds).toFixed(1) : '—'}</td>
                <td>{session.seconds === undefined ? (session.endedAt ? '—' : 'no end') : formatSeconds(session.seconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function sessionTitle(session: TrainingSession): string {
  const end = session.endedAt ? `ended ${new Date(session.endedAt).toLocaleString()} at step ${formatStep(session.toStep ?? 0)}` : 'no end recorded: still training, or cut short by a crash';
  return `on ${session.branch} from step ${formatStep(session.fromStep)}; ${end}`;
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(0)} s`;
  if (seconds < 3600) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
