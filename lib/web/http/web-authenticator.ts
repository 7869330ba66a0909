import {
  HttpException,
  Inject,
  Injectable,
  Logger,
  type CanActivate,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';
import { errorMessage } from '../../common/error-message';
import type { ResolvedWebAuth, ResolvedWebUiOptions } from '../karafka-web-options.interface';
import { WEB_MESSAGES as M } from '../web.messages';
import { BasicAuthCheck } from './basic-auth';
import { WebGuardContext } from './guard-context';
import type { WebRequest } from './web-exchange.interface';
import { WEB_UI_OPTIONS } from '../web.tokens';

/** Who may see a page: `{ user }` when allowed (the basic-auth user name, if any), else the refusal. */
export type AuthOutcome =
  | { allowed: true; user?: string }
  | { allowed: false; status: number; message: string; headers?: Record<string, string> };

const REALM = 'Basic realm="Karafka Web", charset="UTF-8"';

/** Runs the configured `auth` on every request: basic auth, the user's guard, or nothing (`auth: false`). */
@Injectable()
export class WebAuthenticator implements OnModuleInit {
  private readonly logger = new Logger('KarafkaWeb');
  private basic?: BasicAuthCheck;
  private guard?: CanActivate;

  constructor(
    @Inject(WEB_UI_OPTIONS) private readonly options: ResolvedWebUiOptions,
    private readonly moduleRef: ModuleRef,
  ) {}

  get auth(): ResolvedWebAuth {
    return this.options.auth;
  }

  async onModuleInit(): Promise<void> {
    const auth = this.auth;
    if (auth.kind === 'basic') this.basic = new BasicAuthCheck(auth.username, auth.password);
    if (auth.kind === 'guard') {
      this.guard = await this.resolveGuard(auth.guard);
    }
  }

  /** The app's own instance when the guard is a provider it can see, otherwise one made with its deps. */
  private async resolveGuard(type: Type<CanActivate>): Promise<CanActivate> {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      return this.moduleRef.create(type);
    }
  }

  async authenticate(request: WebRequest, handler: (...args: never[]) => unknown): Promise<AuthOutcome> {
    if (this.basic) {
      const user = this.basic.verify(request.headers.authorization);
      if (user !== undefined) return { allowed: true, user };
      return {
        allowed: false,
        status: 401,
        message: M.unauthorized(),
        headers: { 'WWW-Authenticate': REALM },
      };
    }
    if (this.guard) return this.runGuard(this.guard, request, handler);
    return { allowed: true };
  }

  private async runGuard(
    guard: CanActivate,
    request: WebRequest,
    handler: (...args: never[]) => unknown,
  ): Promise<AuthOutcome> {
    const context = new WebGuardContext(request.raw.request, request.raw.response, WebAuthenticator, handler);
    try {
      const verdict = guard.canActivate(context);
      const allowed = isObservable(verdict) ? await lastValueFrom(verdict) : await verdict;
      return allowed ? { allowed: true } : { allowed: false, status: 403, message: M.forbidden() };
    } catch (error) {
      // A guard refuses by throwing Nest's HTTP exceptions (UnauthorizedException, ForbiddenException).
      if (error instanceof HttpException)
        return { allowed: false, status: error.getStatus(), message: error.message };
      this.logger.error(`the auth guard ${guard.constructor.name} failed: ${errorMessage(error)}`);
      return { allowed: false, status: 500, message: M.forbidden() };
    }
  }
}
