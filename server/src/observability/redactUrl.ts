// A connection URL fit for logs and error messages: its password shown as ***.

/** `name`: the variable it came from, named when the URL cannot be parsed. */
export function redactUrl(url: string, name: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return `(unparseable ${name})`;
  }
}
