/**
 * Test helper: a Session in this process behind a stand-in transport, with an event peer on
 * the other side: for the commands that need no training (projects, datasets, runs on disk).
 * `allowPaths` are folders the person granted, as serve mode's --allow-path does.
 */
import { PathConfinement } from '../paths/path-confinement.js';
import { Session } from '../session/session.js';
import { EventPeer } from './event-peer.js';

export function inProcessSession(dataRoot: string, { allowPaths = [] }: { allowPaths?: string[] } = {}): EventPeer {
  let deliver: (message: unknown) => void = () => {};
  const peer = new EventPeer((message) => deliver(message));
  const session = new Session(
    { send: (event) => peer.receive(event), onMessage: (listener) => ((deliver = listener), () => {}), onClose: () => () => {} },
    { dataRoot, trainerVersion: 'test', confinement: new PathConfinement(dataRoot, allowPaths), shell: 'a test' },
  );
  session.announce({ backend: 'cpu', requested: null, skipped: [], kernels: { kind: 'stock', reason: 'a test' } });
  return peer;
}
