// Where the tracking code lives between filing and following a tip.
//
// Decision: the code stays OUT of the URL. It is a bearer secret (whoever shows it collects the
// reward), and URLs end up in the browser history of a shared phone, in screenshots people send
// around, and in Referer headers. So the filing page hands it to the track page through
// sessionStorage (this tab only, gone when the tab closes), and the track page otherwise takes
// it from its form. /p/tips/track/:code still works for a code someone typed or was sent, but
// the page moves the code into sessionStorage and replaces the address with /p/tips/track at
// once. public.html also sets referrer policy no-referrer.
const KEY = 'gg.public.trackingCode';

export function keepCode(code: string): void {
  try {
    sessionStorage.setItem(KEY, code);
  } catch {
    // Storage off: the person types the code on the track page.
  }
}

export function keptCode(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}
