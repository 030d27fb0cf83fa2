/** CSV as RFC 4180 writes it: CRLF line ends, every field quoted, quotes doubled. */

/**
 * A cell that a spreadsheet would run as a formula (starts with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`
 * (the OWASP "CSV injection" advice): evidence opened in Excel must not execute a resource name.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** Rows (the first one the header) as one CSV text. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
