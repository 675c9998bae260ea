import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findNearestPackageJson, findPackageDirectory, readPackageJson } from './resolve-plugin-module';

/** A direct dependency that declares itself a synthkit plugin; not imported yet. */
export interface InstalledPluginCandidate {
  /** The dependency's package name. */
  readonly name: string;
  /** The package.json that lists it. */
  readonly listedIn: string;
  /** Directory resolution starts from (the folder of `listedIn`). */
  readonly fromDirectory: string;
}

/**
 * Lists the synthkit plugins installed for a project: the direct dependencies (dependencies,
 * devDependencies, optionalDependencies) of the nearest package.json at or above `fromDirectory`
 * whose own package.json has `"synthkit": { "plugin": true }`.
 *
 * Only package.json files are read: nothing is imported, and node_modules is never crawled, so this
 * stays fast and cannot pick up a plugin the project did not ask for. Dependencies that are declared
 * but not installed are skipped (the package manager reports those).
 *
 * @throws InvalidArgumentError (argument `package.json`) naming the file when the project's
 *   package.json, or a dependency's, is not a JSON object.
 */
export function discoverInstalledPlugins(fromDirectory: string): InstalledPluginCandidate[] {
  const packageJsonPath = findNearestPackageJson(fromDirectory);
  if (packageJsonPath == null) return [];
  const projectDirectory = dirname(packageJsonPath);
  const manifest = readPackageJson(packageJsonPath);
  const names = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ]);
  const candidates: InstalledPluginCandidate[] = [];
  for (const name of [...names].sort()) {
    const packageDirectory = findPackageDirectory(name, projectDirectory);
    if (packageDirectory == null || !existsSync(join(packageDirectory, 'package.json'))) continue;
    const dependencyManifest = readPackageJson(join(packageDirectory, 'package.json'));
    if (dependencyManifest.synthkit?.plugin === true) {
      candidates.push({ name, listedIn: packageJsonPath, fromDirectory: projectDirectory });
    }
  }
  return candidates;
}
