import { Dexie, type ObservabilitySet } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DashboardChoice } from '@/lib/dashboard';
import { dashboardAnswerer, mayChangeDashboard, type DashboardAnswer, type DashboardAsk } from '@/lib/dashboard-data';
import type { VeilleDB } from '@/lib/db';
import { useWorker } from '../useWorker';

/**
 * The dashboard's figures for what the CM chose, computed off the page in its dashboard worker
 * (see dashboard-data.ts), and computed again when a write (in this page, another extension page
 * or the extension's worker) may have changed them. `undefined` until the first answer; the last
 * answer stays while a new one is computed.
 */
export function useDashboard(db: VeilleDB, choice: DashboardChoice): DashboardAnswer | undefined {
  const ask = useWorker<DashboardAsk, DashboardAnswer>(db, () => new Worker(new URL('../../lib/dashboard.worker.ts', import.meta.url), { type: 'module' }), dashboardAnswerer);
  const [version, setVersion] = useState(0);
  const [answer, setAnswer] = useState<DashboardAnswer | undefined>(undefined);
  const latest = useRef(0);
  useEffect(() => {
    const onWrite = (parts: ObservabilitySet) => {
      if (mayChangeDashboard(parts, db.name)) setVersion((v) => v + 1);
    };
    Dexie.on('storagemutated', onWrite);
    return () => Dexie.on('storagemutated').unsubscribe(onWrite);
  }, [db]);
  const { range, preset, by, account = null } = choice;
  useEffect(() => {
    const n = ++latest.current;
    void ask({ version, choice: { range, preset, by, account } }).then((a) => {
      // Only the answer to the latest ask is shown.
      if (n === latest.current) setAnswer(a);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, version, range?.from, range?.to, preset, by, account]);
  return answer;
}
