/** The options page's backup worker: writes, reads and restores backups off the page (see backup-service.ts). */
import { backupAnswerer } from './backup-service';
import { serve } from './worker-serve';

serve(backupAnswerer);
