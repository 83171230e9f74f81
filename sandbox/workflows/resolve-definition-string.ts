import type { AslDefinition } from './asl-definition.js';
import { UnresolvableDefinitionError } from './workflow-errors.js';

/** The account id local ARNs carry: AWS's documentation account, never a real one. */
export const LOCAL_ACCOUNT_ID = '123456789012';

export interface TemplateContext {
  readonly region: string;
  /** `aws` for local ARNs, whatever the region, as the sandbox's other ARNs. */
  readonly partition?: string;
  readonly stackName?: string;
  /** Every resource's type by logical id, to turn Ref and Fn::GetAtt into the ARN or name each type gives. */
  readonly resourceTypes: Readonly<Record<string, string>>;
}

const arnService: Record<string, { service: string; resource: (id: string) => string }> = {
  'AWS::Lambda::Function': { service: 'lambda', resource: (id) => `function:${id}` },
  'AWS::SNS::Topic': { service: 'sns', resource: (id) => id },
  'AWS::StepFunctions::StateMachine': { service: 'states', resource: (id) => `stateMachine:${id}` },
  'AWS::SQS::Queue': { service: 'sqs', resource: (id) => id },
  'AWS::DynamoDB::Table': { service: 'dynamodb', resource: (id) => `table/${id}` },
};

function localArn(logicalId: string, context: TemplateContext): string {
  const type = context.resourceTypes[logicalId];
  const shape = type ? arnService[type] : undefined;
  if (!shape) {
    throw new UnresolvableDefinitionError(
      `A state machine definition refers to the ARN of ${logicalId} (${type ?? 'not in the template'}), which the sandbox cannot make up.`,
    );
  }
  return `arn:${context.partition ?? 'aws'}:${shape.service}:${context.region}:${LOCAL_ACCOUNT_ID}:${shape.resource(logicalId)}`;
}

function resolveRef(name: string, context: TemplateContext): string {
  switch (name) {
    case 'AWS::Partition':
      return context.partition ?? 'aws';
    case 'AWS::Region':
      return context.region;
    case 'AWS::AccountId':
      return LOCAL_ACCOUNT_ID;
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return context.stackName ?? 'sandbox';
  }
  // Ref of a topic is its ARN; of a function, its name (the logical id stands in for the generated name).
  if (context.resourceTypes[name] === 'AWS::SNS::Topic') return localArn(name, context);
  if (name in context.resourceTypes) return name;
  throw new UnresolvableDefinitionError(
    `A state machine definition refers to ${name}, which is not in the template.`,
  );
}

/** Resolves the CloudFormation functions CDK uses in a DefinitionString to a plain string. */
export function resolveTemplateString(value: unknown, context: TemplateContext): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    const [fn, argument] = entries[0] ?? [];
    if (entries.length === 1 && fn === 'Ref' && typeof argument === 'string')
      return resolveRef(argument, context);
    if (entries.length === 1 && fn === 'Fn::GetAtt' && Array.isArray(argument)) {
      const [logicalId, attribute] = argument as [string, string];
      if (attribute === 'Arn' || attribute === 'TopicArn') return localArn(logicalId, context);
      throw new UnresolvableDefinitionError(
        `Fn::GetAtt ${logicalId}.${attribute} cannot be resolved locally.`,
      );
    }
    if (entries.length === 1 && fn === 'Fn::Join' && Array.isArray(argument)) {
      const [separator, parts] = argument as [string, unknown[]];
      return parts.map((part) => resolveTemplateString(part, context)).join(separator);
    }
  }
  throw new UnresolvableDefinitionError(
    `A state machine definition uses ${JSON.stringify(value).slice(0, 120)}, which the sandbox cannot resolve.`,
  );
}

/** The ASL of an AWS::StepFunctions::StateMachine's DefinitionString, with every reference made local. */
export function resolveDefinitionString(definitionString: unknown, context: TemplateContext): AslDefinition {
  const text = resolveTemplateString(definitionString, context);
  try {
    return JSON.parse(text) as AslDefinition;
  } catch (error) {
    throw new UnresolvableDefinitionError(
      `A state machine definition is not valid JSON once resolved: ${(error as Error).message}`,
    );
  }
}
