package io.gatehouse.client.cli;

import io.gatehouse.api.wire.OpenSslNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

/** DNs in DIRAC's (OpenSSL's one-line) form. */
class OpenSslDnTest {

    @Test
    void rdnsInOrderWithShortNames() {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.DC, "org").addRDN(BCStyle.DC, "example")
                .addRDN(BCStyle.C, "ch").addRDN(BCStyle.ST, "Geneva").addRDN(BCStyle.L, "Meyrin")
                .addRDN(BCStyle.O, "Example").addRDN(BCStyle.OU, "Users")
                .addRDN(BCStyle.UID, "alice").addRDN(BCStyle.CN, "Alice Smith")
                .addRDN(BCStyle.EmailAddress, "alice@example.org");
        assertEquals("/DC=org/DC=example/C=ch/ST=Geneva/L=Meyrin/O=Example/OU=Users/UID=alice/CN=Alice Smith"
                + "/emailAddress=alice@example.org", OpenSslNames.oneLine(name.build()));
    }

    @Test
    void separatorsInValuesAreEscapedAndMultiValuedRdnsJoinedInEncodingOrder() {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "A/B+C")
                .addMultiValuedRDN(new ASN1ObjectIdentifier[] {BCStyle.CN, BCStyle.UID},
                        new ASN1Encodable[] {new DERUTF8String("host/x.example.org"), new DERUTF8String("h1")})
                .addRDN(BCStyle.CN, "Zoë")
                .addRDN(new ASN1ObjectIdentifier("1.2.3.4"), "other");
        assertEquals("/O=A\\/B\\+C/UID=h1+CN=host\\/x.example.org/CN=Zo\\xC3\\xAB/1.2.3.4=other",
                OpenSslNames.oneLine(name.build()));
    }
}
