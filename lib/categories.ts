/**
 * Partner categories, from the institute's own list of partners. Free of zod so that the content
 * script can use them.
 */
export const PARTNER_CATEGORIES = [
  'academic',
  'industry',
  'journal',
  'public_authority',
  'media',
  'institution',
  'other',
] as const;
export type PartnerCategory = (typeof PARTNER_CATEGORIES)[number];

/** One colour per category, readable as white text on it, in X's light, dim and dark themes. */
export const CATEGORY_COLORS: Record<PartnerCategory, string> = {
  academic: '#1d6fb8',
  industry: '#8a5a00',
  journal: '#7b3fa0',
  public_authority: '#0b7a5a',
  media: '#b3261e',
  institution: '#374151',
  other: '#5b6470',
};

/** The i18n key of a category's label. */
export function categoryLabelKey(c: PartnerCategory): `cat_${PartnerCategory}` {
  return `cat_${c}`;
}
