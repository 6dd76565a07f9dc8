import { api, pages } from '../api.js';
import { count, h, percent, replace, table, time } from '../dom.js';
import { actionButton, notice } from '../shell.js';
import { pagedTable } from '../paged.js';
import { current, mayManage } from '../session.js';

export const title = 'Weights';

/**
 * #/weights (the set click-service routes by now) and #/weights/{id} (any kept set): why each offer gets its share of
 * the clicks, as the optimizer explained it when it computed the set, and the sets before it. Managers and admins may
 * have the weights recomputed now; the optimizer decides who may.
 */
export async function render(main, id) {
    const set = id ? await api(`/admin/weight-sets/${encodeURIComponent(id)}`) : await newest();
    const older = await pagedTable([
        ['Set', header => h('a', { href: `#/weights/${header.weight_set_id}` }, `#${header.weight_set_id}`)],
        ['Computed', header => time(header.computed_at)],
        ['Trigger', header => header.trigger],
        ['Policy', header => header.policy],
    ], pages('/admin/weight-sets', { limit: 20 }), { id: 'weight-sets' });
    replace(main, h('h1', {}, 'Weights'),
        h('p', { class: 'muted' }, 'Each offer\'s share of the clicks and what the optimizer saw and concluded when it '
            + 'computed the set. Rates are of first deposits per click; amounts are per click or per first deposit, '
            + 'in the set\'s reference currency.'),
        mayManage(current()) ? recomputeButton() : '',
        set ? explained(set) : h('p', { id: 'no-weight-set' }, 'No weight set yet: click-service routes by the offers\' '
            + 'own weights until the optimizer computes one.'),
        h('section', { 'aria-labelledby': 'weight-sets-title' },
            h('h2', { id: 'weight-sets-title' }, 'Weight sets, newest first'), older));
}

async function newest() {
    const [header] = (await api('/admin/weight-sets', { query: { limit: 1 } })).items;
    return header ? api(`/admin/weight-sets/${header.weight_set_id}`) : null;
}

function explained(set) {
    const currency = set.currency;
    const decimal = (value, digits = 2) => value === null || value === undefined ? '–' : Number(value).toFixed(digits);
    const evidence = entry => entry.evidence ?? null;
    const columns = [
        ['Offer', entry => h('a', { href: `#/offers/${encodeURIComponent(entry.id)}` }, entry.name)],
        ['Active', entry => entry.active ? 'yes' : 'no'],
        ['Weight', entry => h('span', { 'data-weight': entry.id }, decimal(entry.weight, 3))],
        ['Clicks', entry => count(entry.clicks)],
        ['FTDs', entry => count(entry.ftds)],
        ['EV per click', entry => `${decimal(entry.ev, 4)} ${currency}`],
    ];
    if (set.weights.some(evidence)) {
        columns.push(
            ['Share of clicks', entry => h('span', { 'data-share': entry.id },
                evidence(entry) ? percent(Number(entry.evidence.share)) : '–')],
            ['Chance of being best', entry => h('span', { 'data-probability-best': entry.id },
                evidence(entry) ? percent(Number(entry.evidence.probability_best)) : '–')],
            ['Before the floor', entry => evidence(entry) ? percent(Number(entry.evidence.allocated)) : '–'],
            ['FTD rate, corrected (90 %)', entry => evidence(entry) ? rate(entry.evidence) : '–'],
            ['Value per FTD', entry => evidence(entry) ? `${decimal(entry.evidence.value_per_conversion)} ± `
                + `${decimal(entry.evidence.value_standard_error)} ${currency}` : '–'],
            ['Rate changed', entry => evidence(entry)?.change_detected ? h('span', { 'data-changed': entry.id },
                `since ${time(entry.evidence.changed_since)}, ×${decimal(entry.evidence.change_ratio)}`) : '–'],
        );
    }
    const settings = set.settings ?? {};
    return h('section', { 'aria-labelledby': 'weight-set-title' },
        h('h2', { id: 'weight-set-title' }, 'Set ', h('span', { id: 'weight-set-id' }, `#${set.weight_set_id}`),
            ` of ${time(set.computed_at)}`),
        h('p', { class: 'muted', id: 'weight-set-policy' }, `${set.policy}, ${set.trigger}`,
            settings.allocation ? `, allocation ${settings.allocation}` : '',
            `, floor ${set.weight_floor}, exploration ${percent(Number(set.exploration_rate))}`),
        table(columns, set.weights, { id: 'weight-table' }));
}

function rate(evidence) {
    const interval = evidence.conversion_rate_interval;
    return `${percent(Number(evidence.corrected_conversion_rate))} (${percent(Number(interval.low))} – `
        + `${percent(Number(interval.high))}); seen ${percent(Number(evidence.observed_conversion_rate))}`;
}

function recomputeButton() {
    const button = h('button', { type: 'button', id: 'recompute' }, 'Recompute now');
    return h('p', {}, actionButton(button, 'recompute-result', 'Not recomputed', async () => {
        const set = await api('/admin/update-weights', { method: 'POST' });
        notice(h('span', { id: 'recompute-result' }, `Weight set #${set.weight_set_id} computed and published.`),
            { keep: true });
        location.hash = `#/weights/${set.weight_set_id}`;
    }));
}
