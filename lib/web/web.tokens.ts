/** The Web UI's internal DI tokens (not part of the public API). */
/** `ResolvedWebUiOptions`: the pages' options, validated, with defaults. */
export const WEB_UI_OPTIONS = Symbol('WEB_UI_OPTIONS');
/** Every `WebPage` the UI serves, in navigation order. */
export const WEB_PAGES = Symbol('WEB_PAGES');
/** Every `WebAction` (POST) the UI accepts. */
export const WEB_ACTIONS = Symbol('WEB_ACTIONS');
