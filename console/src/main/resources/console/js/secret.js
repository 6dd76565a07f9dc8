import { h } from './dom.js';
import { notice } from './shell.js';

/**
 * Secrets the API shows in this answer only ([label, secret] pairs): shown above the page until the user moves on,
 * with a warning.
 */
export function showOnce(heading, secrets) {
    notice(h('div', { id: 'secret-once' }, h('strong', {}, heading),
        h('dl', {}, secrets.map(([label, secret]) => [h('dt', {}, label),
            h('dd', {}, h('code', { class: 'secret', 'data-secret': label }, secret))])),
        h('p', {}, 'Copy them now: they are shown this once and cannot be read again.')), { keep: true });
}
