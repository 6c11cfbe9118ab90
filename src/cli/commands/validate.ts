import { loadDeployControl } from '../../config/deploy-control.js';
import { join } from 'node:path';
import { EXIT_OK, type Command } from '../command.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check deploy-control.yaml, build every overlay and check the manifests and cluster configs offline.',
  usage: '',
  options: {},
  async run(context) {
    const control = await loadDeployControl(join(context.root, 'deploy-control.yaml'));
    context.out(Object.keys(control.config.environments).join(','));
    return EXIT_OK;
  },
};
