import { describe, expect, it } from 'vitest';
import type { AslDefinition } from '../../../sandbox/workflows/asl-definition.js';
import {
  ENGINE_TASK_TIMEOUT_SECONDS,
  prepareForEngine,
} from '../../../sandbox/workflows/prepare-for-engine.js';
import { resolveDefinitionString } from '../../../sandbox/workflows/resolve-definition-string.js';

const context = {
  region: 'us-gov-west-1',
  resourceTypes: {
    PlanWindowFn: 'AWS::Lambda::Function',
    AlarmsTopic: 'AWS::SNS::Topic',
    AuditTable: 'AWS::DynamoDB::Table',
  },
};

describe('Function: resolveDefinitionString', () => {
  it('joins the parts, resolving pseudo parameters, function ARNs and topic references', () => {
    // Prepare: the shape CDK synthesizes for a DefinitionString with tokens.
    const definitionString = {
      'Fn::Join': [
        '',
        [
          '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:',
          { Ref: 'AWS::Partition' },
          ':states:::lambda:invoke","Parameters":{"FunctionName":"',
          { 'Fn::GetAtt': ['PlanWindowFn', 'Arn'] },
          '","Payload":{"topic":"',
          { Ref: 'AlarmsTopic' },
          '","region":"',
          { Ref: 'AWS::Region' },
          '","account":"',
          { Ref: 'AWS::AccountId' },
          '"}},"End":true}}}',
        ],
      ],
    };

    // Act
    const definition = resolveDefinitionString(definitionString, context);

    // Assess
    expect(definition.States.A).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: {
        FunctionName: 'arn:aws:lambda:us-gov-west-1:123456789012:function:PlanWindowFn',
        Payload: {
          topic: 'arn:aws:sns:us-gov-west-1:123456789012:AlarmsTopic',
          region: 'us-gov-west-1',
          account: '123456789012',
        },
      },
      End: true,
    });
  });

  it('names what it cannot resolve', () => {
    // Act / Assess
    expect(() => resolveDefinitionString({ 'Fn::Sub': 'x' }, context)).toThrow(/cannot resolve/);
    expect(() => resolveDefinitionString({ 'Fn::GetAtt': ['Nowhere', 'Arn'] }, context)).toThrow(/Nowhere/);
    expect(() => resolveDefinitionString({ 'Fn::GetAtt': ['AuditTable', 'StreamArn'] }, context)).toThrow(
      /AuditTable\.StreamArn/,
    );
  });
});

describe('Function: prepareForEngine', () => {
  const definition: AslDefinition = {
    StartAt: 'Wait',
    TimeoutSeconds: 25_920_000,
    States: {
      Wait: { Type: 'Wait', SecondsPath: '$.seconds', Next: 'Callback' },
      Callback: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'F', Payload: { 'token.$': '$$.Task.Token' } },
        TimeoutSecondsPath: '$.notice.waitSeconds',
        HeartbeatSeconds: 60,
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 5 }],
        Next: 'Invoke',
      },
      Invoke: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'F', 'Payload.$': '$' },
        TimeoutSeconds: 30,
        End: true,
      },
    },
  };

  it('takes every timeout out of what the engine runs and records what the runner enforces', () => {
    // Act
    const prepared = prepareForEngine(definition);
    const states = prepared.engineDefinition.States;

    // Assess
    expect(prepared.executionTimeoutSeconds).toBe(25_920_000);
    expect(prepared.engineDefinition.TimeoutSeconds).toBeUndefined();
    expect(states.Wait).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::sandbox:virtualWait',
      Parameters: { 'input.$': '$', 'seconds.$': '$.seconds' },
      TimeoutSeconds: ENGINE_TASK_TIMEOUT_SECONDS,
      Next: 'Callback',
    });
    expect(states.Callback).toMatchObject({
      Parameters: {
        payload: { FunctionName: 'F', Payload: { 'token.$': '$$.Task.Token' } },
        'timeoutSeconds.$': '$.notice.waitSeconds',
      },
      TimeoutSeconds: ENGINE_TASK_TIMEOUT_SECONDS,
    });
    expect(states.Callback).not.toHaveProperty('HeartbeatSeconds');
    expect(states.Callback).not.toHaveProperty('TimeoutSecondsPath');
    expect(states.Invoke?.TimeoutSeconds).toBe(ENGINE_TASK_TIMEOUT_SECONDS);
    expect(prepared.states.get('Wait')).toEqual({ name: 'Wait', type: 'Wait', taskKind: 'virtualWait' });
    expect(prepared.states.get('Callback')?.callbackTimeout).toEqual({ kind: 'path' });
    expect(prepared.retryIntervalOverrides).toEqual({ Callback: 0 });
    // The synthesized definition itself is left as it was.
    expect(definition.States.Callback?.TimeoutSecondsPath).toBe('$.notice.waitSeconds');
  });

  it('refuses what the runner cannot emulate, saying which state and why', () => {
    // Prepare
    const sdkTask: AslDefinition = {
      StartAt: 'Send',
      States: { Send: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sesv2:sendEmail', End: true } },
    };
    const duplicate: AslDefinition = {
      StartAt: 'Loop',
      States: {
        Loop: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Loop', States: { Loop: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    const inputPathTimeout: AslDefinition = {
      StartAt: 'Cb',
      States: {
        Cb: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          InputPath: '$.audit',
          TimeoutSecondsPath: '$.wait',
          End: true,
        },
      },
    };

    // Act / Assess
    expect(() => prepareForEngine(sdkTask)).toThrow(/"Send" uses arn:aws:states:::aws-sdk:sesv2:sendEmail/);
    expect(() => prepareForEngine(duplicate)).toThrow(/Two states are named "Loop"/);
    expect(() => prepareForEngine(inputPathTimeout)).toThrow(/both InputPath and TimeoutSecondsPath/);
  });
});
