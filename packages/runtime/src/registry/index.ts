export { createRegistry, parseReference, type Registry, type RegistryItem, type RegistryOptions } from './create-registry';
export { discoverInstalledPlugins, type InstalledPluginCandidate } from './discover-installed-plugins';
export { loadPlugin, supportedSpecificationVersions, validatePluginObject, type LoadedPlugin } from './load-plugin';
export type { PluginSource } from './plugin-source';
export {
  findNearestPackageJson,
  resolvePluginModule,
  type PackageJson,
  type ResolvedPluginModule,
  type ResolvePluginModuleOptions,
} from './resolve-plugin-module';
export {
  propertySummaries,
  summarizeItem,
  type ItemSummary,
  type PropertySummary,
  type TemplateSummary,
} from './summarize-item';
