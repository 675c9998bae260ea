/**
 * Matches a rule's pattern against a prompt and returns the first match with its capture groups.
 * `g` and `y` flags are dropped: they make `RegExp#exec` stateful (`lastIndex`), so the same rule
 * would match a prompt on one call and miss it on the next.
 */
export function matchPrompt(pattern: RegExp, text: string): RegExpMatchArray | null {
  if (!pattern.global && !pattern.sticky) return pattern.exec(text);
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).exec(text);
}
