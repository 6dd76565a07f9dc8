import { api } from '../api.js';
import { h, replace, table, time } from '../dom.js';

export const title = 'Postback log';

/** What postback-service logs (its Outcome and the schemas' PostbackFormat), offered as filters. */
const OUTCOMES = ['SUCCESS', 'DUPLICATE', 'TEST', 'ERROR_HOUSE_NOT_FOUND', 'ERROR_AFFILIATE_NOT_FOUND',
    'ERROR_INVALID_KEY', 'ERROR_SOURCE_NOT_ALLOWED', 'ERROR_VALIDATION', 'ERROR_SIGNATURE_MISSING',
    'ERROR_SIGNATURE_INVALID', 'ERROR_SIGNATURE_STALE', 'ERROR_SIGNATURE_REPLAYED'];
const FORMATS = ['GAMING_WEBHOOK', 'OFFER_ROUTER', 'HOUSE_POSTBACK', 'PARTNER_POSTBACK'];

/** #/postbacks: every inbound call, newest first, filtered, with older pages appended on demand. */
export async function render(main, id) {
    if (id) {
        const row = await api(`/admin/postback-logs/${encodeURIComponent(id)}`);
        replace(main, h('h1', {}, `Postback ${row.id}`), details(row));
        return;
    }
    const filters = {
        outcome: h('select', { name: 'outcome', id: 'filter-outcome' }, h('option', { value: '' }, 'any'),
            OUTCOMES.map(outcome => h('option', { value: outcome }, outcome))),
        format: h('select', { name: 'format', id: 'filter-format' }, h('option', { value: '' }, 'any'),
            FORMATS.map(format => h('option', { value: format }, format))),
        offer_id: h('input', { name: 'offer_id', id: 'filter-offer', inputmode: 'numeric' }),
        from: h('input', { name: 'from', id: 'filter-from', type: 'datetime-local' }),
        to: h('input', { name: 'to', id: 'filter-to', type: 'datetime-local' }),
    };
    const rows = h('div', { id: 'postback-rows' });
    const older = h('button', { type: 'button', id: 'older', hidden: true }, 'Older calls');
    const form = h('form', { class: 'filters', id: 'postback-filters' },
        Object.entries({ outcome: 'Outcome', format: 'Format', offer_id: 'Offer id', from: 'From (UTC)',
            to: 'To (UTC)' }).map(([name, label]) => h('label', {}, label, filters[name])),
        h('button', { type: 'submit', class: 'primary' }, 'Filter'));
    let loaded = [];
    let cursor = null;
    const load = async more => {
        const query = { limit: 50, cursor: more ? cursor : null };
        for (const [name, element] of Object.entries(filters)) {
            query[name] = element.type === 'datetime-local' && element.value ? `${element.value}:00Z` : element.value;
        }
        const page = await api('/admin/postback-logs', { query });
        loaded = more ? loaded.concat(page.items) : page.items;
        cursor = page.next_cursor;
        older.hidden = !cursor;
        replace(rows, logTable(loaded));
    };
    form.addEventListener('submit', event => {
        event.preventDefault();
        load(false);
    });
    older.addEventListener('click', () => load(true));
    replace(main, h('h1', {}, 'Postback log'), form, rows, h('p', {}, older));
    await load(false);
}

function logTable(rows) {
    return table([
        ['Id', row => h('a', { href: `#/postbacks/${row.id}` }, row.id)],
        ['Received', row => time(row.received_at)],
        ['Format', row => row.format],
        ['Outcome', row => h('span', { 'data-outcome': row.outcome }, row.outcome)],
        ['Offer', row => row.offer_id ?? '–'],
        ['IP', row => row.source_ip ?? '–'],
        ['Call', row => h('code', {}, `${row.method} ${row.path}${row.query ? `?${row.query}` : ''}`)],
        ['Payload', row => row.body ? h('pre', { class: 'payload' }, row.body) : '–'],
        ['Message', row => row.message ?? ''],
    ], rows, { id: 'postback-log' });
}

export function details(row) {
    return h('dl', { id: 'postback-details' },
        [['Received', time(row.received_at)], ['Format', row.format], ['Outcome', row.outcome],
            ['Message', row.message ?? ''], ['Offer', row.offer_id ?? '–'], ['Source IP', row.source_ip ?? '–'],
            ['Call', h('code', {}, `${row.method} ${row.path}${row.query ? `?${row.query}` : ''}`)],
            ['Payload (secrets masked)', row.body ? h('pre', { class: 'payload' }, row.body) : '–'],
            ['Conversion event', row.event_id ?? '–'],
            ['Duplicate of', row.duplicate_of ? h('a', { href: `#/postbacks/${row.duplicate_of}` }, row.duplicate_of)
                : '–'],
            ['Commission', row.commission ? `${row.commission.amount} ${row.commission.currency}` : '–']]
            .map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}
