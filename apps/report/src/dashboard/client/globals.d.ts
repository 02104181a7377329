// What the page's other scripts put on window: uPlot (its IIFE build) and the sign-in helper
// (auth.client.js, jwt mode).
import type uPlot from 'uplot';
import type { ClientConfig } from '../../api/client-config';

/** The sign-in helper of auth.client.js. */
export interface StreamLensAuth {
  startSignIn(auth: ClientConfig['auth']): Promise<void>;
  completeSignIn(auth: ClientConfig['auth']): Promise<boolean>;
  accessToken(): string | null;
  signOut(): void;
}

declare global {
  interface Window {
    uPlot: typeof uPlot;
    StreamLensAuth: StreamLensAuth;
  }
}
