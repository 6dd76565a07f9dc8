import { h, replace } from './dom.js';
import { current, isPublisher, keepAlive, logOut, whenEnded } from './session.js';
import { onRefresh, renewNotice } from './shell.js';
import * as login from './pages/login.js';
import * as dashboard from './pages/dashboard.js';
import * as offers from './pages/offers.js';
import * as publishers from './pages/publishers.js';
import * as postbacks from './pages/postbacks.js';
import * as ledger from './pages/ledger.js';
import * as portal from './pages/portal.js';
import * as unattributed from './pages/unattributed.js';
import * as deadletters from './pages/deadletters.js';
import * as weights from './pages/weights.js';

/**
 * The pages, by the hash of the URL (#/dashboard, #/offers/12, ...), so that a page can be bookmarked and reloaded and
 * the console needs no server-side routing. Each page module exports title, and render(main, ...path).
 */
const OPERATOR_PAGES = { dashboard, offers, weights, publishers, postbacks, ledger, unattributed, deadletters };
const PUBLISHER_PAGES = { portal };
const OPERATOR_NAV = [['dashboard', 'Dashboard'], ['offers', 'Offers'], ['weights', 'Weights'],
    ['publishers', 'Publishers'], ['postbacks', 'Postback log'], ['ledger', 'Ledger'], ['unattributed', 'Unattributed'],
    ['deadletters', 'Dead letters']];
const PUBLISHER_NAV = [['portal', 'Your performance']];

const main = document.getElementById('main');
let message = null;
/** Counts the pages shown, so that a page still loading knows when the user has moved on. */
let showing = 0;

whenEnded(text => {
    message = text;
    if (location.hash === '#/login') {
        show();
    } else {
        location.hash = '#/login';
    }
});

document.getElementById('logout').addEventListener('click', () => logOut('You are logged out.'));
window.addEventListener('hashchange', show);
onRefresh(show);
show();

async function show() {
    const shown = ++showing;
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
    renewNotice();
    document.title = `${page.title} · Croupier`;
    replace(main, h('p', { class: 'loading' }, 'Loading…'));
    try {
        await page.render(main, ...rest);
    } catch (error) {
        // A page the user has already left (or logged out of) fails in the background: it must not cover the next.
        if (error?.status !== 401 && shown === showing) {
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
