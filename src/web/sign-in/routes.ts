import { z } from 'zod';
import { recordAudit } from '../../app/audit/audit-log.ts';
import { endSession } from '../../app/auth/sessions.ts';
import { signIn } from '../../app/auth/sign-in.ts';
import { parseWith } from '../../app/people/person-input.ts';
import { formatDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text } from '../core/forms.ts';
import { safeReturnPath, sessionCookie, type RequestContext, type Route } from '../core/route-table.ts';
import { AttemptLimiter } from './attempt-limiter.ts';

const signInSchema = z.object({
  username: z.string().trim().min(1, { error: 'Enter your username' }).max(100, { error: 'Username must be 100 characters or fewer' }),
  password: z.string().min(1, { error: 'Enter your password' }).max(1000, { error: 'Password must be 1000 characters or fewer' }),
});

const limiter = new AttemptLimiter(20, Temporal.Duration.from({ minutes: 10 }));

async function demoAccounts(context: RequestContext): Promise<string[]> {
  if (!context.services.demo) return [];
  const rows = await context.services.db
    .selectFrom('users')
    .select('username')
    .where('is_demo', '=', true)
    .where('role', '!=', 'system-administrator')
    .orderBy('username')
    .limit(4)
    .execute();
  return rows.map((row) => row.username);
}

async function showSignIn(context: RequestContext, values: Record<string, string>, errors = noErrors, status = 200) {
  return context.render(
    'pages/sign-in.njk',
    { title: 'Sign in', values, ...errors, returnTo: safeReturnPath(values.returnTo), demoAccounts: await demoAccounts(context) },
    status,
  );
}

export const signInRoutes: Route[] = [
  {
    method: 'GET',
    url: '/sign-in',
    access: 'public',
    purpose: 'Signing in',
    handler: async (context) => {
      if (context.session) return context.redirect('/');
      return showSignIn(context, { returnTo: text(context.query.returnTo) });
    },
  },
  {
    method: 'POST',
    url: '/sign-in',
    access: 'public',
    purpose: 'Signing in',
    handler: async (context) => {
      const values = { username: text(context.body.username), returnTo: text(context.body.returnTo) };
      if (!limiter.allow(context.request.ip, context.services.now())) {
        return showSignIn(context, values, formErrors([{ field: 'username', message: 'Too many attempts to sign in from this network. Wait 10 minutes, then try again' }]), 429);
      }
      const parsed = parseWith(signInSchema, context.body);
      if (!parsed.ok) return showSignIn(context, values, formErrors(parsed.problems), 400);
      const outcome = await signIn(context.services.db, context.services.now, parsed.value.username, parsed.value.password);
      if (outcome.kind === 'refused') {
        return showSignIn(context, values, formErrors([{ field: 'username', message: 'The username or password is not right. Check them and try again' }]), 401);
      }
      if (outcome.kind === 'locked') {
        return showSignIn(
          context,
          values,
          formErrors([{ field: 'username', message: `This account is locked after too many wrong passwords. Try again after ${formatDateTime(outcome.until)}, or ask your administrator` }]),
          423,
        );
      }
      context.reply.setCookie(sessionCookie, outcome.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: context.services.secureCookies,
      });
      return context.redirect(safeReturnPath(values.returnTo) ?? '/');
    },
  },
  {
    method: 'POST',
    url: '/sign-out',
    access: 'signed-in',
    purpose: 'Signing out',
    handler: async (context) => {
      const token = context.request.cookies[sessionCookie];
      if (token) await endSession(context.services.db, token);
      await recordAudit(context.app(), [{ personId: null, action: 'sign-out', what: 'Signed out' }]);
      context.reply.clearCookie(sessionCookie, { path: '/' });
      return context.redirect('/sign-in');
    },
  },
];
