import { render, type ComponentChildren } from 'preact';
import '@/components/theme.css';
import './style.css';
import { getDb } from '@/lib/db';
import { t, uiLocale, type MessageKey } from '@/lib/i18n';
import { GettingStarted } from '@/components/GettingStarted';
import { HealthBanner } from '@/components/HealthBanner';
import { UnsaidError } from '@/components/UnsaidError';
import { XAccessBanner } from '@/components/XAccessBanner';
import { PartnersPanel } from '@/components/partners/PartnersPanel';
import { SettingsPanel } from '@/components/SettingsPanel';
import { VeilleHistory } from '@/components/veille/VeilleHistory';
import { RoundEditor } from '@/components/veille/Round';
import { Board } from '@/components/topics/Board';
import { Emerging } from '@/components/topics/Emerging';
import { PartnersToRelay } from '@/components/topics/PartnersToRelay';
import { WeeklyReport } from '@/components/topics/WeeklyReport';
import { ImportPanel } from '@/components/analytics/ImportPanel';
import { Dashboard } from '@/components/analytics/Dashboard';
import { BackupPanel } from '@/components/BackupPanel';
import { WhenNear } from '@/components/WhenNear';
import { refuseStrayDrops } from '@/components/useFileDrop';

function App() {
  const db = getDb();
  /** The dashboard's sections, in the order of the page and of its navigation. */
  const sections: { id: string; label: MessageKey; content: ComponentChildren }[] = [
    { id: 'partners', label: 'nav_partners', content: <PartnersPanel db={db} /> },
    { id: 'topics', label: 'nav_topics', content: [<Board key="b" db={db} />, <Emerging key="e" db={db} />, <PartnersToRelay key="r" db={db} />] },
    { id: 'report', label: 'nav_report', content: <WeeklyReport db={db} /> },
    {
      id: 'analytics',
      label: 'nav_analytics',
      content: [
        <ImportPanel key="i" db={db} />,
        <WhenNear key="d" minHeight={600}>
          <Dashboard db={db} />
        </WhenNear>,
      ],
    },
    { id: 'veille', label: 'nav_veille', content: [<RoundEditor key="r" db={db} />, <VeilleHistory key="h" db={db} />] },
    { id: 'backup', label: 'nav_backup', content: <BackupPanel db={db} /> },
    { id: 'settings', label: 'nav_settings', content: <SettingsPanel db={db} /> },
  ];
  document.title = t('options_title');
  document.documentElement.lang = uiLocale();
  return (
    <>
      <header class="top">
        <h1>{t('extName')}</h1>
        <nav aria-label="Veille">
          {sections.map((x) => (
            <a key={x.id} href={`#${x.id}`}>
              {t(x.label)}
            </a>
          ))}
        </nav>
      </header>
      <XAccessBanner />
      <HealthBanner db={db} />
      <GettingStarted db={db} />
      <main>
        {sections.map((x) => (
          <div key={x.id} id={x.id}>
            {x.content}
          </div>
        ))}
      </main>
      <UnsaidError />
    </>
  );
}

refuseStrayDrops(window);
render(<App />, document.getElementById('app')!);
