/**
 * Steps per second from the time spent stepping only, smoothed, so a pause or a slow
 * message does not show up as a training slowdown.
 */
export class StepRate {
  private average = 0;

  constructor(private readonly smoothing = 0.9) {}

  /** Records one step that took `ms` and returns the smoothed steps/s. */
  record(ms: number): number {
    this.average = this.average === 0 ? ms : this.smoothing * this.average + (1 - this.smoothing) * ms;
    return this.average > 0 ? 1000 / this.average : 0;
  }
}
