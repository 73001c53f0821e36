import { eq } from 'drizzle-orm';
import type { Db } from '../../store/database.ts';
import { settings } from '../../store/schema.ts';

/** Install-wide settings an owner changes in the app, by key; JSON values validated by their routes. */
export async function readSetting<T>(db: Db, key: string): Promise<T | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return (row?.value as T | undefined) ?? null;
}

export async function writeSetting(db: Db, key: string, value: unknown, now: Date) {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
}
