import { beforeAll, describe, expect, it } from 'vitest';
import type { TestTable } from '../../support/test-table.js';
import { uniqueOri } from '../../support/test-table.js';
import { agencyBody } from '../../unit/api/api-fixtures.js';
import { type ApiAnswer, callAdminApi } from './admin-api-client.js';
import { agencyFootprint, bindApiTestRuntime, type fakeWorkflows } from './api-runtime.js';

let table: TestTable;
let workflows: ReturnType<typeof fakeWorkflows>;

beforeAll(async () => {
  ({ table, workflows } = await bindApiTestRuntime());
});

const administrator = { type: 'administrator', id: 'a1b2c3d4-administrator' };

async function registeredAgency(): Promise<string> {
  const ori = uniqueOri();
  const { status } = await callAdminApi('POST', '/agencies', { body: agencyBody(ori) });
  expect(status).toBe(201);
  return ori;
}

/** Asserts that a refused request left the agency exactly as it was. */
async function expectRefusedWithoutWrites(ori: string, call: () => Promise<ApiAnswer>, status: number) {
  const before = await agencyFootprint(table, ori);
  const answer = await call();
  expect(answer.status).toBe(status);
  expect(await agencyFootprint(table, ori)).toEqual(before);
  return answer;
}

describe('Admin API: agencies', () => {
  it('registers an agency, records who did it in the agency trail, and serves it back', async () => {
    // Prepare
    const ori = uniqueOri();
    // Act
    const created = await callAdminApi('POST', '/agencies', { body: agencyBody(ori.toLowerCase()) });
    const fetched = await callAdminApi('GET', `/agencies/${ori}`);
    // Assess
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      ori,
      agencyId: `agy_${ori}`,
      version: 1,
      createdAt: '2026-06-10T16:00:00.000Z',
    });
    expect(fetched.json).toEqual(created.json);
    const [event] = await table.repository.trail.readAll(`agy_${ori}`);
    expect(event).toMatchObject({
      type: 'agency.registered',
      actor: administrator,
      subject: { type: 'agency' },
    });
  });

  it('answers 409 for an ORI already registered, and writes nothing', async () => {
    const ori = await registeredAgency();
    const { json } = await expectRefusedWithoutWrites(
      ori,
      () => callAdminApi('POST', '/agencies', { body: { ...agencyBody(ori), name: 'Another name' } }),
      409,
    );
    expect(json.error.code).toBe('AlreadyExists');
  });

  it.each([
    ['a bad ORI', { ...agencyBody(), ori: 'C@019' }, 'ValidationFailed'],
    ['an unknown field', { ...agencyBody(), website: 'https://pd.example' }, 'ValidationFailed'],
    [
      'two TACs',
      { ...agencyBody(), contacts: [...agencyBody().contacts, agencyBody().contacts[0]] },
      'ValidationFailed',
    ],
    ['malformed JSON', '{"ori": "CA', 'MalformedJson'],
  ])('refuses %s with 400 and writes nothing', async (_case, body, code) => {
    // Prepare: the ORI the body would register (or a fresh one)
    const ori = uniqueOri();
    const withOri =
      typeof body === 'string' ? body : { ...body, ori: body.ori === agencyBody().ori ? ori : body.ori };
    // Act
    const { json } = await expectRefusedWithoutWrites(
      ori,
      () => callAdminApi('POST', '/agencies', { body: withOri }),
      400,
    );
    // Assess
    expect(json.error.code).toBe(code);
  });

  it('lists agencies in ORI order, a page at a time', async () => {
    // Prepare
    await registeredAgency();
    await registeredAgency();
    // Act
    const first = await callAdminApi('GET', '/agencies?limit=2');
    const second = await callAdminApi('GET', `/agencies?limit=2&cursor=${first.json.nextCursor}`);
    // Assess
    expect(first.json.items).toHaveLength(2);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const oris = [...first.json.items, ...second.json.items].map((agency: { ori: string }) => agency.ori);
    expect(oris).toEqual([...oris].sort());
    expect(new Set(oris).size).toBe(oris.length);
  });

  it('refuses a tampered or foreign cursor with 400', async () => {
    const foreign = await callAdminApi('GET', '/agencies?cursor=eyJwayI6IngifQ');
    const tampered = Buffer.from(
      JSON.stringify({ scope: 'agencies', position: Buffer.from('{"nope":1}').toString('base64url') }),
    ).toString('base64url');
    const replayed = await callAdminApi('GET', `/agencies?cursor=${tampered}`);
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.code).toBe('InvalidCursor');
    expect(replayed.status).toBe(400);
    expect(replayed.json.error.code).toBe('InvalidCursor');
  });

  it('answers 404 for an unknown agency', async () => {
    const { status, json } = await callAdminApi('GET', `/agencies/${uniqueOri()}`);
    expect(status).toBe(404);
    expect(json.error.code).toBe('NotFound');
  });

  it('replaces contacts at the expected version, and refuses a stale version with 409', async () => {
    // Prepare
    const ori = await registeredAgency();
    const contacts = [
      ...agencyBody(ori).contacts,
      { role: 'alternate', name: 'Alex Alternate', email: 'alt@fresnopd.ca.gov' },
    ];
    // Act
    const replaced = await callAdminApi('PUT', `/agencies/${ori}/contacts`, {
      body: { contacts, version: 1 },
    });
    const stale = await expectRefusedWithoutWrites(
      ori,
      () =>
        callAdminApi('PUT', `/agencies/${ori}/contacts`, {
          body: { contacts: agencyBody(ori).contacts, version: 1 },
        }),
      409,
    );
    // Assess
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ version: 2, contacts });
    expect(stale.json.error.code).toBe('VersionConflict');
    const events = await table.repository.trail.readAll(`agy_${ori}`);
    expect(events.map((event) => event.type)).toEqual(['agency.registered', 'agency.contacts-replaced']);
  });

  it('refuses contacts that break the role rule, or carry unknown fields, with 400 and writes nothing', async () => {
    const ori = await registeredAgency();
    const [tac, , head] = agencyBody(ori).contacts;
    const missingLaso = await expectRefusedWithoutWrites(
      ori,
      () => callAdminApi('PUT', `/agencies/${ori}/contacts`, { body: { contacts: [tac, head], version: 1 } }),
      400,
    );
    const unknownField = await expectRefusedWithoutWrites(
      ori,
      () =>
        callAdminApi('PUT', `/agencies/${ori}/contacts`, {
          body: { contacts: agencyBody(ori).contacts.map((c) => ({ ...c, pager: '555' })), version: 1 },
        }),
      400,
    );
    expect(missingLaso.json.error.issues).toEqual([
      expect.stringMatching(/^contacts: needs exactly one 'laso' contact/),
    ]);
    expect(unknownField.json.error.issues[0]).toMatch(
      /^contacts\[0\]\.pager: is not a field of this request body/,
    );
  });
});

describe('Admin API: enrollments', () => {
  const enrollment = { programId: 'account-review', anchorDate: '2026-07-01' };

  it('enrols an agency and at once creates the audit whose period is already open', async () => {
    // Prepare
    const ori = await registeredAgency();
    // Act
    const { status, json } = await callAdminApi('POST', `/agencies/${ori}/enrollments`, { body: enrollment });
    // Assess
    expect(status).toBe(201);
    expect(json).toMatchObject({
      enrollment: {
        ori,
        programId: 'account-review',
        status: 'active',
        timeZone: 'America/Los_Angeles',
        version: 1,
      },
      planning: { planned: 1, created: 1 },
    });
    const audits = await table.repository.audits.listAgencyAudits(ori, { limit: 10 });
    expect(audits.items.map((audit) => [audit.auditId, audit.dueDate])).toEqual([
      [`aud_${ori}_account-review_2026`, '2026-07-01'],
    ]);
    expect(workflows.startAuditLifecycle).toHaveBeenCalledWith({ auditId: `aud_${ori}_account-review_2026` });
    const events = await table.repository.trail.readAll(`agy_${ori}`);
    expect(events.at(-1)).toMatchObject({ type: 'enrollment.created', actor: administrator });
  });

  it('answers 409 for a second enrollment in the same program, and writes nothing', async () => {
    const ori = await registeredAgency();
    await callAdminApi('POST', `/agencies/${ori}/enrollments`, { body: enrollment });
    const { json } = await expectRefusedWithoutWrites(
      ori,
      () =>
        callAdminApi('POST', `/agencies/${ori}/enrollments`, {
          body: { ...enrollment, anchorDate: '2026-08-01' },
        }),
      409,
    );
    expect(json.error.code).toBe('AlreadyExists');
  });

  it('answers 404 for an unknown agency, and writes nothing', async () => {
    const ori = uniqueOri();
    const { json } = await expectRefusedWithoutWrites(
      ori,
      () => callAdminApi('POST', `/agencies/${ori}/enrollments`, { body: enrollment }),
      404,
    );
    expect(json.error.message).toBe(`Agency ${ori} does not exist.`);
  });

  it.each([
    [
      'an unknown program',
      { ...enrollment, programId: 'quarterly-vibes-check' },
      /^programId: must be one of the catalog's programs: /,
    ],
    [
      'an end before the anchor',
      { ...enrollment, endDate: '2026-01-01' },
      /^endDate: must be on or after anchorDate$/,
    ],
    [
      'a bad time zone',
      { ...enrollment, timeZone: 'Pacific/Atlantis' },
      /^timeZone: must be an IANA time zone/,
    ],
    [
      'an unknown override',
      { ...enrollment, overrides: { everyOtherTuesday: true } },
      /^overrides\.everyOtherTuesday: is not a field/,
    ],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_case, body, issue) => {
    const ori = await registeredAgency();
    const { json } = await expectRefusedWithoutWrites(
      ori,
      () => callAdminApi('POST', `/agencies/${ori}/enrollments`, { body }),
      400,
    );
    expect(json.error.issues).toEqual(expect.arrayContaining([expect.stringMatching(issue)]));
  });

  it("lists an agency's enrollments, and 404 for an unknown agency", async () => {
    const ori = await registeredAgency();
    await callAdminApi('POST', `/agencies/${ori}/enrollments`, { body: enrollment });
    await callAdminApi('POST', `/agencies/${ori}/enrollments`, {
      body: { programId: 'audit-log-review', anchorDate: '2026-09-01', status: 'paused' },
    });
    const listed = await callAdminApi('GET', `/agencies/${ori}/enrollments?limit=1`);
    const rest = await callAdminApi('GET', `/agencies/${ori}/enrollments?cursor=${listed.json.nextCursor}`);
    const unknown = await callAdminApi('GET', `/agencies/${uniqueOri()}/enrollments`);
    expect(
      [...listed.json.items, ...rest.json.items].map((item: { programId: string }) => item.programId),
    ).toEqual(['account-review', 'audit-log-review']);
    expect(unknown.status).toBe(404);
  });

  it('ends an enrollment at the expected version; a stale version or a second end is a 409', async () => {
    // Prepare
    const ori = await registeredAgency();
    await callAdminApi('POST', `/agencies/${ori}/enrollments`, { body: enrollment });
    const path = `/agencies/${ori}/enrollments/account-review/end`;
    // Act
    const stale = await expectRefusedWithoutWrites(
      ori,
      () => callAdminApi('POST', path, { body: { reason: 'Agency merged', version: 7 } }),
      409,
    );
    const ended = await callAdminApi('POST', path, {
      body: { reason: 'Agency merged into county', version: 1 },
    });
    const again = await expectRefusedWithoutWrites(
      ori,
      () => callAdminApi('POST', path, { body: { reason: 'Again', version: 2 } }),
      409,
    );
    const unknown = await callAdminApi('POST', `/agencies/${ori}/enrollments/audit-log-review/end`, {
      body: { reason: 'x', version: 1 },
    });
    // Assess
    expect(stale.json.error.code).toBe('VersionConflict');
    expect(ended.status).toBe(200);
    expect(ended.json).toMatchObject({ status: 'ended', version: 2 });
    expect(again.json.error.code).toBe('StateConflict');
    expect(unknown.status).toBe(404);
    const events = await table.repository.trail.readAll(`agy_${ori}`);
    expect(events.at(-1)).toMatchObject({
      type: 'enrollment.ended',
      payload: { reason: 'Agency merged into county' },
    });
  });
});

describe('Admin API: scheduling runs', () => {
  it('starts a run as the administrator and answers 202 with the execution name', async () => {
    const { status, json } = await callAdminApi('POST', '/schedule-runs');
    expect(status).toBe(202);
    expect(json).toEqual({ executionName: 'manual-run-1' });
    expect(workflows.startScheduleRun).toHaveBeenCalledWith('a1b2c3d4-administrator');
  });
});
