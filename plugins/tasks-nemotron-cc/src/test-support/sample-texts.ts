/**
 * Test-only texts for this plugin's own tests (not exported from the package): a web document and
 * model answers long enough to pass the tasks' default token checks.
 */

/** A short web page about tides, on four lines (about 120 Llama 3 tokens). */
export const tideDocument = [
  'Tides explained | Coastal Guide',
  'Tides are the regular rise and fall of the sea, caused mostly by the pull of the moon and, to a lesser degree, the sun.',
  'Most coasts see two high tides and two low tides every lunar day, which lasts about 24 hours and 50 minutes, so high tide comes roughly 50 minutes later each day.',
  'When the sun and moon line up, at new and full moon, their pulls add up and give spring tides, with the highest highs and lowest lows; at the quarter moons they partly cancel out and give weaker neap tides.',
].join('\n');

/** A rewrite of {@link tideDocument} of about 70 Llama 3 tokens, without any prefix. */
export const tideRewrite =
  'Tides are the periodic rise and fall of sea level, produced chiefly by the gravitational pull of the Moon and, to a smaller extent, the Sun. ' +
  'Most coastlines experience two high and two low tides in each lunar day of about 24 hours and 50 minutes. ' +
  'Spring tides occur when the Sun and Moon are aligned; neap tides occur at the quarter moons.';

/** About `tokens` Llama 3 tokens of filler words (" word" is one token). */
export function wordsOfTokens(tokens: number): string {
  return Array.from({ length: tokens }, () => 'word').join(' ');
}
