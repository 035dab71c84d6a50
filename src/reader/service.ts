import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Viewer } from '../policy/viewer.js';
import { fail, fieldErrors, ok, type Result } from '../result.js';
import { decodeSettings, encodeSettings, readerSettingsSchema, type ReaderSettings } from './settings.js';
import * as store from './store.js';

export function readerService(db: Kysely<DB>) {
  return {
    /** A signed-in reader's saved settings win over the browser's cookie; guests have the cookie. */
    async settingsFor(viewer: Viewer, cookie: string | undefined): Promise<ReaderSettings> {
      const saved = viewer.kind === 'user' ? await store.userReaderSettings(db, viewer.id) : null;
      return decodeSettings(saved ?? cookie);
    },

    /** Checks the chosen settings; keeps them for a signed-in reader. Returns the encoded value for the cookie. */
    async save(viewer: Viewer, input: Record<string, unknown>): Promise<Result<string>> {
      const parsed = readerSettingsSchema.safeParse(input);
      if (!parsed.success) return fail(fieldErrors(parsed.error.issues.map((i) => ({ ...i, message: 'Choose one of the options shown.' }))));
      const encoded = encodeSettings(parsed.data);
      if (viewer.kind === 'user') await store.saveUserReaderSettings(db, viewer.id, encoded);
      return ok(encoded);
    },
  };
}

export type ReaderService = ReturnType<typeof readerService>;
