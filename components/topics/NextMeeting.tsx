import type { VeilleDB } from '@/lib/db';
import { t, uiLocale } from '@/lib/i18n';
import { nextMeeting } from '@/lib/meeting';
import { getSettings } from '@/lib/settings';
import { useLiveQuery } from '../useLiveQuery';
import { useToday } from '../useToday';

/**
 * When the next weekly meeting is (see lib/meeting.ts); where none is set, where to set it (with a
 * link to the dashboard's settings, from the popup too).
 */
export function NextMeeting({ db, settingsUrl = '#settings' }: { db: VeilleDB; settingsUrl?: string }) {
  const settings = useLiveQuery(() => getSettings(db), [db]);
  // (Read again at midnight: today's meeting becomes a past one.)
  useToday();
  if (!settings) return null;
  const at = nextMeeting(settings, Date.now());
  if (at === null) {
    return (
      <p class="muted small" data-testid="next-meeting">
        <a href={settingsUrl} target={settingsUrl.startsWith('#') ? undefined : '_blank'} rel="noreferrer">
          {t('next_meeting_none')}
        </a>
      </p>
    );
  }
  const when = new Intl.DateTimeFormat(uiLocale(), { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(at);
  return (
    <p class="muted small" data-testid="next-meeting">
      {t('next_meeting', when)}
    </p>
  );
}
