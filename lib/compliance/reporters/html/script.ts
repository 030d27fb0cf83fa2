/**
 * The dashboard's script (inline, plain DOM, no library), in parts under ./client/. It reads the embedded JSON and
 * renders every list with textContent / setAttribute only: no report value is ever parsed as HTML.
 */
import { CHART_JS } from './client/chart';
import { FILTERS_JS } from './client/filters';
import { FINDINGS_JS } from './client/findings';
import { FRAMEWORKS_JS } from './client/frameworks';
import { HELPERS_JS } from './client/helpers';
import { SUPPRESSIONS_JS } from './client/suppressions';
import { WIRING_JS } from './client/wiring';

export const DASHBOARD_JS = [HELPERS_JS, FILTERS_JS, FINDINGS_JS, CHART_JS, FRAMEWORKS_JS, SUPPRESSIONS_JS, WIRING_JS].join('');
