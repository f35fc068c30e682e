import { h } from '../dom.js';
import type { Route } from '../routes.js';
import { logIn } from '../session.js';
import { field, input } from '../ui/fields.js';
import { alertRegion, showError } from '../ui/notice.js';
import type { View } from '../view.js';

/** Username and password; the server answers with the session cookie. */
export function loginView(route: Route, done: (next: string | undefined) => void): View {
  const username = input({ name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = input({ name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Log in');
  const form = h('form', { class: 'stack', novalidate: true }, errors, field('Username', username), field('Password', password), submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!username.value.trim() || !password.value) {
      showError(errors, new Error('Enter your username and password.'));
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
    h('div', { class: 'login-card card' }, h('p', { class: 'brand brand-large' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'P'), 'Parc'), h('h1', null, 'Log in'), form),
  );
  return { title: 'Log in', node };
}
