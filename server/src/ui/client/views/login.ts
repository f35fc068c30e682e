import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import type { Locale } from '../i18n/locale-choice.js';
import type { Route } from '../routes.js';
import { logIn } from '../session.js';
import { field, input } from '../ui/fields.js';
import { languageSwitch } from '../ui/language-switch.js';
import { alertRegion, showError } from '../ui/notice.js';
import type { View } from '../view.js';

/** Username and password; the server answers with the session cookie. The language can be switched first. */
export function loginView(route: Route, done: (next: string | undefined) => void, onLanguage: (next: Locale) => void): View {
  const username = input({ name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = input({ name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('login.submit'));
  const form = h('form', { class: 'stack', novalidate: true }, errors, field(t('login.username'), username), field(t('login.password'), password), submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!username.value.trim() || !password.value) {
      showError(errors, t('login.missing'));
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    logIn(username.value.trim(), password.value)
      .then(() => done(route.query.next))
      .catch((err: unknown) => {
        showError(errors, err);
        password.select();
        password.focus();
      })
      .finally(() => (submit.disabled = false));
  });
  const node = h(
    'main',
    { class: 'login', id: 'main' },
    h(
      'div',
      { class: 'login-card card' },
      languageSwitch(onLanguage),
      h('p', { class: 'brand brand-large' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'P'), 'Parc'),
      h('h1', null, t('login.title')),
      form,
    ),
  );
  return { title: t('login.title'), node };
}
