import { defineConfig } from 'tsup';
import { packageBuildConfig } from '../../tsup.config.base';

export default defineConfig(packageBuildConfig(process.cwd(), { entry: ['src/index.ts', 'src/conformance.ts'], external: ['vitest'] }));
