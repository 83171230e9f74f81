import type { AgencyAnswer } from '../api/answer-schemas.js';
import { type Column, formatFields, formatTable } from './table.js';
import { printable } from './terminal-text.js';

const contactOf = (agency: AgencyAnswer, role: string) => {
  const contact = agency.contacts.find((candidate) => candidate.role === role);
  return contact ? `${contact.name} <${contact.email}>` : undefined;
};

const AGENCY_COLUMNS: readonly Column<AgencyAnswer>[] = [
  { header: 'ORI', value: (agency) => agency.ori },
  { header: 'NAME', value: (agency) => agency.name },
  { header: 'COUNTY', value: (agency) => agency.county },
  { header: 'TYPE', value: (agency) => agency.agencyType },
  { header: 'TAC', value: (agency) => contactOf(agency, 'tac') },
];

export const agencyTable = (agencies: readonly AgencyAnswer[]): string[] =>
  formatTable(agencies, AGENCY_COLUMNS);

export function agencyDetail(agency: AgencyAnswer): string[] {
  return [
    ...formatFields([
      ['ORI', agency.ori],
      ['Name', agency.name],
      ['County', agency.county],
      ['Type', agency.agencyType],
      ['CLETS connection', agency.cletsConnection],
      ['Version', agency.version?.toString()],
      ['Registered', agency.createdAt],
      ['Updated', agency.updatedAt],
    ]),
    'Contacts:',
    ...agency.contacts.map(
      (contact) =>
        `  ${contact.role.padEnd(11)}  ${printable(`${contact.name} <${contact.email}>`)}${
          contact.bouncedAt ? `  BOUNCED ${printable(contact.bouncedAt)}: notices go to a stand-in` : ''
        }`,
    ),
  ];
}
