import { isLive, MAIN_BRANCH, type RunSummary } from '../../../trainer/protocol';

interface Props {
  run: RunSummary;
  /** The branch whose history the charts show now. */
  viewing: string;
  onView(branch: string): void;
  disabled: boolean;
}

/** Which branch of the run's history the charts show; the one the run trains on is marked. */
export function BranchSelector({ run, viewing, onView, disabled }: Props) {
  const training = run.branch;
  const branches = [MAIN_BRANCH, ...(run.branches ?? []).map((b) => b.name)];
  const forkOf = (name: string) => run.branches?.find((b) => b.name === name);
  if (branches.length < 2) return null;
  return (
    <label className="branch-selector">
      Branch
      <select data-testid="branch-select" value={viewing} disabled={disabled} onChange={(e) => onView(e.target.value)}>
        {branches.map((name) => {
          const fork = forkOf(name);
          return (
            <option key={name} value={name} data-testid="branch-option">
              {name}
              {fork ? ` (from step ${fork.forkStep})` : ''}
              {name === training && isLive(run) ? ' · training' : ''}
            </option>
          );
        })}
      </select>
    </label>
  );
}
