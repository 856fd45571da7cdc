package io.gatehouse.runtime.identity;

import java.time.Instant;
import java.util.Optional;

/**
 * What a certificate chain says about its holder, before any registry lookup.
 *
 * @param subject        the first certificate's subject, one-line form
 * @param issuer         the first certificate's issuer, one-line form
 * @param identityDN     the subject of the first certificate that is not a proxy
 * @param isProxy        the first certificate is a proxy
 * @param isLimitedProxy some proxy step is limited
 * @param notAfter       the earliest expiry in the chain
 * @param diracGroup     the DIRAC group the chain carries (extension 1.2.42.42), if any
 */
public record PresentedChain(String subject, String issuer, String identityDN, boolean isProxy,
                             boolean isLimitedProxy, Instant notAfter, Optional<String> diracGroup) {

    /** Seconds until the chain expires, never negative. */
    public long secondsLeft(Instant now) {
        return Math.max(0, notAfter.getEpochSecond() - now.getEpochSecond());
    }
}
