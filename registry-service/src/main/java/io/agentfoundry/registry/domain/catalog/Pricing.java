package io.agentfoundry.registry.domain.catalog;

import java.math.BigDecimal;

/**
 * On-demand price in {@code currency}. Token prices are those of the default way of calling the model (its default
 * inference profile, or its base id).
 *
 * @param regionalPremiumPercent how much more a regional (non-{@code global}) profile costs; null where the same
 */
public record Pricing(PricingUnit unit, String currency, BigDecimal inputPerMillionTokens,
                      BigDecimal outputPerMillionTokens, BigDecimal perImage, BigDecimal perSecond,
                      Integer regionalPremiumPercent, String note) {
}
