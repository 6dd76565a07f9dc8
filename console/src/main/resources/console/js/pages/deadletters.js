import { allowed, api, ApiError } from '../api.js';
import { count, h, replace, table, time } from '../dom.js';
import { notice, refresh } from '../app.js';
import { SERVICES_WITH_DEAD_LETTERS } from '../services.js';
import { current, mayManage } from '../session.js';

export const title = 'Dead letters';

/**
 * #/deadletters: what each service's consumers gave up on, newest first, and its replay (back on the topic it came
 * from, once the cause is fixed). The service's own API decides who may replay; the button is offered to those roles.
 */
export async function render(main) {
    const letters = await Promise.all(SERVICES_WITH_DEAD_LETTERS.map(service =>
        allowed(api(`/services/${service}/admin/dead-letters`, { query: { limit: 1000 } }))
            .then(found => [service, found])));
    replace(main, h('h1', {}, 'Dead letters'),
        h('p', { class: 'muted' }, 'Records a service could not process after its retries. Replaying one puts it '
            + 'back on its topic, where the service processes it again (the replay is audited).'),
        letters.map(([service, found]) => h('section', { id: `dead-letters-${service}`, 'data-service': service },
            h('h2', {}, `${service}: `, found === null ? 'not for your role' : count(found.length)),
            found === null ? '' : letterTable(service, found))));
}

function letterTable(service, letters) {
    const columns = [
        ['Dead-lettered', letter => time(letter.dead_lettered_at)],
        ['From', letter => h('code', {}, letter.original_topic ?? '–')],
        ['Key', letter => letter.key ?? '–'],
        ['Consumer group', letter => letter.consumer_group ?? '–'],
        ['Why', letter => [h('strong', {}, letter.exception ?? ''), ' ', letter.exception_message ?? '']],
        ['Where', letter => h('code', {}, `${letter.dead_letter_topic}/${letter.partition}/${letter.offset}`)],
    ];
    if (mayManage(current())) {
        columns.push(['', letter => replayButton(service, letter)]);
    }
    return table(columns, letters, { class: 'dead-letters' });
}

function replayButton(service, letter) {
    const where = `${letter.dead_letter_topic}/${letter.partition}/${letter.offset}`;
    const button = h('button', { type: 'button', class: 'replay', 'data-replay': where }, 'Replay');
    button.addEventListener('click', async () => {
        button.disabled = true;
        try {
            const replayed = await api(`/services/${service}/admin/dead-letters/${where.split('/')
                .map(encodeURIComponent).join('/')}/replay`, { method: 'POST' });
            notice(h('span', { id: 'replay-result' }, `Replayed ${where} of ${service} back onto `,
                h('code', {}, replayed.original_topic ?? letter.original_topic), '.'), { keep: true });
            refresh();
        } catch (error) {
            button.disabled = false;
            if (error instanceof ApiError) {
                notice(h('span', { id: 'replay-result', role: 'alert' }, `Replay refused: ${error.message}`));
            } else {
                throw error;
            }
        }
    });
    return button;
}
