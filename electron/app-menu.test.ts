/** The menu offers what makes sense for the trainer's state, and each item does what it says. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuActions, type MenuState } from './app-menu';
import { EMPTY_STATE } from './supervised-state';

function actions(): MenuActions {
  return {
    newProject: vi.fn(),
    openProject: vi.fn(),
    importDataset: vi.fn(),
    exportBvh: vi.fn(),
    connectRemote: vi.fn(),
    startRun: vi.fn(),
    resumeRun: vi.fn(),
    pauseRun: vi.fn(),
    takeSnapshot: vi.fn(),
    restartTrainer: vi.fn(),
    setSnapshotOnExit: vi.fn(),
  };
}

const base: MenuState = { platform: 'linux', trainer: EMPTY_STATE, trainerRunning: true, snapshotOnExit: true, devTools: false };

function item(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  for (const top of template) {
    const found = (top.submenu as MenuItemConstructorOptions[] | undefined)?.find((i) => i.id === id);
    if (found) return found;
  }
  throw new Error(`no menu item '${id}'`);
}

const click = (i: MenuItemConstructorOptions, checked = false) => (i.click as (item: { checked: boolean }) => void)({ checked });

describe('application menu', () => {
  it('has File, Run and View menus with the project, run and remote items', () => {
    const template = buildMenuTemplate(base, actions());
    expect(template.map((t) => t.label ?? t.role)).toEqual(['&File', 'editMenu', '&Run', '&View', 'windowMenu']);
    for (const id of ['new-project', 'open-project', 'import-dataset', 'export-bvh', 'connect-remote', 'start-run', 'pause-run', 'take-snapshot', 'restart-trainer']) {
      expect(item(template, id)).toBeDefined();
    }
  });

  it('starts the newest idle run, and offers pause, snapshot and export only while one trains', () => {
    const a = actions();
    const idle = buildMenuTemplate({ ...base, trainer: { ...EMPTY_STATE, projectPath: '/p', startableRunId: 'r2' } }, a);
    expect(item(idle, 'pause-run').enabled).toBe(false);
    expect(item(idle, 'take-snapshot').enabled).toBe(false);
    expect(item(idle, 'export-bvh').enabled).toBe(false);
    click(item(idle, 'start-run'));
    expect(a.startRun).toHaveBeenCalledWith('r2');

    const running = buildMenuTemplate({ ...base, trainer: { ...EMPTY_STATE, liveRun: { id: 'r2', state: 'running' } } }, a);
    expect(item(running, 'start-run').enabled).toBe(false);
    expect(item(running, 'new-project').enabled).toBe(false);
    click(item(running, 'pause-run'));
    click(item(running, 'take-snapshot'));
    click(item(running, 'export-bvh'));
    expect(a.pauseRun).toHaveBeenCalledWith('r2');
    expect(a.takeSnapshot).toHaveBeenCalledWith('r2');
    expect(a.exportBvh).toHaveBeenCalledWith('r2');

    const paused = buildMenuTemplate({ ...base, trainer: { ...EMPTY_STATE, liveRun: { id: 'r2', state: 'paused' } } }, a);
    expect(item(paused, 'start-run').label).toBe('Resume');
    click(item(paused, 'start-run'));
    expect(a.resumeRun).toHaveBeenCalledWith('r2');
  });

  it('disables everything that needs a trainer while it is down, but offers the restart', () => {
    const a = actions();
    const down = buildMenuTemplate({ ...base, trainerRunning: false, trainer: { ...EMPTY_STATE, liveRun: { id: 'r1', state: 'running' }, startableRunId: 'r1' } }, a);
    for (const id of ['new-project', 'open-project', 'export-bvh', 'start-run', 'pause-run', 'take-snapshot']) expect(item(down, id).enabled, id).toBe(false);
    click(item(down, 'restart-trainer'));
    expect(a.restartTrainer).toHaveBeenCalled();
  });

  it('imports a dataset only into an open project', () => {
    const a = actions();
    expect(item(buildMenuTemplate(base, a), 'import-dataset').enabled).toBe(false);
    const open = buildMenuTemplate({ ...base, trainer: { ...EMPTY_STATE, projectPath: '/p' } }, a);
    expect(item(open, 'import-dataset').enabled).toBe(true);
    click(item(open, 'import-dataset'));
    expect(a.importDataset).toHaveBeenCalled();
    expect(item(buildMenuTemplate({ ...base, trainerRunning: false, trainer: { ...EMPTY_STATE, projectPath: '/p' } }, a), 'import-dataset').enabled).toBe(false);
  });

  it('the snapshot-on-exit checkbox reports its new value', () => {
    const a = actions();
    click(item(buildMenuTemplate(base, a), 'snapshot-on-exit'), false);
    expect(a.setSnapshotOnExit).toHaveBeenCalledWith(false);
  });

  it('puts Quit in the app menu on macOS and shows developer tools only when asked', () => {
    const mac = buildMenuTemplate({ ...base, platform: 'darwin', devTools: true }, actions());
    expect(mac[0]).toEqual({ role: 'appMenu' });
    const view = mac.find((t) => t.label === '&View')!.submenu as MenuItemConstructorOptions[];
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(true);
    const linuxFile = buildMenuTemplate(base, actions())[0]!.submenu as MenuItemConstructorOptions[];
    expect(linuxFile.at(-1)).toEqual({ role: 'quit' });
  });
});
