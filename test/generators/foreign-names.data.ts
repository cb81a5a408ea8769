// Foreign spouses and parents in records with a foreign element, by nationality (ISO 3166-1
// alpha-2). The Vietnamese records write them as in the passport, in Latin letters. Order says
// where the family name is: East Asian names put it first, Western names last.

export interface ForeignNaming {
  readonly country: string;
  readonly order: 'FAMILY_FIRST' | 'GIVEN_FIRST';
  readonly familyNames: readonly string[];
  readonly givenNames: { readonly MALE: readonly string[]; readonly FEMALE: readonly string[] };
  /** The civil registry that registers births, marriages and deaths. */
  readonly authority: string;
  /** The court that decides divorces, annulments, adoptions and parentage. */
  readonly court: string;
}

export const FOREIGN_NAMING: readonly ForeignNaming[] = [
  {
    country: 'KR',
    order: 'FAMILY_FIRST',
    familyNames: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang'],
    givenNames: {
      MALE: ['Min Jun', 'Ji Hoon', 'Young Ho', 'Sung Min'],
      FEMALE: ['Seo Yeon', 'Ji Woo', 'Min Ji', 'Soo Jin'],
    },
    authority: 'Seoul Gangnam-gu Office',
    court: 'Seoul Family Court',
  },
  {
    country: 'CN',
    order: 'FAMILY_FIRST',
    familyNames: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang'],
    givenNames: { MALE: ['Wei', 'Qiang', 'Jun', 'Lei'], FEMALE: ['Na', 'Fang', 'Min', 'Jing'] },
    authority: 'Nanning Civil Affairs Bureau',
    court: "Nanning Intermediate People's Court",
  },
  {
    country: 'TW',
    order: 'FAMILY_FIRST',
    familyNames: ['Chen', 'Lin', 'Huang', 'Chang', 'Wu'],
    givenNames: { MALE: ['Chih Wei', 'Chun Hung', 'Cheng Han'], FEMALE: ['Mei Ling', 'Shu Fen', 'Ya Ting'] },
    authority: 'Taipei Da-an District Household Registration Office',
    court: 'Taiwan Taipei District Court',
  },
  {
    country: 'JP',
    order: 'FAMILY_FIRST',
    familyNames: ['Tanaka', 'Sato', 'Suzuki', 'Takahashi', 'Watanabe'],
    givenNames: {
      MALE: ['Hiroshi', 'Kenta', 'Takuya', 'Daiki'],
      FEMALE: ['Yuki', 'Aiko', 'Haruka', 'Misaki'],
    },
    authority: 'Tokyo Shinjuku City Office',
    court: 'Tokyo Family Court',
  },
  {
    country: 'US',
    order: 'GIVEN_FIRST',
    familyNames: ['Smith', 'Johnson', 'Brown', 'Davis', 'Miller', 'Wilson'],
    givenNames: {
      MALE: ['John', 'Michael', 'David', 'James'],
      FEMALE: ['Jennifer', 'Emily', 'Sarah', 'Jessica'],
    },
    authority: 'Orange County Clerk-Recorder, California',
    court: 'Superior Court of California, County of Orange',
  },
  {
    country: 'AU',
    order: 'GIVEN_FIRST',
    familyNames: ['Taylor', 'Williams', 'Jones', 'Martin'],
    givenNames: { MALE: ['Jack', 'Thomas', 'Liam'], FEMALE: ['Olivia', 'Chloe', 'Emma'] },
    authority: 'NSW Registry of Births, Deaths and Marriages',
    court: 'Federal Circuit and Family Court of Australia',
  },
  {
    country: 'DE',
    order: 'GIVEN_FIRST',
    familyNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer'],
    givenNames: { MALE: ['Lukas', 'Jonas', 'Felix'], FEMALE: ['Anna', 'Lena', 'Marie'] },
    authority: 'Standesamt Berlin-Lichtenberg',
    court: 'Amtsgericht Berlin-Pankow',
  },
];
