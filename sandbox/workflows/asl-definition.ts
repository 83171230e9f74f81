/**
 * The slice of the Amazon States Language the local runner reads or rewrites. Everything else in a state is
 * carried through untouched to the engine, so the types stay open.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface AslState {
  readonly Type: string;
  readonly Resource?: string;
  readonly TimeoutSeconds?: number;
  readonly TimeoutSecondsPath?: string;
  readonly HeartbeatSeconds?: number;
  readonly HeartbeatSecondsPath?: string;
  readonly InputPath?: string | null;
  readonly Parameters?: JsonValue;
  readonly Retry?: readonly unknown[];
  /** Map: the inline processor (`Iterator` is its older name). */
  readonly ItemProcessor?: AslDefinition;
  readonly Iterator?: AslDefinition;
  /** Parallel. */
  readonly Branches?: readonly AslDefinition[];
  /** Wait. */
  readonly Seconds?: number;
  readonly Timestamp?: string;
  readonly SecondsPath?: string;
  readonly TimestampPath?: string;
  readonly [field: string]: unknown;
}

export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState>>;
  readonly TimeoutSeconds?: number;
  readonly Comment?: string;
  readonly [field: string]: unknown;
}

/** The state machines nested in a state: a Map's item processor, a Parallel's branches. */
export function nestedDefinitions(state: AslState): AslDefinition[] {
  const processor = state.ItemProcessor ?? state.Iterator;
  return [...(processor ? [processor] : []), ...(state.Branches ?? [])];
}

/** Visits every state, nested ones included, depth first. */
export function forEachState(
  definition: AslDefinition,
  visit: (name: string, state: AslState) => void,
): void {
  for (const [name, state] of Object.entries(definition.States)) {
    visit(name, state);
    for (const nested of nestedDefinitions(state)) forEachState(nested, visit);
  }
}
