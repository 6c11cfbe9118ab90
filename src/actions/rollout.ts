import { runRolloutAction } from './rollout-action.js';

await runRolloutAction();
