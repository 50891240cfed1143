import { useEffect, useRef, useState } from 'react';
import type { DownloadFile } from '../../trainer/protocol';
import { requestById } from '../store/requests';
import { useApp } from '../store/store-context';
import { pageToken } from '../transport/choose-transport';

/**
 * Takes a file home: asks the trainer to prepare it (download/prepare); in a browser, fetches
 * the token-guarded address serve mode answered with as a download; in Electron the shell asks
 * where to save it. Never a server path in the window.
 */
export function useDownload(runId: string | null) {
  const prepare = useApp((s) => s.prepareDownload);
  const [sent, setSent] = useState<string | null>(null);
  const request = useApp((s) => requestById(s.requests, sent));
  const ready = useApp((s) => (sent === null ? undefined : s.trainer.downloads.find((d) => d.requestId === sent)));
  const fetched = useRef<string | null>(null);
  useEffect(() => {
    if (!ready?.url || fetched.current === sent) return;
    fetched.current = sent;
    startBrowserDownload(ready.url, ready.name);
  }, [ready, sent]);
  return {
    start(file: DownloadFile) {
      if (runId !== null) setSent(prepare(runId, file));
    },
    pending: request?.status === 'pending',
    error: request?.status === 'failed' ? (request.message ?? 'the trainer could not prepare it') : null,
  };
}

/** What the trainer said when it could not prepare a download, beside the button that asked. */
export function DownloadError({ error }: { error: string | null }) {
  return error === null ? null : (
    <span className="field-error" role="alert">
      {error}
    </span>
  );
}

function startBrowserDownload(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = `${url}?token=${encodeURIComponent(pageToken())}`;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}
