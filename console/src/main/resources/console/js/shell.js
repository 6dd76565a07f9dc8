import { ApiError } from './api.js';
import { h, replace } from './dom.js';

/*
 * What a page may ask of the frame around it. Kept apart from app.js, which imports every page, so that the pages
 * depend on the frame and never on the app that shows them.
 */

let kept = null;
let redraw = () => {};

/** Called once by app.js: how the current page is shown again. */
export function onRefresh(show) {
    redraw = show;
}

/** Shows the current page again, e.g. after a change it made. */
export function refresh() {
    redraw();
}

/**
 * A message above the page: what just happened, or a secret shown once. {@code keep} keeps it over the next page
 * change (a page that saves and then moves to the saved object).
 */
export function notice(content, { keep = false } = {}) {
    const element = document.getElementById('notice');
    element.hidden = !content;
    replace(element, content ?? '');
    kept = keep ? content : null;
}

/** As a page is shown: the message kept over the page change, or none. */
export function renewNotice() {
    notice(kept);
}

/**
 * Makes {@code button} run {@code action} (an API call) once per click, disabled meanwhile. A refusal by the API is
 * said above the page, in an element with id {@code resultId} after {@code refused}, and the button is offered again;
 * anything else is a fault of the page and is thrown.
 */
export function actionButton(button, resultId, refused, action) {
    button.addEventListener('click', async () => {
        button.disabled = true;
        try {
            await action();
        } catch (error) {
            button.disabled = false;
            if (!(error instanceof ApiError)) {
                throw error;
            }
            notice(h('span', { id: resultId, role: 'alert' }, `${refused}: ${error.message}`));
        }
    });
    return button;
}
