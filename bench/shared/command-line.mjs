// Command-line options and V8 switches the benchmark scripts share.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** `--name N`: a positive whole number, or `fallback` when the option is absent. */
export function numberArgument(name, fallback) {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
}

/** `--name 32,128`: positive whole numbers, or `fallback` when the option is absent. */
export function listArgument(name, fallback) {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const values = String(process.argv[index + 1]).split(',').map(Number);
  if (values.some((value) => !Number.isInteger(value) || value <= 0)) throw new Error(`${name} needs positive whole numbers, e.g. 32,128`);
  return values;
}

/** `--name value`: one of `allowed`, or `fallback` when the option is absent. */
export function stringArgument(name, fallback, allowed) {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const value = process.argv[index + 1];
  if (!allowed.includes(value)) throw new Error(`${name} must be one of ${allowed.join(', ')}`);
  return value;
}

/** The garbage collector, so a run can start from a collected heap; a no-op if V8 refuses. */
export function exposeGarbageCollector() {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc');
  } catch {
    return () => {};
  }
}

/** `--name a,b`: values out of `allowed`, or `fallback` when the option is absent. */
export function stringListArgument(name, fallback, allowed) {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const values = String(process.argv[index + 1]).split(',');
  const unknown = values.find((value) => !allowed.includes(value));
  if (unknown != null) throw new Error(`${name} takes a comma-separated list of ${allowed.join(', ')}; got ${unknown}`);
  return values;
}

/** `--name value`: any text, or undefined when the option is absent. */
export function optionalStringArgument(name) {
  const index = process.argv.indexOf(name);
  if (index < 0) return undefined;
  const value = process.argv[index + 1];
  if (value == null || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}
