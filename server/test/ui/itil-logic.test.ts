import { afterEach, describe, expect, it } from 'vitest';
import { actionBody, actionsToOffer, CHANGE_ACTIONS, PROBLEM_ACTIONS } from '../../src/ui/client/actions.js';
import { fromLocalInput, toLocalInput } from '../../src/ui/client/datetime-input.js';
import { itilApiQuery } from '../../src/ui/client/filters.js';
import { approvalStateLabel, riskLabel, statusLabel } from '../../src/ui/client/format.js';
import { setLocale } from '../../src/ui/client/i18n/i18n.js';
import { itilApiPath } from '../../src/ui/client/itil.js';
import { idsParam } from '../../src/ui/client/query.js';
import { describeEvent, type Names } from '../../src/ui/client/timeline.js';
import { describeChange } from '../../src/ui/client/changes.js';
import { newChangeHref, newProblemHref, parseRoute } from '../../src/ui/client/routes.js';

/** The pure parts of the problem, change and approval screens. */
describe('problems, changes and approvals in the client', () => {
  afterEach(() => setLocale('en', []));

  it('routes: lists, forms, pages and the approvals page; ids given to the new forms survive the trip', () => {
    expect(parseRoute('#/problems')).toEqual({ name: 'problems', query: {} });
    expect(parseRoute('#/problems/12')).toEqual({ name: 'problem', id: 12, query: {} });
    expect(parseRoute('#/changes/new?problemIds=4')).toEqual({ name: 'change-new', query: { problemIds: '4' } });
    expect(parseRoute('#/changes/0').name).toBe('not-found');
    expect(parseRoute('#/approvals?state=answered')).toEqual({ name: 'approvals', query: { state: 'answered' } });
    expect(newProblemHref([3, 5, 8])).toBe('#/problems/new?ticketIds=3%2C5%2C8');
    expect(newProblemHref()).toBe('#/problems/new');
    const route = parseRoute(newProblemHref([3, 5, 8]));
    expect(idsParam(route.query.ticketIds)).toEqual([3, 5, 8]);
    expect(newChangeHref([4])).toBe('#/changes/new?problemIds=4');
  });

  it('idsParam keeps each valid id once, in order, and drops the rest', () => {
    expect(idsParam('3, 5,x,5,0,-2,99999999999,8')).toEqual([3, 5, 8]);
    expect(idsParam(undefined)).toEqual([]);
    expect(idsParam('')).toEqual([]);
  });

  it('one API path per kind; the list query has the ticket list’s habits', () => {
    expect(itilApiPath('problem', 7)).toBe('/api/v1/problems/7');
    expect(itilApiPath('change', 7)).toBe('/api/v1/changes/7');
    expect(itilApiPath('ticket', 7)).toBe('/api/v1/tickets/7');
    expect(itilApiQuery({}, 4)).toMatchObject({ status: 'open', sort: '-id', offset: 0 });
    expect(itilApiQuery({ status: 'all', mine: '1', sort: 'resolveDueAt', offset: '25' }, 4)).toMatchObject({ status: undefined, assigneeId: 4, sort: '-id', offset: 25 });
  });

  it('offers each kind its actions in order; submitting for approval needs an approver and names the mode', () => {
    expect(actionsToOffer(['close', 'analyse', 'take', 'accept', 'solve'], PROBLEM_ACTIONS).map((a) => a.action)).toEqual(['take', 'accept', 'analyse', 'solve', 'close']);
    const [submit] = actionsToOffer(['submit-for-approval'], CHANGE_ACTIONS);
    expect(actionBody(submit!, { userIds: [], groupIds: [] })).toBeNull();
    expect(actionBody(submit!, { userIds: [3, 4], groupIds: [], mode: 'all', text: '  ' })).toEqual({ action: 'submit-for-approval', approverUserIds: [3, 4], approverGroupIds: [], mode: 'all' });
    expect(actionBody(submit!, { userIds: [], groupIds: [2], mode: 'any', text: 'CAB tonight' })).toEqual({ action: 'submit-for-approval', approverUserIds: [], approverGroupIds: [2], mode: 'any', comment: 'CAB tonight' });
    const [apply] = actionsToOffer(['apply'], CHANGE_ACTIONS);
    expect(actionBody(apply!, {})).toEqual({ action: 'apply' });
    expect(actionBody(apply!, { text: ' firmware 2.1 ' })).toEqual({ action: 'apply', note: 'firmware 2.1' });
    // Nobody moves a change out of approval by hand: no action exists for it.
    expect(actionsToOffer(['approve', 'refuse', 'accept'], CHANGE_ACTIONS)).toEqual([]);
  });

  it('labels the statuses, risks and approval states of every kind in both languages', () => {
    expect(['evaluation', 'approval', 'test', 'refused'].map(statusLabel)).toEqual(['Evaluation', 'Waiting for approval', 'In test', 'Refused']);
    setLocale('fr', ['fr-FR']);
    expect(['analysis', 'applied', 'new'].map(statusLabel)).toEqual(['En analyse', 'Appliqué', 'Nouveau']);
    expect(riskLabel('high')).toBe('Élevé');
    expect(approvalStateLabel('superseded')).toBe('Remplacé par une nouvelle demande');
  });

  it('datetime-local values go to the API as instants and come back as the same wall-clock time', () => {
    const iso = fromLocalInput('2026-12-03T20:00');
    expect(iso).toBe(new Date(2026, 11, 3, 20, 0).toISOString());
    expect(toLocalInput(iso)).toBe('2026-12-03T20:00');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
    expect(toLocalInput(null)).toBe('');
  });

  it('tells the approval and apply lines of a change’s timeline in words', () => {
    const names: Names = { user: (id) => (id === 3 ? 'Ann' : `#${id}`), group: () => 'CAB', device: (id) => `#${id}`, category: (id) => `#${id}` };
    const ev = (kind: string, data: Record<string, unknown>) => ({ id: 1, at: '2026-12-01T09:00:00Z', kind, private: false, actor: null, body: null, data });
    expect(describeEvent(ev('approval-requested', { userIds: [3], groupIds: [2], mode: 'all' }), names)).toBe('Submitted for approval to Ann, group CAB (Every approver)');
    expect(describeEvent(ev('approval-settled', { outcome: 'refused' }), names)).toBe('Refused by the approvers');
    expect(describeEvent(ev('item-link', { action: 'added', id: 12, kind: 'ticket' }), names)).toBe('Linked ticket #12');
    expect(describeEvent(ev('solved-by-change', { changeId: 9 }), names)).toBe('Solved by change #9, now closed');
    expect(describeEvent(ev('approval-answered', { roundId: 1, answer: 'approved', groupIds: [] }), names)).toBe('Approved');
    expect(describeEvent(ev('updated', { changes: { rollback_plan: { old: null, new: 'x' }, planned_start: { old: null, new: 'y' } } }), names)).toBe('Edited Rollback plan, Planned start');
    setLocale('fr', ['fr-FR']);
    expect(describeEvent(ev('approval-answered', { roundId: 1, answer: 'refused', groupIds: [] }), names)).toBe('A refusé');
    expect(describeEvent(ev('approval-settled', { outcome: 'approved' }), names)).toBe('Approuvé par les approbateurs');
    expect(describeEvent(ev('applied', {}), names)).toBe('Appliqué à ses appareils');
    expect(describeEvent(ev('item-link', { action: 'removed', id: 4, kind: 'problem' }), names)).toBe('Problème n° 4 délié');
  });

  it('a change applied to a device reads as such in the device’s history', () => {
    const line = { at: '2026-12-01T09:00:00Z', section: 'helpdesk', kind: 'changed' as const, item: 'change', old: null, new: 'Change #7 applied: Raise the timeout', code: 'change-applied', params: { changeId: 7, title: 'Raise the timeout' } };
    expect(describeChange(line)).toEqual({ verb: 'changed', item: 'Change #7 applied', detail: 'Raise the timeout', group: 'hardware' });
    setLocale('fr', ['fr-FR']);
    expect(describeChange(line).item).toBe('Changement n° 7 appliqué');
  });
});
