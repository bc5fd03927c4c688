/**
 * Entry of `index.html`, the wizard: bundled fonts (the app is offline), chart.js set up once, the
 * wizard state over the bridge (Electron preload or the web transport), and the app mounted.
 */
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/app.css';
import './styles/shades.css';
import './styles/review.css';
import './lib/charts/setup';
import { mount } from 'svelte';
import { z } from 'zod';
import App from './App.svelte';
import { platform } from './lib/bridge';
import { WizardState } from './wizard/wizard.svelte';

// The CSP forbids eval: stop zod from probing `new Function` (a reported CSP violation) for its JIT.
z.config({ jitless: true });

const state = new WizardState(platform);
mount(App, { target: document.getElementById('app')!, props: { state } });
