/**
 * Nationalities are ISO 3166-1 alpha-2 codes in upper case ('VN', 'JP'), checked by @IsCountryCode().
 * A stateless person (người không quốc tịch) has none.
 */
export const VIETNAM = 'VN';
