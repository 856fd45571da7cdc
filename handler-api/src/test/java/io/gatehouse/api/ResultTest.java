package io.gatehouse.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultTest {

    @Test
    void okCarriesItsValue() {
        Result<Integer> ok = Result.ok(42);
        assertTrue(ok.isOk());
        assertEquals(42, ok.value());
        assertEquals(0, ok.errno());
        assertNull(ok.message());
        assertNull(Result.ok().value());
    }

    @Test
    void errorsUseDiracsMessageFormat() {
        Result<Object> plain = Result.error("declined");
        assertFalse(plain.isOk());
        assertEquals(0, plain.errno());
        assertEquals("declined", plain.message());
        Result<Object> numbered = Result.error(Errors.EACCES, "not yours");
        assertEquals(13, numbered.errno());
        assertEquals("Permission denied ( 13 : not yours)", numbered.message());
        assertEquals("Unauthorized query ( 1111 : Unauthorized query)", Errors.format(1111, "Unauthorized query"));
        assertEquals("Function not implemented", Errors.strerror(Errors.ENOSYS));
        assertThrows(NullPointerException.class, () -> Result.error(null));
    }

    @Test
    void serviceExceptionsBecomeTheSameErrors() {
        assertEquals("No such file or directory ( 2 : gone)",
                new ServiceException(Errors.ENOENT, "gone").toResult().message());
        assertEquals("plain", new ServiceException("plain").toResult().message());
        assertEquals(0, new ServiceException("plain").errno());
    }
}
