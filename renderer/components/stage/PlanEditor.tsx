import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { isLive, LOOP_METRICS, type RunSummary, type Stage } from '../../../trainer/protocol';
import { requestById } from '../../store/requests';
import { useApp, useCanCommand } from '../../store/store-context';
import { PlanFileButtons } from './PlanFileButtons';
import { PlanForm } from './PlanForm';
import { checkPlanText, planToText } from './plan-text';
import { describeEnd } from './stage-words';

export interface PlanEditorProps {
  run: RunSummary;
  onClose(): void;
}

/**
 * The run's stage plan to edit as a form or as JSON, load or save (both edit the JSON text).
 * Every change is checked against the protocol's schema; Apply sends plan/set, and the stage
 * panel changes only when the trainer answers plan/updated (then the editor closes). A trainer
 * error for it shows here.
 */
export function PlanEditor({ run, onClose }: PlanEditorProps) {
  const [text, setText] = useState(() => planToText(run.plan));
  const [view, setView] = useState<'form' | 'json'>('form');
  const recipe = useApp((s) => s.trainer.recipes.find((r) => r.id === run.recipe));
  const metrics = useMemo(() => [...(recipe?.metrics ?? []), ...LOOP_METRICS], [recipe]);
  const check = useMemo(() => checkPlanText(text), [text]);
  // Only the answer to what this editor sent: an earlier editor's request is none of its business.
  const [sentId, setSentId] = useState<string | null>(null);
  const request = useApp((s) => requestById(s.requests, sentId));
  const setPlan = useApp((s) => s.setPlan);
  const canCommand = useCanCommand();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const live = isLive(run);
  const pending = request?.status === 'pending';
  const canApply = check.ok && live && canCommand && !pending;

  useEffect(() => {
    if (view === 'json') textRef.current?.focus();
  }, [view]);
  useEffect(() => {
    if (request?.status === 'answered') onClose();
  }, [request?.status, onClose]);

  const edit = (next: string) => {
    setText(next);
    // The trainer's complaint was about the text it was sent; once that changes it no longer applies.
    if (request?.status === 'failed') setSentId(null);
  };
  const apply = () => {
    if (canApply) setSentId(setPlan(run.id, check.plan));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) apply();
  };

  const error = !check.ok ? check.message : request?.status === 'failed' ? `The trainer did not apply the plan: ${request.message}` : null;
  return (
    // No close on a backdrop click: a stray click must not throw away an edited plan.
    <div className="modal-backdrop">
      <div data-testid="plan-editor" className="plan-editor" role="dialog" aria-modal="true" aria-labelledby="plan-editor-title" onKeyDown={onKeyDown}>
        <div className="panel-title">
          <h2 id="plan-editor-title">Edit stage plan</h2>
          <span className="plan-name" title={`Run: ${run.name}`}>
            {run.name}
          </span>
        </div>
        {!live && (
          <p data-testid="plan-editor-idle" className="plan-editor-note">
            Run “{run.name}” is {run.state}: the trainer applies a plan only to a running or paused run.
            {run.state === 'idle' ? ' Start the run, then apply; or save the plan to a file for later.' : ' Save the plan to a file to use it in a new run.'}
          </p>
        )}
        <div className="segmented plan-editor-views" role="tablist" aria-label="Edit as">
          {(['form', 'json'] as const).map((v) => (
            <button key={v} role="tab" data-testid={`plan-editor-view-${v}`} aria-selected={view === v} className={view === v ? 'active' : ''} onClick={() => setView(v)}>
              {v === 'form' ? 'Form' : 'JSON'}
            </button>
          ))}
        </div>
        {view === 'form' &&
          (check.ok ? (
            <PlanForm plan={check.plan} groups={run.layerGroups} metrics={metrics} growthLevels={run.growthLevels} onChange={(plan) => edit(planToText(plan))} />
          ) : (
            <p className="plan-editor-note">The JSON has a problem (below); fix it there to edit the plan as a form.</p>
          ))}
        <textarea
          hidden={view !== 'json'}
          ref={textRef}
          data-testid="plan-editor-text"
          className="plan-editor-text"
          value={text}
          onChange={(e) => edit(e.target.value)}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          aria-label="Stage plan JSON"
          aria-invalid={!check.ok}
          aria-describedby="plan-editor-status"
        />
        <div id="plan-editor-status" className="plan-editor-status" aria-live="polite">
          {error !== null ? (
            <p data-testid="plan-editor-error" className="plan-editor-error" data-source={check.ok ? 'trainer' : 'plan'}>
              {error}
            </p>
          ) : pending ? (
            <p className="muted">Sent; waiting for the trainer to apply the plan…</p>
          ) : (
            check.ok && <PlanSummary stages={check.plan.stages} />
          )}
        </div>
        <div className="plan-editor-actions">
          <PlanFileButtons text={text} fallbackName={run.plan.name} onLoad={edit} />
          <span className="spacer" />
          <button data-testid="plan-editor-cancel" onClick={onClose}>
            Cancel
          </button>
          <button
            data-testid="plan-editor-apply"
            className="primary"
            disabled={!canApply}
            title={!live ? 'Only a running or paused run takes a new plan.' : !check.ok ? 'Fix the plan first (see below).' : 'Replace the run’s plan (Ctrl+Enter). The run stays in its current stage if the new plan has it.'}
            onClick={apply}
          >
            Apply
          </button>
        </div>
      </div>
    </div>
  );
}

function PlanSummary({ stages }: { stages: Stage[] }) {
  return (
    <p data-testid="plan-editor-valid" className="muted">
      Valid plan · <span className="num">{stages.length}</span> {stages.length === 1 ? 'stage' : 'stages'}:{' '}
      {stages.map((s, i) => `${i + 1}. ${s.name} (${describeEnd(s.end)})`).join(' · ')}
    </p>
  );
}
