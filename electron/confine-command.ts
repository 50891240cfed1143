/** Applies path confinement to the commands that name files or folders; others pass unchanged. */
import type { Command, ErrorEvent } from '../trainer/protocol';
import type { PathConfinement } from './path-confinement';

export type ConfinedCommand = { ok: true; command: Command } | { ok: false; error: ErrorEvent };

export function confineCommand(command: Command, confinement: PathConfinement): ConfinedCommand {
  const refuse = (message: string): ConfinedCommand => ({
    ok: false,
    error: { type: 'error', ...(command.requestId ? { requestId: command.requestId } : {}), code: 'io', commandType: command.type, message: `${message} Nothing was changed.` },
  });
  switch (command.type) {
    case 'project/open':
    case 'project/create':
    case 'dataset/import': {
      const confined = confinement.confine(command.path);
      return confined.ok ? { ok: true, command: { ...command, path: confined.path } } : refuse(confined.message);
    }
    case 'motion/export': {
      // No recording named: the trainer uses one from the run's own dataset, inside the project.
      if (command.audioPath === undefined) return { ok: true, command };
      const confined = confinement.confine(command.audioPath);
      return confined.ok ? { ok: true, command: { ...command, audioPath: confined.path } } : refuse(confined.message);
    }
    default:
      return { ok: true, command };
  }
}
