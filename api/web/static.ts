/**
 * Serves the staff web application and the public lookup page (web/, built by Vite into web/dist)
 * from the API's own process and port. Hashed assets are cached for a year (their name changes
 * with their content); index.html is revalidated on every load so a new release is picked up at
 * once. Every GET that is not under /api and names no file is a client route: it gets index.html,
 * so /ho-so/CCN-… and /tra-cuu can be bookmarked. Nothing here ever answers under /api.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type Response } from 'express';

/** Where `npm run web:build` writes the application. */
export const WEB_DIST = path.resolve(__dirname, '../../web/dist');

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

function sendIndex(res: Response, dist: string): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    // A checkout where the build has not run: say how to get it instead of a blank page.
    res
      .status(503)
      .type('text/plain; charset=utf-8')
      .send('Giao diện web chưa được dựng (web/dist trống): chạy "npm run web:build" hoặc "npm start".');
    return;
  }
  res.setHeader('Cache-Control', 'no-cache');
  res.sendFile(index);
}

export function webAppRouter(dist: string = WEB_DIST): Router {
  const router = Router();
  router.use(
    '/assets',
    express.static(path.join(dist, 'assets'), {
      immutable: true,
      maxAge: ONE_YEAR_SECONDS * 1000,
      index: false,
      fallthrough: false,
    }),
  );
  // Files at the root of dist (favicon…): short cache, their names carry no hash.
  router.use(express.static(dist, { index: false, maxAge: 3600 * 1000 }));
  router.get(/^(?!\/api(\/|$)).*/, (req, res, next) => {
    // A path with a file extension that was not found above is a missing file, not a page.
    if (path.extname(req.path)) return next();
    sendIndex(res, dist);
  });
  return router;
}
