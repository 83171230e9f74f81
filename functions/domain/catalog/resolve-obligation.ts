import { UnknownObligationError } from '../errors.js';
import { parseOrThrow } from '../schemas/format-issues.js';
import {
  type Cadence,
  type DeploymentOverrides,
  DeploymentOverridesSchema,
  type Obligation,
  type ObligationOverride,
  ObligationOverrideSchema,
  type ObligationsCatalog,
} from './types.js';

export type OverrideLevel = 'deployment' | 'enrollment';

export interface AppliedOverride {
  field: Exclude<keyof ObligationOverride, 'note' | 'sources'>;
  level: OverrideLevel;
}

/** A catalog entry after deployment and enrollment overrides, with a record of what was changed and by whom. */
export interface ResolvedObligation extends Obligation {
  catalogVersion: string;
  disabled: boolean;
  appliedOverrides: AppliedOverride[];
  /** Notes that came with overrides, e.g. "due date confirmed with CA DOJ on …". */
  overrideNotes: string[];
}

export interface ResolveObligationOptions {
  deploymentOverrides?: DeploymentOverrides | undefined;
  enrollmentOverrides?: ObligationOverride | undefined;
}

export function findObligation(catalog: ObligationsCatalog, obligationId: string): Obligation {
  const obligation = catalog.obligations.find((entry) => entry.id === obligationId);
  if (!obligation) {
    throw new UnknownObligationError(
      obligationId,
      catalog.obligations.map((entry) => entry.id),
    );
  }
  return obligation;
}

function overriddenCadence(current: Cadence, rrule: string): Cadence {
  return {
    kind: 'recurring',
    rrule,
    summary: `Overridden: ${rrule}`,
    ...(current.kind === 'recurring' && current.initial ? { initial: current.initial } : {}),
  };
}

function applyOverride(
  resolved: ResolvedObligation,
  override: ObligationOverride,
  level: OverrideLevel,
): void {
  const mark = (field: AppliedOverride['field']) => resolved.appliedOverrides.push({ field, level });
  if (override.rrule !== undefined) {
    resolved.cadence = overriddenCadence(resolved.cadence, override.rrule);
    mark('rrule');
  }
  if (override.leadTimeDays !== undefined) {
    resolved.leadTimeDays = override.leadTimeDays;
    mark('leadTimeDays');
  }
  if (override.responsibleRole !== undefined) {
    resolved.responsibleRole = override.responsibleRole;
    mark('responsibleRole');
  }
  if (override.confidence !== undefined) {
    resolved.confidence = override.confidence;
    mark('confidence');
  }
  if (override.disabled !== undefined) {
    resolved.disabled = override.disabled;
    mark('disabled');
  }
  if (override.sources) resolved.sources = [...resolved.sources, ...override.sources];
  if (override.note) resolved.overrideNotes.push(`${level}: ${override.note}`);
}

/**
 * The obligation as it applies to one enrollment: catalog entry, then deployment overrides, then the
 * enrollment's own. Overrides are validated here too, because they arrive from configuration files and
 * API calls rather than from the checked-in catalog.
 */
export function resolveObligation(
  catalog: ObligationsCatalog,
  obligationId: string,
  options: ResolveObligationOptions = {},
): ResolvedObligation {
  const base = findObligation(catalog, obligationId);
  const resolved: ResolvedObligation = {
    ...structuredClone(base),
    catalogVersion: catalog.version,
    disabled: false,
    appliedOverrides: [],
    overrideNotes: [],
  };
  if (options.deploymentOverrides) {
    const deployment = parseOrThrow(
      DeploymentOverridesSchema,
      options.deploymentOverrides,
      'deployment overrides',
    );
    const forThis = deployment[obligationId];
    if (forThis) applyOverride(resolved, forThis, 'deployment');
  }
  if (options.enrollmentOverrides) {
    const enrollment = parseOrThrow(
      ObligationOverrideSchema,
      options.enrollmentOverrides,
      'enrollment overrides',
    );
    applyOverride(resolved, enrollment, 'enrollment');
  }
  return resolved;
}
