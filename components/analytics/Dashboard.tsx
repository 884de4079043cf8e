import { useState } from 'preact/hooks';
import { sparkPath } from './chart';
import type { VeilleDB } from '@/lib/db';
import type { DayFigures } from '@/lib/schemas';
import { bandLabel, changeText, percent, signed, type Bucket, type Dashboard as DashboardFigures, type Period, type Timing, type TimingRow } from '@/lib/dashboard';
import { categoryLabelKey } from '@/lib/categories';
import { downloadText } from '@/components/download';
import { spreadsheetSeparator } from '@/lib/csv';
import { dashboardCsv, seenCsv } from '@/lib/dashboard-csv';
import { browserLocale, t, tCount, tKey, uiLocale } from '@/lib/i18n';
import { dateText, localDayOf, weekdayName } from '@/lib/time';
import { SEEN_COUNTS, TOP_COUNTS, loadSeenList, loadSeenOnX, seenFigures } from '@/lib/seen';
import { errorSaid } from '@/components/errorSaid';
import { DateRange } from '@/components/DateRange';
import { touchesTables } from '@/lib/watch';
import { useWatchedQuery } from '../useLiveQuery';
import { TopList } from './TopList';
import { printAlone } from '../print';
import { CategoryBadge } from '@/components/CategoryBadge';
import { useDashboard } from './useDashboard';

/** The quick ranges: the last days of the data (its latest tweet's day included), or all of it. */
const PRESETS = [
  { days: 28, label: 'dash_last_28' },
  { days: 91, label: 'dash_last_3m' },
  { days: 365, label: 'dash_last_12m' },
  { days: 0, label: 'dash_all' },
] as const;

/** The widest a bar of the charts is drawn, in the chart's 640 units. */
const MAX_BAR = 40;

/** Impressions as bars and the engagement rate as a line, per period, with a legend that gives each one's scale. */
function Chart({ series, nf, pct, testId }: { series: Bucket[]; nf: Intl.NumberFormat; pct(x: number): string; testId?: string }) {
  if (!series.length) return null;
  const w = 640;
  const h = 160;
  const maxI = Math.max(1, ...series.map((b) => b.impressions));
  const maxR = Math.max(0.0001, ...series.map((b) => b.rate));
  const bw = w / series.length;
  // A bar fills its period, less a gap, up to a width: one or two periods stand as bars, centred,
  // not as a chart filled with blue.
  const barW = Math.max(1, Math.min(bw - 2, MAX_BAR));
  // Periods without tweets have a bar of zero and no rate: the rate's line breaks there (a period
  // between two gaps is a short dash).
  const runs: [number, number][][] = [];
  series.forEach((b, i) => {
    if (!b.tweets) return;
    const point: [number, number] = [i * bw + bw / 2, h - (b.rate / maxR) * (h - 8)];
    if (i && series[i - 1]!.tweets) runs.at(-1)!.push(point);
    else runs.push([point]);
  });
  const ratePath = runs.map((run) => sparkPath(run.length > 1 ? run : [[run[0]![0] - 3, run[0]![1]], [run[0]![0] + 3, run[0]![1]]])).join(' ');
  // (A period is named by its first day, or its month.)
  const when = (key: string) => dateText(key, uiLocale(), key.length === 7 ? 'month' : 'day');
  const bucketText = (b: Bucket) => t('dash_bucket', when(b.key), tCount('n_impressions', b.impressions), tCount('n_engagements', b.engagements), pct(b.rate));
  const label = series.flatMap((b) => (b.tweets ? [bucketText(b)] : [])).join('; ');
  // The chart stretches to the page's width at a fixed height; its dates are written below it, in
  // the page's text size (in the drawing, they would grow with it).
  return (
    <figure class="dash-chart" data-testid={testId}>
      <div class="legend" aria-hidden="true">
        <span>
          <i class="key bar" /> {t('dash_legend_impressions', nf.format(maxI))}
        </span>
        <span>
          <i class="key rate" /> {t('dash_legend_rate', pct(maxR))}
        </span>
      </div>
      <svg viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" role="img" aria-label={label}>
        {series.map((b, i) => (
          <rect key={b.key} x={i * bw + (bw - barW) / 2} y={h - (b.impressions / maxI) * h} width={barW} height={(b.impressions / maxI) * h} class="bar">
            <title>{bucketText(b)}</title>
          </rect>
        ))}
        <path d={ratePath} class="rate" />
      </svg>
      <figcaption aria-hidden="true">
        <span>{when(series[0]!.key)}</span>
        <span>{when(series.at(-1)!.key)}</span>
      </figcaption>
    </figure>
  );
}

/** A period's tweets in a line: "2 tweets · 144 impressions · 1 engagement · engagement rate 0.7 %". */
function totalsText(b: Bucket, pct: (x: number) => string): string {
  return tCount('dash_totals', b.tweets, tCount('n_impressions', b.impressions), tCount('n_engagements', b.engagements), pct(b.rate));
}

/** The period's tweets against those of the as many days just before it: how much more (or less) they reached. */
function Previous({ previous, totals, nf, pct }: { previous: NonNullable<DashboardFigures['previous']>; totals: Bucket; nf: Intl.NumberFormat; pct(x: number): string }) {
  const p = previous.totals;
  return (
    <p class="muted" data-testid="dash-previous">
      {tCount(
        'dash_previous',
        previous.days,
        dateText(previous.from, uiLocale()),
        dateText(previous.to - 1, uiLocale()),
        changeText(nf, p.impressions, totals.impressions),
        changeText(nf, p.engagements, totals.engagements),
        `${pct(p.rate)} → ${pct(totals.rate)}`,
        tCount('dash_tweets', p.tweets),
        tCount('n_impressions', p.impressions),
      )}
    </p>
  );
}

/** A table of the period's tweets by slot of time, the best slot (of 3 tweets or more) marked. */
function TimingTable({ caption, rows, label, nf, pct }: { caption: string; rows: TimingRow[]; label(key: number): string; nf: Intl.NumberFormat; pct(x: number): string }) {
  const counted = rows.filter((r) => r.tweets >= 3);
  const best = counted.length > 1 ? counted.reduce((a, b) => (b.medianImpressions > a.medianImpressions ? b : a)) : null;
  return (
    <table class="dash-timing">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">
            <span class="sr-only">{caption}</span>
          </th>
          <th scope="col">{t('dash_timing_tweets')}</th>
          <th scope="col">{t('dash_timing_median')}</th>
          <th scope="col">{t('dash_timing_rate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} class={r === best ? 'best' : undefined}>
            <th scope="row">
              <span>{label(r.key)}</span>
              {r === best && (
                <>
                  {' '}
                  <span class="muted">· {t('dash_timing_best')}</span>
                </>
              )}
            </th>
            <td>{nf.format(r.tweets)}</td>
            <td>{r.tweets ? nf.format(r.medianImpressions) : '—'}</td>
            <td>{r.tweets ? pct(r.rate) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** When the period's tweets went furthest: by day of the week and by band of hours (local time). */
function TimingOf({ timing, nf, pct }: { timing: Timing; nf: Intl.NumberFormat; pct(x: number): string }) {
  const locale = uiLocale();
  return (
    <div class="dash-timing-block" data-testid="dash-timing">
      <h3>{t('dash_timing')}</h3>
      <p class="muted note">{t('dash_timing_help')}</p>
      <TimingTable caption={t('dash_timing_days')} rows={timing.weekdays} label={(d) => weekdayName(d, locale)} nf={nf} pct={pct} />
      <TimingTable caption={t('dash_timing_hours')} rows={timing.hours} label={bandLabel} nf={nf} pct={pct} />
    </div>
  );
}

/**
 * The followers the account gained (and lost, where the export says it: the X Premium overview) over
 * the period's days; nothing where the exports say neither.
 */
function Follows({ days, nf }: { days: DayFigures[]; nf: Intl.NumberFormat }) {
  const gained = days.reduce((n, x) => n + (x.newFollows ?? 0), 0);
  const lost = days.reduce((n, x) => n + (x.unfollows ?? 0), 0);
  if (days.some((x) => x.unfollows !== undefined)) {
    const net = gained - lost;
    return (
      <>
        <br />
        {t('dash_days_followers', nf.format(gained), nf.format(lost), signed(nf, net))}
      </>
    );
  }
  if (!days.some((x) => x.newFollows !== undefined)) return null;
  return (
    <>
      <br />
      {t('dash_days_new_followers', nf.format(gained))}
    </>
  );
}

/**
 * The institution's tweets of the period as the CM saw them on X (see lib/seen.ts), by their latest
 * counts: read in the page (they are few), again at once when partners or settings change, and at
 * most every 30 s for the captures written while the CM browses X. Nothing where the institution
 * has no account among the partners, or the account chosen is not one of them.
 */
function SeenOnX({ db, from, to, account, nf }: { db: VeilleDB; from: number; to: number; account: string | null; nf: Intl.NumberFormat }) {
  const seen = useWatchedQuery(
    () => loadSeenOnX(db, from, to, 5, account),
    (parts) => touchesTables(parts, db.name, ['partners', 'settings']),
    [db, from, to, account],
    0,
    { affects: (parts) => touchesTables(parts, db.name, ['tweetMetrics']), gapMs: 30_000 },
  );
  const [failed, setFailed] = useState('');
  if (!seen?.accounts.length) return null;
  const locale = uiLocale();
  /** Every tweet of the period seen on X, a row each (the section shows the five most viewed). */
  const exportSeen = async () => {
    try {
      const csv = seenCsv(await loadSeenList(db, from, to, account), tKey, spreadsheetSeparator(browserLocale()));
      setFailed('');
      downloadText(`veille-seen-on-x-${account ? `${account}-` : ''}${localDayOf(from)}-${localDayOf(to - 1)}.csv`, csv, 'text/csv;charset=utf-8');
    } catch (e) {
      setFailed(errorSaid(e));
    }
  };
  return (
    <div class="dash-seen" data-testid="dash-seen">
      <h3>{t('dash_seen')}</h3>
      <p class="muted note">{t('dash_seen_help')}</p>
      {!seen.capturing && <p class="muted">{t('report_seen_capture_off')}</p>}
      {seen.tweets ? (
        <>
          <p data-testid="dash-seen-totals">
            {tCount('dash_seen_totals', seen.tweets, seenFigures(seen, SEEN_COUNTS, tKey, locale, ' · '))}
            {seen.approximate && <span class="muted"> {t('report_seen_approximate')}</span>}
          </p>
          <TopList sub title={t('dash_seen_top')} rows={seen.top} figure={(x) => `@${x.authorHandle} · ${seenFigures(x, TOP_COUNTS, tKey, locale, ' · ')}`} />
          <button type="button" onClick={() => void exportSeen()}>
            {t('dash_seen_export')}
          </button>
          {failed && (
            <p role="alert" class="status error">
              {failed}
            </p>
          )}
        </>
      ) : (
        <p class="muted">{t('dash_seen_none')}</p>
      )}
    </div>
  );
}

/** The followers of the institution's accounts over the period, from their profiles' snapshots. */
function Followers({ followers, nf }: { followers: DashboardFigures['followers']; nf: Intl.NumberFormat }) {
  return (
    <div data-testid="dash-followers">
      <h3>{t('dash_followers')}</h3>
      {followers.length === 0 ? (
        <p class="muted">{t('dash_followers_none')}</p>
      ) : (
        <ul>
          {followers.map((f) => (
            <li key={f.handle}>
              @{f.handle}: {nf.format(f.points[0]!.followers)} → {nf.format(f.points.at(-1)!.followers)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The impact dashboard: the institute's engagement for a chosen period. */
export function Dashboard({ db }: { db: VeilleDB }) {
  // A range the CM typed (null: the preset's), the preset last chosen (0: all), and the grouping
  // chosen (null: the one that suits the range).
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [preset, setPreset] = useState<number>(0);
  const [chosenBy, setBy] = useState<Period | null>(null);
  /** One account's tweets, or all (null). */
  const [account, setAccount] = useState<string | null>(null);
  // (Read and computed in the page's dashboard worker: see useDashboard.)
  const answer = useDashboard(db, { range, preset, by: chosenBy, account });
  if (!answer) return null;
  if ('error' in answer) {
    return (
      <section aria-labelledby="dash-title" class="dashboard">
        <h2 id="dash-title">{t('dash_title')}</h2>
        <p class="status error" role="alert" data-testid="dash-error">
          {t('err_unexpected', answer.error)}
        </p>
      </section>
    );
  }
  const { view, dashboard: d, accounts, unnamedDays } = answer;
  // (An account whose tweets are gone since it was chosen: the worker gave all of them, and so does the menu.)
  const shownAccount = account !== null && accounts.includes(account) ? account : null;
  const span = view.span;
  // (What the CM typed or picked shows at once, before the figures for it come.)
  const r = range ?? view.range;
  const by = chosenBy ?? view.by;
  const nf = new Intl.NumberFormat(uiLocale());
  const pct = (x: number) => percent(nf, x);

  return (
    <section aria-labelledby="dash-title" class="dashboard">
      <h2 id="dash-title">{t('dash_title')}</h2>
      <div class="toolbar">
        <div role="group" aria-label={t('dash_presets')} class="presets">
          {PRESETS.map((p) => (
            <button
              key={p.days}
              type="button"
              aria-pressed={!range && preset === p.days}
              onClick={() => {
                setRange(null);
                setPreset(p.days);
                setBy(null);
              }}
            >
              {t(p.label)}
            </button>
          ))}
        </div>
        <DateRange from={r.from} to={r.to} onFrom={(from) => setRange({ ...r, from: from || span.from })} onTo={(to) => setRange({ ...r, to: to || span.to })} />
        <label class="inline">
          {t('dash_by')}
          <select value={by} onChange={(e) => setBy(e.currentTarget.value as Period)}>
            <option value="day">{t('dash_by_day')}</option>
            <option value="week">{t('dash_by_week')}</option>
            <option value="month">{t('dash_by_month')}</option>
          </select>
        </label>
        {/* (Where the exports of several accounts were imported: one of them, or all.) */}
        {accounts.length > 1 && (
          <label class="inline">
            {t('dash_account')}
            <select value={shownAccount ?? ''} onChange={(e) => setAccount(e.currentTarget.value || null)}>
              <option value="">{t('dash_all_accounts')}</option>
              {accounts.map((h) => (
                <option key={h} value={h}>
                  @{h}
                </option>
              ))}
            </select>
          </label>
        )}
        {(d.totals.tweets > 0 || d.days.length > 0) && (
          <button
            type="button"
            onClick={() =>
              downloadText(`veille-impact-${shownAccount ? `${shownAccount}-` : ''}${view.range.from}-${view.range.to}.csv`, dashboardCsv(d, view.range, view.by, tKey, spreadsheetSeparator(browserLocale()), uiLocale()), 'text/csv;charset=utf-8')
            }
          >
            {t('dash_export_csv')}
          </button>
        )}
        {(d.totals.tweets > 0 || d.days.length > 0) && (
          <button type="button" onClick={() => printAlone(document.querySelector('section.dashboard'))}>
            {t('report_print')}
          </button>
        )}
      </div>
      {view.imported && <p class="muted note">{t('dash_presets_note', dateText(span.to, uiLocale()))}</p>}
      {r.from > r.to ? (
        <p class="empty" role="alert" data-testid="dash-inverted">
          {t('range_inverted')}
        </p>
      ) : d.totals.tweets === 0 && d.days.length === 0 ? (
        <>
          <p class="empty">{t('dash_empty')}</p>
          {/* (What Veille saw of the institution's own profiles needs no export.) */}
          {d.followers.length > 0 && (
            <div class="dash-grid">
              <Followers followers={d.followers} nf={nf} />
            </div>
          )}
        </>
      ) : (
        <>
          {/* (The account's days alone, as from an account overview: no tweet to rank or count.) */}
          {d.totals.tweets === 0 ? (
            <p class="muted" data-testid="dash-totals">
              {t('dash_no_tweets')}
            </p>
          ) : (
            <>
              <p class="totals" data-testid="dash-totals">
                {totalsText(d.totals, pct)}
              </p>
              {d.previous && <Previous previous={d.previous} totals={d.totals} nf={nf} pct={pct} />}
              <Chart series={d.series} nf={nf} pct={pct} />
            </>
          )}
          {/* (The account's own figures per day, from the per-day exports: what it reached, all tweets together.) */}
          {d.days.length > 0 && (
            <div class="dash-days">
              <h3>{t('dash_account_days')}</h3>
              {/* (Several accounts' days, none chosen: what the figures are.) */}
              {accounts.length > 1 && shownAccount === null && <p class="muted">{t('dash_days_of_all')}</p>}
              {/* (Days stored before Veille asked whose they were, when it could not tell: how to name them.) */}
              {unnamedDays > 0 && shownAccount === null && (
                <p class="muted" data-testid="dash-unnamed-days">
                  {tCount('dash_unnamed_days', unnamedDays)}
                </p>
              )}
              <p data-testid="dash-days">
                {tCount(
                  'dash_days_totals',
                  d.days.length,
                  tCount('n_impressions', d.days.reduce((n, x) => n + (x.impressions ?? 0), 0)),
                  tCount('n_engagements', d.days.reduce((n, x) => n + (x.engagements ?? 0), 0)),
                )}
                <Follows days={d.days} nf={nf} />
              </p>
              <Chart series={d.daySeries} nf={nf} pct={pct} testId="dash-days-chart" />
            </div>
          )}
          {/* (Several accounts together: each one's figures, to compare them.) */}
          {d.byAccount.length > 0 && (
            <div class="dash-accounts">
              <h3 id="dash-by-account">{t('dash_by_account')}</h3>
              <table aria-labelledby="dash-by-account" data-testid="dash-by-account">
                <thead>
                  <tr>
                    <th scope="col">{t('dash_account')}</th>
                    <th scope="col">{t('dash_by_account_tweets')}</th>
                    <th scope="col">{t('dash_account_days')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.byAccount.map((a) => (
                    <tr key={a.account}>
                      <th scope="row">@{a.account}</th>
                      <td>{a.tweets.tweets ? totalsText(a.tweets, pct) : '—'}</td>
                      <td>{a.days.tweets ? tCount('dash_days_totals', a.days.tweets, tCount('n_impressions', a.days.impressions), tCount('n_engagements', a.days.engagements)) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div class="dash-grid">
            {d.totals.tweets > 0 && (
              <>
                <TopList
                  title={t('dash_top_rate')}
                  note={d.rateFloor > 1 ? t('dash_rate_floor', nf.format(d.rateFloor)) : undefined}
                  rows={d.topByRate}
                  figure={(x) => `${pct(x.rate)} · ${nf.format(x.impressions)} ${t('a_impressions').toLowerCase()}`}
                />
                <TopList title={t('dash_top_impressions')} rows={d.topByImpressions} figure={(x) => `${nf.format(x.impressions)} · ${pct(x.rate)}`} />
                <div>
                  <h3>{t('dash_mentions')}</h3>
                  <table class="dash-mentions">
                    {/* (What the figures are: the rate, alone, said nothing.) */}
                    <thead>
                      <tr>
                        <th scope="col">
                          <span class="sr-only">{t('dash_mentions')}</span>
                        </th>
                        <th scope="col">{t('dash_timing_tweets')}</th>
                        <th scope="col">{t('dash_timing_rate')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.mentions.map((m) => (
                        <tr key={m.category}>
                          <th scope="row">{m.category === 'none' ? t('dash_no_partner') : t(categoryLabelKey(m.category))}</th>
                          <td>{nf.format(m.bucket.tweets)}</td>
                          <td>{pct(m.bucket.rate)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {d.mentioned.length > 0 && (
                    <table class="mentioned" data-testid="dash-mentioned">
                      <caption>{t('dash_mentioned')}</caption>
                      <tbody>
                        {d.mentioned.map((m) => (
                          <tr key={m.handle}>
                            <th scope="row">
                              <CategoryBadge category={m.category} />{' '}
                              <a href={`https://x.com/${m.handle}`} target="_blank" rel="noreferrer" title={m.name || undefined}>
                                @{m.handle}
                              </a>
                            </th>
                            <td>{tCount('dash_tweets', m.bucket.tweets)}</td>
                            <td>{pct(m.bucket.rate)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </div>
                {d.timing && <TimingOf timing={d.timing} nf={nf} pct={pct} />}
                {d.media && (
                  <div data-testid="dash-media">
                    <h3>{t('dash_media')}</h3>
                    <p>
                      {tCount('dash_media_with', d.media.withMedia.tweets, pct(d.media.withMedia.rate))}
                      <br />
                      {tCount('dash_media_without', d.media.without.tweets, pct(d.media.without.rate))}
                    </p>
                    {d.media.unknown > 0 && <p class="muted small">{tCount('dash_media_unknown', d.media.unknown)}</p>}
                  </div>
                )}
              </>
            )}
            <Followers followers={d.followers} nf={nf} />
          </div>
        </>
      )}
      <SeenOnX db={db} from={view.from} to={view.to} account={shownAccount} nf={nf} />
    </section>
  );
}
