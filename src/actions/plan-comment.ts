import { runPlanCommentAction } from './plan-comment-action.js';

await runPlanCommentAction();
