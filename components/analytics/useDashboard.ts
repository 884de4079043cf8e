import { Dexie, type ObservabilitySet } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DashboardChoice } from '@/lib/dashboard';
import { dashboardAnswerer, mayChangeDashboard, type DashboardAnswer, type DashboardAsk } from '@/lib/dashboard-data';
import type { VeilleDB } from '@/lib/db';
import { startWorker, type Asker } from '@/lib/worker-serve';

/**
 * The dashboard's figures for what the CM chose, computed off the page (see dashboard-data.ts), and
 * computed again when a write (in this page, another extension page or the extension's worker)
 * may have changed them. `undefined` until the first answer; the last answer stays while a new
 * one is computed.
 */
export function useDashboard(db: VeilleDB, choice: DashboardChoice): DashboardAnswer | undefined {
  const [version, setVersion] = useState(0);
  const [answer, setAnswer] = useState<DashboardAnswer | undefined>(undefined);
  const source = useRef<Asker<DashboardAsk> | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    source.current = startWorker(
      () => new Worker(new URL('../../lib/dashboard.worker.ts', import.meta.url), { type: 'module' }),
      dashboardAnswerer,
      (a: DashboardAnswer) => {
        // Only the answer to the latest ask is shown.
        if (a.id === latest.current) setAnswer(a);
      },
    );
    const onWrite = (parts: ObservabilitySet) => {
      if (mayChangeDashboard(parts, db.name)) setVersion((v) => v + 1);
    };
    Dexie.on('storagemutated', onWrite);
    return () => {
      Dexie.on('storagemutated').unsubscribe(onWrite);
      source.current?.stop();
      source.current = null;
    };
  }, [db]);
  const { range, preset, by } = choice;
  useEffect(() => {
    source.current?.ask({ id: ++latest.current, dbName: db.name, version, choice: { range, preset, by } });
  }, [db, version, range?.from, range?.to, preset, by]);
  return answer;
}
