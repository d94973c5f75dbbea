import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import type { ApiDeps } from './deps';
import { notFoundHandler, problemHandler } from './http/error-middleware';
import { boundedJsonDepth, identityEncodingOnly, requestDeadline } from './http/request-guards';
import { buildOpenApiDocument, type DocsRegistration } from './http/openapi';
import { healthRouter, registerHealthDocs } from './health/router';
import { dossierRouter, registerDossierDocs } from './dossiers/router';
import { userRouter, registerUserDocs } from './users/router';
import { registerTemporalCodecDocs, temporalCodecRouter } from './temporal-codec/router';
import { auditRouter, registerAuditDocs } from './audit/router';
import { publicRouter, registerPublicDocs } from './public/router';
import { dashboardRouter, registerDashboardDocs } from './dashboard/router';
import { dossierListRouter, registerDossierListDocs } from './dossier-list/router';
import { taskRouter, registerTaskDocs } from './tasks/router';
import { authRouter, registerAuthDocs } from './auth/router';
import { calendarRouter, registerCalendarDocs } from './calendar/router';
import { registerRulesDocs, rulesRouter } from './rules/router';
import { actionRouter, registerActionDocs } from './actions/router';
import { registerRoundDocs, roundRouter } from './rounds/router';
import { documentRouter, registerDocumentDocs } from './documents/router';
import { clusterRouter, registerClusterDocs } from './clusters/router';
import { catalogueRouter, registerCatalogueDocs } from './catalogue/router';
import { webAppRouter } from './web/static';
import { parseQueryString } from './http/query-string';
import { requestLogging } from './http/request-log';

/** Each feature: its router (validates, authorises, forwards) and its OpenAPI entries. */
interface Feature {
  router: (deps: ApiDeps) => Router;
  docs: DocsRegistration;
}

const FEATURES: Feature[] = [
  { router: healthRouter, docs: registerHealthDocs },
  { router: dossierRouter, docs: registerDossierDocs },
  { router: actionRouter, docs: registerActionDocs },
  { router: documentRouter, docs: registerDocumentDocs },
  { router: roundRouter, docs: registerRoundDocs },
  { router: clusterRouter, docs: registerClusterDocs },
  { router: catalogueRouter, docs: registerCatalogueDocs },
  { router: authRouter, docs: registerAuthDocs },
  { router: calendarRouter, docs: registerCalendarDocs },
  { router: rulesRouter, docs: registerRulesDocs },
  { router: taskRouter, docs: registerTaskDocs },
  { router: dossierListRouter, docs: registerDossierListDocs },
  { router: dashboardRouter, docs: registerDashboardDocs },
  { router: publicRouter, docs: registerPublicDocs },
  { router: auditRouter, docs: registerAuditDocs },
  { router: userRouter, docs: registerUserDocs },
  { router: temporalCodecRouter, docs: registerTemporalCodecDocs },
];

const BODY_LIMIT = '100kb';

/** The OpenAPI document GET /api/openapi.json serves (also what the web client's types are generated from). */
export function apiDocument(): ReturnType<typeof buildOpenApiDocument> {
  return buildOpenApiDocument(FEATURES.map((feature) => feature.docs));
}

/**
 * Same origin only: the web application ships its scripts, styles and fonts in its own bundle (an
 * offline intranet has no CDN). Inline styles stay allowed because Mantine sets CSS variables in
 * style attributes; QR codes are data: images.
 */
const CSP_DIRECTIVES = {
  upgradeInsecureRequests: null,
  fontSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
};

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind the province's load balancer the client address comes from X-Forwarded-For; rate limits need it.
  app.set('trust proxy', deps.config.TRUST_PROXY);
  app.set('query parser', parseQueryString);
  // No upgrade-insecure-requests: inside a provincial network the API may be served over plain HTTP
  // (TLS terminated at the reverse proxy), and the docs page's scripts must still load.
  app.use(helmet({ contentSecurityPolicy: { directives: CSP_DIRECTIVES } }));
  // API answers are computed per request and change with every state change, so a hash of each body
  // (Express's default ETag, a SHA-1 over every answer) buys no revalidation worth its cost. The web
  // application's static files keep theirs (serve-static makes its own).
  app.set('etag', false);
  app.use(requestLogging(deps.logger));
  app.use(requestDeadline, identityEncodingOnly);
  // inflate: false — compressed bodies are refused (415) above; body-parser would otherwise inflate them.
  app.use(express.json({ limit: BODY_LIMIT, inflate: false }), boundedJsonDepth);

  const openApiDocument = apiDocument();
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use('/api/docs', swaggerUi.serve, swaggerUi.setup(openApiDocument, { customSiteTitle: 'API thẩm định CCN' }));

  for (const feature of FEATURES) app.use(feature.router(deps));
  // After every API route, so the application's client routes never shadow /api.
  app.use(webAppRouter());

  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}
