#!/usr/bin/env node
// The `vetted` command. Sources are TypeScript, loaded through tsx: no build step between a clone and a run.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
await run();
