/** The options page's import worker: reads analytics exports and stores them off the page (see import-service.ts). */
import { importAnswerer } from './import-service';
import { serve } from './worker-serve';

serve(importAnswerer);
