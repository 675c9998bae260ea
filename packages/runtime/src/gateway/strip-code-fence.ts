/**
 * The text without a Markdown code fence around it (```json ... ```): models often wrap JSON in one
 * although asked not to, and the JSON inside is what was asked for. Other text is returned as it is.
 */
export function stripCodeFence(text: string): string {
  const match = /^\s*```[\w-]*[ \t]*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  return match == null ? text : match[1]!;
}
