import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { parseCsvExport } from '@/lib/analytics';
const F = '../shared/fixtures/analytics/';
const show = (label: string, text: string) => {
  try {
    const p = parseCsvExport(text);
    console.log(label, p.format, 'tweets', p.tweets.length, 'days', p.days.length, 'errors', JSON.stringify(p.errors.slice(0, 3)));
  } catch (e) {
    console.log(label, 'REFUSED', (e as Error).message, JSON.stringify((e as { errors?: unknown }).errors ?? ''));
  }
};
it('probe', () => {
  const legacy = readFileSync(F + 'tweet_activity_metrics_rOpenSci_20190101_20190201_en.csv', 'utf8');
  const lines = legacy.split('\n');
  show('orig', legacy);
  // truncated last line
  show('trunc', legacy.slice(0, legacy.length - 200));
  // negative impressions
  show('neg', legacy.replace(/","(\d+)\.0","/, '","-5.0","'));
  // thousand sep
  const content = readFileSync(F + 'account_analytics_content_2026-08-10_2026-08-16.csv', 'utf8');
  show('content', content);
  console.log(content.split('\n').slice(0, 2).join('\n').slice(0, 500));
  show('content-dup', content + content.split('\n').slice(1, 2).join('\n'));
  const daily = readFileSync(F + 'daily_tweet_activity_metrics_LisaDeBruine_20210801_20210901_en.csv', 'utf8');
  show('daily', daily);
  show('daily-dup', daily.trimEnd() + '\n' + daily.split('\n')[1]);
  show('empty', '');
  show('header only', lines[0]!);
  show('semicolon', legacy.split('\n').slice(0,1).join('').replace(/","/g, '";"'));
});
