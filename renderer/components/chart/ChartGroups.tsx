/**
 * The small charts, in groups as TensorBoard groups tags: each group a section a person can fold
 * away (the choice stays in the chart settings). A folded group still says what it holds, so a
 * number is found by reading the headers, not by opening every group.
 */
import type { TimelineMark } from '../../../trainer/protocol';
import { useApp } from '../../store/store-context';
import type { DrawnGroup } from './chart-data';
import { MetricChart } from './MetricChart';
import { seriesLabel } from './series-labels';

export interface ChartGroupsProps {
  groups: readonly DrawnGroup[];
  range: [number, number];
  marks: readonly TimelineMark[];
  smoothed: boolean;
  onZoom(from: number, to: number): void;
  onResetZoom(): void;
}

export function ChartGroups({ groups, ...shared }: ChartGroupsProps) {
  const toggleGroup = useApp((s) => s.toggleGroup);
  return (
    <div className="chart-groups" data-testid="chart-groups">
      {groups.map((group) => (
        <ChartGroup key={group.id} group={group} onToggle={toggleGroup} {...shared} />
      ))}
    </div>
  );
}

function ChartGroup({ group, onToggle, range, marks, smoothed, onZoom, onResetZoom }: Omit<ChartGroupsProps, 'groups'> & { group: DrawnGroup; onToggle(id: string): void }) {
  const count = group.specs.length;
  const series = group.specs.reduce((n, s) => n + s.keys.length, 0);
  const bodyId = `chart-group-body-${group.id}`;
  return (
    <section
      className={`chart-group${group.folded ? ' chart-group-folded' : ''}`}
      data-testid="chart-group"
      data-group={group.id}
      data-folded={group.folded}
      // Wider groups get the wider share of a row; one-chart groups sit side by side.
      style={{ flexGrow: group.folded ? 1 : count, flexBasis: group.folded ? undefined : `calc(${count} * var(--chart-min-width))` }}
    >
      <h3 className="chart-group-header">
        <button type="button" data-testid="chart-group-toggle" aria-expanded={!group.folded} aria-controls={bodyId} title={group.about} onClick={() => onToggle(group.id)}>
          <span className="chart-group-caret" aria-hidden>
            {group.folded ? '▸' : '▾'}
          </span>
          {group.title}
          <span className="muted chart-group-count">
            {count === 1 ? (series === 1 ? '1 metric' : `${series} metrics`) : `${count} charts · ${series} metrics`}
          </span>
        </button>
        {group.folded && (
          <span className="muted chart-group-summary" data-testid="chart-group-summary">
            {group.specs.map((s) => (s.keys.length === 1 ? s.title : `${s.title} (${s.keys.map(seriesLabel).join(', ')})`)).join(' · ')}
          </span>
        )}
      </h3>
      {!group.folded && (
        <div className="chart-group-body" id={bodyId}>
          {group.charts.map((chart) => (
            <MetricChart key={chart.spec.id} chart={chart} range={range} marks={marks} primary={false} smoothed={smoothed} onZoom={onZoom} onResetZoom={onResetZoom} />
          ))}
        </div>
      )}
    </section>
  );
}
