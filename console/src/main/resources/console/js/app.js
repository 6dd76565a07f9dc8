import { h, replace } from './dom.js';
import { current, isPublisher, keepAlive, logOut, whenEnded } from './session.js';
import * as login from './pages/login.js';
import * as dashboard from './pages/dashboard.js';

/**
 * The pages, by the hash of the URL (#/dashboard, #/offers/12, ...), so that a page can be bookmarked and reloaded and
 * the console needs no server-side routing. Each page module exports title, and render(main, ...path).
 */
const OPERATOR_PAGES = { dashboard };
const PUBLISHER_PAGES = {};
const OPERATOR_NAV = [['dashboard', 'Dashboard']];
const PUBLISHER_NAV = [];

const main = document.getElementById('main');
let message = null;

whenEnded(text => {
    message = text;
    location.hash = '#/login';
    show();
});

document.getElementById('logout').addEventListener('click', () => logOut('You are logged out.'));
window.addEventListener('hashchange', show);
show();

async function show() {
    const session = current();
    const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    if (!session) {
        document.getElementById('top').hidden = true;
        if (name !== 'login') {
            history.replaceState(null, '', '#/login');
        }
        login.render(main, message, () => {
            message = null;
            location.hash = isPublisher(current()) ? '#/portal' : '#/dashboard';
        });
        return;
    }
    keepAlive();
    const pages = isPublisher(session) ? PUBLISHER_PAGES : OPERATOR_PAGES;
    const home = isPublisher(session) ? 'portal' : 'dashboard';
    const page = pages[name];
    if (!page) {
        location.hash = `#/${home}`;
        return;
    }
    renderTop(session, name);
    notice(null);
    document.title = `${page.title} · Croupier`;
    replace(main, h('p', { class: 'loading' }, 'Loading…'));
    try {
        await page.render(main, ...rest);
    } catch (error) {
        if (error?.status !== 401) {
            replace(main, h('p', { class: 'error', role: 'alert' }, `Could not load this page: ${error.message}`));
        }
    }
}

function renderTop(session, active) {
    document.getElementById('top').hidden = false;
    const entries = isPublisher(session) ? PUBLISHER_NAV : OPERATOR_NAV;
    replace(document.getElementById('nav'), entries.map(([name, label]) => h('a', {
        href: `#/${name}`,
        'aria-current': name === active ? 'page' : false,
    }, label)));
    replace(document.getElementById('who'), `${session.me.username} (${session.me.role.toLowerCase()})`);
}

/** A message above the page: what just happened, or a secret shown once. */
export function notice(content) {
    const element = document.getElementById('notice');
    element.hidden = !content;
    replace(element, content ?? '');
}
