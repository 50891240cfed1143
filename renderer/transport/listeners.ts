/** A tiny listener set whose subscribe returns its own unsubscribe. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  subscribe(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => void this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.set]) listener(value);
  }
}
