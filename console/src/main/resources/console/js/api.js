import { current, logOut } from './session.js';

/** A refused call, with the service's RFC 9457 problem (its detail and, for invalid input, each field's error). */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem.detail ?? problem.title ?? `The service answered ${status}`);
        this.status = status;
        this.problem = problem;
    }

    /** field name → message, for showing each error beside its field. */
    fieldErrors() {
        const errors = {};
        for (const error of this.problem.errors ?? []) {
            errors[error.field] = error.message;
        }
        return errors;
    }
}

/** Calls a service through the front door (this origin) with the user's own token. */
export async function api(path, { method = 'GET', body, query } = {}) {
    const session = current();
    if (!session) {
        logOut('Your session has expired. Please log in again.');
        throw new ApiError(401, { detail: 'Not logged in' });
    }
    const url = new URL(path, location.origin);
    for (const [name, value] of Object.entries(query ?? {})) {
        if (value !== undefined && value !== null && value !== '') {
            url.searchParams.set(name, value);
        }
    }
    const headers = { Authorization: `Bearer ${session.token}`, Accept: 'application/json' };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    const answer = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (answer.status === 401) {
        logOut('Your session has expired. Please log in again.');
        throw new ApiError(401, { detail: 'Session expired' });
    }
    const text = await answer.text();
    const json = text ? JSON.parse(text) : null;
    if (!answer.ok) {
        throw new ApiError(answer.status, json ?? {});
    }
    return json;
}

/** Calls that may be refused for this role: the refusal becomes null, so a page can say "not for your role". */
export async function allowed(call) {
    try {
        return await call;
    } catch (error) {
        if (error instanceof ApiError && error.status === 403) {
            return null;
        }
        throw error;
    }
}

/** Calls whose answer may not exist (404): the absence becomes null. */
export async function found(call) {
    try {
        return await call;
    } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
            return null;
        }
        throw error;
    }
}

/**
 * A list endpoint read a page at a time, the services' one paging convention: {@code cursor} and {@code limit} in,
 * {@code items} and {@code next_cursor} out. {@code load()} answers the next page's items; {@code done} once the last
 * page is in.
 */
export function pages(path, query = {}) {
    let cursor = null;
    let started = false;
    return {
        get done() {
            return started && !cursor;
        },
        async load() {
            const page = await api(path, { query: { ...query, cursor } });
            started = true;
            cursor = page.next_cursor;
            return page.items;
        },
    };
}

/** Every item of a list endpoint, its pages followed to the last one: for counts that must not stop at a page. */
export async function everyItem(path, query = {}) {
    const list = pages(path, { limit: 500, ...query });
    let items = [];
    do {
        items = items.concat(await list.load());
    } while (!list.done);
    return items;
}
