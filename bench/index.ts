// Runs every benchmark (`npm run bench`). Speed targets live here, never in timed tests.
import { benchRollout } from './rollout.js';

await benchRollout();
