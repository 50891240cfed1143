import { useApp, useCanCommand } from '../../store/store-context';
import { DownloadError, useDownload } from '../use-download';
import type { MotionExport } from './snapshot-exports';

/**
 * Motion a snapshot generated (motion/export): where the trainer wrote it, and the files to take
 * home, which a browser on another machine fetches through serve mode (never by that path).
 */
export function ExportedMotion({ exported }: { exported: MotionExport }) {
  const runId = useApp((s) => s.trainer.activeRunId);
  const canCommand = useCanCommand();
  const download = useDownload(runId);
  return (
    <div className="hint snapshot-export" data-testid="snapshot-export">
      BVH written to{' '}
      <code className="snapshot-export-path" data-testid="snapshot-export-path">
        {exported.bvh}
      </code>{' '}
      ({exported.seconds.toFixed(1)} s of motion for {baseName(exported.audio)}; JSON beside it)
      <span className="button-row">
        {[exported.bvh, exported.json].map((path) => (
          <button key={path} type="button" className="link" data-testid={`snapshot-download-${path.endsWith('.bvh') ? 'bvh' : 'json'}`} disabled={!canCommand || download.pending} onClick={() => download.start({ kind: 'export', name: baseName(path) })}>
            Download {path.endsWith('.bvh') ? 'BVH' : 'JSON'}
          </button>
        ))}
      </span>
      <DownloadError error={download.error} />
    </div>
  );
}

/** 'clip-000.wav' of a path from the trainer, whichever separator its system uses. */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
