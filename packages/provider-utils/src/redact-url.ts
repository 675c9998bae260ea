/**
 * The URL without anything secret: user name, password, query string and fragment are dropped, so
 * it can go into error messages and logs. Text that is not a URL is returned unchanged.
 */
export function redactURL(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}
