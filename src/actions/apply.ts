import { runApplyAction } from './apply-action.js';

await runApplyAction();
