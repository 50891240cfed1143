import { startTestTrainer } from './trainer/testing/trainer-process.js';
const t = await startTestTrainer('gan-check');
const { peer } = t;
await peer.request({ type: 'project/create', path: 'g', name: 'G', withDemo: true }, 'project/opened');
const plan = { name: 'p', stages: [
  { name: 'tok', controls: { locks: { audio_encoder: true, generator: true } }, end: { type: 'steps', steps: 400 } },
  { name: 'gen', controls: { locks: { encoder: true, codebook: true, decoder: true, audio_encoder: false, generator: false } }, end: { type: 'steps', steps: 200 } },
  { name: 'gan', controls: { locks: { decoder: false }, gan: { enabled: true, power: 0.01 }, learningRate: 0.0002 }, end: { type: 'steps', steps: 400 } },
  { name: 'ft', controls: { gan: { enabled: false } }, end: { type: 'manual' } },
] };
const { run } = await peer.request({ type: 'run/create', recipe: 'audio-to-motion', seed: 1, plan, autopilot: true }, 'run/created');
await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
await peer.next('stage/changed', (e) => e.stage.index === 3, { timeoutMs: 600000 });
await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 1100), { timeoutMs: 600000 });
for (const e of peer.events) if (e.type === 'warning' || e.type === 'stage/changed') console.log(e.type, e.step, 'message' in e ? e.message : e.name);
const pts = peer.events.flatMap(e => e.type === 'metrics/batch' ? e.points : []);
for (const s of [595, 605, 620, 660, 700, 800, 900, 1000]) { const p = pts.find(p => p.step === s && !p.late); console.log(s, JSON.stringify(p?.values)); }
await t.stop();
