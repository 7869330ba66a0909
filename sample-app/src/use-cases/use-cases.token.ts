export const USE_CASES = Symbol('USE_CASES');
