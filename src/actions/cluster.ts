import { runClusterAction } from './cluster-action.js';

await runClusterAction();
