/**
 * The logged-in user's token. It lives in this tab's sessionStorage: it is sent only by this origin's scripts in an
 * Authorization header (no cookie, so no other site can make the browser use it), and it goes when the tab closes.
 * It is renewed a minute before it expires; when renewal is refused the user is sent to the login page with a message.
 */
const KEY = 'croupier.session';

let renewal = null;
let onEnd = () => {};

export function current() {
    const stored = sessionStorage.getItem(KEY);
    if (!stored) {
        return null;
    }
    const session = JSON.parse(stored);
    return Date.parse(session.expiresAt) > Date.now() ? session : null;
}

export function whenEnded(callback) {
    onEnd = callback;
}

export async function logIn(username, password) {
    const answer = await fetch('/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ username, password }),
    });
    if (!answer.ok) {
        const problem = await answer.json().catch(() => ({}));
        throw new Error(problem.detail ?? 'Wrong username or password.');
    }
    const token = await answer.json();
    const me = await (await fetch('/me', { headers: { Authorization: `Bearer ${token.token}` } })).json();
    store({ token: token.token, expiresAt: token.expires_at, me });
    return current();
}

/** Ends the session once: the calls still in flight when it ended are refused too, and say nothing more. */
export function logOut(message) {
    clearTimeout(renewal);
    const ended = sessionStorage.getItem(KEY) !== null;
    sessionStorage.removeItem(KEY);
    if (ended) {
        onEnd(message);
    }
}

/** Plans the renewal of the current session; called once a page is shown with a session. */
export function keepAlive() {
    clearTimeout(renewal);
    const session = current();
    if (!session) {
        return;
    }
    const left = Date.parse(session.expiresAt) - Date.now();
    renewal = setTimeout(renew, Math.max(0, left - Math.min(60_000, left / 5)));
}

async function renew() {
    const session = current();
    const answer = session && await fetch('/login/renew', {
        method: 'POST',
        headers: { Authorization: `Bearer ${session.token}` },
    }).catch(() => null);
    if (!answer || !answer.ok) {
        logOut('Your session has expired. Please log in again.');
        return;
    }
    const token = await answer.json();
    store({ ...session, token: token.token, expiresAt: token.expires_at });
    keepAlive();
}

function store(session) {
    sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function isPublisher(session) {
    return session?.me?.role === 'PUBLISHER';
}

export function mayManage(session) {
    return ['ADMIN', 'MANAGER'].includes(session?.me?.role);
}
