import type { NotificationEventType } from './notification.types.js';

/**
 * What notification emails say, in each language people can choose (users.locale): the same entries in
 * both, which the type enforces. Ticket titles and bodies are the people's own words and stay as written.
 */
export const EMAIL_LOCALES = ['en', 'fr'] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];

export interface EmailMessages {
  headline: Record<NotificationEventType, string>;
  privateFollowup: string;
  noTitle: string;
  onTicket(headline: string, id: number, summary: string): string;
  notice(headline: string, summary: string): string;
  slaDue(target: 'own' | 'resolve', due: string, breached: boolean): string;
  unknownDate: string;
  openTicketText(link: string): string;
  openTicketLink(id: number): string;
  openComplianceText(link: string): string;
  openComplianceLink: string;
  footerHelpdesk: string;
  footerParc: string;
  /** Licence alerts, written from the alert's data (the stored summary is the English one). */
  licenceExpiring(a: LicenceExpiringText): { summary: string; detail: string };
  overDeployed(a: OverDeployedText): { summary: string; detail: string };
  /** Asset register alerts (a warranty or a maintenance contract ending), from the alert's data. */
  warrantyExpiring(a: EndingText): { summary: string; detail: string };
  contractExpiring(a: EndingText): { summary: string; detail: string };
  openAssetText(link: string): string;
  openAssetLink: string;
  openContractText(link: string): string;
  openContractLink: string;
  /** Approval rounds: what the approver is asked, and how a round settled. */
  approvalRequested(mode: 'any' | 'all'): string;
  approvalSettled(outcome: 'approved' | 'refused'): string;
}

export interface EndingText {
  /** The asset's name (and tag) or the contract's (and supplier). */
  name: string;
  /** The end date, formatted in the recipient's language. */
  endsOn: string;
  daysLeft: number;
}

export interface LicenceExpiringText {
  product: string;
  /** Reference and vendor, joined; empty when neither is known. */
  what: string;
  /** The last valid day, formatted in the recipient's language. */
  expiresOn: string;
  daysLeft: number;
}

export interface OverDeployedText {
  product: string;
  installed: string;
  /** null: unlimited. */
  owned: string | null;
  shortfall: number;
  shortfallText: string;
  perUser: boolean;
  /** The true-up cost, formatted, when there is one. */
  cost: string | null;
}

const en: EmailMessages = {
  headline: {
    'ticket.created': 'New ticket',
    'ticket.assigned': 'Ticket assigned',
    'ticket.followup': 'New followup',
    'ticket.solved': 'Ticket solved',
    'ticket.sla-at-risk': 'SLA at risk',
    'licence.expiring': 'Licence expiring',
    'licence.over-deployed': 'Software over-deployed',
    'asset.warranty-expiring': 'Warranty ending',
    'asset.contract-expiring': 'Maintenance contract ending',
    'approval.requested': 'Approval requested',
    'approval.settled': 'Approval decided',
  },
  privateFollowup: 'New private followup',
  noTitle: '(no title)',
  onTicket: (headline, id, summary) => `${headline} on ticket #${id}: ${summary}`,
  notice: (headline, summary) => `${headline}: ${summary}`,
  slaDue: (target, due, breached) => `${target === 'own' ? 'Time to own' : 'Time to resolve'} ${breached ? 'was due' : 'is due'} ${due}.`,
  unknownDate: 'unknown',
  openTicketText: (link) => `Open the ticket: ${link}`,
  openTicketLink: (id) => `Open ticket #${id}`,
  openComplianceText: (link) => `Open compliance: ${link}`,
  openComplianceLink: 'Open compliance',
  footerHelpdesk: 'Parc helpdesk (automatic message)',
  footerParc: 'Parc (automatic message)',
  licenceExpiring: (a) => ({
    summary: `Licence of ${a.product}${a.what ? ` (${a.what})` : ''} expires on ${a.expiresOn}`,
    detail: a.daysLeft <= 0 ? 'Its last valid day is today: renew it or plan the removals.' : `${a.daysLeft} ${a.daysLeft === 1 ? 'day' : 'days'} left: renew it or plan the removals.`,
  }),
  overDeployed: (a) => ({
    summary: `${a.product} is over-deployed: ${a.installed} installed, ${a.owned ?? 'unlimited'} owned`,
    detail: `${a.shortfallText} ${a.perUser ? (a.shortfall === 1 ? 'user' : 'users') : a.shortfall === 1 ? 'device' : 'devices'} beyond the owned licences${a.cost ? `; true-up ${a.cost}` : ''}.`,
  }),
  warrantyExpiring: (a) => ({
    summary: `Warranty of ${a.name} ends on ${a.endsOn}`,
    detail: `${a.daysLeft} ${a.daysLeft === 1 ? 'day' : 'days'} left: extend it or plan a replacement.`,
  }),
  contractExpiring: (a) => ({
    summary: `Maintenance contract ${a.name} ends on ${a.endsOn}`,
    detail: a.daysLeft <= 0 ? 'Its last day is today: renew it or let it end.' : `${a.daysLeft} ${a.daysLeft === 1 ? 'day' : 'days'} left: renew it or let it end.`,
  }),
  openAssetText: (link) => `Open the asset: ${link}`,
  openAssetLink: 'Open the asset',
  openContractText: (link) => `Open the contract: ${link}`,
  openContractLink: 'Open the contract',
  approvalRequested: (mode) => `Your approval is requested: ${mode === 'any' ? 'one approval is enough' : 'every approver must approve'}. Approve or refuse it from your approvals list.`,
  approvalSettled: (outcome) => (outcome === 'approved' ? 'The approval was granted.' : 'The approval was refused.'),
};

const fr: EmailMessages = {
  headline: {
    'ticket.created': 'Nouveau ticket',
    'ticket.assigned': 'Ticket attribué',
    'ticket.followup': 'Nouveau suivi',
    'ticket.solved': 'Ticket résolu',
    'ticket.sla-at-risk': 'SLA menacé',
    'licence.expiring': 'Licence bientôt expirée',
    'licence.over-deployed': 'Logiciel en surdéploiement',
    'asset.warranty-expiring': 'Fin de garantie proche',
    'asset.contract-expiring': 'Fin de contrat de maintenance proche',
    'approval.requested': 'Validation demandée',
    'approval.settled': 'Validation décidée',
  },
  privateFollowup: 'Nouveau suivi privé',
  noTitle: '(sans titre)',
  onTicket: (headline, id, summary) => `${headline} sur le ticket n° ${id} : ${summary}`,
  notice: (headline, summary) => `${headline} : ${summary}`,
  slaDue: (target, due, breached) => `${target === 'own' ? 'Délai de prise en charge' : 'Délai de résolution'} : échéance ${breached ? 'dépassée depuis le' : 'le'} ${due}.`,
  unknownDate: 'inconnue',
  openTicketText: (link) => `Ouvrir le ticket : ${link}`,
  openTicketLink: (id) => `Ouvrir le ticket n° ${id}`,
  openComplianceText: (link) => `Ouvrir la conformité : ${link}`,
  openComplianceLink: 'Ouvrir la conformité',
  footerHelpdesk: 'Support Parc (message automatique)',
  footerParc: 'Parc (message automatique)',
  licenceExpiring: (a) => ({
    summary: `La licence de ${a.product}${a.what ? ` (${a.what})` : ''} expire le ${a.expiresOn}`,
    detail: a.daysLeft <= 0 ? 'Aujourd’hui est son dernier jour de validité : renouvelez-la ou prévoyez les désinstallations.' : `${a.daysLeft === 1 ? 'Il reste 1 jour' : `Il reste ${a.daysLeft} jours`} : renouvelez-la ou prévoyez les désinstallations.`,
  }),
  overDeployed: (a) => ({
    summary: `${a.product} est en surdéploiement : ${a.installed} installé(s), ${a.owned ?? 'illimité'} acquis`,
    detail: `${a.shortfallText} ${a.perUser ? (a.shortfall <= 1 ? 'utilisateur' : 'utilisateurs') : a.shortfall <= 1 ? 'poste' : 'postes'} au-delà des licences acquises${a.cost ? ` ; régularisation ${a.cost}` : ''}.`,
  }),
  warrantyExpiring: (a) => ({
    summary: `La garantie de ${a.name} se termine le ${a.endsOn}`,
    detail: `${a.daysLeft === 1 ? 'Il reste 1 jour' : `Il reste ${a.daysLeft} jours`} : prolongez-la ou prévoyez un remplacement.`,
  }),
  contractExpiring: (a) => ({
    summary: `Le contrat de maintenance ${a.name} se termine le ${a.endsOn}`,
    detail: a.daysLeft <= 0 ? 'Aujourd’hui est son dernier jour : renouvelez-le ou laissez-le se terminer.' : `${a.daysLeft === 1 ? 'Il reste 1 jour' : `Il reste ${a.daysLeft} jours`} : renouvelez-le ou laissez-le se terminer.`,
  }),
  openAssetText: (link) => `Ouvrir le matériel : ${link}`,
  openAssetLink: 'Ouvrir le matériel',
  openContractText: (link) => `Ouvrir le contrat : ${link}`,
  openContractLink: 'Ouvrir le contrat',
  approvalRequested: (mode) => `Votre validation est demandée : ${mode === 'any' ? 'une seule validation suffit' : 'chaque valideur doit valider'}. Validez ou refusez depuis votre liste de validations.`,
  approvalSettled: (outcome) => (outcome === 'approved' ? 'La validation a été accordée.' : 'La validation a été refusée.'),
};

export const EMAIL_MESSAGES: Record<EmailLocale, EmailMessages> = { en, fr };

/** A user's stored language when it is one emails speak, else the server's default. */
export function emailLocale(userLocale: string | null | undefined, fallback: EmailLocale): EmailLocale {
  return (EMAIL_LOCALES as readonly (string | null | undefined)[]).includes(userLocale) ? (userLocale as EmailLocale) : fallback;
}
