import uPlot from '../webjars/uplot/dist/uPlot.esm.js';
import { api } from './api.js';
import { count, h } from './dom.js';
import { byCurrency, format } from './decimal.js';

const DAYS = 30;
const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626'];

/**
 * One publisher's clicks, attributed conversions and earnings per UTC day over the last 30 days: attribution-service's
 * counts and commission-service's ledger, each asked for this publisher (a publisher's token gets its own whatever it
 * asks). Answers the section, and draws its charts once the section is on the page (their width is the page's).
 */
export async function publisherTimeline(publisherId) {
    const today = new Date();
    const to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1));
    const from = new Date(to.getTime() - DAYS * 86_400_000);
    const query = { from: from.toISOString(), to: to.toISOString(), bucket: 'day', publisher_id: publisherId };
    const [traffic, money] = await Promise.all([api('/clicks/timeline', { query }),
        api('/reports/timeline', { query })]);
    const clicks = traffic.points.reduce((total, point) => total + point.clicks, 0);
    const conversions = traffic.points.reduce((total, point) => total + point.conversions, 0);
    const earnings = byCurrency(money.points.flatMap(point => point.publisher_payout));
    const trafficChart = h('div', { class: 'chart', id: 'publisher-traffic-chart' });
    const earningsChart = h('div', { class: 'chart', id: 'publisher-earnings-chart' });
    const section = h('section', { id: 'publisher-timeline', 'aria-labelledby': 'publisher-timeline-title' },
        h('h2', { id: 'publisher-timeline-title' }, `Last ${DAYS} days (UTC), per day`),
        h('p', {}, h('span', { 'data-timeline': 'clicks' }, count(clicks)), ' clicks, ',
            h('span', { 'data-timeline': 'conversions' }, count(conversions)), ' attributed conversions, earnings ',
            h('span', { 'data-timeline': 'earnings' }, [...earnings.entries()]
                .map(([currency, amount]) => `${format(amount)} ${currency}`).join(', ') || '–'), '.'),
        trafficChart, earningsChart);
    section.draw = () => {
        const xs = traffic.points.map(point => Date.parse(point.at) / 1000);
        new uPlot({
            width: width(trafficChart), height: 200, tzDate: utc,
            series: [{}, { label: 'Clicks', stroke: COLOURS[0], width: 2 },
                { label: 'Conversions', stroke: COLOURS[1], width: 2, scale: 'conversions' }],
            axes: [{}, { label: 'Clicks' }, { label: 'Conversions', side: 1, scale: 'conversions',
                grid: { show: false } }],
        }, [xs, traffic.points.map(point => point.clicks), traffic.points.map(point => point.conversions)],
        trafficChart);
        const currencies = [...earnings.keys()].sort();
        new uPlot({
            width: width(earningsChart), height: 200, tzDate: utc,
            series: [{}, ...currencies.map((currency, index) => ({
                label: `Earnings ${currency}`, stroke: COLOURS[index % COLOURS.length], width: 2,
            }))],
        }, [money.points.map(point => Date.parse(point.at) / 1000), ...currencies.map(currency => money.points
            .map(point => Number(point.publisher_payout.find(amount => amount.currency === currency)?.amount ?? 0)))],
        earningsChart);
    };
    return section;
}

function width(element) {
    return Math.max(260, (element.clientWidth || 620) - 20);
}

function utc(ts) {
    return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');
}
