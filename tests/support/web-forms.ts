import type { Session, TestContext } from './context.js';

const BROWSER = { accept: 'text/html,application/xhtml+xml' };

/** What a browser does with the pages: GET with an HTML Accept, and urlencoded form posts with our Origin. */
export function browserOf(ctx: TestContext) {
  return {
    page: (url: string, as?: Session) => ctx.request({ method: 'GET', url, headers: BROWSER, ...(as ? { as } : {}) }),
    post: (url: string, fields: Record<string, string | string[]>, as?: Session) => {
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
      return ctx.request({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { ...BROWSER, 'content-type': 'application/x-www-form-urlencoded', origin: ctx.config.publicOrigin },
        ...(as ? { as } : {}),
      });
    },
  };
}

/** The flash cookie a redirect left, sent back with the session as the browser would. */
export function withFlash(response: { cookies: Array<{ name: string; value: string }> }, session: Session): Session {
  const flash = response.cookies.find((c) => c.name === 'hs_flash');
  return { cookie: flash ? `${session.cookie}; hs_flash=${flash.value}` : session.cookie };
}
