import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorSaid } from '@/components/errorSaid';
import { browser } from 'wxt/browser';
import type { VeilleDB } from '@/lib/db';
import { t, tKey } from '@/lib/i18n';
import type { TopicDraft } from '@/lib/protocol';
import { LIMITS } from '@/lib/schemas';
import { ask } from '@/lib/runtime';
import { draftFromPage } from '@/lib/topic-draft';
import { TOPIC_HASH, topicAt } from '@/lib/topics';
import { withScheme } from '@/lib/web-address';
import { isXUrl } from '@/lib/x/pages';
import { useFirstLoad } from '../settling';
import { useLiveQuery } from '../useLiveQuery';
import { currentTab } from '../currentTab';

/** What the tab shows: on X the content script describes the tweet; elsewhere, the selection. */
async function describe(): Promise<TopicDraft | null> {
  const tab = await currentTab().catch(() => undefined);
  if (!tab?.id) return null;
  if (tab.url && isXUrl(tab.url)) {
    const a = (await browser.tabs.sendMessage(tab.id, { type: 'topic.describe' }).catch(() => null)) as { tweet?: TopicDraft | null; selection?: string } | null;
    return draftFromPage({ url: tab.url, title: tab.title, selection: a?.selection }, a?.tweet);
  }
  const [injected] = await browser.scripting
    .executeScript({ target: { tabId: tab.id }, func: () => getSelection()?.toString() ?? '' })
    .catch(() => [] as { result?: unknown }[]);
  const selection = typeof injected?.result === 'string' ? injected.result : '';
  return draftFromPage({ url: tab.url, title: tab.title, selection });
}

/** Quick-save of a topic in the popup: filled from the current tab, saved with Enter. */
export function QuickSave({ db }: { db: VeilleDB }) {
  const [draft, setDraft] = useState<TopicDraft | null>(null);
  /** The title the tab gave: one the CM typed instead replaces a title saved before for the address. */
  const [given, setGiven] = useState('');
  const [tags, setTags] = useState('');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  useFirstLoad(draft !== null);
  // (The tags' own index: no topic is read.)
  const used = useLiveQuery(async () => (await db.topics.orderBy('tags').uniqueKeys()).map(String).sort(), [db]);
  useEffect(() => {
    void describe().then((d) => {
      setDraft(d ?? { title: '' });
      setGiven(d?.title ?? '');
    });
  }, []);
  // The topic this address is already, if it is: saving adds to it (see `saveTopic`).
  // (As it will be saved: "nature.com/…" typed without its "https://" is the same address.)
  const url = draft?.url === undefined ? undefined : withScheme(draft.url);
  const saved = useLiveQuery(async () => (url && /^https?:\/\//i.test(url) ? ((await topicAt(db, url)) ?? null) : null), [db, url]);
  // (A hashtag longer than a tag can be is not offered as one: X's run to 60 characters, a tag to 40.)
  const suggestions = useMemo(
    () => [...new Set([...(draft?.hashtags ?? []).map((h) => h.replace(/^#/, '')).filter((h) => h.length <= LIMITS.tag), ...(used ?? [])])],
    [draft, used],
  );
  if (!draft) return null;

  async function submit(e: Event) {
    e.preventDefault();
    if (!draft) return;
    try {
      const r = await ask('topic.save', {
        ...draft,
        tags: tags.split(/[,;]/).map((x) => x.trim()).filter(Boolean),
        ...(draft.title.trim() !== given.trim() ? { retitle: true } : {}),
      });
      // A topic with a link stays in the form: saving it again (more tags, a note) updates it. One
      // without a link would be saved anew each time: the form is cleared for the next idea.
      if (r.topic && !draft.url) {
        setDraft({ title: '' });
        setGiven('');
        setTags('');
      }
      setStatus(
        r.topic
          ? { text: t(r.created ? 'topic_saved' : 'topic_updated'), error: false }
          : { text: r.issues.map((i) => tKey(i.message)).join(' '), error: true },
      );
    } catch (err) {
      setStatus({ text: errorSaid(err), error: true });
    }
  }

  return (
    <form class="quick-save" onSubmit={submit} aria-labelledby="quick-title" data-testid="quick-save">
      <h2 id="quick-title">{t('quick_title')}</h2>
      <label>
        {t('topic_title')}
        <input name="title" value={draft.title} maxLength={200} required onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })} />
      </label>
      <label>
        {t('topic_url')}
        <input name="url" type="text" inputMode="url" spellcheck={false} value={draft.url ?? ''} onInput={(e) => setDraft({ ...draft, url: e.currentTarget.value || undefined })} />
      </label>
      {saved && (
        <p class="muted small" data-testid="quick-already">
          {t('quick_already', t(`status_${saved.status}`), saved.title)}{' '}
          <a href={`${browser.runtime.getURL('/options.html')}${TOPIC_HASH}${encodeURIComponent(saved.id)}`} target="_blank" rel="noreferrer">
            {t('quick_open_topic')}
          </a>
        </p>
      )}
      {draft.sourceHandle && (
        <p class="muted small" data-testid="quick-source">
          @{draft.sourceHandle}
          {draft.hashtags?.length ? ` · ${draft.hashtags.join(' ')}` : ''}
          {draft.mediaKind && draft.mediaKind !== 'none' ? ` · ${t(`media_${draft.mediaKind}`)}` : ''}
        </p>
      )}
      <label>
        {t('field_tags')}
        <input name="tags" list="tag-suggestions" value={tags} placeholder={t('field_tags_hint')} onInput={(e) => setTags(e.currentTarget.value)} />
        <datalist id="tag-suggestions">
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </label>
      <label>
        {t('field_note')}
        <textarea
          name="note"
          rows={2}
          value={draft.note ?? ''}
          maxLength={2000}
          onInput={(e) => setDraft({ ...draft, note: e.currentTarget.value })}
          onKeyDown={(e) => {
            // Enter saves; Shift+Enter makes a new line.
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
      </label>
      <button type="submit" class="primary">
        {t('quick_save')}
      </button>
      {status && (
        <p role="status" class={status.error ? 'field-error' : 'muted small'} data-testid="quick-status">
          {status.text}
        </p>
      )}
    </form>
  );
}
