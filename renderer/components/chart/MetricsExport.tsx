import { MAIN_BRANCH } from '../../../trainer/protocol';
import { activeRun, activeRunData } from '../../store/selectors';
import { useApp, useCanCommand } from '../../store/store-context';
import { DownloadError, useDownload } from '../use-download';

/**
 * "Export CSV / JSON": every metric of the branch the charts show (its history up to its fork,
 * then its own), every point with step and time, as a file to take home: the trainer writes it
 * from its logs, not from what the charts hold.
 */
export function MetricsExport() {
  const run = useApp((s) => activeRun(s.trainer));
  const shown = useApp((s) => activeRunData(s.trainer).branch);
  const canCommand = useCanCommand();
  const download = useDownload(run?.id ?? null);
  if (!run) return null;
  const branch = shown ?? run.branch ?? MAIN_BRANCH;
  return (
    <span className="metrics-export" title={`Every metric of ${branch}, every step, with its time`}>
      <span className="label">export</span>
      {(['csv', 'json'] as const).map((format) => (
        <button key={format} type="button" className="link" data-testid={`metrics-export-${format}`} disabled={!canCommand || download.pending} onClick={() => download.start({ kind: 'metrics', branch, format })}>
          {format.toUpperCase()}
        </button>
      ))}
      <DownloadError error={download.error} />
    </span>
  );
}
