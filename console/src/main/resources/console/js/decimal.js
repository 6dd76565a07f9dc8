/**
 * Exact sums of the decimal strings the services answer for money (never JavaScript numbers, which would lose cents),
 * kept as BigInt with eight decimals, and rounded half up only when shown.
 */
const SCALE = 8;
const FACTOR = 10n ** BigInt(SCALE);

export function parse(text) {
    const value = String(text ?? '0').trim();
    const negative = value.startsWith('-');
    const [whole, fraction = ''] = value.replace(/^[-+]/, '').split('.');
    const scaled = BigInt(whole || '0') * FACTOR + BigInt((fraction + '0'.repeat(SCALE)).substring(0, SCALE));
    return negative ? -scaled : scaled;
}

export function sum(texts) {
    return texts.reduce((total, text) => total + parse(text), 0n);
}

/** {@code scaled} divided by a count, e.g. payout per click; null for no count. */
export function per(scaled, count) {
    return count > 0 ? scaled / BigInt(count) : null;
}

export function format(scaled, digits = 2) {
    if (scaled === null) {
        return '–';
    }
    const unit = 10n ** BigInt(SCALE - digits);
    const negative = scaled < 0n;
    const magnitude = negative ? -scaled : scaled;
    const rounded = (magnitude + unit / 2n) / unit;
    const whole = (rounded / 10n ** BigInt(digits)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const fraction = digits > 0 ? '.' + (rounded % 10n ** BigInt(digits)).toString().padStart(digits, '0') : '';
    return `${negative && rounded > 0n ? '-' : ''}${whole}${fraction}`;
}

/** Sums amounts ({amount, currency}) per currency: a Map of currency → scaled sum, currencies in order. */
export function byCurrency(amounts) {
    const totals = new Map();
    for (const { amount, currency } of amounts) {
        totals.set(currency, (totals.get(currency) ?? 0n) + parse(amount));
    }
    return new Map([...totals.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
