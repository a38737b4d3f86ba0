/**
 * `GET /campaigns/{code}`: what a campaign code unlocks. ITB only tags treatments (ext-campaigns) and
 * cannot validate a code (spec §11.5), so validity, clinic scope and message come from the BFF's
 * campaign file and the treatments from the cached catalog's tags.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { checkCampaign, isCampaignCodeShaped, type CampaignInfo } from '@itb/shared';
import { OutcomeError } from '../errors.js';
import { rateLimitPerMinute } from '../plugins/security.js';


/** Campaign route group. */
export async function campaignRoutes(app: FastifyInstance): Promise<void> {
  // Codes are short and guessable: a per-client limit makes trying them one by one slow.
  app.get<{ Params: { code: string } }>('/campaigns/:code', { config: rateLimitPerMinute(app.config.rateLimitCampaignPerMinute) }, async (request, reply) => {
    const code = request.params.code;
    // A code that cannot exist is simply unknown (no separate 400: nothing to learn from the difference).
    const check = !isCampaignCodeShaped(code)
      ? { ok: false as const, reason: 'campaign-unknown' as const }
      : checkCampaign(app.config.campaigns, code, app.now());
    if (!check.ok) {
      throw new OutcomeError(check.reason, check.reason === 'campaign-expired' ? 'This campaign code has expired.' : 'Unknown campaign code.');
    }
    const { campaign } = check;
    const tag = campaign.tag ?? campaign.code;
    const { catalog } = await app.catalogSource.systemCatalog();
    const treatmentIds = [...catalog.treatments.values()]
      .filter((t) => t.campaigns.some((c) => c.toLowerCase() === tag.toLowerCase()))
      .map((t) => t.id);
    const info: CampaignInfo = {
      code: campaign.code,
      tag,
      treatmentIds,
      ...(campaign.message === undefined ? {} : { message: campaign.message }),
      ...(campaign.validTo === undefined ? {} : { validTo: campaign.validTo }),
      ...(campaign.clinicIds === undefined ? {} : { clinicIds: campaign.clinicIds }),
    };
    return reply.header('Cache-Control', 'private, max-age=60').send(info);
  });
}
