import type { Source } from './types.js';

/*
 * Where the catalog's facts come from (see shared/domain/clets-cjis-obligations.md, section 6). The CJIS
 * Security Policy was read through a machine-readable transcription of v5.9.5; the CLETS PPP body text
 * could not be read, so every California-specific cadence rests on secondary pages.
 */
const CJIS_POLICY_URL =
  'https://github.com/intuitem/ciso-assistant-community/blob/main/backend/library/libraries/cjis-version-5.9.5.yaml';

export function cjis(section: string): Source {
  return { document: 'FBI CJIS Security Policy v5.9.5', section, url: CJIS_POLICY_URL };
}

export const CLEARS_DOJ_AUDIT: Source = {
  document: 'CLEARS: Department of Justice Audit (CA DOJ audit team briefing)',
  url: 'https://www.clears.org/doj-audit/',
};

export const EFF_MISUSE_2015: Source = {
  document: 'EFF: misuse rampant, oversight lacking in California law-enforcement network (2015)',
  url: 'https://www.eff.org/deeplinks/2015/11/misuse-rampant-oversight-lacking-californias-law-enforcement-network',
};

export const EFF_MISUSE_2016: Source = {
  document: 'EFF: increased disclosure of abuse of California law-enforcement network (2016)',
  url: 'https://www.eff.org/zh-hant/deeplinks/2016/03/eff-pressure-results-increased-disclosure-abuse-californias-law-enforcement',
};

export const SD_SHERIFF_LETTER: Source = {
  document: 'San Diego Sheriff letter on CLETS misuse reporting (2018)',
  url: 'http://www.sandiegouniontribune.com/opinion/letters-to-the-editor/sd-le-gore-clets-20180804-story.html',
};

export const LEGALCLARITY_CLETS_CERTIFICATION: Source = {
  document: 'LegalClarity: How to get your CLETS certification in California (secondary guide)',
  url: 'https://legalclarity.org/how-to-get-your-clets-certification-in-california',
};

export const CLEW_OPERATOR_TRAINING_COPY: Source = {
  document: 'Copy of CA DOJ CLEW operator-training text (low-credibility mirror)',
  url: 'http://qertpass.blogg.se/2023/february/clew-doj-ca-gov.html',
};

export const FBI_ACCOUNT_VALIDATION_TEMPLATE: Source = {
  document: 'FBI sample User Account-Access Validation Policy',
  url: 'https://www.fbi.gov/file-repository/user-account-access-validation-policy.pdf/view',
};

export const MYCTRL_AT3: Source = {
  document: 'myctrl.tools: CJIS AT-3 Role-Based Training',
  section: 'AT-3',
  url: 'https://www.myctrl.tools/frameworks/cjis/at-3',
};

export const MYCTRL_AC2: Source = {
  document: 'myctrl.tools: CJIS AC-2 Account Management',
  section: 'AC-2',
  url: 'https://www.myctrl.tools/frameworks/cjis/ac-2',
};
