import { defineConfig } from 'tsup';
import { packageBuildConfig } from '../../tsup.config.base';

export default defineConfig([
  packageBuildConfig(process.cwd()),
  // The executable: ESM only, with a shebang, no declarations.
  { ...packageBuildConfig(process.cwd()), entry: ['src/bin.ts'], format: ['esm'], dts: false, clean: false },
]);
