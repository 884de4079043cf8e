/**
 * The options page's dashboard worker: reads the imported analytics and computes the dashboard's
 * figures off the page (see dashboard-data.ts).
 */
import { dashboardAnswerer } from './dashboard-data';
import { serve } from './worker-serve';

serve(dashboardAnswerer);
