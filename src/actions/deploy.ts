import { runDeployAction } from './deploy-action.js';

await runDeployAction();
