// Job titles and kinds of employer for each industry code. Employers are described, never
// named, so no real company appears in the demo data.

export interface Career {
  /** What newcomers do (migrant_profiles.occupation). */
  occupations: readonly string[];
  /** What a senior volunteer mentor does. */
  seniorTitles: readonly string[];
  /** "at …" */
  employers: readonly string[];
}

export const CAREERS: Record<string, Career> = {
  fintech: {
    occupations: ['Product manager', 'Payments engineer', 'Compliance analyst', 'Risk analyst', 'Quant developer'],
    seniorTitles: ['Head of payments', 'Chief compliance officer', 'Engineering manager', 'Product director'],
    employers: ['a virtual bank', 'a payments start-up', 'a wealth-tech platform', 'a regtech company'],
  },
  banking: {
    occupations: ['Relationship manager', 'Credit analyst', 'Operations analyst', 'Trade finance specialist', 'KYC analyst'],
    seniorTitles: ['Managing director, corporate banking', 'Head of trade finance', 'Senior credit officer', 'Regional operations lead'],
    employers: ['an international bank', 'a local bank', 'a private bank'],
  },
  'asset-management': {
    occupations: ['Portfolio analyst', 'Fund accountant', 'ESG analyst', 'Investment operations associate'],
    seniorTitles: ['Portfolio manager', 'Head of ESG research', 'Chief operating officer'],
    employers: ['an asset manager', 'a family office', 'a hedge fund'],
  },
  insurance: {
    occupations: ['Actuarial analyst', 'Underwriter', 'Claims specialist'],
    seniorTitles: ['Appointed actuary', 'Head of underwriting', 'Claims director'],
    employers: ['a life insurer', 'a general insurer', 'a reinsurance broker'],
  },
  accounting: {
    occupations: ['Auditor', 'Tax accountant', 'Financial controller', 'Management accountant'],
    seniorTitles: ['Audit partner', 'Tax director', 'Chief financial officer'],
    employers: ['an accounting firm', 'a listed company', 'a mid-sized audit practice'],
  },
  software: {
    occupations: ['Software engineer', 'Frontend developer', 'DevOps engineer', 'QA engineer', 'Mobile developer'],
    seniorTitles: ['Principal engineer', 'Engineering manager', 'Chief technology officer', 'Staff engineer'],
    employers: ['a software company', 'an e-commerce platform', 'a start-up in Cyberport', 'a bank technology centre'],
  },
  'data-ai': {
    occupations: ['Data scientist', 'Machine learning engineer', 'Data analyst', 'Data engineer'],
    seniorTitles: ['Head of data science', 'AI research lead', 'Analytics director'],
    employers: ['an AI start-up', 'a retail group', 'a university research lab', 'a logistics platform'],
  },
  cybersecurity: {
    occupations: ['Security analyst', 'Penetration tester', 'Security engineer'],
    seniorTitles: ['Chief information security officer', 'Security architect', 'Head of threat intelligence'],
    employers: ['a security consultancy', 'an international bank', 'a telecoms operator'],
  },
  medicine: {
    occupations: ['Physician', 'General practitioner', 'Paediatrician', 'Surgeon'],
    seniorTitles: ['Consultant physician', 'Clinical director', 'Senior medical officer'],
    employers: ['a public hospital', 'a private clinic', 'a university medical faculty'],
  },
  nursing: {
    occupations: ['Registered nurse', 'Midwife', 'ICU nurse', 'Community nurse'],
    seniorTitles: ['Nursing officer', 'Advanced practice nurse', 'Ward manager'],
    employers: ['a public hospital', 'a private hospital', 'an elderly care home'],
  },
  'allied-health': {
    occupations: ['Physiotherapist', 'Pharmacist', 'Occupational therapist', 'Speech therapist', 'Clinical psychologist'],
    seniorTitles: ['Senior physiotherapist', 'Chief pharmacist', 'Clinical psychologist'],
    employers: ['a rehabilitation centre', 'a public hospital', 'a community health centre'],
  },
  legal: {
    occupations: ['Solicitor', 'Paralegal', 'In-house counsel', 'Compliance officer'],
    seniorTitles: ['Partner', 'General counsel', 'Barrister', 'Legal director'],
    employers: ['a law firm', 'an international bank', 'a legal aid clinic', 'a listed company'],
  },
  education: {
    occupations: ['Primary teacher', 'English teacher', 'University lecturer', 'Early-years educator', 'Learning designer'],
    seniorTitles: ['School principal', 'Associate professor', 'Head of English', 'Curriculum director'],
    employers: ['an international school', 'a local secondary school', 'a university', 'a kindergarten'],
  },
  engineering: {
    occupations: ['Civil engineer', 'Electrical engineer', 'Mechanical engineer', 'Building services engineer'],
    seniorTitles: ['Chief engineer', 'Engineering director', 'Project director'],
    employers: ['an engineering consultancy', 'a railway operator', 'a power company'],
  },
  architecture: {
    occupations: ['Architect', 'Urban designer', 'Architectural assistant'],
    seniorTitles: ['Design director', 'Principal architect'],
    employers: ['an architecture practice', 'a property developer'],
  },
  construction: {
    occupations: ['Project manager', 'Quantity surveyor', 'Site engineer'],
    seniorTitles: ['Construction director', 'Senior quantity surveyor'],
    employers: ['a main contractor', 'a property developer', 'a surveying firm'],
  },
  logistics: {
    occupations: ['Supply chain analyst', 'Freight forwarder', 'Warehouse operations manager', 'Shipping coordinator'],
    seniorTitles: ['Head of supply chain', 'Regional logistics director', 'Port operations manager'],
    employers: ['a shipping line', 'a freight forwarder', 'an air cargo company', 'a third-party logistics firm'],
  },
  design: {
    occupations: ['UX designer', 'Graphic designer', 'Product designer'],
    seniorTitles: ['Design director', 'Head of UX'],
    employers: ['a design studio', 'a digital agency', 'a fintech company'],
  },
  media: {
    occupations: ['Journalist', 'Editor', 'Video producer'],
    seniorTitles: ['Managing editor', 'Executive producer'],
    employers: ['a news organisation', 'a publishing house', 'a production company'],
  },
  marketing: {
    occupations: ['Digital marketer', 'Brand manager', 'Content strategist'],
    seniorTitles: ['Marketing director', 'Head of brand', 'Chief marketing officer'],
    employers: ['a consumer brand', 'a marketing agency', 'a hotel group'],
  },
  hospitality: {
    occupations: ['Chef', 'Hotel operations manager', 'Restaurant manager', 'Sommelier', 'Event coordinator'],
    seniorTitles: ['Executive chef', 'General manager', 'Director of food and beverage'],
    employers: ['a hotel group', 'a restaurant group', 'a members’ club'],
  },
  'public-sector': {
    occupations: ['Policy officer', 'Researcher'],
    seniorTitles: ['Senior policy adviser', 'Head of research'],
    employers: ['a public body', 'a statutory board'],
  },
  'non-profit': {
    occupations: ['Programme officer', 'Social worker', 'Fundraising officer'],
    seniorTitles: ['Programme director', 'Senior social worker', 'Executive director'],
    employers: ['a migrant support charity', 'a community centre', 'a women’s organisation', 'an ethnic minority support centre'],
  },
  'elderly-care': {
    occupations: ['Elderly caregiver', 'Nanny'],
    seniorTitles: ['Care home manager', 'Caregiver trainer'],
    employers: ['a care home', 'a home-care agency'],
  },
  'domestic-work': {
    occupations: ['Domestic helper', 'Domestic helper and caregiver', 'Domestic helper (elderly care)', 'Domestic helper (childcare)'],
    seniorTitles: ['Peer leader'],
    employers: ['a family'],
  },
};

export function careerFor(industryCode: string): Career {
  const career = CAREERS[industryCode];
  if (!career) throw new Error(`No demo careers for industry "${industryCode}".`);
  return career;
}
