import { api, ApiError, pages } from '../api.js';
import { h, replace, table, time } from '../dom.js';
import { checkbox, field, input, showErrors, valueOf } from '../forms.js';
import { notice, refresh } from '../shell.js';
import { pagedTable } from '../paged.js';
import { showOnce } from '../secret.js';
import { current, mayManage } from '../session.js';

export const title = 'Offers';

/** #/offers lists them, #/offers/new creates one, #/offers/{id} edits one. */
export async function render(main, id) {
    if (id === 'new') {
        replace(main, h('h1', {}, 'New offer'), form(null));
        return;
    }
    if (id) {
        const [offer, versions] = await Promise.all([api(`/admin/offers/${encodeURIComponent(id)}`),
            api(`/deals/${encodeURIComponent(id)}/versions`)]);
        replace(main, h('h1', {}, `Offer ${offer.id}: `, offer.name), actions(offer), form(offer),
            h('h2', {}, 'Deal versions'), dealVersions(versions));
        return;
    }
    const offers = await pagedTable([
        ['Id', offer => offer.id],
        ['Name', offer => h('a', { href: `#/offers/${offer.id}` }, offer.name)],
        ['Active', offer => offer.active ? 'yes' : 'no'],
        ['Weight', offer => offer.weight],
        ['Casino URL', offer => h('code', {}, offer.casino_url)],
        ['Deal', offer => deal(offer.deal)],
        ['Postback secret', offer => h('code', {}, offer.postback_secret)],
    ], pages('/admin/offers', { limit: 50 }), { id: 'offers' });
    replace(main, h('h1', {}, 'Offers'),
        mayManage(current()) ? h('p', {}, h('a', { href: '#/offers/new', class: 'button', id: 'new-offer' },
            'New offer')) : '',
        offers);
}

function deal(terms) {
    if (!terms) {
        return '–';
    }
    const parts = [];
    if (terms.cpa_amount !== null && terms.cpa_amount !== undefined) {
        parts.push(`CPA ${terms.cpa_amount} ${terms.currency}${terms.min_deposit ? ` (min deposit ${terms.min_deposit})`
            : ''}`);
    }
    if (terms.revshare_percent !== null && terms.revshare_percent !== undefined) {
        parts.push(`RevShare ${terms.revshare_percent} %`);
    }
    if (parts.length === 0) {
        parts.push(`the casino's reported payout (${terms.currency})`);
    }
    return `${parts.join(' + ')} · version ${terms.version} since ${time(terms.effective_from)}`;
}

/** The terms each ledger entry's deal version names, as commission-service applies them. */
function dealVersions(versions) {
    const amount = value => value ? `${value.amount} ${value.currency}` : '–';
    return table([
        ['Version', version => version.version],
        ['In force from', version => time(version.effective_from)],
        ['CPA', version => amount(version.cpa_amount)],
        ['CPA minimum deposit', version => amount(version.min_deposit)],
        ['RevShare %', version => version.rev_share_percent ?? '–'],
        ['Currency', version => version.currency],
        ['Negative carry-over', version => version.negative_carry_over ? 'yes' : 'no'],
    ], versions, { id: 'deal-versions' });
}

function actions(offer) {
    if (!mayManage(current())) {
        return '';
    }
    // After a leak the old secret must die at once; on a scheduled rotation the casino needs time to switch.
    const keepPrevious = h('select', { id: 'keep-previous-for', 'aria-label': 'The previous one stays accepted' },
        h('option', { value: '0' }, 'refused at once (after a leak)'),
        h('option', { value: '1' }, 'accepted 1 more hour'),
        h('option', { value: '24' }, 'accepted 24 more hours'),
        h('option', { value: '72' }, 'accepted 3 more days'));
    const rotation = kind => `/admin/offers/${offer.id}/${kind}?keep_previous_hours=${keepPrevious.value}`;
    const previousFate = until => until ? `still accepted until ${time(until)}` : 'refused from now on';
    const rotateSecret = h('button', { type: 'button', id: 'rotate-postback-secret' }, 'Rotate postback secret');
    rotateSecret.addEventListener('click', async () => {
        const rotated = await api(rotation('postback-secret'), { method: 'POST' });
        showOnce(`Offer ${offer.id}: the previous postback secret is `
            + `${previousFate(rotated.previous_postback_secret_accepted_until)}.`,
            [['postback secret', rotated.postback_secret]]);
        refresh();
    });
    const rotateKey = h('button', { type: 'button', id: 'rotate-partner-key' }, 'Rotate partner key');
    rotateKey.addEventListener('click', async () => {
        const rotated = await api(rotation('partner-key'), { method: 'POST' });
        showOnce(`Offer ${offer.id}: postbacks to the previous key's URL are `
            + `${previousFate(rotated.previous_partner_key_accepted_until)}.`,
            [['partner key', rotated.partner_key]]);
        refresh();
    });
    const deactivate = h('button', { type: 'button', class: 'danger', id: 'deactivate', hidden: !offer.active },
        'Deactivate');
    deactivate.addEventListener('click', async () => {
        if (deactivate.dataset.confirm !== 'yes') {
            deactivate.dataset.confirm = 'yes';
            replace(deactivate, 'Click again to deactivate: no new traffic goes to it');
            return;
        }
        const answer = await api(`/admin/offers/${offer.id}`, { method: 'DELETE' });
        notice(`Offer ${offer.id} ${answer.status}.`, { keep: true });
        if (answer.status === 'deleted') {
            location.hash = '#/offers';
        } else {
            refresh();
        }
    });
    return h('p', { class: 'actions' }, rotateSecret, ' ', rotateKey, ' the previous one ', keepPrevious, ' ',
        deactivate);
}

function form(offer) {
    const terms = offer?.deal ?? {};
    const fields = {
        name: input(offer?.name, { required: true }),
        casino_url: input(offer?.casino_url, { type: 'url', placeholder: 'https://casino.example/land?cid={click_id}' }),
        weight: input(offer?.weight ?? 1, { inputmode: 'decimal' }),
        active: checkbox(offer ? offer.active : true),
        house_slug: input(offer?.house_slug),
        'deal.cpa_amount': input(terms.cpa_amount, { inputmode: 'decimal' }),
        'deal.min_deposit': input(terms.min_deposit, { inputmode: 'decimal' }),
        'deal.revshare_percent': input(terms.revshare_percent, { inputmode: 'decimal' }),
        'deal.currency': input(terms.currency ?? 'USD', { maxlength: 3 }),
        'deal.negative_carry_over': checkbox(terms.negative_carry_over),
    };
    const general = h('p', { class: 'error', role: 'alert', hidden: true, id: 'form-error' });
    const readOnly = !mayManage(current());
    const element = h('form', { class: 'editor', id: 'offer-form', novalidate: true },
        field('name', 'Name', fields.name),
        field('casino_url', 'Casino URL', fields.casino_url, 'macros such as {click_id}'),
        field('weight', 'Weight', fields.weight),
        field('active', 'Active', fields.active),
        field('house_slug', 'House slug (seed 003)', fields.house_slug),
        field('deal.cpa_amount', 'CPA amount', fields['deal.cpa_amount']),
        field('deal.min_deposit', 'CPA minimum deposit', fields['deal.min_deposit']),
        field('deal.revshare_percent', 'RevShare %', fields['deal.revshare_percent']),
        field('deal.currency', 'Deal currency', fields['deal.currency']),
        field('deal.negative_carry_over', 'Negative carry-over', fields['deal.negative_carry_over']),
        h('div', { class: 'actions' }, general,
            readOnly ? '' : h('button', { type: 'submit', class: 'primary', id: 'save-offer' },
                offer ? 'Save changes' : 'Create offer')));
    for (const control of Object.values(fields)) {
        control.disabled = readOnly;
    }
    element.addEventListener('submit', async event => {
        event.preventDefault();
        const body = {
            name: valueOf(fields.name),
            casino_url: valueOf(fields.casino_url),
            weight: valueOf(fields.weight),
            active: fields.active.checked,
            house_slug: valueOf(fields.house_slug),
            deal: {
                cpa_amount: valueOf(fields['deal.cpa_amount']),
                min_deposit: valueOf(fields['deal.min_deposit']),
                revshare_percent: valueOf(fields['deal.revshare_percent']),
                currency: valueOf(fields['deal.currency']),
                negative_carry_over: fields['deal.negative_carry_over'].checked,
            },
        };
        try {
            const saved = await api(offer ? `/admin/offers/${offer.id}` : '/admin/offers',
                { method: offer ? 'PUT' : 'POST', body });
            if (offer) {
                notice(`Offer ${saved.id} saved.`, { keep: true });
                refresh();
            } else {
                showOnce(`Offer ${saved.id} created.`, [['postback secret', saved.postback_secret],
                    ['partner key', saved.partner_key]]);
                location.hash = `#/offers/${saved.id}`;
            }
        } catch (error) {
            if (!(error instanceof ApiError)) {
                throw error;
            }
            showErrors(element, error.fieldErrors(), general, error.message);
        }
    });
    return element;
}
