/**
 * Where "now" comes from. Lambda uses the system clock; the sandbox binds a virtual clock that tests and
 * the administrator can move forward. Domain code never reads either: handlers pass the time in.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
