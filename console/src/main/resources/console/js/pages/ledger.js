import { api, found, pages } from '../api.js';
import { h, replace, table, time } from '../dom.js';
import { pagedTable } from '../paged.js';
import { details as postbackDetails } from './postbacks.js';

export const title = 'Ledger explorer';

/** A ledger entry as one row: its id leads to why it was paid. */
const ENTRY_COLUMNS = [
    ['Entry', entry => h('a', { href: `#/ledger/entry/${encodeURIComponent(entry.entry_id)}` }, entry.entry_id)],
    ['Occurred', entry => time(entry.occurred_at)],
    ['Offer', entry => entry.offer_id],
    ['Publisher', entry => entry.publisher_id ?? '–'],
    ['Kind', entry => `${entry.kind} ${entry.status}`],
    ['Rule', entry => entry.rule],
    ['Revenue', entry => `${entry.revenue.amount} ${entry.revenue.currency}`],
    ['Payout', entry => `${entry.publisher_payout.amount} ${entry.publisher_payout.currency}`],
    ['Reverses', entry => entry.reverses ?? ''],
];

/**
 * "Why was this paid?": #/ledger/entry/{id} follows an entry to its rule, deal version and inputs, the attributed
 * conversion with its method and warnings, the click, the casino's postback and the publisher's delivery;
 * #/ledger/click/{id} and #/ledger/transaction/{id} go the other way, to every cent a click or a transaction caused.
 */
export async function render(main, kind, id) {
    if (kind === 'entry' && id) {
        await entryPage(main, id);
    } else if ((kind === 'click' || kind === 'transaction') && id) {
        await tracePage(main, kind, id);
    } else {
        await searchPage(main);
    }
}

async function searchPage(main) {
    const forms = [['entry', 'Ledger entry id'], ['click', 'Click id'], ['transaction', 'Transaction id']]
        .map(([kind, label]) => {
            const input = h('input', { id: `find-${kind}`, name: kind, required: true });
            const form = h('form', { class: 'filters' }, h('label', {}, label, input),
                h('button', { type: 'submit' }, 'Explain'));
            form.addEventListener('submit', event => {
                event.preventDefault();
                location.hash = `#/ledger/${kind}/${encodeURIComponent(input.value.trim())}`;
            });
            return form;
        });
    const entries = await pagedTable(ENTRY_COLUMNS, pages('/ledger/entries', { limit: 50, newest_first: true }),
        { id: 'ledger-entries' });
    replace(main, h('h1', {}, 'Ledger explorer: why was this paid?'), forms,
        h('h2', {}, 'Entries, the last written first'), entries);
}

function entryTable(entries) {
    return table(ENTRY_COLUMNS, entries, { id: 'ledger-entries' });
}

async function entryPage(main, entryId) {
    const entry = await found(api(`/ledger/entries/${encodeURIComponent(entryId)}`));
    if (!entry) {
        replace(main, h('h1', {}, 'Ledger entry'), h('p', { role: 'alert' }, `No ledger entry ${entryId}.`));
        return;
    }
    const conversionEventId = entry.input_event_id.replace(/^attributed:/, '');
    const [click, delivery] = await Promise.all([
        entry.click_id ? found(api(`/clicks/${encodeURIComponent(entry.click_id)}`)) : null,
        // commission-service publishes a payout, which the forwarder delivers, only for a publisher's non-zero share.
        entry.publisher_id && Number(entry.publisher_payout.amount) !== 0
            ? found(api(`/admin/deliveries/${encodeURIComponent(`payout:${entry.entry_id}`)}`)) : null,
    ]);
    const postbackId = /^postback:(\d+)$/.exec(conversionEventId)?.[1];
    const postback = postbackId ? await found(api(`/admin/postback-logs/${postbackId}`)) : null;
    const conversion = click?.conversions?.find(candidate => candidate.event_id === conversionEventId);
    replace(main, h('h1', {}, `Ledger entry ${entry.entry_id}`),
        section('entry', 'The entry', facts([
            ['Kind and status', `${entry.kind} ${entry.status}`],
            ['Revenue (the casino owes)', `${entry.revenue.amount} ${entry.revenue.currency}`],
            ['Publisher payout', `${entry.publisher_payout.amount} ${entry.publisher_payout.currency}`],
            ['Rule', entry.rule],
            ['Deal version', `${entry.deal_version} of offer ${entry.offer_id}`],
            ['Occurred / recorded', `${time(entry.occurred_at)} / ${time(entry.recorded_at)}`],
            ['Reverses', entry.reverses ? h('a', { href: `#/ledger/entry/${encodeURIComponent(entry.reverses)}` },
                entry.reverses) : '–'],
            ['Input event', entry.input_event_id],
        ]), h('h3', {}, 'Inputs'), facts(Object.entries(entry.inputs ?? {}).map(([name, value]) =>
            [name, name === 'transaction_id' ? h('a', { href: `#/ledger/transaction/${encodeURIComponent(value)}`,
                id: 'trace-transaction' }, value) : value]))),
        section('conversion', 'The attributed conversion', conversion ? facts([
            ['Event', conversion.event_id],
            ['State', conversion.state],
            ['Method', conversion.method ?? '–'],
            ['Warning', conversion.warning ?? '–'],
            ['Reason', conversion.reason ?? '–'],
            ['Player', conversion.player_id ?? '–'],
            ['Amount', conversion.amount === null ? '–' : `${conversion.amount} ${conversion.currency}`],
            ['Attributed at', time(conversion.attributed_at)],
        ]) : h('p', {}, 'attribution-service has no conversion for this entry\'s input.')),
        section('click', 'The click', click ? [facts(Object.entries(click.click).map(([name, value]) =>
            [name, value !== null && typeof value === 'object' ? JSON.stringify(value) : value])),
        h('p', {}, h('a', { href: `#/ledger/click/${encodeURIComponent(entry.click_id)}`, id: 'trace-click' },
            'Every cent this click caused'))] : h('p', {}, entry.click_id ? `Click ${entry.click_id} is unknown.`
            : 'No click: attributed without one.')),
        section('postback', 'The casino\'s postback', postback ? postbackDetails(postback)
            : h('p', {}, 'No postback log row for this input.')),
        section('delivery', 'The publisher\'s delivery', delivery ? facts([
            ['Delivery', delivery.id], ['State', delivery.state], ['Attempts', delivery.attempts],
            ['Delivered at', time(delivery.delivered_at) || '–'], ['Last error', delivery.last_error ?? '–'],
        ]) : h('p', {}, 'No delivery: nothing was paid to a publisher for this entry.')));
}

async function tracePage(main, kind, id) {
    const trace = await api('/ledger/trace', { query: { [`${kind}_id`]: id } });
    const money = amounts => amounts.map(amount => `${amount.amount} ${amount.currency}`).join(', ') || '0';
    replace(main, h('h1', {}, `Every cent ${kind} ${id} caused`),
        facts([['Entries', trace.entries.length], ['Net revenue', money(trace.revenue)],
            ['Net publisher payout', money(trace.publisher_payout)]]),
        entryTable(trace.entries));
}

function section(id, heading, ...content) {
    return h('section', { id: `why-${id}`, 'aria-labelledby': `why-${id}-title` },
        h('h2', { id: `why-${id}-title` }, heading), content);
}

function facts(pairs) {
    return h('dl', {}, pairs.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value ?? '–')]));
}

