/** An on/off switch whose state is what the trainer applied; clicking asks for the other state. */
export function Switch({ checked, label, disabled, onToggle }: { checked: boolean; label: string; disabled: boolean; onToggle(next: boolean): void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      className={`switch ${checked ? 'on' : ''}`}
      disabled={disabled}
      onClick={() => onToggle(!checked)}
    >
      <span className="switch-knob" aria-hidden />
    </button>
  );
}
