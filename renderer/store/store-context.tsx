/** Hands the one store to components; the store itself is built in main.tsx (or a test). */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './app-store';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Selectors must return stored references or primitives: a fresh object each call re-renders forever. */
export function useApp<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useApp needs a <StoreProvider> above it');
  return useStore(store, selector);
}

/** Commands only make sense while a live trainer can hear them. */
export function useCanCommand(): boolean {
  return useApp((s) => s.connection === 'connected' && s.trainer.exited === null);
}
