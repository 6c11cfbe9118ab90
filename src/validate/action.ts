import * as core from '@actions/core';
import { loadDeployControl } from '../config/deploy-control.js';
import { runAction, input } from '../github/action.js';

export function runValidateAction(): Promise<void> {
  return runAction(async () => {
    const control = await loadDeployControl(input('control-file') ?? 'infra/deploy-control.yaml');
    core.setOutput('environments', JSON.stringify(Object.keys(control.config.environments)));
  });
}
