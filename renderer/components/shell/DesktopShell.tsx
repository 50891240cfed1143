import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../../store/store-context';
import { desktopShell, remoteAddressProblem } from '../../transport/desktop-shell';
import '../../styles/desktop-shell.css';

/**
 * What only the desktop app offers: restarting a trainer that stopped, and File > Connect to
 * Remote Trainer (a serve-mode studio on a GPU machine, opened in its own window).
 * Renders nothing in a browser.
 */
export function DesktopShell() {
  const shell = desktopShell();
  const exited = useApp((s) => s.trainer.exited);
  const [connecting, setConnecting] = useState(false);
  useEffect(() => shell?.onIntent((intent) => intent.type === 'remote/connect-dialog' && setConnecting(true)), [shell]);
  if (!shell) return null;
  return (
    <>
      {exited && (
        <div className="shell-restart">
          <button data-testid="restart-trainer" className="primary" onClick={() => shell.request({ type: 'trainer/restart' })}>
            Restart trainer and reopen project
          </button>
        </div>
      )}
      {connecting && <RemoteTrainerDialog onConnect={(url) => shell.request({ type: 'remote/connect', url })} onClose={() => setConnecting(false)} />}
    </>
  );
}

function RemoteTrainerDialog({ onConnect, onClose }: { onConnect: (url: string) => void; onClose: () => void }) {
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = remoteAddressProblem(address);
    setProblem(found);
    if (found) return;
    onConnect(address.trim());
    onClose();
  };
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form data-testid="remote-dialog" className="remote-dialog" role="dialog" aria-modal="true" aria-labelledby="remote-dialog-title" onSubmit={submit}>
        <h2 id="remote-dialog-title" className="panel-title">
          Connect to remote trainer
        </h2>
        <p className="remote-dialog-note">
          On the GPU machine run <code>npm run serve -- --host 0.0.0.0 --allow-remote</code> and paste the address it prints (with its token). The
          remote studio opens in its own window.
        </p>
        <label className="field">
          <span className="label">Address</span>
          <input data-testid="remote-address" autoFocus value={address} placeholder="http://gpu-box:7860/?token=…" aria-invalid={problem !== null} onChange={(e) => setAddress(e.target.value)} />
        </label>
        {problem && <p className="remote-dialog-error">{problem}</p>}
        <div className="button-row">
          <button type="submit" className="primary">
            Connect
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
