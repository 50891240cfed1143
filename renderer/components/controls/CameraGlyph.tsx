/** The small camera on a risky control: flipping it makes the trainer take a snapshot first. */
export function CameraGlyph({ title }: { title: string }) {
  return (
    <svg className="camera-glyph" width="12" height="10" viewBox="0 0 12 10" role="img" aria-label={title}>
      <title>{title}</title>
      <path d="M1 3h2.2l1-1.5h3.6l1 1.5H11v6H1z" fill="none" stroke="currentColor" strokeWidth="1.1" strokeLinejoin="round" />
      <circle cx="6" cy="5.8" r="1.7" fill="none" stroke="currentColor" strokeWidth="1.1" />
    </svg>
  );
}
