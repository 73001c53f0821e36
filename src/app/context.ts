import { v7 as uuidv7 } from 'uuid';
import type { Store } from '../store/database.ts';

export interface AppContext {
  store: Store;
  now?: () => Date;
}

/** The member a write is done by; null only for anonymous submissions. */
export interface Actor {
  id: string;
  name: string;
}

export const newId = (): string => uuidv7();
export const nowOf = (ctx: AppContext): Date => (ctx.now ? ctx.now() : new Date());
export const iso = (d: Date | string): string => (typeof d === 'string' ? new Date(d).toISOString() : d.toISOString());
