/**
 * The preview's clock, outside React: play, pause, scrub, speed, loop, with the clip's audio
 * through Web Audio. While audio plays, the AudioContext's clock is the only clock, so motion
 * and sound cannot drift apart; without audio the page's clock stands in. The scene and the
 * timeline read `position()` every animation frame; `subscribe` tells them about state
 * changes (play/pause, speed...), never about time passing.
 */

export interface PlayerState {
  playing: boolean;
  speed: number;
  loop: boolean;
  /** 'running' once sound can play; 'none' when the clip has no audio. */
  audio: AudioContextState | 'none';
}

export const SPEEDS = [0.25, 0.5, 1, 1.5, 2] as const;

export class MotionPlayer {
  private state: PlayerState = { playing: false, speed: 1, loop: true, audio: 'none' };
  private listeners = new Set<(state: PlayerState) => void>();
  private context: AudioContext | null = null;
  private buffer: AudioBuffer | null = null;
  private source: AudioBufferSourceNode | null = null;
  /** Clip time at `startedAt` on the running clock. */
  private offset = 0;
  private startedAt = 0;

  constructor(
    readonly duration: number,
    private readonly audio: { samples: Float32Array; sampleRate: number } | null,
  ) {
    if (audio) this.state = { ...this.state, audio: 'suspended' };
  }

  get current(): PlayerState {
    return this.state;
  }

  /** Seconds into the clip, now. */
  position(): number {
    if (!this.state.playing) return this.offset;
    const elapsed = (this.now() - this.startedAt) * this.state.speed;
    const t = this.offset + elapsed;
    if (this.state.loop) return t % this.duration;
    if (t >= this.duration) {
      this.stop(this.duration);
      return this.duration;
    }
    return t;
  }

  async play(): Promise<void> {
    if (this.state.playing) return;
    if (this.offset >= this.duration - 1e-3) this.offset = 0;
    const context = this.ensureContext();
    // Browsers start an AudioContext suspended until a gesture; the play click is one.
    if (context && context.state !== 'running') await context.resume();
    this.startClock();
    this.update({ playing: true });
  }

  pause(): void {
    if (this.state.playing) this.stop(this.position());
  }

  /** Jumps to `seconds`; a playing clip plays on from there. */
  seek(seconds: number): void {
    const t = Math.max(0, Math.min(this.duration, seconds));
    if (!this.state.playing) {
      this.offset = t;
      this.emit();
      return;
    }
    this.stopSource();
    this.offset = t;
    this.startClock();
  }

  setSpeed(speed: number): void {
    const t = this.position();
    this.update({ speed });
    if (this.state.playing) this.seek(t);
  }

  setLoop(loop: boolean): void {
    const t = this.position();
    this.update({ loop });
    if (this.state.playing) this.seek(t);
  }

  subscribe(listener: (state: PlayerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.stopSource();
    this.listeners.clear();
    void this.context?.close();
    this.context = null;
  }

  private startClock(): void {
    this.startedAt = this.now();
    if (!this.context || !this.buffer) return;
    const source = this.context.createBufferSource();
    source.buffer = this.buffer;
    source.playbackRate.value = this.state.speed;
    source.loop = this.state.loop;
    source.connect(this.context.destination);
    source.start(0, Math.min(this.offset, this.buffer.duration));
    this.source = source;
  }

  private stop(at: number): void {
    this.stopSource();
    this.offset = at;
    this.update({ playing: false });
  }

  private stopSource(): void {
    if (!this.source) return;
    this.source.onended = null;
    try {
      this.source.stop();
    } catch {
      // Already stopped on its own at the end of the clip.
    }
    this.source.disconnect();
    this.source = null;
  }

  private ensureContext(): AudioContext | null {
    if (!this.audio) return null;
    if (this.context) return this.context;
    const context = new AudioContext();
    const buffer = context.createBuffer(1, this.audio.samples.length, this.audio.sampleRate);
    buffer.copyToChannel(this.audio.samples as Float32Array<ArrayBuffer>, 0);
    context.onstatechange = () => this.update({ audio: context.state });
    this.context = context;
    this.buffer = buffer;
    return context;
  }

  private now(): number {
    return this.context ? this.context.currentTime : performance.now() / 1000;
  }

  private update(patch: Partial<PlayerState>): void {
    this.state = { ...this.state, ...patch };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.state);
  }
}
