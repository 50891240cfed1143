/** Plan files in and out of the browser sandbox: a picked file read as text, text saved as a download. */

export function readFileText(file: File): Promise<string> {
  return file.text();
}

/** Saves `text` as a download named `fileName` (Blob + a temporary anchor; nothing stays in the page). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The click starts the download synchronously; revoke on the next turn so every browser has the URL.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
