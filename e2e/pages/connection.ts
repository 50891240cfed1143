/** What the window says about its link to the trainer: the header's run state, live speed, the status bar and the notice. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ConnectionIndicators {
  constructor(readonly page: Page) {}

  /** The header's state of the active run. */
  get runState(): Locator {
    return this.page.getByTestId('run-state');
  }

  /** The status bar's word for the connection. */
  get status(): Locator {
    return this.page.getByTestId('connection-state');
  }

  /** The sentence under the header that says what is wrong and what to do. */
  get notice(): Locator {
    return this.page.getByTestId('connection-notice');
  }

  /** steps/s beside the step counter, and in the status bar. */
  get speed(): Locator {
    return this.page.getByTestId('steps-per-sec');
  }

  get statusBarSpeed(): Locator {
    return this.page.getByTestId('status-rate');
  }

  /** The window claims nothing it cannot hear: run state unknown, no live speed, and it says it is retrying. */
  async expectDisconnected(): Promise<void> {
    await expect(this.runState).toHaveText('unknown (disconnected)');
    await expect(this.status).toHaveText('disconnected');
    await expect(this.speed).toHaveText('—');
    await expect(this.statusBarSpeed).toHaveText('— steps/s');
    await expect(this.notice).toContainText('retrying');
  }
}
