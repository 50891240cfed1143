/**
 * A convolutional motion autoencoder: frames of joint features are squeezed to a quarter of
 * the frame rate and rebuilt. The first real recipe; the VQ tokenizer grows from this shape.
 */
import * as tf from '../../nn/tf.js';
import type { Rng } from '../../engine/rng.js';
import { smoothL1, velocity } from '../../nn/losses.js';
import { ParamStore } from '../../nn/params.js';
import { convDown, convSame, convUp, dense, type Dense } from '../../nn/temporal-conv.js';
import type { Batch, MotionPreview, RecipeModel } from '../recipe.js';
import type { AutoencoderConfig } from './config.js';
import type { MotionWindows } from './windows.js';

export class MotionAutoencoder implements RecipeModel {
  readonly params: ParamStore;
  readonly evalEvery: number;
  private readonly encoder: Dense[];
  private readonly decoder: Dense[];

  constructor(
    private readonly config: AutoencoderConfig,
    private readonly data: MotionWindows,
    seed: number,
  ) {
    const { width, latent } = config;
    this.evalEvery = config.evalEvery;
    const features = data.featureDim;
    this.params = new ParamStore(seed);
    const p = this.params;
    this.encoder = [
      dense(p, 'encoder', 'in', 3 * features, width),
      dense(p, 'encoder', 'down1', 4 * width, width),
      dense(p, 'encoder', 'down2', 4 * width, width),
      dense(p, 'encoder', 'latent', 3 * width, latent),
    ];
    this.decoder = [
      dense(p, 'decoder', 'in', 3 * latent, width),
      dense(p, 'decoder', 'up1', width, 2 * width),
      dense(p, 'decoder', 'up2', width, 2 * width),
      dense(p, 'decoder', 'out', 3 * width, features),
    ];
  }

  private forward(x: tf.Tensor3D): tf.Tensor3D {
    const [inp, down1, down2, toLatent] = this.encoder as [Dense, Dense, Dense, Dense];
    const [fromLatent, up1, up2, out] = this.decoder as [Dense, Dense, Dense, Dense];
    let h = tf.relu(convSame(x, inp, 3));
    h = tf.relu(convDown(h, down1));
    h = tf.relu(convDown(h, down2));
    const z = convSame(h, toLatent, 3);
    h = tf.relu(convSame(z, fromLatent, 3));
    h = tf.relu(convUp(h, up1));
    h = tf.relu(convUp(h, up2));
    return convSame(h, out, 3);
  }

  nextBatch(rng: Rng): Batch {
    const windows = this.data.sampleTrain(rng, this.config.batchSize, this.config.windowFrames);
    return { inputs: windows, targets: windows };
  }

  losses(batch: Batch): Record<string, tf.Scalar> & { loss: tf.Scalar } {
    const target = batch.targets as tf.Tensor3D;
    const output = this.forward(batch.inputs as tf.Tensor3D);
    const recon = smoothL1(output, target);
    const vel = smoothL1(velocity(output), velocity(target));
    const loss = tf.add(recon, tf.mul(vel, this.config.velocityWeight)) as tf.Scalar;
    return { loss, 'loss/recon': recon, 'loss/velocity': vel };
  }

  async evaluate(): Promise<Record<string, number>> {
    const [recon, jointError] = tf.tidy(() => {
      const target = this.data.validationWindows;
      const output = this.forward(target);
      // Back to body-height units so the joint error reads as "% of body height".
      const [batch, frames] = target.shape;
      const positions = (t: tf.Tensor3D) => tf.slice(t, [0, 0, 0], [batch, frames, this.data.positionDims]);
      const errorInHeights = tf.mul(tf.abs(tf.sub(positions(output), positions(target))), this.data.positionStd);
      return [smoothL1(output, target), tf.mean(errorInHeights)];
    });
    const values = { 'val/recon': (await recon.data())[0] ?? NaN, 'val/joint_error_pct': ((await jointError.data())[0] ?? NaN) * 100 };
    tf.dispose([recon, jointError]);
    return values;
  }

  async preview(): Promise<MotionPreview> {
    const clip = this.data.previewClip;
    const output = tf.tidy(() => this.forward(clip));
    const generated = this.data.toPositions(await output.data());
    output.dispose();
    return { ...this.data.skeleton, generated, truth: this.data.toPositions(await clip.data()), frames: clip.shape[1] };
  }

  dispose(): void {
    this.params.dispose();
    this.data.dispose();
  }
}
