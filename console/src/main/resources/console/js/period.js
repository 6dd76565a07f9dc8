/**
 * A period of whole UTC days, as the reports count them, and the period of the same length just before it. The
 * funnel and its charts take instants: a period runs from its first day's midnight to the midnight after its last.
 */
const DAY = 86_400_000;

export const PRESETS = [['today', 'Today', 1], ['7d', '7 days', 7], ['30d', '30 days', 30]];

export function preset(name, now = new Date()) {
    const days = PRESETS.find(([key]) => key === name)?.[2] ?? 7;
    const to = utcDay(now);
    return of(addDays(to, -(days - 1)), to);
}

export function of(fromDay, toDay) {
    const days = Math.round((Date.parse(toDay) - Date.parse(fromDay)) / DAY) + 1;
    return {
        fromDay,
        toDay,
        days,
        from: `${fromDay}T00:00:00Z`,
        to: `${addDays(toDay, 1)}T00:00:00Z`,
        bucket: days <= 2 ? 'hour' : 'day',
    };
}

export function previous(period) {
    return of(addDays(period.fromDay, -period.days), addDays(period.fromDay, -1));
}

export function utcDay(date) {
    return date.toISOString().substring(0, 10);
}

function addDays(day, days) {
    return utcDay(new Date(Date.parse(day) + days * DAY));
}
