import { useRef, useSyncExternalStore } from 'react';
import { SPEEDS, type MotionPlayer } from './motion-player';
import { useAnimationFrame } from './use-animation-frame';

function clock(seconds: number): string {
  const s = Math.max(0, seconds);
  return `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, '0')}`;
}

/** Play/pause, scrub, speed and loop. Time moves the slider and label through refs, not React state. */
export function PlaybackBar({ player, fps }: { player: MotionPlayer; fps: number }) {
  const state = useSyncExternalStore(
    (listener) => player.subscribe(listener),
    () => player.current,
  );
  const slider = useRef<HTMLInputElement>(null);
  const time = useRef<HTMLSpanElement>(null);
  const scrubbing = useRef(false);
  const shown = useRef<number | null>(null);

  useAnimationFrame(() => {
    const t = player.position();
    // A paused clip writes nothing: no DOM work per frame unless time moved.
    if (t === shown.current) return;
    shown.current = t;
    if (slider.current && !scrubbing.current) slider.current.value = String(t);
    if (time.current) {
      time.current.textContent = `${clock(t)} / ${clock(player.duration)}`;
      time.current.dataset.seconds = t.toFixed(3);
    }
  });

  return (
    <div className="playback-bar" data-testid="preview-playback" data-playing={state.playing} data-audio-state={state.audio}>
      <button
        data-testid="preview-play"
        className="primary"
        aria-label={state.playing ? 'Pause preview' : 'Play preview'}
        onClick={() => (state.playing ? player.pause() : void player.play())}
      >
        {state.playing ? '❚❚' : '▶'}
      </button>
      <input
        ref={slider}
        data-testid="preview-scrub"
        type="range"
        aria-label="Position in the clip"
        min={0}
        max={player.duration}
        step={1 / fps}
        defaultValue={0}
        onPointerDown={() => (scrubbing.current = true)}
        onPointerUp={() => (scrubbing.current = false)}
        onChange={(e) => player.seek(Number(e.currentTarget.value))}
      />
      <span ref={time} className="preview-time" data-testid="preview-time" />
      <select data-testid="preview-speed" aria-label="Playback speed" value={state.speed} onChange={(e) => player.setSpeed(Number(e.currentTarget.value))}>
        {SPEEDS.map((speed) => (
          <option key={speed} value={speed}>
            {speed}×
          </option>
        ))}
      </select>
      <label className="preview-loop">
        <input data-testid="preview-loop" type="checkbox" checked={state.loop} onChange={(e) => player.setLoop(e.currentTarget.checked)} /> loop
      </label>
    </div>
  );
}
