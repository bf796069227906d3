/**
 * Saves `text` as a file named `name` the way a browser downloads (in Electron, the desktop
 * app decides what a download does).
 */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled; the download holds its own reference.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
