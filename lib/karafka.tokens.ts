/** Internal DI tokens (not part of the public API). */
export const KARAFKA_PLAN = Symbol('KARAFKA_PLAN');
export const KARAFKA_CONNECTIONS = Symbol('KARAFKA_CONNECTIONS');
