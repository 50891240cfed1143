import { useState } from 'react';
import type { DatasetImportReport } from '../../../trainer/protocol';
import { formatDuration } from '../format';

/** What the last import brought in and what it left out, each skipped file with its reason, files that came in with a warning, and why it cannot train yet if so. */
export function ImportReport({ report, problem }: { report: DatasetImportReport; problem?: string | undefined }) {
  const [showSkipped, setShowSkipped] = useState(true);
  const clips = report.clips.train + report.clips.validation;
  return (
    <div data-testid="import-report" className="import-report" role="status">
      <p>
        Imported <strong data-testid="import-name">{report.name}</strong>:{' '}
        <span data-testid="import-clips" className="num">
          {clips} clip{clips === 1 ? '' : 's'}
        </span>{' '}
        (<span data-testid="import-split">{report.clips.train} train, {report.clips.validation} validation</span>) ·{' '}
        <span data-testid="import-duration" className="num">
          {formatDuration(report.seconds)}
        </span>
      </p>
      {problem && (
        <p className="dataset-problem" data-testid="import-problem">
          {problem}
        </p>
      )}
      <p className="muted" data-testid="import-skeleton">
        Skeleton: {report.skeleton.joints} joints from “{report.skeleton.root}” at {report.skeleton.fps} fps ·{' '}
        {report.kind === 'audio-motion' ? 'audio + motion' : 'motion only (audio-to-motion needs WAVs)'}
      </p>
      {report.warnings && report.warnings.length > 0 && (
        <ul className="import-warnings" data-testid="import-warnings">
          {report.warnings.map((w) => (
            <li key={`${w.file}:${w.message}`} data-file={w.file}>
              <code>{w.file}</code> — {withoutFileName(w.message, w.file)}
            </li>
          ))}
        </ul>
      )}
      {report.skipped.length > 0 ? (
        <div className="import-skipped">
          <button className="link" aria-expanded={showSkipped} onClick={() => setShowSkipped(!showSkipped)}>
            {report.skipped.length} file{report.skipped.length === 1 ? '' : 's'} skipped
          </button>
          {showSkipped && (
            <ul data-testid="import-skipped">
              {report.skipped.map((s) => (
                <li key={s.file} data-file={s.file}>
                  <code>{s.file}</code> — {withoutFileName(s.reason, s.file)}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <p className="muted">Nothing was skipped.</p>
      )}
    </div>
  );
}

/** Reasons start by naming the file ("'take.bvh' line 5: …"); beside the name that is said twice. */
export function withoutFileName(reason: string, file: string): string {
  for (const name of [file, file.split('/').pop() ?? file]) {
    const quoted = `'${name}'`;
    if (reason.startsWith(quoted)) return reason.slice(quoted.length).replace(/^:?\s*/, '');
  }
  return reason;
}
