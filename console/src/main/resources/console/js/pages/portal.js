import { api, pages } from '../api.js';
import { byCurrency, format } from '../decimal.js';
import { h, replace, table, time } from '../dom.js';
import { pagedTable } from '../paged.js';
import { publisherTimeline } from '../publisher-timeline.js';
import { current } from '../session.js';

export const title = 'Publisher portal';

const MONTHS_OF_STATEMENTS = 6;

/**
 * What a publisher sees of itself: earnings per currency, a statement per month, its tracking link, its clicks,
 * conversions and deliveries, each newest first with the older ones a page away. Every call is scoped by the services
 * to the token's publisher, whatever it asks.
 */
export async function render(main) {
    const publisherId = current().me.publisher_id;
    const months = monthsBack(MONTHS_OF_STATEMENTS);
    const [statements, clicks, conversions, deliveries, timeline] = await Promise.all([
        Promise.all(months.map(([from, to]) => api('/reports/publishers', { query: { from, to } }))),
        pagedTable(CLICK_COLUMNS, pages('/clicks', { limit: 50 }), { id: 'my-clicks' }),
        pagedTable(CONVERSION_COLUMNS, pages('/conversions', { limit: 50, newest_first: true }),
            { id: 'my-conversions' }),
        pagedTable(DELIVERY_COLUMNS, pages(`/admin/publishers/${encodeURIComponent(publisherId)}/deliveries`,
            { limit: 50 }), { id: 'my-deliveries' }),
        publisherTimeline(publisherId),
    ]);
    const link = `${location.origin}/click?pub=${encodeURIComponent(publisherId)}&campaign=your-campaign&sub1=`;
    replace(main, h('h1', {}, 'Your performance'),
        h('section', { 'aria-labelledby': 'link-title' }, h('h2', { id: 'link-title' }, 'Your tracking link'),
            h('p', {}, h('code', { id: 'tracking-link' }, link)),
            h('p', { class: 'muted' }, 'Add offer=<id> to send to one offer; sub1 to sub5 come back in your postbacks.')),
        timeline,
        h('section', { 'aria-labelledby': 'earnings-title' },
            h('h2', { id: 'earnings-title' }, `Earnings per month (UTC), last ${MONTHS_OF_STATEMENTS} months`),
            table([
                ['Month', ([[from]]) => from.substring(0, 7)],
                ['Paid conversions', ([, rows]) => rows.reduce((total, row) => total + row.paid_conversions, 0)],
                ['Reversals', ([, rows]) => rows.reduce((total, row) => total + row.reversals, 0)],
                ['Earnings', ([, rows]) => h('span', { 'data-earnings': 'month' },
                    [...byCurrency(rows.map(row => row.publisher_payout)).entries()]
                        .map(([currency, amount]) => `${format(amount)} ${currency}`).join(', ') || '–')],
            ], months.map((month, index) => [month, statements[index]]), { id: 'statements' })),
        h('section', { 'aria-labelledby': 'conversions-title' },
            h('h2', { id: 'conversions-title' }, 'Your latest conversions'), conversions),
        h('section', { 'aria-labelledby': 'clicks-title' }, h('h2', { id: 'clicks-title' }, 'Your latest clicks'),
            clicks),
        h('section', { 'aria-labelledby': 'deliveries-title' },
            h('h2', { id: 'deliveries-title' }, 'Postbacks we sent you'), deliveries));
    timeline.draw();
}

const CONVERSION_COLUMNS = [
    ['Occurred', row => time(row.entry.occurred_at)],
    ['Offer', row => row.entry.offer_id],
    ['Kind', row => `${row.entry.kind} ${row.entry.status}`],
    ['Click', row => row.entry.click_id ?? '–'],
    ['Your earnings', row => `${row.net_publisher_payout.amount} ${row.net_publisher_payout.currency}`],
];

const CLICK_COLUMNS = [
    ['Click', click => click.click_id],
    ['Occurred', click => time(click.occurred_at)],
    ['Offer', click => click.offer_id],
    ['Campaign', click => click.campaign ?? ''],
    ['Sub ids', click => [click.sub1, click.sub2, click.sub3, click.sub4, click.sub5].filter(Boolean).join(' · ')],
];

const DELIVERY_COLUMNS = [
    ['Delivery', delivery => delivery.id],
    ['State', delivery => delivery.state],
    ['Event', delivery => `${delivery.event} (${delivery.status})`],
    ['Payout', delivery => delivery.payout ? `${delivery.payout.amount} ${delivery.payout.currency}` : '–'],
    ['Attempts', delivery => delivery.attempts],
    ['Delivered', delivery => time(delivery.delivered_at)],
];

/** The first and last UTC day of this month and the months before it, newest first. */
function monthsBack(count) {
    const now = new Date();
    const months = [];
    for (let back = 0; back < count; back++) {
        const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
        const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
        months.push([first.toISOString().substring(0, 10), last.toISOString().substring(0, 10)]);
    }
    return months;
}
