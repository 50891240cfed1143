/**
 * The trainer process. Runs inside an Electron utilityProcess (parentPort) or as a Node child
 * (child_process.fork: serve mode, tests). Picks its transport, then its TF.js backend, then
 * serves commands until its host goes away.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { BACKEND_ENV, parseRequestedBackend, selectBackend } from './engine/backend.js';
import { ALLOW_PATHS_ENV, grantsFromEnv, PathConfinement } from './paths/path-confinement.js';
import { Session } from './session/session.js';
import { electronPortsTransport, type ParentPortWithPorts } from './transport/electron-ports.js';
import { findParentPort } from './transport/parent-port.js';
import { nodeIpcTransport } from './transport/node-ipc.js';

/** Where relative project paths live; tests and serve mode point it at their own folder. */
export const DATA_ENV = 'STAGECRAFT_DATA';
/** Set by `npm start`: open the demo project on start-up, creating it the first time. */
export const OPEN_DEMO_ENV = 'STAGECRAFT_OPEN_DEMO';
/** Who started this trainer, for the sentence another trainer gets when a project is open here (serve mode sets it). */
export const SHELL_ENV = 'STAGECRAFT_SHELL';

async function main(): Promise<void> {
  const port = findParentPort();
  const dataRoot = process.env[DATA_ENV] ?? join(homedir(), 'Stagecraft');
  // Serve mode's --allow-path folders arrive in the environment; Electron's dialog picks on parentPort.
  const confinement = new PathConfinement(dataRoot, grantsFromEnv(process.env[ALLOW_PATHS_ENV]));
  // In Electron the window gets its own port to the trainer; main keeps parentPort for supervision.
  const transport = port ? electronPortsTransport(port as unknown as ParentPortWithPorts, (path) => confinement.grant(path)) : nodeIpcTransport();
  const session = new Session(transport, {
    dataRoot,
    trainerVersion: process.env.npm_package_version ?? '0.1.0',
    confinement,
    shell: port ? 'the desktop app' : (process.env[SHELL_ENV] ?? 'a Stagecraft trainer').slice(0, 100),
  });
  transport.onClose(() => process.exit(0));
  session.announce(await selectBackend(parseRequestedBackend(process.env[BACKEND_ENV])));
  if (process.env[OPEN_DEMO_ENV]) session.openOrCreateDemo();
}

main().catch((error: unknown) => {
  console.error(`[trainer] ${(error as Error).message}`);
  process.exit(1);
});
