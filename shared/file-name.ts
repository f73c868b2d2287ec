/**
 * The name the user knows the file by. The browser harness stores uploads as `<uuid>-<name>` and
 * main reports the stored name; an Electron path keeps the original, which passes through unchanged.
 */
export function displayFileName(fileName: string): string {
  return fileName.replace(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/i, '');
}
