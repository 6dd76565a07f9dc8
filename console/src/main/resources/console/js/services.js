/** The services whose consumers keep dead letters, by the name the front door reaches them under. */
export const SERVICES_WITH_DEAD_LETTERS = ['click-service', 'postback-service', 'attribution-service',
    'commission-service', 'optimizer-service', 'publisher-forwarder', 'identity-service', 'analytics-service'];
