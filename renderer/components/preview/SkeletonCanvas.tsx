import { useEffect, useRef, useState } from 'react';
import type { MotionPlayer } from './motion-player';
import { SkeletonScene, type Figure } from './skeleton-scene';
import { useAnimationFrame } from './use-animation-frame';

interface Props {
  figures: Figure[];
  /** What the camera frames: the ground truth. */
  reference: Float32Array;
  parents: readonly number[];
  frames: number;
  fps: number;
  player: MotionPlayer;
  /** Changes when the clip changes: only then is the camera framed again (a new step keeps the person's view). */
  clipKey: string;
  /** The big view orbits, pans and zooms, and a double-click frames it again; a grid tile stays framed. */
  interactive?: boolean;
  /** Bumped by the reset button: the camera goes back to its framing. */
  resetCount?: number;
  testId?: string;
}

/** The WebGL view. The scene lives in a ref; each animation frame draws only if the frame or camera moved. */
export function SkeletonCanvas({ figures, reference, parents, frames, fps, player, clipKey, interactive = true, resetCount = 0, testId = 'preview-canvas' }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const scene = useRef<SkeletonScene | null>(null);
  const framedClip = useRef<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let created: SkeletonScene;
    try {
      created = new SkeletonScene(element, interactive);
    } catch (error) {
      setFailure(`The 3D view needs WebGL, which this window could not start (${(error as Error).message}).`);
      return;
    }
    scene.current = created;
    const observer = new ResizeObserver(() => created.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      created.dispose();
      scene.current = null;
      framedClip.current = null;
    };
  }, [interactive]);

  useEffect(() => {
    const s = scene.current;
    if (!s || !host.current) return;
    s.show(figures, parents, frames, reference, framedClip.current !== clipKey);
    framedClip.current = clipKey;
    host.current.dataset.bones = String(s.boneCount);
  }, [figures, reference, parents, frames, clipKey]);

  useEffect(() => {
    if (resetCount > 0) scene.current?.resetCamera();
  }, [resetCount]);

  useAnimationFrame(() => {
    const s = scene.current;
    if (!s || !host.current) return;
    const frame = Math.min(frames - 1, Math.floor(player.position() * fps));
    if (!s.drawFrame(frame)) return;
    host.current.dataset.frame = String(frame);
    host.current.dataset.camera = s.cameraKey();
  });

  if (failure) return <p className="preview-empty" role="alert">{failure}</p>;
  return (
    <div
      ref={host}
      className={interactive ? 'skeleton-canvas' : 'skeleton-canvas tile-canvas'}
      data-testid={testId}
      data-bones="0"
      title={interactive ? 'Drag to orbit, right-drag to pan, wheel to zoom; double-click to frame the figures again' : undefined}
      onDoubleClick={interactive ? () => scene.current?.resetCamera() : undefined}
    />
  );
}
