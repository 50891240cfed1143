import { useEffect, useMemo, useRef, useState } from 'react';
import { MotionPlayer } from './motion-player';
import { PlaybackBar } from './PlaybackBar';
import { PreviewGrid } from './PreviewGrid';
import type { PreviewView } from './preview-view';
import { decodePcm16 } from './sample-arrays';
import { SkeletonCanvas } from './SkeletonCanvas';
import { Waveform } from './Waveform';

interface Props {
  view: PreviewView;
  /** A tile click: that clip goes in the big view. */
  onSelect?(clip: string): void;
}

/**
 * The big 3D view, the timeline and the waveform around one player, and the grid of validation
 * clips playing on the same clock. The player lives as long as the clip and its sound do: a
 * newer step of the same clip swaps the figures and keeps playing.
 */
export function PreviewStage({ view, onSelect }: Props) {
  const latest = useRef(view);
  latest.current = view;
  const player = useMemo(() => {
    const { audio, frames, fps } = latest.current;
    return new MotionPlayer(frames / fps, audio?.pcm16 !== undefined ? { samples: decodePcm16(audio.pcm16), sampleRate: audio.sampleRate } : null);
  }, [view.playerKey]);
  useEffect(() => () => player.dispose(), [player]);
  const [resets, setResets] = useState(0);

  return (
    <div className="preview-stage">
      <div className="preview-main">
        <div className="preview-legend">
          {view.legend.map((item, i) => (
            <span key={i}>
              <i style={{ background: item.color }} /> {item.label}
            </span>
          ))}
        </div>
        <div className="preview-viewport">
          <SkeletonCanvas figures={view.figures} reference={view.reference} parents={view.parents} frames={view.frames} fps={view.fps} player={player} clipKey={view.clipKey} resetCount={resets} />
          <button className="preview-reset" data-testid="preview-reset-camera" title="Put the camera back to its framing (or double-click the view)" onClick={() => setResets((n) => n + 1)}>
            Reset view
          </button>
        </div>
        <PlaybackBar key={`bar|${view.playerKey}`} player={player} fps={view.fps} />
        {view.audio ? <Waveform key={`wave|${view.playerKey}`} audio={view.audio} player={player} /> : <p className="preview-note">This clip has no audio beside it: motion only.</p>}
        {view.audio && view.audio.pcm16 === undefined && <p className="preview-note" data-testid="preview-sound-waiting">Fetching this clip’s sound…</p>}
      </div>
      {view.tiles.length > 0 && <PreviewGrid tiles={view.tiles} parents={view.parents} fps={view.fps} player={player} onSelect={onSelect} />}
    </div>
  );
}
