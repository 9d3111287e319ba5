// Saving a file the service produced: a download in the browser, the save dialog in Electron
// (which asks where to put every download).

export function downloadText(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; the URL can go once it has.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Saves a finished export from the host's download route: the browser streams it to disk (no copy
 * in memory), and the desktop shell's app:// protocol serves the same path, with its save dialog.
 */
export function downloadExport(downloadId: string, fileName: string): void {
  const link = Object.assign(document.createElement('a'), { href: `./api/download/${encodeURIComponent(downloadId)}`, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
}
