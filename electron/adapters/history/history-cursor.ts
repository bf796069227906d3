/** The opaque page cursor for a record sequence number: the next page holds older records. */
export function encodeCursor(q: number): string {
  return Buffer.from(`q${q}`).toString('base64url');
}

/** The sequence number inside a cursor from `encodeCursor`; throws for anything else. */
export function decodeCursor(cursor: string): number {
  const match = /^q(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match?.[1] === undefined) throw new Error(`Invalid history cursor "${cursor}"`);
  return Number(match[1]);
}
