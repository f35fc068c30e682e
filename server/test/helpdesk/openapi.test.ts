import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/test-app.js';

describe('OpenAPI document', () => {
  it('documents every helpdesk administration route', async () => {
    const t = await setupTestApp();
    const doc = (await (await t.json('GET', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const expected: Record<string, string[]> = {
      '/api/v1/groups': ['get', 'post'],
      '/api/v1/groups/{id}': ['get', 'patch', 'delete'],
      '/api/v1/groups/{id}/members': ['get', 'put'],
      '/api/v1/ticket-categories': ['get', 'post'],
      '/api/v1/ticket-categories/{id}': ['get', 'patch', 'delete'],
      '/api/v1/calendars': ['get', 'post'],
      '/api/v1/calendars/{id}': ['get', 'patch', 'delete'],
      '/api/v1/sla-policies': ['get', 'post'],
      '/api/v1/sla-policies/{id}': ['get', 'patch', 'delete'],
      '/api/v1/assignment-rules': ['get', 'post'],
      '/api/v1/assignment-rules/reorder': ['post'],
      '/api/v1/assignment-rules/{id}': ['get', 'patch', 'delete'],
      '/api/v1/settings/helpdesk': ['get', 'put'],
      '/api/v1/webhooks': ['get', 'post'],
      '/api/v1/webhooks/{id}': ['get', 'patch', 'delete'],
    };
    for (const [path, methods] of Object.entries(expected)) {
      expect(Object.keys(doc.paths[path] ?? {}).sort(), path).toEqual([...methods].sort());
    }
  });
});
