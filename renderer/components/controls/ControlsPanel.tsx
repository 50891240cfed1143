import { BatchControls } from './BatchControls';
import { ControlsRefusal } from './ControlsRefusal';
import { GanControl } from './GanControl';
import { LearningRateControl } from './LearningRateControl';
import { LockControls } from './LockControls';
import { LrdControl } from './LrdControl';
import { OptimizerControls } from './OptimizerControls';
import { PrecisionControl } from './PrecisionControl';
import { RandomWarpControl } from './RandomWarpControl';
import { useLiveControls } from './use-live-controls';

/** The live stage controls; each shows what the trainer applied and the step it applied at. */
export function ControlsPanel() {
  const { controls, live } = useLiveControls();
  return (
    <section className="panel controls-panel" aria-labelledby="controls-heading">
      <h2 id="controls-heading">Controls</h2>
      {controls === null ? (
        <p className="hint">Pick a run to change its controls.</p>
      ) : (
        <>
          {!live && <p className="hint controls-hint">The trainer applies changes between the steps of a training run: start it to change these.</p>}
          <ControlsRefusal />
          <RandomWarpControl />
          <LockControls />
          <LrdControl />
          <GanControl />
          <PrecisionControl />
          <LearningRateControl />
          <OptimizerControls />
          <BatchControls />
        </>
      )}
    </section>
  );
}
