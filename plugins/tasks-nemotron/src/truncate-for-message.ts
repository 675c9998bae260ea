/**
 * Shortens text quoted in an error message to `maximumLength` characters, ending it with `…` when
 * it was cut, so one long item does not drown the message.
 */
export function truncateForMessage(text: string, maximumLength = 80): string {
  return text.length <= maximumLength ? text : `${text.slice(0, maximumLength - 1)}…`;
}
