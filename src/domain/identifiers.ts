// Records are keyed by UUIDs. Ids from addresses and forms are checked before they reach the database,
// which would reject a malformed UUID with an error rather than find nothing.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}
