import { packageTestConfig } from '../../vitest.config.base.ts';

export default packageTestConfig(process.cwd());
