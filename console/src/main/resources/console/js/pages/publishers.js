import { api, ApiError, pages } from '../api.js';
import { count, h, replace, time } from '../dom.js';
import { checkbox, field, input, select, showErrors, valueOf } from '../forms.js';
import { notice, refresh } from '../shell.js';
import { pagedTable } from '../paged.js';
import { publisherTimeline } from '../publisher-timeline.js';
import { showOnce } from '../secret.js';
import { current, mayManage } from '../session.js';

export const title = 'Publishers';

/** #/publishers lists them, #/publishers/new creates one, #/publishers/{id} edits one and shows its delivery log. */
export async function render(main, id) {
    if (id === 'new') {
        replace(main, h('h1', {}, 'New publisher'), form(null));
        return;
    }
    if (id) {
        const [publisher, deliveries, timeline] = await Promise.all([
            api(`/admin/publishers/${encodeURIComponent(id)}`),
            deliveryLog(id),
            publisherTimeline(id),
        ]);
        replace(main, h('h1', {}, `Publisher ${publisher.id}: `, publisher.name), actions(publisher), timeline,
            form(publisher), h('h2', {}, 'Delivery log, newest first'), deliveries);
        timeline.draw();
        return;
    }
    const publishers = await pagedTable([
        ['Id', publisher => publisher.id],
        ['Name', publisher => h('a', { href: `#/publishers/${publisher.id}` }, publisher.name)],
        ['Username', publisher => publisher.username],
        ['Active', publisher => publisher.active ? 'yes' : 'no'],
        ['Terms', publisher => terms(publisher.payout_terms)],
        ['Postback', publisher => [publisher.method, ' ', h('code', {}, publisher.postback_url)]],
        ['Endpoint', publisher => publisher.endpoint_disabled_at
            ? `disabled ${time(publisher.endpoint_disabled_at)}: ${publisher.endpoint_disabled_reason}` : 'enabled'],
    ], pages('/admin/publishers', { limit: 50 }), { id: 'publishers' });
    replace(main, h('h1', {}, 'Publishers'),
        mayManage(current()) ? h('p', {}, h('a', { href: '#/publishers/new', id: 'new-publisher' }, 'New publisher'))
            : '',
        publishers);
}

function terms(payout) {
    if (!payout) {
        return '–';
    }
    return payout.fixed_amount !== null && payout.fixed_amount !== undefined
        ? `${payout.fixed_amount} ${payout.currency} fixed` : `${payout.revshare_percent} % RevShare`;
}

function actions(publisher) {
    if (!mayManage(current())) {
        return '';
    }
    const rotate = h('button', { type: 'button', id: 'rotate-signing-secret' }, 'Rotate signing secret');
    rotate.addEventListener('click', async () => {
        const rotated = await api(`/admin/publishers/${publisher.id}/signing-secret`, { method: 'POST' });
        showOnce(`Publisher ${publisher.id}: postbacks are signed with the new secret from now on.`,
            [['signing secret', rotated.signing_secret]]);
        refresh();
    });
    const replayAll = h('button', { type: 'button', id: 'replay-all' }, 'Replay all dead letters');
    replayAll.addEventListener('click', async () => {
        const answer = await api(`/admin/publishers/${publisher.id}/dead-letters/replay`, { method: 'POST' });
        notice(`${count(answer.replayed)} dead letters scheduled again.`, { keep: true });
        refresh();
    });
    return h('p', { class: 'actions' }, rotate, ' ', replayAll);
}

/** The publisher's deliveries, newest received first, 50 a page. */
function deliveryLog(publisherId) {
    return pagedTable([
        ['Delivery', delivery => delivery.id],
        ['State', delivery => h('span', { 'data-state': delivery.state }, delivery.state)],
        ['Event', delivery => `${delivery.event} (${delivery.status})`],
        ['Payout', delivery => delivery.payout ? `${delivery.payout.amount} ${delivery.payout.currency}` : '–'],
        ['Click', delivery => delivery.click_id ?? '–'],
        ['Received', delivery => time(delivery.received_at)],
        ['Attempts', delivery => h('details', {}, h('summary', {}, `${delivery.attempts} attempt(s)`,
            delivery.last_error ? ` · ${delivery.last_error}` : ''),
            h('ol', {}, (delivery.attempt_log ?? []).map(attempt => h('li', {},
                `${time(attempt.started_at)} ${attempt.method} → ${attempt.outcome}`,
                attempt.status_code ? ` ${attempt.status_code}` : '', ` in ${attempt.latency_ms} ms`,
                attempt.error ? ` · ${attempt.error}` : ''))))],
        ['', delivery => delivery.state === 'DEAD' && mayManage(current())
            ? h('button', { type: 'button', 'data-replay': delivery.id, onclick: () => replay(delivery) }, 'Replay')
            : ''],
    ], pages(`/admin/publishers/${encodeURIComponent(publisherId)}/deliveries`, { limit: 50 }),
    { id: 'deliveries' });
}

async function replay(delivery) {
    await api(`/admin/deliveries/${encodeURIComponent(delivery.id)}/replay`, { method: 'POST' });
    notice(`Delivery ${delivery.id} scheduled again.`, { keep: true });
    refresh();
}

function form(publisher) {
    const payout = publisher?.payout_terms ?? {};
    const fields = {
        name: input(publisher?.name, { required: true }),
        username: input(publisher?.username, { required: true }),
        postback_url: input(publisher?.postback_url, {
            placeholder: 'https://publisher.example/postback?click_id={click_id}&payout={payout}',
        }),
        method: select(publisher?.method, ['GET', 'POST']),
        'payout_terms.revshare_percent': input(payout.revshare_percent, { inputmode: 'decimal' }),
        'payout_terms.fixed_amount': input(payout.fixed_amount, { inputmode: 'decimal' }),
        'payout_terms.currency': input(payout.currency, { maxlength: 3 }),
        rate_limit_per_second: input(publisher?.rate_limit_per_second ?? 50, { inputmode: 'numeric' }),
        active: checkbox(publisher ? publisher.active : true),
    };
    const general = h('p', { class: 'error', role: 'alert', hidden: true, id: 'form-error' });
    const readOnly = !mayManage(current());
    const element = h('form', { class: 'editor', id: 'publisher-form', novalidate: true },
        field('name', 'Name', fields.name),
        field('username', 'Username (sub id)', fields.username),
        field('postback_url', 'Postback URL', fields.postback_url,
            'macros: {click_id} {payout} {currency} {status} {event} {offer_id} {transaction_id} {sub1}…'),
        field('method', 'Method', fields.method),
        field('payout_terms.revshare_percent', 'RevShare %', fields['payout_terms.revshare_percent']),
        field('payout_terms.fixed_amount', 'or fixed amount', fields['payout_terms.fixed_amount']),
        field('payout_terms.currency', 'Fixed amount currency', fields['payout_terms.currency']),
        field('rate_limit_per_second', 'Rate limit per second', fields.rate_limit_per_second),
        field('active', 'Active', fields.active),
        h('div', { class: 'actions' }, general,
            readOnly ? '' : h('button', { type: 'submit', class: 'primary', id: 'save-publisher' },
                publisher ? 'Save changes' : 'Create publisher')));
    for (const control of Object.values(fields)) {
        control.disabled = readOnly;
    }
    checkTemplateWhileTyped(fields.postback_url, element);
    element.addEventListener('submit', async event => {
        event.preventDefault();
        const body = {
            ...(publisher ?? {}),
            name: valueOf(fields.name),
            username: valueOf(fields.username),
            postback_url: valueOf(fields.postback_url),
            method: fields.method.value,
            payout_terms: {
                revshare_percent: valueOf(fields['payout_terms.revshare_percent']),
                fixed_amount: valueOf(fields['payout_terms.fixed_amount']),
                currency: valueOf(fields['payout_terms.currency']),
            },
            rate_limit_per_second: valueOf(fields.rate_limit_per_second),
            active: fields.active.checked,
        };
        for (const readOnlyField of ['id', 'endpoint_disabled_at', 'endpoint_disabled_reason', 'created_at',
            'updated_at']) {
            delete body[readOnlyField];
        }
        try {
            const saved = await api(publisher ? `/admin/publishers/${publisher.id}` : '/admin/publishers',
                { method: publisher ? 'PUT' : 'POST', body });
            if (publisher) {
                notice(`Publisher ${saved.id} saved.`, { keep: true });
                refresh();
            } else {
                showOnce(`Publisher ${saved.id} created.`, [['signing secret', saved.signing_secret]]);
                location.hash = `#/publishers/${saved.id}`;
            }
        } catch (error) {
            if (!(error instanceof ApiError)) {
                throw error;
            }
            const errors = error.fieldErrors();
            showErrors(element, Object.keys(errors).length === 0 && /postback_url/.test(error.message)
                ? { postback_url: error.message } : errors, general, error.message);
        }
    });
    return element;
}

/** Asks publisher-forwarder, which parses templates when they are saved, about the template as it is typed. */
function checkTemplateWhileTyped(postbackUrl, form) {
    const error = form.querySelector('[data-error-for="postback_url"]');
    let pending = null;
    postbackUrl.addEventListener('input', () => {
        clearTimeout(pending);
        pending = setTimeout(async () => {
            const typed = postbackUrl.value;
            const check = await api('/admin/publishers/postback-url-check', {
                method: 'POST', body: { postback_url: typed },
            });
            if (postbackUrl.value === typed) {
                replace(error, check.valid ? '' : check.problem);
                postbackUrl.setAttribute('aria-invalid', String(!check.valid));
            }
        }, 300);
    });
}
