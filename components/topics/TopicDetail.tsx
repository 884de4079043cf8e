import { useState } from 'preact/hooks';
import { errorSaid } from '@/components/errorSaid';
import type { VeilleDB } from '@/lib/db';
import { countKey, t, tKey, uiLocale, type MessageKey } from '@/lib/i18n';
import type { FieldIssue } from '@/lib/partners';
import { notifyChanged } from '@/lib/runtime';
import { MEDIA_KINDS, TOPIC_STATUSES, type Topic, type TweetMetric } from '@/lib/schemas';
import { dateText } from '@/lib/time';
import { canMove, deleteTopic, draftOf, updateTopic } from '@/lib/topics';
import { composeUrl, tweetOfUrl } from '@/lib/x/pages';
import { useLiveQuery } from '../useLiveQuery';
import { useModal } from '../useModal';
import { sayCopied } from '../clipboard';

const SHOWN = ['likes', 'reposts', 'replies', 'bookmarks', 'views'] as const;

/** The figures a snapshot of the source tweet holds ("224 likes, 4 reposts, …"): those it does not know are left out, not shown as 0. */
export function engagementText(m: TweetMetric, nf: Intl.NumberFormat): string {
  return SHOWN.flatMap((k) => (m[k] === undefined || m[k] === null ? [] : [`${nf.format(m[k])} ${t(countKey(`m_${k}`, m[k]))}`])).join(', ');
}

/**
 * What Veille knows of a tweet's engagement: its latest figures seen on X, and its impressions where
 * an export gave them; nothing where it knows nothing. `label` says whose tweet it is ($1: the
 * figures, $2: the day they were seen).
 */
function TweetFigures({ db, tweetId, label, testId }: { db: VeilleDB; tweetId: string | undefined; label: MessageKey; testId: string }) {
  const metrics = useLiveQuery(async () => (tweetId ? await db.tweetMetrics.where('tweetId').equals(tweetId).sortBy('capturedAt') : []), [db, tweetId]);
  const page = metrics?.filter((m) => m.source !== 'analytics').at(-1);
  const analytics = metrics?.filter((m) => m.source === 'analytics').at(-1);
  if (!page && !analytics) return null;
  const nf = new Intl.NumberFormat(uiLocale());
  return (
    <p class="muted" data-testid={testId}>
      {page && t(label, engagementText(page, nf), dateText(page.capturedAt, uiLocale()))}
      {analytics?.impressions !== undefined && analytics.impressions !== null && `${page ? ' · ' : ''}${t('a_impressions')} ${nf.format(analytics.impressions)}`}
    </p>
  );
}

/** Edit everything about a topic, see its source tweet's stored engagement, open the source. */
export function TopicDetail({ db, topic, onClose }: { db: VeilleDB; topic: Topic; onClose(message?: string): void }) {
  const [form, setForm] = useState({
    title: topic.title,
    url: topic.url ?? '',
    tags: topic.tags.join(', '),
    note: topic.note,
    status: topic.status,
    mediaKind: topic.mediaKind ?? 'none',
    publishedUrl: topic.publishedUrl ?? '',
  });
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  /** What went wrong saving (the database's refusal). */
  const [failure, setFailure] = useState('');
  const dialog = useModal();
  const draft = draftOf({ title: form.title, sourceHandle: topic.sourceHandle, hashtags: topic.hashtags });
  const [copied, setCopied] = useState('');
  // (The published tweet's figures follow what is typed, once it is a tweet's address.)
  const published = tweetOfUrl(form.publishedUrl);
  const err = (f: string) => issues.filter((i) => i.field === f).map((i) => tKey(i.message)).join(' ');

  async function save(e: Event) {
    e.preventDefault();
    setFailure('');
    let r: Awaited<ReturnType<typeof updateTopic>>;
    try {
      r = await updateTopic(
        db,
        topic.id,
        { ...topic, title: form.title, url: form.url || undefined, note: form.note, tags: form.tags.split(/[,;]/), mediaKind: form.mediaKind, publishedUrl: form.publishedUrl },
        form.status,
      );
    } catch (err) {
      return setFailure(errorSaid(err));
    }
    if (!r.ok) return setIssues(r.issues);
    void notifyChanged('topics');
    onClose(t('topic_detail_saved'));
  }

  return (
    <dialog ref={dialog} class="topic-detail" aria-labelledby="detail-title" onClose={() => onClose()} onCancel={() => onClose()}>
      <form onSubmit={save}>
        <h2 id="detail-title">{t('topic_detail_title')}</h2>
        <label>
          {t('topic_title')}
          <input value={form.title} maxLength={200} onInput={(e) => setForm({ ...form, title: e.currentTarget.value })} aria-invalid={err('title') ? true : undefined} />
          {err('title') && <span class="field-error">{err('title')}</span>}
        </label>
        <label>
          {t('topic_url')}
          <input type="text" inputMode="url" spellcheck={false} value={form.url} onInput={(e) => setForm({ ...form, url: e.currentTarget.value })} aria-invalid={err('url') ? true : undefined} />
          {err('url') && <span class="field-error">{err('url')}</span>}
        </label>
        <label>
          {t('topic_status')}
          <select value={form.status} onChange={(e) => setForm({ ...form, status: e.currentTarget.value as Topic['status'] })}>
            {TOPIC_STATUSES.filter((s) => canMove(topic.status, s)).map((s) => (
              <option key={s} value={s}>
                {t(`status_${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('topic_media')}
          <select value={form.mediaKind} onChange={(e) => setForm({ ...form, mediaKind: e.currentTarget.value as NonNullable<Topic['mediaKind']> })}>
            {MEDIA_KINDS.map((m) => (
              <option key={m} value={m}>
                {t(`media_${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('field_tags')}
          <input value={form.tags} onInput={(e) => setForm({ ...form, tags: e.currentTarget.value })} />
          {err('tags') && <span class="field-error">{err('tags')}</span>}
        </label>
        <label>
          {t('field_note')}
          <textarea rows={3} maxLength={2000} value={form.note} onInput={(e) => setForm({ ...form, note: e.currentTarget.value })} />
        </label>
        {topic.text && (
          <blockquote class="tweet-text">
            {topic.sourceHandle && <strong>@{topic.sourceHandle} </strong>}
            {topic.text}
          </blockquote>
        )}
        <TweetFigures db={db} tweetId={topic.sourceTweetId} label="topic_engagement" testId="topic-engagement" />
        <label>
          {t('topic_published_url')}
          <input
            type="text"
            inputMode="url"
            spellcheck={false}
            placeholder="https://x.com/…/status/…"
            value={form.publishedUrl}
            onInput={(e) => setForm({ ...form, publishedUrl: e.currentTarget.value })}
            aria-invalid={err('publishedUrl') ? true : undefined}
          />
          {err('publishedUrl') && <span class="field-error">{err('publishedUrl')}</span>}
        </label>
        <TweetFigures db={db} tweetId={published?.tweetId} label="topic_published_engagement" testId="topic-published-engagement" />
        {issues.some((i) => i.field === 'status' || i.field === '') && <p class="field-error">{issues.map((i) => tKey(i.message)).join(' ')}</p>}
        {failure && (
          <p class="field-error" role="alert">
            {failure}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary">
            {t('save')}
          </button>
          <button type="button" onClick={() => onClose()}>
            {t('cancel')}
          </button>
          {topic.url && (
            <a href={topic.url} target="_blank" rel="noreferrer">
              {t('topic_open_source')}
            </a>
          )}
          {/* (X's composer on a first draft of the post, from what the form says now; or the draft
              copied, for a scheduling tool.) */}
          <a href={composeUrl(draft, form.url.trim() || undefined)} target="_blank" rel="noreferrer">
            {t('topic_draft_post')}
          </a>
          <button
            type="button"
            onClick={() => sayCopied(navigator.clipboard.writeText([draft, form.url.trim()].filter(Boolean).join(' ')), t('topic_draft_copied'), setCopied)}
          >
            {t('topic_draft_copy')}
          </button>
          <span role="status" class="muted" aria-live="polite">
            {copied}
          </span>
          <button
            type="button"
            class="danger"
            onClick={async () => {
              if (!confirm(t('topic_confirm_delete'))) return;
              await deleteTopic(db, topic.id);
              void notifyChanged('topics');
              onClose(t('topic_deleted'));
            }}
          >
            {t('delete')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
