import { defineMessages } from '../define.js';

/** What a device is called field by field, wherever one is shown (ticket device cards, device pages). */
export default defineMessages('device', {
  en: {
    'device.field.model': 'Model',
    'device.field.os': 'OS',
    'device.field.lastUser': 'Last user',
    'device.field.ip': 'IP',
    'device.field.serial': 'Serial',
    'device.field.location': 'Location',
    'device.field.lastSeen': 'Last seen',
  },
  fr: {
    'device.field.model': 'Modèle',
    'device.field.os': 'Système',
    'device.field.lastUser': 'Dernier utilisateur',
    'device.field.ip': 'IP',
    'device.field.serial': 'N° de série',
    'device.field.location': 'Lieu',
    'device.field.lastSeen': 'Vu pour la dernière fois',
  },
});
