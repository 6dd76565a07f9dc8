/**
 * Builds elements from data. Text is only ever set as text nodes and attributes through setAttribute, never through
 * innerHTML, so whatever a casino or publisher sent (names, payloads, custom fields) shows as the characters it is.
 */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name.startsWith('on')) {
            element.addEventListener(name.substring(2), value);
        } else if (name === 'dataset') {
            Object.assign(element.dataset, value);
        } else {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

export function replace(element, ...children) {
    element.replaceChildren();
    append(element, children);
}

/** A number as people read it; a count has no decimals. */
export function count(value) {
    return new Intl.NumberFormat('en-US').format(Number(value ?? 0));
}

/** An amount and its currency, never summed with another currency's. */
export function money(amount, currency) {
    return `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
        .format(Number(amount ?? 0))} ${currency}`;
}

export function percent(ratio) {
    return ratio === null || !Number.isFinite(ratio) ? '–' : `${(ratio * 100).toFixed(2)} %`;
}

export function time(instant) {
    return instant ? new Date(instant).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

/** A table whose rows come from data: {@code columns} are [heading, row => cell]. */
export function table(columns, rows, attributes = {}) {
    return h('div', { class: 'table-wrap' }, h('table', attributes,
        h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col' }, heading)))),
        h('tbody', {}, rows.length === 0
            ? h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, 'Nothing here yet.'))
            : rows.map(row => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row))))))));
}
