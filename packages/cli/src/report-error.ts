import {
  InvalidArgumentError,
  InvalidRecipeError,
  NoSuchItemError,
  PluginLoadError,
  SynthkitError,
  TemplateError,
} from '@synthkit/core';
import { DocumentSourceError, JsonlParseError } from '@synthkit/runtime';
import { exitCodes, type CliIo, type ExitCode } from './cli-io';

/**
 * Prints an error the way users should see it (message only for errors synthkit raised on
 * purpose, the stack for anything unexpected) and returns the exit code: 2 for bad input
 * (recipe, arguments, plugins), 1 otherwise.
 */
export function reportError(error: unknown, io: CliIo): ExitCode {
  if (isBadInput(error)) {
    io.stderr.write(`error: ${error.message}\n`);
    return exitCodes.badInput;
  }
  if (SynthkitError.isInstance(error)) {
    io.stderr.write(`error: ${error.message}\n`);
    return exitCodes.runFailed;
  }
  io.stderr.write(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return exitCodes.runFailed;
}

// --- Internal helpers ---

function isBadInput(error: unknown): error is SynthkitError {
  return (
    InvalidRecipeError.isInstance(error) ||
    PluginLoadError.isInstance(error) ||
    InvalidArgumentError.isInstance(error) ||
    NoSuchItemError.isInstance(error) ||
    // A malformed seed file, or a document that is not text, met before the run starts (a dry run reads it).
    JsonlParseError.isInstance(error) ||
    DocumentSourceError.isInstance(error) ||
    TemplateError.isInstance(error)
  );
}
