// Runs every benchmark (`npm run bench`). Speed targets live here, never in timed tests.
import { benchBuild } from './build.js';
import { benchLive } from './live.js';
import { benchRollout } from './rollout.js';

await benchBuild();
await benchRollout();
await benchLive();
