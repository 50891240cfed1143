import { useState } from 'react';
import { useApp, useCanCommand } from '../store/store-context';
import { DatasetImport } from './dataset/DatasetImport';

/**
 * The project: before one is open, the newcomer's way in (the demo, one click) and the form to
 * open or create a folder; once open, its datasets and the import, with the form folded away.
 */
export function ProjectPanel() {
  const hasProject = useApp((s) => s.trainer.project !== null);
  const openDemo = useApp((s) => s.openDemo);
  const canCommand = useCanCommand();
  return (
    <section className="panel" aria-labelledby="project-heading">
      <h2 id="project-heading">Project</h2>
      {hasProject ? (
        <>
          <DatasetImport />
          <details data-testid="project-switch" className="project-switch">
            <summary>Open or create another project</summary>
            <ProjectForm />
          </details>
        </>
      ) : (
        <>
          <div className="welcome" data-testid="welcome">
            <p>New here? The demo project has a built-in speaker (voice + gestures) and a run ready to train.</p>
            <button data-testid="open-demo-button" className="primary" disabled={!canCommand} onClick={openDemo}>
              Open the demo project
            </button>
          </div>
          <ProjectForm />
        </>
      )}
    </section>
  );
}

/** Create or open a project folder; relative paths live under the trainer's data folder. */
function ProjectForm() {
  const [path, setPath] = useState('demo-speaker');
  const [name, setName] = useState('Demo speaker');
  const createProject = useApp((s) => s.createProject);
  const openProject = useApp((s) => s.openProject);
  const canCommand = useCanCommand();
  const hasPath = path.trim() !== '';
  return (
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
          disabled={!canCommand || !hasPath || name.trim() === ''}
          onClick={() => createProject(path.trim(), name.trim())}
          title="A new project folder, with the demo speaker's dataset in it so it can train at once"
        >
          Create project
        </button>
        <button data-testid="open-project-button" disabled={!canCommand || !hasPath} onClick={() => openProject(path.trim())}>
          Open project
        </button>
      </div>
    </>
  );
}
