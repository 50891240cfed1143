/**
 * THE contract between the trainer and everything that talks to it: commands in, events out.
 * Schemas are defined once, in trainer/protocol/ (one file per part of the conversation); types
 * are derived with z.infer. This file is the one place electron/, renderer/ and trainer/ import
 * them from. Pure: the parts import nothing but zod and each other.
 */
export * from './protocol/shapes.js';
export * from './protocol/control-limits.js';
export * from './protocol/control-defaults.js';
export * from './protocol/control-paths.js';
export * from './protocol/control-risks.js';
export * from './protocol/rules.js';
export * from './protocol/runs.js';
export * from './protocol/likeness.js';
export * from './protocol/metric-catalog.js';
export * from './protocol/previews.js';
export * from './protocol/downloads.js';
export * from './protocol/commands.js';
export * from './protocol/events.js';
export * from './protocol/boundary.js';
