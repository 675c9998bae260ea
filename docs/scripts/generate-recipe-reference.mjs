// Writes docs/recipe-reference.md from the schemas (`pnpm docs:reference`, which builds the
// packages first). docs/recipe-reference.test.mjs fails while the file is out of date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { recipeReference } from './recipe-reference.mjs';

const file = fileURLToPath(new URL('../recipe-reference.md', import.meta.url));
writeFileSync(file, await recipeReference());
console.log(`Wrote ${file}.`);
