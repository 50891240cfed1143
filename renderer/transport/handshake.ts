import { PROTOCOL_VERSION, type CommandInput } from '../../trainer/protocol';

/** Sent on every (re)connection: hello checks versions, state/get resyncs the whole window. */
export function handshake(): CommandInput[] {
  return [{ type: 'hello', protocolVersion: PROTOCOL_VERSION, client: 'renderer' }, { type: 'state/get' }];
}
