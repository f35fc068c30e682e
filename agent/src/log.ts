/**
 * Structured JSON-lines logger on stderr. Tiny on purpose: the agent runs on every machine of a fleet,
 * so no extra dependency, and stdout stays free for command output (`inventory` prints JSON there).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Any field whose name looks like a credential is masked, wherever it sits in the record.
const SECRET_FIELD = /key$|token|authorization|password|secret|cookie/i;

export function redact(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return { message: value.message, ...(hasCode(value) ? { code: value.code } : {}) };
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_FIELD.test(k) && v !== undefined ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

function hasCode(e: Error): e is Error & { code: string } {
  return typeof (e as { code?: unknown }).code === 'string';
}

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const min = ORDER[level] ?? ORDER.info;
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < min) return;
    const record = { time: new Date().toISOString(), level: lvl, msg, ...(redact(fields ?? {}) as object) };
    write(JSON.stringify(record) + '\n');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

function envLevel(): LogLevel {
  const v = process.env.PARC_AGENT_LOG_LEVEL;
  return v === 'debug' || v === 'info' || v === 'warn' || v === 'error' ? v : 'info';
}

export const log: Logger = createLogger(envLevel());
