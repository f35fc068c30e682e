import { defineMessages } from '../define.js';

/** The login screen (views/login.ts). */
export default defineMessages('login', {
  en: {
    'login.title': 'Log in',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Log in',
    'login.missing': 'Enter your username and password.',
  },
  fr: {
    'login.title': 'Connexion',
    'login.username': 'Nom d’utilisateur',
    'login.password': 'Mot de passe',
    'login.submit': 'Se connecter',
    'login.missing': 'Saisissez votre nom d’utilisateur et votre mot de passe.',
  },
});
