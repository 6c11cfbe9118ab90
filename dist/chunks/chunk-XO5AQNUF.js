import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);

// src/log.ts
var silentLogger = {
  info: () => {
  },
  warning: () => {
  },
  group: (_name, body) => body()
};
function streamLogger(write) {
  return {
    info: (message) => write(message),
    warning: (message) => write(`warning: ${message}`),
    group: async (name, body) => (write(`== ${name}`), body())
  };
}
var systemClock = {
  now: () => /* @__PURE__ */ new Date(),
  sleep: (milliseconds) => new Promise((done) => setTimeout(done, milliseconds))
};

export {
  silentLogger,
  streamLogger,
  systemClock
};
