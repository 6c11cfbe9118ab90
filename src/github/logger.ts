import * as core from '@actions/core';
import type { Logger } from '../log.js';

/** The Logger the actions use: plain lines, warnings as annotations, phases as collapsible groups. */
export const actionsLogger: Logger = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  group: (name, body) => core.group(name, body),
};
