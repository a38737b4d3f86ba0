/**
 * Reads and validates the campaign file (ITB_CAMPAIGNS_FILE) once at start-up. ITB cannot validate
 * campaign codes (spec §11.5), so this file is the only authority; a broken one must stop start-up.
 * @module
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CAMPAIGN_CODE_MAX_LENGTH, type CampaignDefinition } from '@itb/shared';

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with offset, e.g. 2026-06-01T00:00:00+02:00' });
const code = z.string().trim().min(1).max(CAMPAIGN_CODE_MAX_LENGTH).regex(/^[\p{L}\p{N}_-]+$/u, 'may contain letters, digits, "-" and "_" only');

const campaignSchema = z.strictObject({
  code,
  tag: z.string().trim().min(1).max(100).optional(),
  validFrom: instant.optional(),
  validTo: instant.optional(),
  clinicIds: z.array(z.string().min(1).max(128)).min(1).optional(),
  message: z.union([z.string().max(2000), z.record(z.string().min(2).max(10), z.string().max(2000))]).optional(),
}).refine((c) => c.validFrom === undefined || c.validTo === undefined || Date.parse(c.validFrom) < Date.parse(c.validTo), {
  message: 'validFrom must be before validTo',
});

const fileSchema = z.array(campaignSchema).max(1000).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((c, index) => {
    const key = c.code.toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'code'], message: 'duplicate code (codes match case-insensitively)' });
    seen.add(key);
  });
});

/** Result of {@link readCampaignFile}: the campaigns, or every problem found (never file contents). */
export type CampaignFileResult =
  | { readonly ok: true; readonly campaigns: readonly CampaignDefinition[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Read `path` as a JSON array of CampaignDefinition. */
export function readCampaignFile(path: string): CampaignFileResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { ok: false, problems: [`cannot read ${path} (${reason})`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: [`${path} is not valid JSON`] };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${path} at ${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`),
    };
  }
  return { ok: true, campaigns: Object.freeze(parsed.data.map((c) => Object.freeze(c))) };
}
