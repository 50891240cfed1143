import { useEffect, useMemo, useRef } from 'react';
import { MotionPlayer } from './motion-player';
import { PlaybackBar } from './PlaybackBar';
import type { PreviewView } from './preview-view';
import { decodePcm16 } from './sample-arrays';
import { SkeletonCanvas } from './SkeletonCanvas';
import { Waveform } from './Waveform';

/**
 * The 3D view, the timeline and the waveform around one player. The player lives as long as
 * the clip does: a newer step of the same clip swaps the figures and keeps playing.
 */
export function PreviewStage({ view }: { view: PreviewView }) {
  const latest = useRef(view);
  latest.current = view;
  const player = useMemo(() => {
    const { audio, frames, fps } = latest.current;
    return new MotionPlayer(frames / fps, audio ? { samples: decodePcm16(audio.pcm16), sampleRate: audio.sampleRate } : null);
  }, [view.clipKey]);
  useEffect(() => () => player.dispose(), [player]);

  return (
    <div className="preview-stage">
      <div className="preview-legend">
        {view.legend.map((item, i) => (
          <span key={i}>
            <i style={{ background: item.color }} /> {item.label}
          </span>
        ))}
      </div>
      <SkeletonCanvas figures={view.figures} reference={view.reference} parents={view.parents} frames={view.frames} fps={view.fps} player={player} clipKey={view.clipKey} />
      <PlaybackBar key={view.clipKey} player={player} fps={view.fps} />
      {view.audio ? <Waveform key={view.clipKey} audio={view.audio} player={player} /> : <p className="preview-note">This clip has no audio beside it: motion only.</p>}
    </div>
  );
}
