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
  sleep: (milliseconds, signal) => new Promise((done) => {
    if (signal?.aborted) return done();
    let timer = setTimeout(done, milliseconds);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer), done();
      },
      { once: !0 }
    );
  })
};

export {
  silentLogger,
  streamLogger,
  systemClock
};
