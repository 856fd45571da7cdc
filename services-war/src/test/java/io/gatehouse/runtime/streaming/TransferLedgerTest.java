package io.gatehouse.runtime.streaming;

import io.gatehouse.api.wire.Transfers;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferLedgerTest {

    private static final Transfers.Checksum SOME = new Transfers.Checksum(3, "024d0127",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    @Test
    void aTransferAnswersOnlyItsOwner() throws Exception {
        TransferLedger ledger = new TransferLedger();
        TransferLedger.Transfer transfer = ledger.begin("/CN=alice");
        transfer.completed(SOME);
        assertEquals(SOME, ledger.find(transfer.id(), "/CN=alice").orElseThrow().outcome().get());
        assertTrue(ledger.find(transfer.id(), "/CN=bob").isEmpty());
        assertTrue(ledger.find("no-such-id", "/CN=alice").isEmpty());
        assertTrue(ledger.find(null, "/CN=alice").isEmpty());
    }

    @Test
    void aFailedTransferSaysWhy() {
        TransferLedger ledger = new TransferLedger();
        TransferLedger.Transfer transfer = ledger.begin("");
        transfer.failed("cut");
        ExecutionException e = assertThrows(ExecutionException.class, () -> transfer.outcome().get());
        assertInstanceOf(TransferLedger.IncompleteTransfer.class, e.getCause());
        assertEquals("cut", e.getCause().getMessage());
    }

    @Test
    void idsAreUnguessableAndTheLedgerIsBounded() {
        TransferLedger ledger = new TransferLedger();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < TransferLedger.MAX_RECORDS + 500; i++) {
            String id = ledger.begin("o").id();
            assertEquals(22, id.length(), "128 random bits, base64url");
            ids.add(id);
        }
        assertEquals(TransferLedger.MAX_RECORDS + 500, ids.size());
        long kept = ids.stream().filter(id -> ledger.find(id, "o").isPresent()).count();
        assertTrue(kept <= TransferLedger.MAX_RECORDS, kept + " kept");
    }
}
