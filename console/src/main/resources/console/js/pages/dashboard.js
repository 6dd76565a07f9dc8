import uPlot from '../../webjars/uplot/dist/uPlot.esm.js';
import { allowed, api } from '../api.js';
import { byCurrency, format, parse, per } from '../decimal.js';
import { count, h, percent, replace, table } from '../dom.js';
import { of, preset, previous, PRESETS } from '../period.js';

export const title = 'Dashboard';

/** The services whose consumers keep dead letters, by the name the front door reaches them under. */
const SERVICES_WITH_DEAD_LETTERS = ['click-service', 'postback-service', 'attribution-service', 'commission-service',
    'optimizer-service', 'publisher-forwarder', 'identity-service', 'analytics-service'];

let chosen = preset('7d');
let chosenName = '7d';

export async function render(main) {
    const body = h('div', { id: 'dashboard-body' });
    replace(main, h('h1', {}, 'Dashboard'), controls(main), body);
    await load(body);
}

function controls(main) {
    const from = h('input', { type: 'date', id: 'period-from', value: chosen.fromDay, 'aria-label': 'From (UTC day)' });
    const to = h('input', { type: 'date', id: 'period-to', value: chosen.toDay, 'aria-label': 'To (UTC day)' });
    const custom = h('form', { class: 'custom-period', hidden: chosenName !== 'custom' },
        from, to, h('button', { type: 'submit' }, 'Show'));
    custom.addEventListener('submit', event => {
        event.preventDefault();
        if (from.value && to.value && from.value <= to.value) {
            chosen = of(from.value, to.value);
            render(main);
        }
    });
    const buttons = [...PRESETS, ['custom', 'Custom']].map(([name, label]) => h('button', {
        type: 'button',
        'data-period': name,
        'aria-pressed': String(name === chosenName),
        onclick: () => {
            chosenName = name;
            if (name === 'custom') {
                custom.hidden = false;
                from.focus();
                return;
            }
            chosen = preset(name);
            render(main);
        },
    }, label));
    return h('div', { class: 'period', role: 'group', 'aria-label': 'Period' }, buttons, custom,
        h('span', { class: 'muted', id: 'period-label' },
            `${chosen.fromDay} – ${chosen.toDay} (UTC) against ${previous(chosen).fromDay} – ${previous(chosen).toDay}`));
}

async function load(body) {
    const period = chosen;
    const before = previous(period);
    const [timeline, timelineBefore, report, reportBefore, stats] = await Promise.all([
        api('/offers/timeline', { query: { from: period.from, to: period.to, bucket: period.bucket } }),
        api('/offers/timeline', { query: { from: before.from, to: before.to, bucket: 'day' } }),
        api('/reports/offers', { query: { from: period.fromDay, to: period.toDay } }),
        api('/reports/offers', { query: { from: before.fromDay, to: before.toDay } }),
        api('/admin/stats'),
    ]);
    const funnels = await Promise.all(stats.map(offer => api(`/offers/${encodeURIComponent(offer.id)}/funnel`,
        { query: { from: period.from, to: period.to } })));
    replace(body,
        kpis(totals(timeline, report), totals(timelineBefore, reportBefore)),
        h('section', { 'aria-labelledby': 'chart-title' },
            h('h2', { id: 'chart-title' }, `Clicks and first deposits per ${period.bucket} (UTC)`),
            h('div', { id: 'chart', class: 'chart' })),
        h('section', { 'aria-labelledby': 'offers-title' },
            h('h2', { id: 'offers-title' }, 'Offers'), offerTable(stats, funnels, report)),
        h('div', { class: 'health' },
            h('section', { id: 'delivery-health', 'aria-labelledby': 'delivery-title' },
                h('h2', { id: 'delivery-title' }, 'Delivery health'), h('p', { class: 'loading' }, 'Loading…')),
            h('section', { id: 'attribution-health', 'aria-labelledby': 'attribution-title' },
                h('h2', { id: 'attribution-title' }, 'Attribution health'), h('p', { class: 'loading' }, 'Loading…')),
            h('section', { id: 'dead-letters', 'aria-labelledby': 'dead-letters-title' },
                h('h2', { id: 'dead-letters-title' }, 'Dead letters per service'),
                h('p', { class: 'loading' }, 'Loading…'))));
    chart(document.getElementById('chart'), timeline);
    await Promise.all([deliveryHealth(), attributionHealth(), deadLetters()]);
}

/** The period's totals: the funnel from attribution-service, the money from commission-service's ledger. */
function totals(timeline, report) {
    const funnel = { clicks: 0, registrations: 0, firstDeposits: 0 };
    for (const point of timeline.points) {
        funnel.clicks += point.clicks;
        funnel.registrations += point.registrations;
        funnel.firstDeposits += point.first_deposits;
    }
    return {
        ...funnel,
        revenue: byCurrency(report.map(row => row.revenue)),
        payout: byCurrency(report.map(row => row.publisher_payout)),
    };
}

function kpis(now, before) {
    const rate = totals => totals.clicks > 0 ? totals.firstDeposits / totals.clicks : null;
    const tiles = [
        tile('clicks', 'Clicks', count(now.clicks), count(before.clicks), change(now.clicks, before.clicks)),
        tile('registrations', 'Registrations', count(now.registrations), count(before.registrations),
            change(now.registrations, before.registrations)),
        tile('first-deposits', 'First deposits', count(now.firstDeposits), count(before.firstDeposits),
            change(now.firstDeposits, before.firstDeposits)),
        tile('click-to-ftd', 'Click → FTD', percent(rate(now)), percent(rate(before)), null),
    ];
    for (const [key, label, money] of [['revenue', 'Casino revenue', 'revenue'], ['payout', 'Publisher payouts',
        'payout']]) {
        for (const currency of new Set([...now[money].keys(), ...before[money].keys()])) {
            const value = now[money].get(currency) ?? 0n;
            const was = before[money].get(currency) ?? 0n;
            tiles.push(tile(`${key}-${currency}`, `${label} (${currency})`, format(value), format(was),
                change(Number(value), Number(was))));
        }
    }
    for (const [currency, payout] of now.payout) {
        tiles.push(tile(`epc-${currency}`, `EPC (${currency}, payout per click)`, format(per(payout, now.clicks), 4),
            format(per(before.payout.get(currency) ?? 0n, before.clicks), 4), null));
    }
    return h('section', { class: 'kpis', 'aria-label': 'Key figures' }, tiles);
}

function tile(key, label, value, was, delta) {
    return h('div', { class: 'kpi', 'data-kpi': key },
        h('span', { class: 'label' }, label),
        h('span', { class: 'value' }, value),
        h('span', { class: 'before' }, `before: ${was}`, delta === null ? '' : h('span', {
            class: delta >= 0 ? 'up' : 'down',
        }, ` ${delta >= 0 ? '▲' : '▼'} ${Math.abs(delta).toFixed(1)} %`)));
}

function change(now, before) {
    return before > 0 ? (now - before) / before * 100 : null;
}

function chart(element, timeline) {
    const xs = timeline.points.map(point => Date.parse(point.at) / 1000);
    const width = Math.max(260, (element.clientWidth || 620) - 20);
    new uPlot({
        width,
        height: 240,
        tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        series: [{}, { label: 'Clicks', stroke: '#2563eb', width: 2 },
            { label: 'First deposits', stroke: '#16a34a', width: 2, scale: 'ftd' }],
        axes: [{}, { label: 'Clicks' }, { label: 'FTDs', side: 1, scale: 'ftd', grid: { show: false } }],
    }, [xs, timeline.points.map(point => point.clicks), timeline.points.map(point => point.first_deposits)], element);
}

function offerTable(stats, funnels, report) {
    const activeWeight = stats.filter(offer => offer.active).reduce((total, offer) => total + offer.weight, 0);
    const rows = stats.map((offer, index) => ({ offer, funnel: funnels[index] }));
    const money = (row, field) => [...byCurrency(report.filter(line => line.id === String(row.offer.id))
        .map(line => line[field])).entries()].map(([currency, value]) => `${format(value)} ${currency}`).join(', ')
        || '–';
    return table([
        ['Offer', row => h('a', { href: `#/offers/${encodeURIComponent(row.offer.id)}` }, row.offer.name)],
        ['Active', row => row.offer.active ? 'yes' : 'no'],
        ['Weight', row => row.offer.weight.toFixed(3)],
        ['Traffic share', row => row.offer.active && activeWeight > 0 ? percent(row.offer.weight / activeWeight) : '–'],
        ['Clicks', row => h('span', { 'data-offer-clicks': row.offer.id }, count(row.funnel.clicks))],
        ['FTDs', row => count(row.funnel.first_deposits)],
        ['EV', row => `${format(parse(row.offer.ev), 4)} ${row.offer.currency ?? ''}`],
        ['Revenue', row => money(row, 'revenue')],
        ['Payouts', row => money(row, 'publisher_payout')],
    ], rows, { id: 'offer-table' });
}

async function deliveryHealth() {
    const section = document.getElementById('delivery-health');
    const dead = await api('/admin/deliveries/dead-letters');
    section.querySelector('.loading').replaceWith(h('dl', {},
        h('dt', {}, 'Deliveries given up (dead letters)'),
        h('dd', { 'data-health': 'delivery-dead-letters' }, count(dead.length))));
}

async function attributionHealth() {
    const section = document.getElementById('attribution-health');
    const page = await api('/conversions/unattributed', { query: { limit: 1000 } });
    const reasons = new Map();
    for (const conversion of page.items) {
        reasons.set(conversion.reason, (reasons.get(conversion.reason) ?? 0) + 1);
    }
    section.querySelector('.loading').replaceWith(
        h('p', {}, h('a', { href: '#/unattributed' }, 'Unattributed conversions'), ` by reason${
            page.next_after ? ' (the oldest 1000)' : ''}:`),
        table([['Reason', ([reason]) => reason], ['Conversions', ([, n]) => count(n)]], [...reasons.entries()],
            { id: 'unattributed-reasons' }));
}

async function deadLetters() {
    const section = document.getElementById('dead-letters');
    const counts = await Promise.all(SERVICES_WITH_DEAD_LETTERS.map(service =>
        allowed(api(`/services/${service}/admin/dead-letters`, { query: { limit: 1000 } }))
            .then(letters => [service, letters])));
    section.querySelector('.loading').replaceWith(table([
        ['Service', ([service]) => service],
        ['Dead letters', ([service, letters]) => h('span', { 'data-dead-letters': service },
            letters === null ? 'not for your role' : count(letters.length))],
    ], counts));
}
