/** The desktop shell's services (Electron only): null in a browser, so callers simply render nothing. */
import type { StagecraftShell } from '../../trainer/protocol';

export function desktopShell(win: Window = window): StagecraftShell | null {
  return win.stagecraft?.shell ?? null;
}

/** A quick check before main checks properly: the line serve mode prints, with its token. */
export function remoteAddressProblem(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return 'Paste the whole address serve mode printed, e.g. http://gpu-box:7860/?token=…';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The address must start with http:// or https://.';
  if (!url.searchParams.get('token')) return 'The address has no ?token=…; copy it exactly as serve mode printed it.';
  return null;
}
