import { useEffect, useRef } from 'react';
import type { PreviewAudio } from '../../../trainer/protocol';
import type { MotionPlayer } from './motion-player';
import { useAnimationFrame } from './use-animation-frame';

/**
 * The clip's waveform (peaks from the trainer) with its onsets as ticks, under the timeline.
 * The waveform is drawn when the clip or the size changes; only the playhead moves per frame.
 * Clicking seeks there.
 */
export function Waveform({ audio, player }: { audio: PreviewAudio; player: MotionPlayer }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const playhead = useRef<HTMLDivElement>(null);
  const shown = useRef<number | null>(null);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const draw = () => drawWaveform(element, audio, player.duration);
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(element);
    return () => observer.disconnect();
  }, [audio, player]);

  useAnimationFrame(() => {
    const t = player.position();
    if (t === shown.current || !playhead.current) return;
    shown.current = t;
    playhead.current.style.left = `${(100 * t) / player.duration}%`;
  });

  return (
    <div className="waveform" data-testid="preview-waveform" data-onsets={audio.onsets.length}>
      <canvas
        ref={canvas}
        aria-label={`Waveform with ${audio.onsets.length} onsets; click to jump there`}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          player.seek(((e.clientX - box.left) / box.width) * player.duration);
        }}
      />
      <div ref={playhead} className="waveform-playhead" />
    </div>
  );
}

function drawWaveform(canvas: HTMLCanvasElement, audio: PreviewAudio, duration: number): void {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) return;
  const style = getComputedStyle(canvas);
  const wave = style.getPropertyValue('--series-3').trim() || '#8a939d';
  const tick = style.getPropertyValue('--mark-snapshot').trim() || '#c9a45c';
  g.clearRect(0, 0, width, height);
  const tickRoom = 6 * ratio;
  const mid = (height - tickRoom) / 2;
  const peaks = audio.peaks;
  g.fillStyle = wave;
  for (let x = 0; x < width; x++) {
    // The loudest peak under this pixel column, so nothing short disappears between columns.
    const from = Math.floor((x * peaks.length) / width);
    const to = Math.max(from + 1, Math.floor(((x + 1) * peaks.length) / width));
    let peak = 0;
    for (let i = from; i < to && i < peaks.length; i++) peak = Math.max(peak, peaks[i] as number);
    const h = Math.max(ratio * 0.5, peak * mid);
    g.fillRect(x, mid - h, 1, 2 * h);
  }
  g.fillStyle = tick;
  for (const onset of audio.onsets) {
    const x = Math.round((onset / duration) * width);
    g.fillRect(x - ratio / 2, height - tickRoom, Math.max(1, ratio), tickRoom);
  }
}
