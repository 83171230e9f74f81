import type { HealthReport } from '../functions/adapters/health/check-health.js';
import type { FrontDoorRoute } from './front-door.js';
import { jsonResponse } from './http-responses.js';

/**
 * GET /health: the same check the deployed HealthCheck function runs (functions/adapters/health), here against
 * the local engines. 200 when everything answers, 503 when something does not, so scripts can wait on it.
 */
export function healthRoute(check: () => Promise<HealthReport>): FrontDoorRoute {
  return {
    method: 'GET',
    path: '/health',
    summary: 'Checks that the table and the evidence bucket answer (JSON; 200 ok, 503 degraded).',
    async handle() {
      const report = await check();
      return jsonResponse(report.status === 'ok' ? 200 : 503, report);
    },
  };
}
