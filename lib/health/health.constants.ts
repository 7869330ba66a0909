/** The resolved `KarafkaHealthModule.forRoot` options (internal DI token). */
export const KARAFKA_HEALTH_OPTIONS = Symbol('KARAFKA_HEALTH_OPTIONS');
