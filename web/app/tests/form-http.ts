/** What a page answered: its status, where it redirects, its text with HTML entities decoded, and the form's alert. */
export interface PageAnswer {
  status: number;
  location: string | null;
  text: string;
  alert: string | null;
  cookies: string[];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e]);

async function answer(res: Response): Promise<PageAnswer> {
  const text = decode(await res.text());
  const alert = /<p[^>]*role="alert"[^>]*>([\s\S]*?)<\/p>/.exec(text)?.[1].replace(/<[^>]*>/g, '').trim() ?? null;
  return { status: res.status, location: res.headers.get('location'), text, alert, cookies: res.headers.getSetCookie() };
}

/** Opens a page or a CSV as a browser would, signed in with `cookie` when given. */
export async function open(base: string, path: string, cookie?: string): Promise<PageAnswer> {
  return answer(await fetch(`${base}${path}`, { redirect: 'manual', headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } }));
}

/**
 * Posts a form as a browser without JavaScript does: a refused action answers with the page re-rendered under the
 * refusal's status, its message in the form's alert.
 */
export async function submit(base: string, path: string, fields: Record<string, string>, cookie?: string): Promise<PageAnswer> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: base, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  });
  return answer(res);
}
