import { useEffect, useState } from 'react';
import { useApp, useCanCommand } from '../../store/store-context';
import { ImportReport } from './ImportReport';

/** The project's datasets, and importing a folder of WAV + BVH pairs into it; the report follows. */
export function DatasetImport() {
  const datasets = useApp((s) => s.trainer.project?.datasets ?? NO_DATASETS);
  const report = useApp((s) => s.trainer.lastImport);
  // Why no run can train on what was just imported (too few clips), in the trainer's words.
  const problem = useApp((s) => (report ? s.trainer.project?.datasetDetails?.find((d) => d.name === report.name)?.problem : undefined));
  const importDataset = useApp((s) => s.importDataset);
  const canCommand = useCanCommand();
  const [path, setPath] = useState('');
  const [open, setOpen] = useState(false);
  // A report answers the import: the form has done its job, the report takes its place.
  useEffect(() => setOpen(false), [report]);
  return (
    <div className="datasets">
      <div className="datasets-line">
        <span className="label">Datasets</span>
        <span data-testid="dataset-list" className="dataset-names">
          {datasets.length === 0 ? <span className="muted">none yet</span> : datasets.join(', ')}
        </span>
        <button data-testid="import-dataset-toggle" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
          Import…
        </button>
      </div>
      {open && (
        <form
          className="import-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim() !== '') importDataset(path.trim());
          }}
        >
          <label className="field">
            <span className="label">Dataset folder</span>
            <input
              data-testid="dataset-path-input"
              value={path}
              placeholder="/path/to/recordings"
              onChange={(e) => setPath(e.target.value)}
              spellCheck={false}
            />
          </label>
          <p className="hint">Pairs by file name: take-01.wav + take-01.bvh. Files that do not load are listed with the reason; the folder is not changed.</p>
          <button data-testid="import-dataset-button" type="submit" disabled={!canCommand || path.trim() === ''}>
            Import dataset
          </button>
        </form>
      )}
      {report && <ImportReport report={report} problem={problem} />}
    </div>
  );
}

const NO_DATASETS: string[] = [];
