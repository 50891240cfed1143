import { useState } from 'react';
import type { RunSummary, SnapshotInfo } from '../../../trainer/protocol';
import { useCanCommand } from '../../store/store-context';
import { DownloadError, useDownload } from '../use-download';

/**
 * A snapshot's weights to take home, one layer group at a time (`<group>.safetensors`, which
 * PyTorch's safetensors loader reads), or its manifest with every file's sha256.
 */
export function SnapshotWeights({ run, snapshot }: { run: RunSummary; snapshot: SnapshotInfo }) {
  const canCommand = useCanCommand();
  const download = useDownload(run.id);
  const files = [...run.layerGroups.map((g) => `${g}.safetensors`), 'manifest.json'];
  const [file, setFile] = useState(files[0]!);
  return (
    <span className="snapshot-weights" data-testid="snapshot-weights">
      <select aria-label="Snapshot file" data-testid="snapshot-weights-file" value={file} onChange={(e) => setFile(e.target.value)}>
        {files.map((name) => (
          <option key={name}>{name}</option>
        ))}
      </select>
      <button type="button" className="link" data-testid="snapshot-weights-download" disabled={!canCommand || download.pending} onClick={() => download.start({ kind: 'snapshot', snapshotId: snapshot.id, name: file })}>
        Download
      </button>
      <DownloadError error={download.error} />
    </span>
  );
}
