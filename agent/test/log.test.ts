import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../src/log.js';

describe('logger', () => {
  it('writes JSON lines and never the key or token', () => {
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l));
    log.debug('hidden');
    log.info('enroll', { agentKey: 'k-1', enrollmentToken: 't-1', nested: { Authorization: 'Bearer x' }, server: 'https://s' });
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]!);
    expect(rec).toMatchObject({ level: 'info', msg: 'enroll', agentKey: '[redacted]', enrollmentToken: '[redacted]', server: 'https://s' });
    expect(lines[0]).not.toMatch(/k-1|t-1|Bearer x/);
    expect(redact(new Error('x'))).toEqual({ message: 'x' });
  });
});
