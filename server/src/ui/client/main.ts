import { startRouter } from './router.js';

/** Entry point of the web UI bundle (see server/src/ui/ui.bundle.ts). */
const root = document.getElementById('app');
if (root) startRouter(root);
