import { describe, expect, it } from 'vitest';
import { ControlPathField, isControlPath, type ControlPath } from './control-paths.js';

describe('control paths', () => {
  it('name every control leaf, a layer group’s lock by its group, and nothing else', () => {
    const paths: ControlPath[] = ['learningRate', 'randomWarp.enabled', 'randomWarp.strength', 'locks.encoder', 'lrd.cosinePeriod', 'gan.rampSteps', 'precision', 'optimizer.milestones', 'batchSize', 'accumulation', 'recompute'];
    for (const path of paths) expect(isControlPath(path), path).toBe(true);
    for (const path of ['', 'learningrate', 'randomWarp', 'randomWarp.speed', 'locks', 'locks.', 'gan.enabled.x', 'precision.fp16', 'optimizer.milestones.0']) expect(isControlPath(path), path).toBe(false);
    expect(ControlPathField.safeParse('gan.enabled').success).toBe(true);
    expect(ControlPathField.safeParse('gan.on').success).toBe(false);
    expect(ControlPathField.safeParse(3).success).toBe(false);
  });
});
