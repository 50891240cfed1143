import { useCallback } from 'react';
import type { Controls, ControlsPatch } from '../../../trainer/protocol';
import { activeRun, activeRunData, appliedControls } from '../../store/selectors';
import { useApp, useCanCommand } from '../../store/store-context';
import type { AppliedAt } from '../../store/trainer-view';

export interface LiveControls {
  /** As the trainer last reported them applied; null before it has reported any. */
  controls: Controls | null;
  /** Changed control path → the step it last took effect at. */
  appliedAt: Readonly<AppliedAt>;
  layerGroups: readonly string[];
  /** True only while the run trains (running or paused) and a live trainer can hear us: only then are changes applied. */
  enabled: boolean;
  /** Whether the active run is running or paused. */
  live: boolean;
  /** Sends a minimal patch; nothing here changes until the trainer says it applied it. */
  set(patch: ControlsPatch): void;
}

const NO_GROUPS: readonly string[] = [];

export function useLiveControls(): LiveControls {
  const runId = useApp((s) => s.trainer.activeRunId);
  const runState = useApp((s) => activeRun(s.trainer)?.state ?? null);
  const layerGroups = useApp((s) => activeRun(s.trainer)?.layerGroups ?? NO_GROUPS);
  const controls = useApp((s) => appliedControls(s.trainer));
  const appliedAt = useApp((s) => activeRunData(s.trainer).appliedAt);
  const setControls = useApp((s) => s.setControls);
  const canCommand = useCanCommand();
  const live = runState === 'running' || runState === 'paused';
  const enabled = canCommand && runId !== null && controls !== null && live;
  const set = useCallback((patch: ControlsPatch) => {
    if (runId !== null) setControls(runId, patch);
  }, [runId, setControls]);
  return { controls, appliedAt, layerGroups, enabled, live, set };
}
