/**
 * How the pure core reports progress without importing @actions/core: the action edge passes one backed by
 * core.info/core.group (src/github/logger.ts), the CLI one that writes to stderr, tests one that records.
 */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  /** Runs `body` inside a collapsible log group that closes even when it throws. */
  group<T>(name: string, body: () => Promise<T>): Promise<T>;
}

export const silentLogger: Logger = {
  info: () => undefined,
  warning: () => undefined,
  group: (_name, body) => body(),
};

/** A logger for the CLI: human text to stderr so stdout stays machine-readable with --json. */
export function streamLogger(write: (line: string) => void): Logger {
  return {
    info: (message) => write(message),
    warning: (message) => write(`warning: ${message}`),
    group: async (name, body) => {
      write(`== ${name}`);
      return body();
    },
  };
}

/** Records every line, for tests that assert what the user would have seen. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(message);
  }
  warning(message: string): void {
    this.lines.push(`warning: ${message}`);
  }
  async group<T>(name: string, body: () => Promise<T>): Promise<T> {
    this.lines.push(`== ${name}`);
    return body();
  }
}

/** Clock and sleep are injected so waits and windows are testable without real time passing. */
export interface Clock {
  now: () => Date;
  /** Resolves after `milliseconds`, or early once `signal` aborts (a waiter woken by a watch event stops its timer). */
  sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (milliseconds, signal) =>
    new Promise((done) => {
      if (signal?.aborted) return done();
      const timer = setTimeout(done, milliseconds);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          done();
        },
        { once: true },
      );
    }),
};
