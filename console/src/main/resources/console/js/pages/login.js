import { h, replace } from '../dom.js';
import { logIn } from '../session.js';

export const title = 'Log in';

export function render(main, message, loggedIn) {
    document.title = 'Log in · Croupier';
    const error = h('p', { class: 'error', role: 'alert', id: 'login-error', hidden: !message });
    if (message) {
        replace(error, message);
        error.className = 'info';
    }
    const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
    const password = h('input', {
        id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true,
    });
    const form = h('form', { class: 'login', 'aria-labelledby': 'login-title' },
        h('h1', { id: 'login-title' }, 'Croupier console'),
        error,
        h('label', { for: 'username' }, 'Username'), username,
        h('label', { for: 'password' }, 'Password'), password,
        h('button', { type: 'submit', id: 'log-in' }, 'Log in'));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        try {
            await logIn(username.value, password.value);
            loggedIn();
        } catch (refused) {
            error.className = 'error';
            error.hidden = false;
            replace(error, refused.message);
            password.value = '';
            password.focus();
        }
    });
    replace(main, form);
    username.focus();
}
