// Routes of the single-page app: the home page and /b/<id>. No SvelteKit; the server serves
// index.html for both paths.

export type Route = { name: 'home' } | { name: 'board'; id: string } | { name: 'not-found' };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') return { name: 'home' };
  const m = /^\/b\/([^/]+)$/.exec(path);
  if (m) return { name: 'board', id: decodeURIComponent(m[1]) };
  return { name: 'not-found' };
}
