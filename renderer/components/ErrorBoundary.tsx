import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
}
interface State {
  error: Error | null;
}

/** A rendering bug must leave a readable sentence and a way out, never a blank window. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[stagecraft] the window failed to render', error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div data-testid="error-banner" className="error-banner fatal" role="alert">
        <p>
          <strong>This part of the window failed to draw.</strong> Training is not affected: the trainer runs on its own.
          ({this.state.error.message})
        </p>
        <button onClick={() => this.setState({ error: null })}>Try again</button>
        <button onClick={() => location.reload()}>Reload window</button>
      </div>
    );
  }
}
