import type { ExecutionContext, Type } from '@nestjs/common';

/**
 * What a user's guard gets for a page request: an HTTP execution context over the platform's own request
 * and response (Express or Fastify), as Nest gives guards of controllers. The pages are no controllers,
 * so `getClass`/`getHandler` name the Web UI's server and the page's render function.
 */
export class WebGuardContext implements ExecutionContext {
  constructor(
    private readonly request: unknown,
    private readonly response: unknown,
    private readonly owner: Type<unknown>,
    private readonly handler: (...args: never[]) => unknown,
  ) {}

  getClass<T = unknown>(): Type<T> {
    return this.owner as Type<T>;
  }

  getHandler(): (...args: never[]) => unknown {
    return this.handler;
  }

  getArgs<T extends unknown[] = unknown[]>(): T {
    return [this.request, this.response] as T;
  }

  getArgByIndex<T = unknown>(index: number): T {
    return this.getArgs()[index] as T;
  }

  getType<T extends string = 'http'>(): T {
    return 'http' as T;
  }

  switchToHttp(): ReturnType<ExecutionContext['switchToHttp']> {
    return {
      getRequest: <T>() => this.request as T,
      getResponse: <T>() => this.response as T,
      getNext: <T>() => undefined as T,
    };
  }

  switchToRpc(): ReturnType<ExecutionContext['switchToRpc']> {
    throw new Error('the Web UI runs guards in an HTTP context only');
  }

  switchToWs(): ReturnType<ExecutionContext['switchToWs']> {
    throw new Error('the Web UI runs guards in an HTTP context only');
  }
}
