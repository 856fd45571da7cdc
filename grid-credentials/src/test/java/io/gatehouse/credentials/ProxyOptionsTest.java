package io.gatehouse.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.api.Test;

/** What a proxy may be asked to be, and the RFC 3820 extension that says it. */
class ProxyOptionsTest {

    @Test
    void optionsRefuseWhatCannotBeMade() {
        assertThrows(IllegalStateException.class, () -> ProxyOptions.legacy().pathLengthConstraint(1));
        assertThrows(IllegalStateException.class, () -> ProxyOptions.legacy().policyLanguage(ProxyCertificates.LIMITED));
        assertThrows(IllegalStateException.class,
                () -> ProxyOptions.rfc3820().limited().policyLanguage(ProxyCertificates.INDEPENDENT));
        assertThrows(IllegalStateException.class,
                () -> ProxyOptions.rfc3820().policyLanguage(ProxyCertificates.INDEPENDENT).limited());
        assertThrows(IllegalArgumentException.class, () -> ProxyOptions.rfc3820().pathLengthConstraint(-1));
        assertThrows(IllegalArgumentException.class, () -> ProxyOptions.rfc3820().diracGroup("gruppé"));
        assertThrows(IllegalArgumentException.class, () -> ProxyOptions.rfc3820().diracGroup(""));
        assertThrows(IllegalArgumentException.class, () -> ProxyOptions.rfc3820().lifetime(Duration.ZERO));
        // Options are values: a derived one leaves its origin unchanged.
        ProxyOptions base = ProxyOptions.rfc3820();
        ProxyOptions limited = base.limited().diracGroup("g");
        assertEquals(ProxyCertificates.INHERIT_ALL, base.policyLanguage());
        assertNull(base.diracGroup());
        assertEquals(ProxyCertificates.LIMITED, limited.policyLanguage());
        assertNull(ProxyOptions.legacy().policyLanguage());
        assertEquals(Duration.ofHours(24), base.lifetime());
        assertEquals(2048, base.keyBits());
    }

    @Test
    void proxyCertInfoRoundTripsWithAPolicy() throws Exception {
        ProxyCertInfo info = new ProxyCertInfo(5, new ASN1ObjectIdentifier("1.2.3.4"), new byte[] {1, 2, 3});
        ProxyCertInfo decoded = ProxyCertInfo.getInstance(info.getEncoded());
        assertEquals(5, decoded.pathLengthConstraint());
        assertEquals("1.2.3.4", decoded.policyLanguage().getId());
        assertArrayEquals(new byte[] {1, 2, 3}, decoded.policy());
        ASN1Sequence policy = ASN1Sequence.getInstance(ASN1Sequence.getInstance(info.getEncoded()).getObjectAt(1));
        assertInstanceOf(DEROctetString.class, policy.getObjectAt(1));
        assertThrows(IllegalArgumentException.class, () -> new ProxyCertInfo(-1, ProxyCertificates.INHERIT_ALL, null));
    }
}
