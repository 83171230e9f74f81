import { addDays, type LocalDate } from '../functions/domain/calendar/local-date.js';
import { localDateAt } from '../functions/domain/calendar/time-zones.js';
import { type NewAgency, registerAgency } from '../functions/services/agencies.js';
import { enrollAgency } from '../functions/services/enrollments.js';
import { SANDBOX_ADMINISTRATOR } from './admin-api-routes.js';
import type { Sandbox } from './start-sandbox.js';

/** A demo enrollment: its first due date is `dueInDays` after today, in the enrollment's zone. */
interface DemoEnrollment {
  readonly programId: string;
  readonly dueInDays: number;
  /** Why this date: what the person watching the demo will see. */
  readonly shows: string;
}

interface DemoAgency {
  readonly agency: NewAgency;
  readonly enrollments: readonly DemoEnrollment[];
}

const contacts = (domain: string, people: [tac: string, laso: string, head: string]) => [
  { role: 'tac' as const, name: people[0], email: `tac@${domain}`, title: 'Terminal Agency Coordinator' },
  { role: 'laso' as const, name: people[1], email: `laso@${domain}`, title: 'Local Agency Security Officer' },
  { role: 'agency-head' as const, name: people[2], email: `chief@${domain}`, title: 'Chief of Police' },
];

/*
 * Fictional agencies (the ORIs follow the CA + county code pattern but name no real agency) and example.gov
 * addresses, which never deliver. The due dates are chosen relative to the sandbox's today so that two audits
 * open at once (their request window opened before today) and one opens when the clock is advanced.
 */
const DEMO_AGENCIES: readonly DemoAgency[] = [
  {
    agency: {
      ori: 'CA0349901',
      name: 'Sacramento Demo Police Department',
      county: 'Sacramento',
      agencyType: 'criminal-justice-agency',
      cletsConnection: 'county-control-agency',
      contacts: contacts('sacramento-demo.example.gov', ['Dana Ortiz', 'Lee Nguyen', 'Chief Avery Brooks']),
    },
    enrollments: [
      {
        programId: 'cadoj-compliance-audit',
        dueInDays: 45,
        shows: 'opens now (its 60-day request window opened 15 days ago)',
      },
    ],
  },
  {
    agency: {
      ori: 'CA0379902',
      name: 'San Diego Demo Sheriff’s Office',
      county: 'San Diego',
      agencyType: 'criminal-justice-agency',
      cletsConnection: 'direct-interface-host',
      contacts: contacts('sandiego-demo.example.gov', ['Sam Patel', 'Riley Chen', 'Sheriff Morgan Diaz']),
    },
    enrollments: [
      { programId: 'clets-misuse-annual-report', dueInDays: 14, shows: 'opens now, due in two weeks' },
      {
        programId: 'cadoj-compliance-audit',
        dueInDays: 75,
        shows: 'opens in about 15 days: advance the clock to see the daily run open it',
      },
    ],
  },
  {
    agency: {
      ori: 'CA0019903',
      name: 'Alameda Demo Police Department',
      county: 'Alameda',
      agencyType: 'criminal-justice-agency',
      contacts: contacts('alameda-demo.example.gov', ['Jordan Lee', 'Casey Kim', 'Chief Taylor Reed']),
    },
    enrollments: [{ programId: 'account-review', dueInDays: 200, shows: 'opens in about half a year' }],
  },
];

export interface DemoSeedReport {
  readonly agencies: readonly { ori: string; name: string; created: boolean }[];
  readonly enrollments: readonly {
    ori: string;
    programId: string;
    anchorDate: LocalDate;
    created: boolean;
    auditsOpenedNow: number;
    shows: string;
  }[];
  /** Messages in the outbox once the workflows started by the enrollments went idle. */
  readonly messages: number;
  /** An upload link from the first audit-opened email, to try the agency's page right away. */
  readonly uploadLink?: { readonly url: string; readonly to: readonly string[] };
}

/** The upload link in an .eml (quoted-printable soft line breaks removed first; tokens are base64url). */
const UPLOAD_LINK = /https?:\/\/[^\s"<>]+\/upload\/[A-Za-z0-9_-]{43}/;

/**
 * Seeds the demo through the same services the admin API calls (registerAgency, enrollAgency), so the demo
 * exercises the real path: enrolling plans the periods already open, which starts their lifecycle
 * executions, which open the audits and email the agencies. Resolves once the workflows are idle.
 */
export async function seedDemo(sandbox: Sandbox): Promise<DemoSeedReport> {
  const { clock, runner, outbox, timeZone } = sandbox.workflows;
  const today = localDateAt(clock.now(), timeZone);
  const agencies: DemoSeedReport['agencies'][number][] = [];
  const enrollments: DemoSeedReport['enrollments'][number][] = [];
  for (const demo of DEMO_AGENCIES) {
    const { created, agency } = await registerAgency(demo.agency, SANDBOX_ADMINISTRATOR);
    agencies.push({ ori: agency.ori, name: agency.name, created });
    for (const enrollment of demo.enrollments) {
      const anchorDate = addDays(today, enrollment.dueInDays);
      const outcome = await enrollAgency(
        agency.ori,
        { programId: enrollment.programId, anchorDate, timeZone },
        SANDBOX_ADMINISTRATOR,
      );
      enrollments.push({
        ori: agency.ori,
        programId: enrollment.programId,
        anchorDate,
        created: outcome.created,
        auditsOpenedNow: outcome.planning?.created ?? 0,
        shows: enrollment.shows,
      });
    }
  }
  await runner.whenIdle();
  const uploadLink = await firstUploadLink(outbox);
  return { agencies, enrollments, messages: outbox.list().length, ...(uploadLink ? { uploadLink } : {}) };
}

async function firstUploadLink(outbox: Sandbox['workflows']['outbox']) {
  for (const entry of [...outbox.list()].reverse()) {
    const eml = (await outbox.readMessage(entry.id))?.toString('utf8') ?? '';
    const url = UPLOAD_LINK.exec(eml.replace(/=\r?\n/g, ''))?.[0];
    if (url) return { url, to: entry.to };
  }
  return undefined;
}

/** What `npm start -- --demo` prints about the seed. */
export function formatDemoReport(report: DemoSeedReport, frontDoorUrl: string): string {
  const lines = ['Demo data (fictional agencies, example.gov addresses):'];
  for (const agency of report.agencies) {
    lines.push(`  ${agency.ori}  ${agency.name}${agency.created ? '' : ' (already registered)'}`);
    for (const enrollment of report.enrollments.filter((candidate) => candidate.ori === agency.ori)) {
      lines.push(
        `      ${enrollment.programId}, first due ${enrollment.anchorDate}: ${enrollment.shows}` +
          (enrollment.auditsOpenedNow > 0 ? ` [${enrollment.auditsOpenedNow} audit opened]` : ''),
      );
    }
  }
  lines.push(
    `  ${report.messages} message(s) in the outbox: ${new URL('outbox', frontDoorUrl)}`,
    `  Executions: ${new URL('executions', frontDoorUrl)}`,
  );
  if (report.uploadLink) {
    lines.push(
      `  Try the agency's upload page (the link emailed to ${report.uploadLink.to.join(', ')}):`,
      `    ${report.uploadLink.url}`,
    );
  }
  return lines.join('\n');
}
