/** The `WebReadModel` the pages read (provided by the reporting half). */
export const WEB_READ_MODEL = Symbol('WEB_READ_MODEL');
