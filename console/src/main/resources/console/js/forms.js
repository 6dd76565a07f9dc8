import { h, replace } from './dom.js';

/**
 * A labelled field with its error beside it: the input is named by {@code name} (the API's field, dotted when nested,
 * e.g. {@code deal.currency}) so that a problem's {@code errors[].field} finds it.
 */
export function field(name, label, input, hint) {
    const id = `field-${name.replace(/\W/g, '-')}`;
    input.id = id;
    input.name = name;
    const error = h('span', { class: 'field-error', id: `${id}-error`, 'data-error-for': name, role: 'alert' });
    input.setAttribute('aria-describedby', `${id}-error`);
    return [h('label', { for: id }, label), h('div', {}, input, hint ? h('small', { class: 'muted' }, ' ', hint) : '',
        error)];
}

export function input(value, attributes = {}) {
    return h('input', { value: value ?? '', ...attributes });
}

export function checkbox(checked) {
    const box = h('input', { type: 'checkbox' });
    box.checked = Boolean(checked);
    return box;
}

export function select(value, options) {
    const element = h('select', {}, options.map(option => h('option', { value: option }, option)));
    element.value = value ?? options[0];
    return element;
}

/** Shows each field's error beside it (and any without a field in {@code general}); clears the others. */
export function showErrors(form, errors, general, message) {
    for (const element of form.querySelectorAll('[data-error-for]')) {
        const text = errors[element.dataset.errorFor] ?? '';
        replace(element, text);
        form.querySelector(`[name="${element.dataset.errorFor}"]`)?.setAttribute('aria-invalid', String(!!text));
    }
    const unplaced = Object.entries(errors)
        .filter(([name]) => !form.querySelector(`[data-error-for="${CSS.escape(name)}"]`));
    replace(general, message && Object.keys(errors).length === 0 ? message : '',
        unplaced.map(([name, text]) => `${name}: ${text}`).join('; '));
    general.hidden = !general.textContent;
    form.querySelector('[aria-invalid="true"]')?.focus();
}

/** The value of a text field, or null when left empty, as the APIs expect for an omitted optional value. */
export function valueOf(element) {
    const value = element.value.trim();
    return value === '' ? null : value;
}
