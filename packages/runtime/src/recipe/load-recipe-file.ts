import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, InvalidRecipeError } from '@synthkit/core';
import { parseDocument } from 'yaml';

/**
 * Reads a recipe file (YAML, or JSON, which is YAML too) and returns its plain value. Syntax errors
 * become an `InvalidRecipeError` whose issue names the line and column.
 */
export async function loadRecipeFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'recipe',
      message: `Cannot read recipe file ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
      cause: error,
    });
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new InvalidRecipeError({
      source: path,
      issues: document.errors.map((error) => ({
        path: error.linePos == null ? '' : `line ${error.linePos[0].line}, column ${error.linePos[0].col}`,
        // The first line, without the position the path already gives (`... at line 3, column 1:`).
        message: (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, ''),
      })),
    });
  }
  try {
    return document.toJS({ maxAliasCount: maxAliasCount });
  } catch (error) {
    // The yaml library refuses aliases that expand past the limit (a "billion laughs" document).
    throw new InvalidRecipeError({
      source: path,
      issues: [
        {
          path: '',
          message:
            `the recipe's YAML aliases (*name) expand to too much (${error instanceof Error ? error.message : String(error)}). ` +
            `A recipe may use at most ${maxAliasCount} alias expansions; write the repeated parts out, or use fewer nested aliases.`,
        },
      ],
    });
  }
}

/** How many alias expansions a recipe may use: plenty for sharing a block, far below a resource attack. */
const maxAliasCount = 100;
