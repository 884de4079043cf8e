/**
 * The topics as a CSV table, for the CM's own records (a year's topics, what was published and
 * when): in the CM's words, every cell escaped for spreadsheets, separated as their spreadsheet
 * reads (see `spreadsheetSeparator`).
 */
import { toCsv } from './csv';
import type { ReportWords } from './report';
import type { PartnerCategory, Topic } from './schemas';
import { localDayOf } from './time';

/** One row per topic, the latest saved first; `categoryOf` gives the category of a partner by handle. */
export function topicsCsv(topics: readonly Topic[], categoryOf: (handle: string) => PartnerCategory | undefined, w: ReportWords, delimiter: ',' | ';' = ','): string {
  const rows = [...topics]
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((t) => {
      const category = t.sourceHandle ? categoryOf(t.sourceHandle) : undefined;
      return [
        w(`status_${t.status}`),
        t.title,
        t.url ?? '',
        // (The account's address: "@…" would be escaped as a formula, and show its "'".)
        t.sourceHandle ? `https://x.com/${t.sourceHandle}` : '',
        category ? w(`cat_${category}`) : '',
        w(`media_${t.mediaKind ?? 'none'}`),
        t.tags.join(';'),
        t.hashtags.join(' '),
        t.note,
        localDayOf(t.createdAt),
        t.publishedAt === undefined ? '' : localDayOf(t.publishedAt),
        t.publishedUrl ?? '',
      ];
    });
  const header = [
    w('report_col_status'),
    w('report_col_title'),
    w('report_col_url'),
    w('report_col_source'),
    w('topics_col_category'),
    w('report_col_media'),
    w('report_col_tags'),
    w('topics_col_hashtags'),
    w('report_col_note'),
    w('topics_col_saved'),
    w('topics_col_published'),
    w('topics_col_published_url'),
  ];
  return toCsv(header, rows, delimiter);
}
