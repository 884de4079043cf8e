import { describe, expect, it } from 'vitest';
import { parseArchive, parseCsvExport } from '@/lib/analytics';
import { viewOf } from '@/lib/dashboard';
import { LEGACY_EN } from '../fixtures/analytics';

// West of Greenwich, a tweet posted after midnight UTC is on the CM's day before.
process.env.TZ = 'America/New_York';

describe("an export's period, on the CM's days", () => {
  it("gives a tweet's day as the dashboard places it, not Greenwich's", () => {
    const lateTweet = LEGACY_EN.replace('2026-11-13 10:00 +0000', '2026-11-14 02:30 +0000');
    const r = parseCsvExport(lateTweet);
    expect(r.errors).toEqual([]);
    // 02:30 UTC on Nov 14 is 21:30 on Nov 13 in New York.
    expect(r.period).toEqual({ from: '2026-11-12', to: '2026-11-13' });
    const span = viewOf({ first: r.tweets[0]!.postedAt!, last: r.tweets[1]!.postedAt! }, { range: null, preset: 0, by: null }).span;
    expect(span).toEqual(r.period);
  });

  it('keeps the date an account overview writes for its days', () => {
    const daily = ['"Date","Tweets published","impressions","engagements","engagement rate","retweets","replies","likes"', '"2021-08-01","0","1088","13","0.0119","0","0","2"', '"2021-08-02","1","900","10","0.0111","0","0","1"'].join('\n');
    expect(parseCsvExport(daily).period).toEqual({ from: '2021-08-01', to: '2021-08-02' });
  });

  it("dates an archive's tweets on the CM's days", () => {
    const archive = `window.YTD.tweets.part0 = [ { "tweet": { "id_str": "1588091220244369409", "created_at": "Thu Nov 03 01:50:26 +0000 2022", "full_text": "Avec @UnivNantes", "favorite_count": "12", "retweet_count": "3" } } ]`;
    expect(parseArchive(archive).period).toEqual({ from: '2022-11-02', to: '2022-11-02' });
  });

  it('has none when no row could be read', () => {
    const broken = LEGACY_EN.split('\n').map((line, i) => (i ? line.replace(/"2026-11-1\d [^"]+"/, '"someday"') : line)).join('\n');
    const r = parseCsvExport(broken);
    expect(r.errors).toHaveLength(2);
    expect(r.period).toBeNull();
  });
});
