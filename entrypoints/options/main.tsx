import { render } from 'preact';
import '@/components/theme.css';
import './style.css';
import { getDb } from '@/lib/db';
import { t, uiLocale } from '@/lib/i18n';
import { PartnersPanel } from '@/components/partners/PartnersPanel';

function App() {
  document.title = t('options_title');
  document.documentElement.lang = uiLocale();
  return (
    <>
      <header class="top">
        <h1>{t('extName')}</h1>
        <nav aria-label="Veille">
          <a href="#partners" aria-current="page">
            {t('nav_partners')}
          </a>
        </nav>
      </header>
      <main id="partners">
        <PartnersPanel db={getDb()} />
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
