import type { FrontDoorRoute } from './front-door.js';
import { jsonResponse } from './http-responses.js';
import type { LocalWorkflowRunner } from './workflows/local-workflow-runner.js';

/**
 * GET /executions: every workflow execution of this run, newest first, with its status and AWS-style counts
 * (state transitions are what Step Functions bills; history events count against the 25,000 quota), and the
 * alarms the failure paths published. No inputs, outputs or tokens: those stay in the runner.
 */
export function executionsRoute(runner: LocalWorkflowRunner): FrontDoorRoute {
  return {
    method: 'GET',
    path: '/executions',
    summary: 'Workflow executions (status, state transitions, history events) and published alarms.',
    handle: () =>
      jsonResponse(200, {
        executions: runner
          .listExecutions()
          .map((execution, order) => ({ execution, order }))
          .sort((a, b) => b.execution.startDate.localeCompare(a.execution.startDate) || b.order - a.order)
          .map(({ execution }) => execution),
        alarms: runner.alarms.map(({ topicArn, subject, publishedAt, executionName, stateName }) => ({
          topicArn,
          subject,
          publishedAt,
          executionName,
          stateName,
        })),
      }),
  };
}
