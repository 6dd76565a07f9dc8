import uPlot from '../../webjars/uplot/dist/uPlot.esm.js';
import { allowed, api, pages } from '../api.js';
import { byCurrency, format, parse, per } from '../decimal.js';
import { count, h, percent, replace, table, time } from '../dom.js';
import { of, preset, previous, PRESETS } from '../period.js';
import { pagedTable } from '../paged.js';
import { SERVICES_WITH_DEAD_LETTERS } from '../services.js';

export const title = 'Dashboard';

/** How many of the latest weight sets the sparklines draw. */
const WEIGHT_HISTORY = 12;

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
    const [timeline, timelineBefore, report, reportBefore, stats, money, weightSets] = await Promise.all([
        api('/offers/timeline', { query: { from: period.from, to: period.to, bucket: period.bucket } }),
        api('/offers/timeline', { query: { from: before.from, to: before.to, bucket: 'day' } }),
        api('/reports/offers', { query: { from: period.fromDay, to: period.toDay } }),
        api('/reports/offers', { query: { from: before.fromDay, to: before.toDay } }),
        api('/admin/stats'),
        api('/reports/timeline', { query: { from: period.from, to: period.to, bucket: period.bucket } }),
        api('/admin/weight-sets', { query: { limit: WEIGHT_HISTORY } }),
    ]);
    const weightHistory = await Promise.all(weightSets.items.map(set =>
        api(`/admin/weight-sets/${set.weight_set_id}`)));
    const funnels = await Promise.all(stats.map(offer => api(`/offers/${encodeURIComponent(offer.id)}/funnel`,
        { query: { from: period.from, to: period.to } })));
    if (!body.isConnected) {
        // The user left the page (or logged out) while its figures loaded: there is nothing left to draw into.
        return;
    }
    replace(body,
        kpis(totals(timeline, report), totals(timelineBefore, reportBefore)),
        h('section', { 'aria-labelledby': 'chart-title' },
            h('h2', { id: 'chart-title' }, `Clicks and first deposits per ${period.bucket} (UTC)`),
            h('div', { id: 'chart', class: 'chart' })),
        h('section', { 'aria-labelledby': 'revenue-chart-title' },
            h('h2', { id: 'revenue-chart-title' }, `Casino revenue per ${period.bucket} and currency (UTC)`),
            h('div', { id: 'revenue-chart', class: 'chart' })),
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
    revenueChart(document.getElementById('revenue-chart'), money);
    sparklines(weightHistory.slice().reverse());
    await Promise.all([deliveryHealth(period), attributionHealth(), deadLetters()]);
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

/** One line per currency: amounts of different currencies share the time axis, never a sum. */
function revenueChart(element, timeline) {
    const currencies = [...new Set(timeline.points.flatMap(point => point.revenue.map(amount => amount.currency)))]
        .sort();
    const colours = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626'];
    new uPlot({
        width: Math.max(260, (element.clientWidth || 620) - 20),
        height: 220,
        tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        series: [{}, ...currencies.map((currency, index) => ({
            label: currency, stroke: colours[index % colours.length], width: 2,
        }))],
    }, [timeline.points.map(point => Date.parse(point.at) / 1000),
        ...currencies.map(currency => timeline.points.map(point =>
            Number(point.revenue.find(amount => amount.currency === currency)?.amount ?? 0)))], element);
}

/** Each offer's weight in the latest weight sets, oldest first, as a line without axes. */
function sparklines(history) {
    for (const cell of document.querySelectorAll('[data-sparkline]')) {
        const weights = history.map(set => set.weights.find(entry => String(entry.id) === cell.dataset.sparkline))
            .map(entry => entry ? Number(entry.weight) : null);
        if (weights.filter(weight => weight !== null).length < 2) {
            cell.textContent = '–';
            continue;
        }
        new uPlot({
            width: 110, height: 32, legend: { show: false }, cursor: { show: false },
            axes: [{ show: false }, { show: false }], scales: { x: { time: false } },
            series: [{}, { stroke: '#2563eb', width: 1.5, points: { show: false } }],
        }, [weights.map((_, index) => index), weights], cell);
        cell.setAttribute('aria-label', `weights ${weights.map(weight => weight?.toFixed(3) ?? '–').join(', ')}`);
    }
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
        ['Weight history', row => h('span', { class: 'sparkline', 'data-sparkline': row.offer.id, role: 'img' })],
        ['Clicks', row => h('span', { 'data-offer-clicks': row.offer.id }, count(row.funnel.clicks))],
        ['FTDs', row => count(row.funnel.first_deposits)],
        ['EV', row => `${format(parse(row.offer.ev), 4)} ${row.offer.currency ?? ''}`],
        ['Revenue', row => money(row, 'revenue')],
        ['Payouts', row => money(row, 'publisher_payout')],
    ], rows, { id: 'offer-table' });
}

async function deliveryHealth(period) {
    const section = document.getElementById('delivery-health');
    const [health, troubled] = await Promise.all([
        api('/admin/deliveries/health', { query: { from: period.from, to: period.to } }),
        api('/admin/deliveries/endpoints', { query: { limit: 50 } }),
    ]);
    const seconds = value => value === null || value === undefined ? '–' : `${value.toFixed(1)} s`;
    const breakersOpen = troubled.items.filter(endpoint => endpoint.breaker !== 'CLOSED').length;
    section.querySelector('.loading').replaceWith(h('dl', {},
        [['delivered', 'Delivered', count(health.delivered)],
            ['retrying', 'Retrying', count(health.retrying)],
            ['dead', 'Given up (dead letters)', count(health.dead)],
            ['disabled', 'Endpoints disabled now', count(health.endpoints_disabled)],
            ['breakers', 'Endpoints with an open breaker now',
                `${count(breakersOpen)}${troubled.next_cursor ? '+' : ''}`],
            ['p50', 'Payout → delivery, median', seconds(health.latency_p50_seconds)],
            ['p95', 'Payout → delivery, 95th percentile', seconds(health.latency_p95_seconds)]]
            .map(([key, label, value]) => [h('dt', {}, label), h('dd', { 'data-health': key }, value)])),
        h('p', { class: 'muted' }, 'Of the payouts received in the period; the endpoints as they are now.'),
        table([
            ['Publisher', endpoint => h('a', { href: `#/publishers/${endpoint.publisher_id}` }, endpoint.name)],
            ['Disabled', endpoint => endpoint.disabled_at
                ? `since ${time(endpoint.disabled_at)}: ${endpoint.disabled_reason ?? ''}` : 'no'],
            ['Circuit breaker', endpoint => h('span', { 'data-breaker': endpoint.publisher_id }, endpoint.breaker)],
        ], troubled.items, { id: 'troubled-endpoints' }),
        troubled.next_cursor ? h('p', { class: 'muted' }, 'The first 50 shown.') : '');
}

async function attributionHealth() {
    const section = document.getElementById('attribution-health');
    const list = pages('/conversions/unattributed', { limit: 500 });
    const reasons = new Map();
    for (let page = 0; page < 2 && !list.done; page++) {
        for (const conversion of await list.load()) {
            reasons.set(conversion.reason, (reasons.get(conversion.reason) ?? 0) + 1);
        }
    }
    const parked = await api('/conversions/parked/counts');
    section.querySelector('.loading').replaceWith(
        h('p', {}, h('a', { href: '#/unattributed' }, 'Unattributed conversions'), ` by reason${
            list.done ? '' : ' (the oldest 1000)'}:`),
        table([['Reason', ([reason]) => reason], ['Conversions', ([, n]) => count(n)]], [...reasons.entries()],
            { id: 'unattributed-reasons' }),
        h('h3', {}, 'Parked: held back and re-checked until attributed'),
        h('p', {}, h('span', { id: 'parked-total' }, count(parked.total)),
            parked.total === 1 ? ' conversion waits' : ' conversions wait',
            ' for their click, their player\'s link, a recent click, or an earlier conversion of the same click, '
            + 'player or identity.'),
        table([['Reason', ([reason]) => reason],
            ['Conversions', ([reason, n]) => h('span', { 'data-parked': reason }, count(n))]],
        Object.entries(parked.by_reason), { id: 'parked-reasons' }),
        await pagedTable([
            ['Received', conversion => time(conversion.received_at)],
            ['Why', conversion => [h('strong', {}, conversion.reason), h('br'),
                conversion.state === 'PENDING' ? 'within grace period' : 'also unattributed']],
            ['Conversion', conversion => [`${conversion.kind} ${conversion.status}`, h('br'),
                `offer ${conversion.offer_id ?? '–'}`]],
            ['Click and call', conversion => [
                h('span', { class: 'truncate', title: conversion.click_id ?? '',
                    'data-parked-click': conversion.click_id ?? '' }, conversion.click_id ?? 'no click id'),
                /^postback:\d+$/.test(conversion.event_id)
                    ? h('a', { href: `#/postbacks/${conversion.event_id.substring(9)}` }, 'the call')
                    : h('span', { class: 'truncate', title: conversion.event_id }, conversion.event_id)]],
        ], pages('/conversions/parked', { limit: 20 }), { id: 'parked', class: 'fits' }));
}

async function deadLetters() {
    const section = document.getElementById('dead-letters');
    const counts = await Promise.all(SERVICES_WITH_DEAD_LETTERS.map(service =>
        allowed(api(`/services/${service}/admin/dead-letters/count`)).then(answer => [service, answer])));
    section.querySelector('.loading').replaceWith(table([
        ['Service', ([service]) => h('a', { href: '#/deadletters' }, service)],
        ['Dead letters', ([service, answer]) => h('span', { 'data-dead-letters': service },
            answer === null ? 'not for your role' : count(answer.total))],
    ], counts));
}
