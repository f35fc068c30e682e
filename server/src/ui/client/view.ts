import type { Route } from './routes.js';
import type { Session } from './session.js';

/** What every screen gets, and what it gives back to the router. */
export interface ViewContext {
  route: Route;
  session: Session;
  /** Go to another screen (a `#/…` fragment). */
  navigate(hash: string): void;
  /** Render the current screen again from fresh data. */
  reload(): void;
}

export interface View {
  /** The page's heading and the document title. */
  title: string;
  node: HTMLElement;
}

export type ViewFn = (ctx: ViewContext) => Promise<View>;
