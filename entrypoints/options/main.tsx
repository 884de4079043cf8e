import { render } from 'preact';
import '@/components/theme.css';
import './style.css';
import { getDb } from '@/lib/db';
import { t, uiLocale } from '@/lib/i18n';
import { HealthBanner } from '@/components/HealthBanner';
import { PartnersPanel } from '@/components/partners/PartnersPanel';
import { SettingsPanel } from '@/components/SettingsPanel';
import { VeilleHistory } from '@/components/veille/VeilleHistory';
import { Board } from '@/components/topics/Board';
import { Emerging } from '@/components/topics/Emerging';
import { WeeklyReport } from '@/components/topics/WeeklyReport';
import { ImportPanel } from '@/components/analytics/ImportPanel';
import { Dashboard } from '@/components/analytics/Dashboard';
import { BackupPanel } from '@/components/BackupPanel';

function App() {
  const db = getDb();
  document.title = t('options_title');
  document.documentElement.lang = uiLocale();
  return (
    <>
      <header class="top">
        <h1>{t('extName')}</h1>
        <nav aria-label="Veille">
          <a href="#partners">{t('nav_partners')}</a>
          <a href="#topics">{t('nav_topics')}</a>
          <a href="#report">{t('nav_report')}</a>
          <a href="#analytics">{t('nav_analytics')}</a>
          <a href="#veille">{t('nav_veille')}</a>
          <a href="#backup">{t('nav_backup')}</a>
          <a href="#settings">{t('nav_settings')}</a>
        </nav>
      </header>
      <HealthBanner db={db} />
      <main>
        <div id="partners">
          <PartnersPanel db={db} />
        </div>
        <div id="topics">
          <Board db={db} />
          <Emerging db={db} />
        </div>
        <div id="report">
          <WeeklyReport db={db} />
        </div>
        <div id="analytics">
          <ImportPanel db={db} />
          <Dashboard db={db} />
        </div>
        <div id="veille">
          <VeilleHistory db={db} />
        </div>
        <div id="backup">
          <BackupPanel db={db} />
        </div>
        <div id="settings">
          <SettingsPanel db={db} />
        </div>
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
