/**
 * Growth in time for the recipes' motion autoencoders (the audio-to-motion tokenizer, the
 * motion autoencoder): their encoder and decoder as a time pyramid (nn/time-pyramid.ts) whose
 * levels run at a quarter, half and the full frame rate, and the growth levels that names.
 * Built without growth, the layers, their names, groups and seeds are the full-rate model's.
 */
import type { ConvStep } from '../nn/conv-stack.js';
import type { ParamStore } from '../nn/params.js';
import { dense } from '../nn/temporal-conv.js';
import { TimePyramid, type PyramidLevel } from '../nn/time-pyramid.js';
import type { GrowthLevel } from '../protocol.js';

/** The levels, coarsest first: each doubles the frame rate of the one below (the encoders halve it twice). */
const LEVEL_NAMES = ['quarter', 'half', 'full'] as const;

/** The encoder-side and decoder-side layer groups a level adds (level 0's are the coarse model's own). */
function levelGroups(level: number): { encoder: string; decoder: string } {
  return level === 0 ? { encoder: 'encoder', decoder: 'decoder' } : { encoder: `encoder_${LEVEL_NAMES[level]}`, decoder: `decoder_${LEVEL_NAMES[level]}` };
}

/** The growth levels of a pyramid whose level 0 holds `base` (encoder and decoder, with anything between them, e.g. a codebook). */
export function timeGrowthLevels(base: readonly string[]): GrowthLevel[] {
  return LEVEL_NAMES.map((name, level) => ({ name, groups: level === 0 ? [...base] : [levelGroups(level).encoder, levelGroups(level).decoder] }));
}

export interface PyramidSpec {
  features: number;
  width: number;
  /** Channels of the latent at a quarter of the frame rate. */
  latent: number;
  /** How the decoder doubles the frame rate: a resize-convolution ('upsample') or a transposed conv ('up'). */
  up: 'upsample' | 'up';
  /** With its growth levels (starting at level 0), or the full-rate model only. */
  growth: boolean;
  /** The group of the projection into the latent (default 'encoder'; the tokenizer's 'inter'). */
  latentGroup?: string;
  /** Makes what sits between the encoder's layers and the decoder's (a codebook), so parameters are drawn in model order. */
  between?: () => void;
}

export function buildTimePyramid(store: ParamStore, spec: PyramidSpec): TimePyramid {
  const { features, width, latent } = spec;
  const conv = (group: string, name: string, inputs: number, outputs: number, kind: ConvStep['kind'], relu: boolean): ConvStep => ({ layer: dense(store, group, name, inputs, outputs), kind, relu });
  const fromMotion = (group: string, name: string) => conv(group, name, 3 * features, width, 'same', true);
  const down = (group: string, name: string) => conv(group, name, 4 * width, width, 'down', true);
  const up = (group: string, name: string) => (spec.up === 'up' ? conv(group, name, width, 2 * width, 'up', true) : conv(group, name, 3 * width, width, 'upsample', true));
  const toMotion = (group: string, name: string) => conv(group, name, 3 * width, features, 'same', false);
  if (!spec.growth) {
    // In the order the full-rate model always made them, so a seed gives the same weights.
    const [inLayer, down1, down2] = [fromMotion('encoder', 'in'), down('encoder', 'down1'), down('encoder', 'down2')];
    const latentLayer = conv(spec.latentGroup ?? 'encoder', 'latent', 3 * width, latent, 'same', false);
    spec.between?.();
    const decoderIn = conv('decoder', 'in', 3 * latent, width, 'same', true);
    const [up1, up2, out] = [up('decoder', 'up1'), up('decoder', 'up2'), toMotion('decoder', 'out')];
    return new TimePyramid([{}, { down: down2, up: up1 }, { fromMotion: inLayer, down: down1, up: up2, toMotion: out }], [latentLayer], [decoderIn]);
  }
  const levels: PyramidLevel[] = LEVEL_NAMES.map((_name, level) => {
    const { encoder, decoder } = levelGroups(level);
    const ends = { fromMotion: fromMotion(encoder, 'from_motion'), toMotion: toMotion(decoder, 'to_motion') };
    return level === 0 ? ends : { ...ends, down: down(encoder, 'down'), up: up(decoder, 'up') };
  });
  const latentLayer = conv(spec.latentGroup ?? 'encoder', 'latent', 3 * width, latent, 'same', false);
  spec.between?.();
  const decoderIn = conv('decoder', 'in', 3 * latent, width, 'same', true);
  return new TimePyramid(levels, [latentLayer], [decoderIn]);
}
