import type { ApiToken } from '@parc/shared/api';
import type { ApiTokenState, TokenArea } from '@parc/shared/api/token-scopes';
import { api } from '../api.js';
import { h, type Child } from '../dom.js';
import { formatDateTime } from '../format.js';
import { t, type PlainKey } from '../i18n/i18n.js';
import { button } from '../ui/fields.js';
import { showError } from '../ui/notice.js';

/** What the personal and the admin token lists share: labels of areas, levels and states, and the revoke button. */
export const AREA_LABELS: Record<TokenArea, PlainKey> = {
  helpdesk: 'apiTokens.area.helpdesk',
  inventory: 'apiTokens.area.inventory',
  licences: 'apiTokens.area.licences',
  users: 'apiTokens.area.users',
  admin: 'apiTokens.area.admin',
};
const STATE_LABELS: Record<ApiTokenState, PlainKey> = { active: 'apiTokens.state.active', expired: 'apiTokens.state.expired', revoked: 'apiTokens.state.revoked' };
export const stateLabel = (s: ApiTokenState) => t(STATE_LABELS[s]);

/** `inventory:read` as “Inventory: Read”; an unknown scope as itself. */
export function scopeLabel(scope: string): string {
  const [area, level] = scope.split(':');
  if (!area || !Object.hasOwn(AREA_LABELS, area) || (level !== 'read' && level !== 'write')) return scope;
  return t('apiTokens.scope', { area: t(AREA_LABELS[area as TokenArea]), level: t(level === 'read' ? 'apiTokens.level.read' : 'apiTokens.level.write') });
}

export function lastUsed(token: ApiToken): string {
  if (!token.lastUsedAt) return t('apiTokens.never');
  return token.lastUsedAddress ? t('apiTokens.lastUsedFrom', { date: formatDateTime(token.lastUsedAt), address: token.lastUsedAddress }) : formatDateTime(token.lastUsedAt);
}

/** The cells every token list shows, after its own leading ones. */
export function tokenCells(token: ApiToken): Child[] {
  return [
    h('code', null, `${token.prefix}…`),
    h('ul', { class: 'plain' }, token.scopes.map((s) => h('li', null, scopeLabel(s)))),
    h('span', { class: ['badge', `token-${token.state}`] }, stateLabel(token.state)),
    formatDateTime(token.createdAt),
    formatDateTime(token.expiresAt),
    lastUsed(token),
  ];
}

/** A revoke button for an active token (confirmation first), or a dash. */
export function revokeButton(token: ApiToken, path: string, errors: HTMLElement, done: () => void): Child {
  if (token.state !== 'active') return '—';
  return button(t('apiTokens.revoke'), {
    class: 'btn btn-small btn-danger',
    'aria-label': t('apiTokens.revokeLabel', { name: token.name }),
    on: {
      click: () => {
        if (!window.confirm(t('apiTokens.revokeConfirm', { name: token.name }))) return;
        api
          .delete(path)
          .then(done)
          .catch((err: unknown) => showError(errors, err));
      },
    },
  });
}
