import { useState } from 'react';
import { useApp, useCanCommand } from '../store/store-context';

/** Create or open a project folder; relative paths live under the trainer's data folder. */
export function ProjectPanel() {
  const [path, setPath] = useState('demo-speaker');
  const [name, setName] = useState('Demo speaker');
  const createProject = useApp((s) => s.createProject);
  const openProject = useApp((s) => s.openProject);
  const canCommand = useCanCommand();
  const hasPath = path.trim() !== '';
  const hasProject = useApp((s) => s.trainer.project !== null);
  const form = (
    <>
      <label className="field">
        <span className="label">Folder</span>
        <input data-testid="project-path-input" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
      </label>
      <label className="field">
        <span className="label">Name</span>
        <input data-testid="project-name-input" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <div className="button-row">
        <button
          data-testid="create-project-button"
          className="primary"
          disabled={!canCommand || !hasPath || name.trim() === ''}
          onClick={() => createProject(path.trim(), name.trim())}
        >
          Create project
        </button>
        <button data-testid="open-project-button" disabled={!canCommand || !hasPath} onClick={() => openProject(path.trim())}>
          Open project
        </button>
      </div>
    </>
  );
  return (
    <section className="panel" aria-labelledby="project-heading">
      <h2 id="project-heading">Project</h2>
      {/* Once a project is open the header names it; the form folds away to leave room for the stage controls. */}
      {hasProject ? (
        <details data-testid="project-switch" className="project-switch">
          <summary>Open or create another project</summary>
          {form}
        </details>
      ) : (
        form
      )}
    </section>
  );
}
