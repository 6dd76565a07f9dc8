import { pages } from '../api.js';
import { h, replace, time } from '../dom.js';
import { pagedTable } from '../paged.js';

export const title = 'Unattributed conversions';

/** Conversions attribution-service could not attribute after their grace period, oldest first, with the reason. */
export async function render(main) {
    const conversions = await pagedTable([
        ['Received', conversion => time(conversion.received_at)],
        ['Event', conversion => conversion.event_id],
        ['Kind', conversion => `${conversion.kind} ${conversion.status}`],
        ['Reason', conversion => h('strong', {}, conversion.reason ?? '–')],
        ['Offer', conversion => conversion.offer_id ?? '–'],
        ['Click', conversion => conversion.click_id ?? '–'],
        ['Player / sub id', conversion => [conversion.player_id, conversion.sub_id].filter(Boolean).join(' / ')],
        ['Amount', conversion => conversion.amount === null ? '–' : `${conversion.amount} ${conversion.currency}`],
        ['Postback', conversion => /^postback:\d+$/.test(conversion.event_id)
            ? h('a', { href: `#/postbacks/${conversion.event_id.substring(9)}` }, 'the call') : ''],
    ], pages('/conversions/unattributed', { limit: 100 }), { id: 'unattributed' });
    replace(main, h('h1', {}, 'Unattributed conversions'),
        h('p', { class: 'muted' }, 'Oldest first, each with the reason attribution-service gave.'), conversions);
}
