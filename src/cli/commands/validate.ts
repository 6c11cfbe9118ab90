import { Kubectl } from '../../k8s/kubectl.js';
import { streamLogger } from '../../log.js';
import { displayPath, parseSecretNames } from '../../validate/inputs.js';
import { renderText } from '../../validate/report.js';
import { validateInfrastructure, type ValidateRequest } from '../../validate/validate.js';
import { EXIT_FAILED, EXIT_OK, stringValue, type Command } from '../command.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check deploy-control.yaml, build every overlay and check the manifests and cluster configs offline.',
  usage: '[--control-file FILE] [--secret-names A,B] [--image-preflight] [--verbose]\n\n  --image-preflight   also resolve every image in its registry, anonymously (a missing tag is an error)',
  options: {
    'control-file': { type: 'string' },
    'secret-names': { type: 'string' },
    verbose: { type: 'boolean', default: false },
    'image-preflight': { type: 'boolean', default: false },
  },
  async run(context) {
    const request: ValidateRequest = { root: displayPath(context.root) };
    const controlFile = stringValue(context.values, 'control-file');
    if (controlFile) request.controlFile = displayPath(controlFile);
    const secretNames = parseSecretNames(stringValue(context.values, 'secret-names'));
    if (secretNames) request.secretNames = secretNames;
    if (context.values['image-preflight'] === true) request.imagePreflight = true;
    const logger = context.values.verbose === true ? streamLogger(context.err) : undefined;
    const report = await validateInfrastructure(request, { kubectl: new Kubectl(context.exec), logger, fetch: (url, init) => fetch(url, init) });
    context.out(context.json ? JSON.stringify(report, null, 2) : renderText(report));
    return report.valid ? EXIT_OK : EXIT_FAILED;
  },
};
