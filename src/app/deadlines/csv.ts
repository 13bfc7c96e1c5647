// Comma-separated values as spreadsheets read them (RFC 4180): every cell quoted, quotes doubled, lines
// ended with CRLF.
//
// A cell a spreadsheet would take for a formula (one starting with = + - or @, or a tab or carriage
// return that some programs skip before one) is prefixed with a single quote, so that text written
// into a record, such as a name, can never run as a formula on the reader's computer.
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const guarded = formulaStart.test(value) ? `'${value}` : value;
  return `"${guarded.replaceAll('"', '""')}"`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
