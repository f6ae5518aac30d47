package io.agentfoundry.registry.service;

import io.agentfoundry.registry.domain.catalog.Catalog;
import io.agentfoundry.registry.domain.catalog.Pricing;
import io.agentfoundry.registry.domain.catalog.PricingUnit;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The price of 1,000 invocations of an agent from the catalog's on-demand prices. */
public final class CostEstimator {

    public static final int INVOCATIONS = 1_000;
    private static final BigDecimal TOKENS_PER_PRICE_UNIT = BigDecimal.valueOf(1_000_000);

    private CostEstimator() {
    }

    /**
     * @param totalUsd null when the catalog has no token price for the model
     * @param basis    which price was used and why, for people
     */
    public record CostEstimate(int invocations, long inputTokensPerInvocation, long outputTokensPerInvocation,
                               BigDecimal inputUsd, BigDecimal outputUsd, BigDecimal totalUsd, String basis) {
    }

    public static CostEstimate estimate(Catalog.ResolvedModel resolved, long inputTokens, long outputTokens) {
        Pricing pricing = resolved.model().pricing();
        if (pricing.unit() == PricingUnit.LOCAL) {
            return new CostEstimate(INVOCATIONS, inputTokens, outputTokens, BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, pricing.note());
        }
        if (pricing.unit() != PricingUnit.PER_MILLION_TOKENS || pricing.inputPerMillionTokens() == null
                || pricing.outputPerMillionTokens() == null) {
            return new CostEstimate(INVOCATIONS, inputTokens, outputTokens, null, null, null,
                    "The catalog has no per-token price for " + resolved.model().displayName());
        }
        BigDecimal factor = BigDecimal.ONE;
        String basis = "On-demand price of " + resolved.invocationId();
        boolean regional = !resolved.invocationId().startsWith("global.")
                && resolved.model().inferenceProfiles().stream().anyMatch(profile -> profile.id().equals(resolved.invocationId()));
        if (regional && pricing.regionalPremiumPercent() != null) {
            factor = BigDecimal.ONE.add(BigDecimal.valueOf(pricing.regionalPremiumPercent()).movePointLeft(2));
            basis += ", a regional profile: " + pricing.regionalPremiumPercent() + "% above the global price";
        }
        BigDecimal input = cost(inputTokens, pricing.inputPerMillionTokens(), factor);
        BigDecimal output = cost(outputTokens, pricing.outputPerMillionTokens(), factor);
        return new CostEstimate(INVOCATIONS, inputTokens, outputTokens, input, output, input.add(output), basis);
    }

    private static BigDecimal cost(long tokensPerInvocation, BigDecimal pricePerMillion, BigDecimal factor) {
        return BigDecimal.valueOf(tokensPerInvocation).multiply(BigDecimal.valueOf(INVOCATIONS))
                .multiply(pricePerMillion).multiply(factor)
                .divide(TOKENS_PER_PRICE_UNIT, 4, RoundingMode.HALF_UP);
    }
}
