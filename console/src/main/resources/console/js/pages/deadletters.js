import { allowed, api, pages } from '../api.js';
import { count, h, replace, time } from '../dom.js';
import { actionButton, notice, refresh } from '../shell.js';
import { pagedTable } from '../paged.js';
import { SERVICES_WITH_DEAD_LETTERS } from '../services.js';
import { current, mayManage } from '../session.js';

export const title = 'Dead letters';

/**
 * #/deadletters: what each service's consumers gave up on, newest first, 50 a page with the next ones a click away,
 * and its replay (back on the topic it came from, once the cause is fixed). The service's own API decides who may
 * replay; the button is offered to those roles.
 */
export async function render(main) {
    const sections = await Promise.all(SERVICES_WITH_DEAD_LETTERS.map(async service => {
        const counted = await allowed(api(`/services/${service}/admin/dead-letters/count`));
        return h('section', { id: `dead-letters-${service}`, 'data-service': service },
            h('h2', {}, `${service}: `, counted === null ? 'not for your role' : count(counted.total)),
            counted === null ? '' : await letterTable(service));
    }));
    replace(main, h('h1', {}, 'Dead letters'),
        h('p', { class: 'muted' }, 'Records a service could not process after its retries. Replaying one puts it '
            + 'back on its topic, where the service processes it again (the replay is audited).'),
        sections);
}

function letterTable(service) {
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
    return pagedTable(columns, pages(`/services/${service}/admin/dead-letters`, { limit: 50 }),
        { id: `dead-letters-of-${service}`, class: 'dead-letters' });
}

function replayButton(service, letter) {
    const where = `${letter.dead_letter_topic}/${letter.partition}/${letter.offset}`;
    const button = h('button', { type: 'button', class: 'replay', 'data-replay': where }, 'Replay');
    return actionButton(button, 'replay-result', 'Replay refused', async () => {
        const replayed = await api(`/services/${service}/admin/dead-letters/${where.split('/')
            .map(encodeURIComponent).join('/')}/replay`, { method: 'POST' });
        notice(h('span', { id: 'replay-result' }, `Replayed ${where} of ${service} back onto `,
            h('code', {}, replayed.original_topic ?? letter.original_topic), '.'), { keep: true });
        refresh();
    });
}
