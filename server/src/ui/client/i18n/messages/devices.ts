import { defineMessages } from '../define.js';

/** The inventory list and its filters (views/devices.ts, filters.ts). */
export default defineMessages('devices', {
  en: {
    'devices.title': 'Devices',
    'devices.filter.label': 'Search devices',
    'devices.filter.searchPlaceholder': 'Hostname, serial, user, IP, MAC or software',
    'devices.filter.os': 'Operating system',
    'devices.filter.osPlaceholder': 'e.g. Windows',
    'devices.filter.status.any': 'Any status',
    'devices.filter.status.stale': 'Stale (not seen lately)',
    'devices.filter.sort': 'Sort by',
    'devices.sort.hostname': 'Hostname A–Z',
    'devices.sort.hostnameDesc': 'Hostname Z–A',
    'devices.sort.seenRecently': 'Seen most recently',
    'devices.sort.seenLongAgo': 'Seen longest ago',
    'devices.sort.os': 'Operating system',
    'devices.sort.model': 'Model',
    'devices.sort.newest': 'Newest in inventory',
  },
  fr: {
    'devices.title': 'Appareils',
    'devices.filter.label': 'Rechercher des appareils',
    'devices.filter.searchPlaceholder': 'Nom d’hôte, n° de série, utilisateur, IP, MAC ou logiciel',
    'devices.filter.os': 'Système d’exploitation',
    'devices.filter.osPlaceholder': 'p. ex. Windows',
    'devices.filter.status.any': 'Tous les statuts',
    'devices.filter.status.stale': 'Muet (pas vu récemment)',
    'devices.filter.sort': 'Trier par',
    'devices.sort.hostname': 'Nom d’hôte de A à Z',
    'devices.sort.hostnameDesc': 'Nom d’hôte de Z à A',
    'devices.sort.seenRecently': 'Vus le plus récemment',
    'devices.sort.seenLongAgo': 'Vus il y a le plus longtemps',
    'devices.sort.os': 'Système d’exploitation',
    'devices.sort.model': 'Modèle',
    'devices.sort.newest': 'Derniers arrivés dans l’inventaire',
  },
});
