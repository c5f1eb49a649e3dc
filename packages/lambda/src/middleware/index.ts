export { createTaskMiddleware } from './createTaskMiddleware.js';
export type { MiddyRequestLike, MiddlewareLike } from './createTaskMiddleware.js';
