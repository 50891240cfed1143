/**
 * A person imports a folder of recordings that has a bad file or two in it, reads the report
 * (what came in, what was skipped and why), and trains a run on what was imported.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDemoDataset } from '../trainer/data/demo-dataset';
import { expect, test } from './fixtures';

/** Five good WAV+BVH pairs in one flat folder, plus a truncated WAV and a broken BVH, each with a partner. */
function recordingsWithBadFiles(root: string): string {
  const generated = join(root, 'generated');
  writeDemoDataset(generated, { trainClips: 5, validationClips: 0, seconds: 6 });
  const folder = join(root, 'recordings');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < 5; i++) {
    for (const ext of ['bvh', 'wav']) copyFileSync(join(generated, 'train', `clip-00${i}.${ext}`), join(folder, `take-0${i}.${ext}`));
  }
  copyFileSync(join(folder, 'take-00.bvh'), join(folder, 'truncated.bvh'));
  writeFileSync(join(folder, 'truncated.wav'), readFileSync(join(folder, 'take-00.wav')).subarray(0, 40));
  writeFileSync(join(folder, 'broken.bvh'), 'HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n  CHANNELS 6 Xposition');
  copyFileSync(join(folder, 'take-01.wav'), join(folder, 'broken.wav'));
  return folder;
}

test('import a dataset with bad files, read the report, train on it', async ({ studio, dataDir }) => {
  test.skip(process.env.STAGECRAFT_E2E_TARGET === 'electron', 'Electron confines typed paths to the data folder; the menu picks folders there');
  const folder = recordingsWithBadFiles(join(dataDir, 'incoming'));
  await studio.createProject('imports', 'Imports');

  await studio.importDataset(folder);
  const report = studio.byTestId('import-report');
  await expect(report).toBeVisible();
  await expect(studio.byTestId('import-name')).toHaveText('recordings');
  await expect(studio.byTestId('import-clips')).toHaveText('5 clips');
  await expect(studio.byTestId('import-duration')).toHaveText('30.0 s');
  await expect(studio.byTestId('import-skeleton')).toContainText('at 30 fps');
  await expect(studio.byTestId('import-skeleton')).toContainText('audio + motion');
  const skipped = studio.byTestId('import-skipped');
  await expect(skipped.locator('li[data-file="truncated.wav"]')).toContainText(/truncated\.wav/);
  await expect(skipped.locator('li[data-file="broken.bvh"]')).toContainText(/broken\.bvh/);
  await expect(skipped.locator('li[data-file="broken.wav"]')).toContainText("its motion 'broken.bvh' did not load");
  await expect(skipped.locator('li[data-file="truncated.bvh"]')).toContainText("its audio 'truncated.wav' did not load");
  await expect(studio.byTestId('dataset-list')).toContainText('recordings');
  await studio.page.screenshot({ path: 'test-output/screens/import-report.png' });

  // A run on the imported data trains.
  await studio.newRun('motion-autoencoder', 'tiny', 'recordings');
  await expect(studio.byTestId('ready-to-start')).toContainText('dataset recordings');
  await studio.click('run-start');
  await studio.expectState('running');
  await studio.waitForStepAbove(5);
  await studio.click('run-stop');
  await studio.expectState('stopped');

  // A folder with nothing importable is a sentence naming it, and nothing changes.
  await studio.importDataset(join(dataDir, 'no-such-folder'));
  await expect(studio.byTestId('error-message')).toContainText('no-such-folder');
  await expect(studio.byTestId('error-message')).toContainText('is not a folder');
  await expect(studio.byTestId('dataset-list')).toHaveText('demo, recordings');
});
