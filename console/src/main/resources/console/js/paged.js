import { h, replace, table } from './dom.js';

/**
 * A table over a paged list ({@code pages()} of api.js): the first page at once, each next page appended by the
 * "More" button below it (id {@code <table id>-more}), which goes away on the last page.
 */
export async function pagedTable(columns, list, attributes) {
    const rows = h('div', {});
    const more = h('button', { type: 'button', id: `${attributes.id}-more`, hidden: true }, 'More');
    let loaded = [];
    const load = async () => {
        loaded = loaded.concat(await list.load());
        replace(rows, table(columns, loaded, attributes));
        more.hidden = list.done;
    };
    more.addEventListener('click', load);
    await load();
    return h('div', {}, rows, h('p', {}, more));
}
